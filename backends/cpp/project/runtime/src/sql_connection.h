#pragma once

// The connection behind SqlStore, one per dialect (sqlite_connection.cpp, postgresql_connection.cpp):
// statements with `?` parameters, values bound and read by column kind, whole scripts, and the
// SQL spelling of what the dialects say differently (the order of decimals and date-times, the
// search, membership in a JSON list). Errors are exceptions: Constraint for a violated
// constraint, std::runtime_error for anything else.

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bpc/runtime/query.h"
#include "bpc/runtime/store.h"

namespace bpc::runtime {

// A value as a statement takes it.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// A JSON value as a column of this kind holds it (JSON text for `Json`), in most dialects.
SqlValue to_column(ColumnKind kind, const Json& value);

// A name in SQL: double-quoted, quotes doubled.
std::string sql_name(std::string_view name);
// A string literal in SQL: single-quoted, quotes doubled.
std::string sql_literal(std::string_view text);

// A date-time as a database gives it back — SQLAlchemy's UTC text in SQLite
// (`2024-01-31 10:00:00.500000`, or with the offset `+00:00` a migration's default has),
// PostgreSQL's ISO output in UTC (`2024-01-31 10:00:00.5+00`), or RFC 3339 as written — in the
// form the service writes (values.h: utc_datetime), so a record reads back as it was written.
std::string stored_instant(std::string text);

// A violated UNIQUE, PRIMARY KEY or FOREIGN KEY constraint, with the database's message and, when
// it names one, the constraint.
class Constraint : public std::runtime_error {
 public:
  Constraint(const std::string& message, bool unique, std::string name = {})
      : std::runtime_error(message), unique_(unique), name_(std::move(name)) {}
  bool unique() const { return unique_; }
  const std::string& name() const { return name_; }

 private:
  bool unique_;
  std::string name_;
};

// The rows of a statement that ran: step() to each, then read its columns.
class SqlRows {
 public:
  virtual ~SqlRows() = default;
  // The next row; false when there is none.
  virtual bool step() = 0;
  virtual Json column(int index, ColumnKind kind) const = 0;
  virtual std::int64_t integer(int index) const = 0;
};

enum class Dialect : std::uint8_t {
  Sqlite,
  Postgresql
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual Dialect dialect() const = 0;
  // The name of the dialect's folder of migration scripts.
  std::string_view dialect_name() const { return dialect() == Dialect::Sqlite ? "sqlite" : "postgresql"; }

  // Runs SQL without parameters or rows; it may be several statements (a script).
  virtual void execute(const std::string& sql) = 0;
  // Ends the open transaction, if there is one; never throws.
  virtual void rollback() noexcept = 0;
  // Runs a statement with `?` parameters and gives its rows.
  virtual std::unique_ptr<SqlRows> query(const std::string& sql, const std::vector<SqlValue>& values) = 0;
  // Runs a statement without rows; the number of rows it changed.
  virtual std::int64_t run(const std::string& sql, const std::vector<SqlValue>& values) = 0;
  // Whether the database has a table of this name (in the schema the connection works in).
  virtual bool has_table(const std::string& name) = 0;
  // Starts a transaction. SQLite takes the write lock at once, so two processes never both read
  // and then fail to write; PostgreSQL opens a lost connection again first (nothing of the
  // transaction has happened yet, so that is safe), and once more if BEGIN finds it lost.
  virtual void begin() = 0;

  // A JSON value as a column of this kind holds it in this dialect.
  virtual SqlValue column_value(ColumnKind kind, const Json& value) const { return to_column(kind, value); }

  // How an expression orders and compares: `expression` as it is, or the dialect's way of
  // comparing decimals and date-times by value and text by its bytes.
  virtual std::string ordered(const std::string& expression, OrderKind::Kind kind) const = 0;
  // A condition true when the text column `column` contains the `?` parameter ignoring case.
  virtual std::string contains(const std::string& column) const = 0;
  // A condition true when the JSON list in `column` holds the `?` parameter, and that parameter's
  // value.
  virtual std::string json_list_has(const std::string& column) const = 0;
  virtual SqlValue json_element(const Json& value) const = 0;
  // The statements that make the outbox table: the one the Python service of the blueprint makes,
  // so either service can open the other's database.
  virtual std::vector<std::string> outbox_table() const = 0;
  // What orders the outbox's rows oldest first.
  virtual std::string outbox_order() const = 0;
};

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path);
std::unique_ptr<SqlConnection> open_postgresql(const std::string& url);

}  // namespace bpc::runtime
