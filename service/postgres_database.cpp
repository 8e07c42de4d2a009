// The PostgreSQL implementation of database.h (libpq), for several service instances sharing one
// store. Statements run with PQexecParams and text parameters; `?N` becomes `$N`.

#include <libpq-fe.h>

#include <charconv>
#include <vector>

#include "service/database_drivers.h"

namespace bpc::service {

namespace {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// `?1` -> `$1`. The store's SQL has no `?` inside literals.
std::string to_postgres_parameters(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const bool numbered = sql[i] == '?' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9';
    out += numbered ? '$' : sql[i];
  }
  return out;
}

[[noreturn]] void fail(PGconn* connection, const PGresult* result, std::string_view what) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const bool constraint = state != nullptr && std::string_view(state).starts_with("23");
  const char* message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(connection);
  throw StoreError("postgresql " + std::string(what) + ": " + message, constraint);
}

class PostgresStatement final : public StatementImpl {
 public:
  PostgresStatement(PGconn* connection, std::int64_t& changes, std::string_view sql)
      : connection_(connection), changes_(changes), sql_(to_postgres_parameters(sql)) {}

  void bind(int index, std::int64_t value) override { slot(index) = std::to_string(value); }
  void bind(int index, std::string_view text) override { slot(index) = std::string(text); }
  void bind_null(int index) override { slot(index).reset(); }

  bool step() override {
    if (!result_) run();
    return ++row_ < PQntuples(result_.get());
  }
  std::int64_t integer(int column) const override {
    const char* value = PQgetvalue(result_.get(), row_, column);
    std::int64_t number = 0;
    std::from_chars(value, value + PQgetlength(result_.get(), row_, column), number);
    return number;
  }
  std::string text(int column) const override {
    return std::string(PQgetvalue(result_.get(), row_, column),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
  }
  bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }

 private:
  std::optional<std::string>& slot(int index) {
    if (parameters_.size() < static_cast<std::size_t>(index)) parameters_.resize(static_cast<std::size_t>(index));
    return parameters_[static_cast<std::size_t>(index) - 1];
  }
  void run() {
    std::vector<const char*> values;
    for (const auto& parameter : parameters_) values.push_back(parameter ? parameter->c_str() : nullptr);
    result_.reset(PQexecParams(connection_, sql_.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0));
    const ExecStatusType status = PQresultStatus(result_.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(connection_, result_.get(), "query");
    const char* affected = PQcmdTuples(result_.get());
    changes_ = 0;
    std::from_chars(affected, affected + std::char_traits<char>::length(affected), changes_);
  }

  PGconn* connection_;
  std::int64_t& changes_;
  std::string sql_;
  std::vector<std::optional<std::string>> parameters_;
  Result result_;
  int row_ = -1;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
    if (PQstatus(connection_) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(connection_);
      PQfinish(connection_);
      throw StoreError("cannot connect to PostgreSQL: " + message, false);
    }
    execute("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
  }
  ~PostgresConnection() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::Postgres; }
  std::unique_ptr<StatementImpl> prepare(std::string_view sql) override {
    reconnect_if_broken();
    return std::make_unique<PostgresStatement>(connection_, changes_, sql);
  }
  void execute(std::string_view sql) override {
    reconnect_if_broken();
    const Result result(PQexec(connection_, std::string(sql).c_str()));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(connection_, result.get(), "statement");
  }
  std::int64_t changes() const override { return changes_; }
  void begin_write(std::string_view lock) override {
    execute("BEGIN");
    Statement take(*this, "SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))");
    take.bind(1, lock).run();
  }

 private:
  // A connection the server dropped (a restart, a cut network) is opened again for the next
  // statement; the statement that saw it fail reported the error.
  void reconnect_if_broken() {
    if (PQstatus(connection_) == CONNECTION_BAD) PQreset(connection_);
  }

  PGconn* connection_;
  std::int64_t changes_ = 0;
};

}  // namespace

std::unique_ptr<Connection> open_postgres_connection(const std::string& url) {
  return std::make_unique<PostgresConnection>(url);
}

}  // namespace bpc::service
