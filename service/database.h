#pragma once

// The service's relational store, behind one small interface with two implementations:
//   SQLite      the embedded default (sqlite_database.cpp): one file, WAL, nothing to install;
//   PostgreSQL  for several service instances sharing one store (postgres_database.cpp), by URL.
//
// The store's SQL is written once, in the subset both understand, with `?1`-style parameters
// (PostgreSQL's connection rewrites them to `$1`). What differs is confined here and in the
// migrations (schema.cpp): column types, identity columns, and how a write is serialized:
//   - A write transaction names a lock (the tenant it changes). SQLite has one writer at a time
//     (BEGIN IMMEDIATE), so the name is moot; PostgreSQL takes a transaction-scoped advisory lock
//     on it, so writes to one tenant are serialized (quotas and version numbers cannot be raced,
//     and a tenant's events commit in sequence order) while different tenants write in parallel.
//   - The generation queue's workers, on PostgreSQL, take a tenant's lock only if it is free
//     (try_lock) and wake on NOTIFY (Notifications); on SQLite every write holds the one writer's
//     lock, so try_lock always succeeds, and the queue is in one process, so there is no NOTIFY.
//
// Errors throw StoreError with the database's message; a constraint violation says so, for
// callers that map it to 409.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bpc::service {

class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& message, bool constraint) : std::runtime_error(message), constraint_(constraint) {}
  bool constraint_violation() const { return constraint_; }

 private:
  bool constraint_;
};

enum class Dialect : std::uint8_t { Sqlite, Postgres };

// One prepared statement of a connection: binds are 1-based (`?1`), rows are read in order.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  virtual void bind(int index, std::int64_t value) = 0;
  virtual void bind(int index, std::string_view text) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual std::string text(int column) const = 0;
  virtual bool is_null(int column) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual std::unique_ptr<StatementImpl> prepare(std::string_view sql) = 0;
  virtual void execute(std::string_view sql) = 0;  // one or more statements, no results
  virtual std::int64_t changes() const = 0;        // rows changed by the last statement run
  // Starts a write transaction serialized with every other one naming `lock`; it ends with
  // commit() or rollback(). An empty `lock` names none: the transaction takes its locks itself
  // (lock, try_lock, row locks).
  virtual void begin_write(std::string_view lock) = 0;
  // In a write transaction: takes `lock` too, waiting for it (lock), or unless another
  // transaction holds it (try_lock: false).
  virtual void lock(std::string_view lock) = 0;
  virtual bool try_lock(std::string_view lock) = 0;
  // In a write transaction: when it commits, wakes whoever listens on `channel` (Notifications).
  virtual void notify(std::string_view channel) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Copies SQLite's write-ahead log into the database file, and restarts the log once it has
  // grown past a bound (checkpointer.h); nothing on PostgreSQL.
  virtual void checkpoint() = 0;
};

// Opens a connection: a PostgreSQL URL (`postgresql://...` or `postgres://...`), else the path of
// a SQLite database file. The connections of one pool share `writers`: SQLite's writers queue
// on it in the process (in turn) instead of polling the database's lock with sleeps.
std::unique_ptr<Connection> open_connection(const std::string& target, const std::shared_ptr<std::mutex>& writers);
bool is_postgres_url(std::string_view target);

// A connection of its own that listens on one channel (PostgreSQL's LISTEN).
class Notifications {
 public:
  virtual ~Notifications() = default;
  // Waits up to `timeout` for a notification: true when one came. A broken connection is opened
  // again on a later call; meanwhile the wait times out.
  virtual bool wait(std::chrono::milliseconds timeout) = 0;
};
// Listens on `channel` of the store at `target`; nothing for SQLite, which has no notifications.
std::unique_ptr<Notifications> listen_for(const std::string& target, const std::string& channel);

// A statement in use: a handle that forwards to its implementation, for chained binds.
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql) : impl_(connection.prepare(sql)) {}
  Statement& bind(int index, std::int64_t value) {
    impl_->bind(index, value);
    return *this;
  }
  Statement& bind(int index, std::string_view text) {
    impl_->bind(index, text);
    return *this;
  }
  Statement& bind_null(int index) {
    impl_->bind_null(index);
    return *this;
  }
  Statement& bind_optional(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bind_null(index);
  }
  Statement& bind_optional(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  // Advances to the next row: true while there is one.
  bool step() { return impl_->step(); }
  // Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }
  std::int64_t integer(int column) const { return impl_->integer(column); }
  std::string text(int column) const { return impl_->text(column); }
  std::optional<std::string> optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
  }
  bool is_null(int column) const { return impl_->is_null(column); }

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// begin_write on construction; ROLLBACK on destruction unless commit() ran.
class WriteTransaction {
 public:
  WriteTransaction(Connection& connection, std::string_view lock) : connection_(connection) {
    connection_.begin_write(lock);
  }
  ~WriteTransaction() {
    if (!done_) connection_.rollback();
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit() {
    connection_.commit();
    done_ = true;
  }

 private:
  Connection& connection_;
  bool done_ = false;
};

}  // namespace bpc::service
