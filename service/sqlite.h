#pragma once

// A thin, exception-safe layer over SQLite's C API for the service's embedded store: a
// connection, prepared statements with typed binds and reads, and a transaction guard.
//
// Every connection runs in WAL mode with foreign keys on and a busy timeout, so several request
// threads (one connection each, from the store's pool) read while one writes. Writes open with
// BEGIN IMMEDIATE: two writers never deadlock on a lock upgrade, and checks made inside a write
// transaction (quotas, the expected head version) cannot be raced by another writer.
//
// Errors throw StoreError with SQLite's message; a constraint violation says so, for callers that
// map it to 409.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace bpc::service {

class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& message, bool constraint) : std::runtime_error(message), constraint_(constraint) {}
  bool constraint_violation() const { return constraint_; }

 private:
  bool constraint_;
};

class SqliteConnection;

class Statement {
 public:
  Statement(SqliteConnection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds are 1-based, as in SQL's `?1`.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_null(int index);
  Statement& bind_optional(int index, const std::optional<std::string>& text);

  // Advances to the next row: true while there is one.
  bool step();
  // Runs a statement that returns no rows.
  void run();

  std::int64_t integer(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optional_text(int column) const;
  bool is_null(int column) const;

 private:
  SqliteConnection& connection_;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteConnection {
 public:
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void execute(std::string_view sql);  // one or more statements, no results
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;
  sqlite3* handle() const { return db_; }
  [[noreturn]] void fail(int code, std::string_view what) const;

 private:
  sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() ran.
class WriteTransaction {
 public:
  explicit WriteTransaction(SqliteConnection& connection);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

}  // namespace bpc::service
