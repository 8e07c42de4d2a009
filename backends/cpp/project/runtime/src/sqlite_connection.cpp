// SqlConnection on SQLite: statements prepared once and kept, values bound and read by column
// kind, and what the store's SQL uses registered on open (the `bpc_decimal` collation, the
// `bpc_contains` function). Foreign keys on; a file database in WAL mode.

#include <sqlite3.h>

#include <map>
#include <optional>

#include "sql_connection.h"

namespace bpc::runtime {

namespace {

// A cache this size holds every statement a blueprint's routes make; list queries with unusual
// combinations of filters beyond it are prepared for each use.
constexpr std::size_t kCachedStatements = 512;

std::string_view text_argument(sqlite3_value* value) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  return text == nullptr ? std::string_view() : std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value)));
}

int compare_decimals(void* /*unused*/, int a_size, const void* a, int b_size, const void* b) {
  const std::string_view x(static_cast<const char*>(a), static_cast<std::size_t>(a_size));
  const std::string_view y(static_cast<const char*>(b), static_cast<std::size_t>(b_size));
  if (const auto order = compare_decimal(x, y)) return *order;
  const int order = x.compare(y);
  return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

// bpc_contains(value, text): 1 when the value is text containing `text`, ignoring case.
void contains_function(sqlite3_context* context, int /*count*/, sqlite3_value** arguments) {
  if (sqlite3_value_type(arguments[0]) != SQLITE_TEXT) {  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    sqlite3_result_int(context, 0);
    return;
  }
  const Json value = std::string(text_argument(arguments[0]));  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
  const std::string text(text_argument(arguments[1]));          // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
  sqlite3_result_int(context, contains_text(value, text) ? 1 : 0);
}

[[noreturn]] void fail(sqlite3* db, const std::string& doing) {
  const int code = sqlite3_extended_errcode(db);
  const std::string message = sqlite3_errmsg(db);
  if ((code & 0xFF) == SQLITE_CONSTRAINT) {
    const bool unique = code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY;
    throw Constraint(message, unique);
  }
  throw std::runtime_error("SQLite: " + doing + ": " + message);
}

class SqliteRows final : public SqlRows {
 public:
  SqliteRows(sqlite3_stmt* statement, bool owned) : statement_(statement), owned_(owned) {}
  ~SqliteRows() override {
    if (owned_) {
      sqlite3_finalize(statement_);
    } else {
      sqlite3_reset(statement_);
      sqlite3_clear_bindings(statement_);
    }
  }
  SqliteRows(const SqliteRows&) = delete;
  SqliteRows& operator=(const SqliteRows&) = delete;

  void bind(const std::vector<SqlValue>& values) {
    int index = 1;
    for (const SqlValue& value : values) {
      int bound = SQLITE_OK;
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        bound = sqlite3_bind_int64(statement_, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        bound = sqlite3_bind_double(statement_, index, *real);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        bound = sqlite3_bind_text64(statement_, index, text->data(), text->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      } else {
        bound = sqlite3_bind_null(statement_, index);
      }
      if (bound != SQLITE_OK) fail(sqlite3_db_handle(statement_), "binding a value");
      ++index;
    }
  }

  bool step() override {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    fail(sqlite3_db_handle(statement_), sqlite3_sql(statement_));
  }

  Json column(int index, ColumnKind kind) const override {
    const int type = sqlite3_column_type(statement_, index);
    if (type == SQLITE_NULL) return nullptr;
    if (type == SQLITE_INTEGER && kind == ColumnKind::Boolean) return sqlite3_column_int64(statement_, index) != 0;
    if (type == SQLITE_INTEGER && kind != ColumnKind::Float && kind != ColumnKind::Json) return sqlite3_column_int64(statement_, index);
    if ((type == SQLITE_INTEGER || type == SQLITE_FLOAT) && kind != ColumnKind::Json) return sqlite3_column_double(statement_, index);
    const auto* bytes = sqlite3_column_text(statement_, index);
    std::string text(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, index)));  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
    if (kind == ColumnKind::Json) return Json::parse(text);
    if (kind == ColumnKind::DateTime) return stored_instant(text);
    return text;
  }

  std::int64_t integer(int index) const override { return sqlite3_column_int64(statement_, index); }

 private:
  sqlite3_stmt* statement_;
  bool owned_;  // finalized when it goes, instead of kept in the cache
};

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(const std::string& path) {
    const int opened = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (opened != SQLITE_OK) {
      const std::string message = db_ == nullptr ? "out of memory" : sqlite3_errmsg(db_);
      sqlite3_close(db_);
      throw std::runtime_error("SQLite: cannot open " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (sqlite3_create_collation(db_, "bpc_decimal", SQLITE_UTF8, nullptr, compare_decimals) != SQLITE_OK ||
        sqlite3_create_function(db_, "bpc_contains", 2, flags, nullptr, contains_function, nullptr, nullptr) != SQLITE_OK) {
      const std::string message = sqlite3_errmsg(db_);
      sqlite3_close(db_);
      throw std::runtime_error("SQLite: cannot register bpc's functions: " + message);
    }
    try {
      execute("PRAGMA foreign_keys = ON");
      if (path != ":memory:" && !path.empty()) {
        execute("PRAGMA journal_mode = WAL");
        execute("PRAGMA synchronous = NORMAL");
      }
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  ~SqliteConnection() override {
    for (const auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::Sqlite; }

  void execute(const std::string& sql) override {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return;
    sqlite3_free(error);
    fail(db_, sql);
  }

  void begin() override { execute("BEGIN IMMEDIATE"); }

  void rollback() noexcept override {
    if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  std::unique_ptr<SqlRows> query(const std::string& sql, const std::vector<SqlValue>& values) override {
    auto rows = prepare(sql);
    rows->bind(values);
    return rows;
  }

  std::int64_t run(const std::string& sql, const std::vector<SqlValue>& values) override {
    query(sql, values)->step();
    return sqlite3_changes64(db_);
  }

  bool has_table(const std::string& name) override {
    return query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {name})->step();
  }

  std::string ordered(const std::string& expression, OrderKind::Kind kind) const override {
    if (kind == OrderKind::Kind::Decimal) return expression + " COLLATE bpc_decimal";
    return expression;
  }

  // Date-times as SQLAlchemy keeps them in SQLite (`2024-01-31 10:00:00.500000`, UTC): what the
  // Python service of the blueprint reads, and text that orders as the instants do.
  SqlValue column_value(ColumnKind kind, const Json& value) const override {
    if (kind != ColumnKind::DateTime || !value.is_string()) return to_column(kind, value);
    const std::optional<std::string> instant = utc_datetime(value.get<std::string>());
    if (!instant || instant->back() != 'Z') return value.get<std::string>();  // no UTC spelling: kept as given
    std::string stored = instant->substr(0, 10) + " " + instant->substr(11, 8);
    const std::size_t fraction = instant->find('.');
    return stored + (fraction == std::string::npos ? ".000000" : instant->substr(fraction, 7));
  }

  std::string contains(const std::string& column) const override { return "bpc_contains(" + column + ", ?)"; }

  std::string json_list_has(const std::string& column) const override {
    return "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE value = ?)";
  }

  // A JSON scalar as SQLite compares it with values inside JSON text (`json_each`).
  SqlValue json_element(const Json& value) const override {
    if (value.is_null()) return nullptr;
    if (value.is_boolean()) return std::int64_t{value.get<bool>() ? 1 : 0};
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number()) return value.get<double>();
    return value.is_string() ? value.get<std::string>() : value.dump();
  }

  std::vector<std::string> outbox_table() const override {
    return {
        "CREATE TABLE IF NOT EXISTS \"bpc_outbox\" (\"id\" VARCHAR(36) NOT NULL, \"name\" VARCHAR NOT NULL, \"occurred_at\" VARCHAR NOT NULL, "
        "\"payload\" JSON NOT NULL, \"correlation_id\" VARCHAR(128), PRIMARY KEY (\"id\"))"};
  }

  std::string outbox_order() const override { return "rowid"; }

 private:
  // The statement of `sql`, prepared on first use and kept.
  std::unique_ptr<SqliteRows> prepare(const std::string& sql) {
    const auto it = statements_.find(sql);
    if (it != statements_.end() && sqlite3_stmt_busy(it->second) == 0) return std::make_unique<SqliteRows>(it->second, false);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) fail(db_, sql);
    if (it != statements_.end() || statements_.size() >= kCachedStatements) return std::make_unique<SqliteRows>(statement, true);
    statements_.emplace(sql, statement);
    return std::make_unique<SqliteRows>(statement, false);
  }

  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_sqlite(const std::string& path) { return std::make_unique<SqliteConnection>(path); }

}  // namespace bpc::runtime
