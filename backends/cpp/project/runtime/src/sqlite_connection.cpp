#include "sqlite_connection.h"

#include <sqlite3.h>

#include "bpc/runtime/query.h"

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

int compare_datetimes(void* /*unused*/, int a_size, const void* a, int b_size, const void* b) {
  const Json x = std::string(static_cast<const char*>(a), static_cast<std::size_t>(a_size));
  const Json y = std::string(static_cast<const char*>(b), static_cast<std::size_t>(b_size));
  return compare_values(OrderKind::of(OrderKind::Kind::DateTime), x, y);
}

// bpc_contains(value, text): 1 when the value is text containing `text`, ignoring case.
void contains(sqlite3_context* context, int /*count*/, sqlite3_value** arguments) {
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

}  // namespace

SqlValue to_column(ColumnKind kind, const Json& value) {
  if (value.is_null()) return nullptr;
  switch (kind) {
    case ColumnKind::Integer:
      if (value.is_number_integer()) return value.get<std::int64_t>();
      if (value.is_number()) return value.get<double>();
      break;
    case ColumnKind::Float:
      if (value.is_number()) return value.get<double>();
      break;
    case ColumnKind::Boolean:
      if (value.is_boolean()) return std::int64_t{value.get<bool>() ? 1 : 0};
      break;
    case ColumnKind::Json: return value.dump();
    case ColumnKind::Text:
    case ColumnKind::Decimal:
    case ColumnKind::Date:
    case ColumnKind::DateTime: break;
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

SqlValue to_json_scalar(const Json& value) {
  if (value.is_null()) return nullptr;
  if (value.is_boolean()) return std::int64_t{value.get<bool>() ? 1 : 0};
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number()) return value.get<double>();
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string sql_name(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

SqliteStore::Connection::Connection(const std::string& path) {
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
      sqlite3_create_collation(db_, "bpc_datetime", SQLITE_UTF8, nullptr, compare_datetimes) != SQLITE_OK ||
      sqlite3_create_function(db_, "bpc_contains", 2, flags, nullptr, contains, nullptr, nullptr) != SQLITE_OK) {
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

SqliteStore::Connection::~Connection() {
  for (const auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

void SqliteStore::Connection::execute(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) == SQLITE_OK) return;
  sqlite3_free(error);
  fail(db_, sql);
}

void SqliteStore::Connection::rollback() noexcept {
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

SqliteStore::Connection::Statement SqliteStore::Connection::prepare(const std::string& sql) {
  const auto it = statements_.find(sql);
  if (it != statements_.end() && sqlite3_stmt_busy(it->second) == 0) return {it->second, false};
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) fail(db_, sql);
  if (it != statements_.end() || statements_.size() >= kCachedStatements) return {statement, true};  // in use, or beyond the cache
  statements_.emplace(sql, statement);
  return {statement, false};
}

std::int64_t SqliteStore::Connection::changes() const { return sqlite3_changes64(db_); }

SqliteStore::Connection::Statement::~Statement() {
  if (statement_ == nullptr) return;
  if (owned_) {
    sqlite3_finalize(statement_);
  } else {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
}

SqliteStore::Connection::Statement::Statement(Statement&& other) noexcept : statement_(other.statement_), owned_(other.owned_) {
  other.statement_ = nullptr;
}

SqliteStore::Connection::Statement& SqliteStore::Connection::Statement::bind(const std::vector<SqlValue>& values) {
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
  return *this;
}

bool SqliteStore::Connection::Statement::step() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  fail(sqlite3_db_handle(statement_), sqlite3_sql(statement_));
}

Json SqliteStore::Connection::Statement::column(int index, ColumnKind kind) const {
  const int type = sqlite3_column_type(statement_, index);
  if (type == SQLITE_NULL) return nullptr;
  if (type == SQLITE_INTEGER && kind == ColumnKind::Boolean) return sqlite3_column_int64(statement_, index) != 0;
  if (type == SQLITE_INTEGER && kind != ColumnKind::Float) return sqlite3_column_int64(statement_, index);
  if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) return sqlite3_column_double(statement_, index);
  const auto* bytes = sqlite3_column_text(statement_, index);
  std::string text(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(statement_, index)));  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  if (kind == ColumnKind::Json) return Json::parse(text);
  return text;
}

std::int64_t SqliteStore::Connection::Statement::integer(int index) const { return sqlite3_column_int64(statement_, index); }

}  // namespace bpc::runtime
