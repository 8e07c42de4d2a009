#pragma once

// The SQLite connection behind SqliteStore: statements prepared once and kept, values bound and
// read by column kind, and the collations and functions the store's SQL uses (`bpc_decimal`,
// `bpc_datetime`, `bpc_contains`) registered on open. Errors are exceptions: Constraint for a
// violated constraint (with SQLite's message), std::runtime_error for anything else.

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bpc/runtime/sqlite_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace bpc::runtime {

// A value as a statement takes it.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// A JSON value as a column of this kind holds it (JSON text for `Json`).
SqlValue to_column(ColumnKind kind, const Json& value);

// A JSON scalar as SQLite compares it with values inside JSON text (`json_each`).
SqlValue to_json_scalar(const Json& value);

// A name in SQL: double-quoted, quotes doubled.
std::string sql_name(std::string_view name);

// A violated UNIQUE, PRIMARY KEY or FOREIGN KEY constraint.
class Constraint : public std::runtime_error {
 public:
  Constraint(const std::string& message, bool unique) : std::runtime_error(message), unique_(unique) {}
  bool unique() const { return unique_; }

 private:
  bool unique_;
};

class SqliteStore::Connection {
 public:
  explicit Connection(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters or rows (schema, BEGIN, COMMIT).
  void execute(const std::string& sql);
  // Ends the open transaction, if SQLite has not ended it already; never throws.
  void rollback() noexcept;

  // A prepared statement in use: bound, stepped, reset when it goes.
  class Statement {
   public:
    Statement(sqlite3_stmt* statement, bool owned) : statement_(statement), owned_(owned) {}
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;

    Statement& bind(const std::vector<SqlValue>& values);
    // The next row; false when there is none. Runs a statement without rows to its end.
    bool step();
    Json column(int index, ColumnKind kind) const;
    std::int64_t integer(int index) const;

   private:
    sqlite3_stmt* statement_;
    bool owned_;  // finalized when it goes, instead of kept in the cache
  };

  // The statement of `sql`, prepared on first use.
  Statement prepare(const std::string& sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace bpc::runtime
