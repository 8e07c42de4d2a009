// The SQLite implementation of database.h: the embedded default.

#include <sqlite3.h>

#include <chrono>
#include <map>
#include <thread>
#include <vector>

#include "service/database_drivers.h"

namespace bpc::service {

namespace {

// The write-ahead log's frames past which a checkpoint empties it: 16 MiB of 4 KiB pages.
constexpr int kRestartFrames = 4096;

// Prepared statements kept per connection for reuse, by SQL text: the store runs the same few
// dozen statements over and over, and preparing one costs more than running it.
class StatementCache {
 public:
  ~StatementCache() {
    for (auto& [sql, statements] : idle_) {
      for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
    }
  }
  sqlite3_stmt* take(std::string_view sql) {
    const auto found = idle_.find(sql);
    if (found == idle_.end() || found->second.empty()) return nullptr;
    sqlite3_stmt* statement = found->second.back();
    found->second.pop_back();
    return statement;
  }
  void give_back(std::string sql, sqlite3_stmt* statement) {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    idle_[std::move(sql)].push_back(statement);
  }

 private:
  std::map<std::string, std::vector<sqlite3_stmt*>, std::less<>> idle_;
};

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(sqlite3* db, StatementCache& cache, std::string_view sql);
  ~SqliteStatement() override { cache_.give_back(std::move(sql_), statement_); }

  void bind(int index, std::int64_t value) override { check(sqlite3_bind_int64(statement_, index, value), "bind"); }
  void bind(int index, std::string_view text) override {
    check(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), "bind");
  }
  void bind_null(int index) override { check(sqlite3_bind_null(statement_, index), "bind"); }
  bool step() override {
    const int code = sqlite3_step(statement_);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    fail(code, "step");
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(statement_, column); }
  std::string text(int column) const override {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_, column));
    const int size = sqlite3_column_bytes(statement_, column);
    return bytes == nullptr ? std::string() : std::string(bytes, static_cast<std::size_t>(size));
  }
  bool is_null(int column) const override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

 private:
  void check(int code, std::string_view what) const {
    if (code != SQLITE_OK) fail(code, what);
  }
  [[noreturn]] void fail(int code, std::string_view what) const {
    throw StoreError(std::string(what) + ": " + sqlite3_errmsg(db_), (code & 0xff) == SQLITE_CONSTRAINT);
  }

  sqlite3* db_;
  StatementCache& cache_;
  std::string sql_;
  sqlite3_stmt* statement_ = nullptr;
};

SqliteStatement::SqliteStatement(sqlite3* db, StatementCache& cache, std::string_view sql)
    : db_(db), cache_(cache), sql_(sql) {
  statement_ = cache.take(sql);
  if (statement_ != nullptr) return;
  const int code = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement_, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(statement_);
    statement_ = nullptr;
    fail(code, "prepare");
  }
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::shared_ptr<std::mutex> writers) : writers_(std::move(writers)) {
    const int code = sqlite3_open_v2(path.c_str(), &db_,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (code != SQLITE_OK) {
      const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
      sqlite3_close(db_);
      throw StoreError("cannot open " + path + ": " + message, false);
    }
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    // WAL: readers never block the writer; synchronous=FULL: a committed version survives a
    // crash or power loss, not only a killed process. No commit checkpoints the log: the store's
    // Checkpointer does, off the requests' path (checkpointer.h).
    execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0;");
  }
  ~SqliteConnection() override {
    cache_.reset();
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::Sqlite; }
  std::unique_ptr<StatementImpl> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStatement>(db_, *cache_, sql);
  }
  void execute(std::string_view sql) override {
    char* error = nullptr;
    const int code = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
      const std::string message = error != nullptr ? error : sqlite3_errstr(code);
      sqlite3_free(error);
      throw StoreError("sqlite: " + message, (code & 0xff) == SQLITE_CONSTRAINT);
    }
  }
  std::int64_t changes() const override { return sqlite3_changes(db_); }
  // One writer at a time for the whole database; the lock's name does not matter.
  void begin_write(std::string_view) override {
    writer_turn_ = std::unique_lock(*writers_);
    try {
      execute("BEGIN IMMEDIATE");
    } catch (...) {
      writer_turn_.unlock();
      throw;
    }
  }
  // The one writer's turn is every lock at once.
  void lock(std::string_view) override {}
  bool try_lock(std::string_view) override { return true; }
  // The queue is in one process, which signals its workers itself.
  void notify(std::string_view) override {}
  void checkpoint() override {
    int frames = 0, copied = 0;
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
    if (frames <= kRestartFrames) return;
    // Readers that never all stop at once keep the log from starting over, and it grows without
    // end (gigabytes under steady load, every lookup slower). Restarting it waits for the readers
    // of the moment, in short sleeps, and takes the writers' turn, so that this process's writers
    // queue on it rather than sleep in SQLite's busy handler.
    const std::lock_guard turn(*writers_);
    sqlite3_busy_handler(db_, [](void*, int tries) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      return tries < 10'000 ? 1 : 0;
    }, nullptr);
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_RESTART, &frames, &copied);
    sqlite3_busy_timeout(db_, 10000);
  }
  void commit() override {
    const std::unique_lock turn = std::move(writer_turn_);
    execute("COMMIT");
  }
  void rollback() override {
    const std::unique_lock turn = std::move(writer_turn_);
    try {
      execute("ROLLBACK");
    } catch (const StoreError&) {
      // The transaction is gone already (SQLite ended it on an error).
    }
  }

 private:
  sqlite3* db_ = nullptr;
  std::shared_ptr<std::mutex> writers_;
  std::unique_lock<std::mutex> writer_turn_;  // held from begin_write to commit or rollback
  std::unique_ptr<StatementCache> cache_ = std::make_unique<StatementCache>();
};

}  // namespace

std::unique_ptr<Connection> open_sqlite_connection(const std::string& path, std::shared_ptr<std::mutex> writers) {
  // SQLite counts the memory it allocates under one process-wide mutex, which every connection's
  // every allocation takes: with many request threads that is the service's most contended lock.
  // Counting is configured off once, before SQLite's first use (it cannot be changed after).
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  return std::make_unique<SqliteConnection>(path, std::move(writers));
}

}  // namespace bpc::service
