// SqlConnection on PostgreSQL through libpq. Statements go with their parameters as text (the
// server gives each parameter the type its place in the statement asks for), `?` turned into
// `$1`, `$2`... outside quoted names and strings. The session speaks UTC and ISO dates, so date-times
// read back as RFC 3339 in UTC.

#include <libpq-fe.h>

#include <array>
#include <charconv>
#include <cstdlib>

#include "sql_connection.h"

namespace bpc::runtime {

namespace {

constexpr std::string_view kUniqueViolation = "23505";
constexpr std::string_view kForeignKeyViolation = "23503";

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

// `?` parameters as `$n`; a `?` inside "a name" or 'a string' is left as it is.
std::string numbered(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  char quote = 0;
  int parameter = 0;
  for (const char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and opens again: the same state
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '?') {
      out += '$' + std::to_string(++parameter);
      continue;
    }
    out += c;
  }
  return out;
}

std::string text_of(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) {
    std::array<char, 32> buffer{};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *real);
    return error == std::errc() ? std::string(buffer.data(), end) : std::string("NaN");
  }
  return std::get<std::string>(value);
}

[[noreturn]] void fail(const PGresult* result, PGconn* connection, const std::string& doing) {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  std::string message = result == nullptr ? PQerrorMessage(connection) : PQresultErrorMessage(result);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (state != nullptr && (state == kUniqueViolation || state == kForeignKeyViolation)) {
    const char* constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
    throw Constraint(message, state == kUniqueViolation, constraint == nullptr ? "" : constraint);
  }
  throw std::runtime_error("PostgreSQL: " + doing + ": " + message);
}

class PostgresqlRows final : public SqlRows {
 public:
  explicit PostgresqlRows(Result result) : result_(std::move(result)), rows_(PQntuples(result_.get())) {}

  bool step() override { return ++row_ < rows_; }

  Json column(int index, ColumnKind kind) const override {
    if (PQgetisnull(result_.get(), row_, index) != 0) return nullptr;
    const std::string text(PQgetvalue(result_.get(), row_, index), static_cast<std::size_t>(PQgetlength(result_.get(), row_, index)));
    switch (kind) {
      case ColumnKind::Integer: return std::strtoll(text.c_str(), nullptr, 10);
      case ColumnKind::Float: return std::strtod(text.c_str(), nullptr);
      case ColumnKind::Boolean: return text == "t";
      case ColumnKind::Json: return Json::parse(text);
      case ColumnKind::DateTime: return stored_instant(text);
      case ColumnKind::Text:
      case ColumnKind::Decimal:
      case ColumnKind::Date: break;
    }
    return text;
  }

  std::int64_t integer(int index) const override { return std::strtoll(PQgetvalue(result_.get(), row_, index), nullptr, 10); }

 private:
  Result result_;
  int rows_;
  int row_ = -1;
};

class PostgresqlConnection final : public SqlConnection {
 public:
  explicit PostgresqlConnection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
    if (connection_ == nullptr) throw std::runtime_error("PostgreSQL: out of memory");
    if (PQstatus(connection_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(connection_);
      PQfinish(connection_);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      throw std::runtime_error("PostgreSQL: cannot connect: " + message);
    }
    try {
      configure();
    } catch (...) {
      PQfinish(connection_);
      throw;
    }
  }
  ~PostgresqlConnection() override { PQfinish(connection_); }
  PostgresqlConnection(const PostgresqlConnection&) = delete;
  PostgresqlConnection& operator=(const PostgresqlConnection&) = delete;

  Dialect dialect() const override { return Dialect::Postgresql; }

  void execute(const std::string& sql) override {
    const Result result(PQexec(connection_, sql.c_str()), &PQclear);
    const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) fail(result.get(), connection_, sql);
  }

  void rollback() noexcept override {
    if (PQtransactionStatus(connection_) == PQTRANS_IDLE || PQtransactionStatus(connection_) == PQTRANS_UNKNOWN) return;
    PQclear(PQexec(connection_, "ROLLBACK"));
  }

  std::unique_ptr<SqlRows> query(const std::string& sql, const std::vector<SqlValue>& values) override {
    return std::make_unique<PostgresqlRows>(run_statement(sql, values));
  }

  std::int64_t run(const std::string& sql, const std::vector<SqlValue>& values) override {
    const Result result = run_statement(sql, values);
    return std::strtoll(PQcmdTuples(result.get()), nullptr, 10);
  }

  bool has_table(const std::string& name) override {
    return query("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", {name})->step();
  }

  void begin() override {
    reconnect_if_lost();
    try {
      execute("BEGIN");
    } catch (const std::runtime_error&) {
      if (PQstatus(connection_) == CONNECTION_OK) throw;
      reconnect_if_lost();  // the server restarted, or the connection was cut, since the last use
      execute("BEGIN");
    }
  }

  std::string ordered(const std::string& expression, OrderKind::Kind kind) const override {
    if (kind == OrderKind::Kind::Decimal) return "CAST(" + expression + " AS NUMERIC)";
    if (kind == OrderKind::Kind::Text) return expression + " COLLATE \"C\"";
    return expression;
  }

  std::string contains(const std::string& column) const override { return "strpos(lower(" + column + "), lower(?)) > 0"; }

  std::string json_list_has(const std::string& column) const override { return column + " @> jsonb_build_array(CAST(? AS JSONB))"; }

  SqlValue json_element(const Json& value) const override { return value.dump(); }

  std::vector<std::string> outbox_table() const override {
    return {
        "CREATE TABLE IF NOT EXISTS \"bpc_outbox\" (\"id\" VARCHAR(36) NOT NULL, \"name\" VARCHAR NOT NULL, \"occurred_at\" VARCHAR NOT NULL, "
        "\"payload\" JSONB NOT NULL, \"correlation_id\" VARCHAR(128), PRIMARY KEY (\"id\"))"};
  }

  // By time; rows of one millisecond in the order they were written (the outbox is only ever
  // appended to, so its rows stay where they were written).
  std::string outbox_order() const override { return "CAST(\"occurred_at\" AS TIMESTAMP WITH TIME ZONE), ctid"; }

 private:
  void reconnect_if_lost() {
    if (PQstatus(connection_) == CONNECTION_OK) return;
    PQreset(connection_);
    if (PQstatus(connection_) != CONNECTION_OK) fail(nullptr, connection_, "connecting again");
    configure();
  }

  // UTC and ISO dates, so date-times read back as RFC 3339; UTF-8 as every record is.
  // Notices and warnings are not written to standard error, which holds the service's JSON log.
  void configure() {
    PQsetNoticeProcessor(
        connection_, [](void* /*unused*/, const char* /*message*/) {}, nullptr);
    execute("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'; SET client_encoding = 'UTF8'; SET client_min_messages = 'warning'");
  }

  Result run_statement(const std::string& sql, const std::vector<SqlValue>& values) {
    std::vector<std::string> texts;
    texts.reserve(values.size());
    std::vector<const char*> parameters;
    parameters.reserve(values.size());
    for (const SqlValue& value : values) {
      if (std::holds_alternative<std::nullptr_t>(value)) {
        texts.emplace_back();
        parameters.push_back(nullptr);
      } else {
        texts.push_back(text_of(value));
        parameters.push_back(texts.back().c_str());
      }
    }
    Result result(PQexecParams(connection_, numbered(sql).c_str(), static_cast<int>(values.size()), nullptr, parameters.data(), nullptr, nullptr, 0),
                  &PQclear);
    const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result.get(), connection_, sql);
    return result;
  }

  PGconn* connection_;
};

}  // namespace

std::unique_ptr<SqlConnection> open_postgresql(const std::string& url) { return std::make_unique<PostgresqlConnection>(url); }

}  // namespace bpc::runtime
