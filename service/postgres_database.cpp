// The PostgreSQL implementation of database.h (libpq), for several service instances sharing one
// store. Statements are prepared once per connection (`?N` becomes `$N`) and run with text
// parameters.

#include <libpq-fe.h>

#include <poll.h>

#include <charconv>
#include <map>
#include <thread>
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

// The connection's prepared statements, by the store's SQL text: the store runs the same few dozen
// statements over and over, and PostgreSQL then parses and plans each once per connection.
class PreparedStatements {
 public:
  // The name of `sql`'s prepared statement, preparing it first if need be.
  const std::string& name_of(PGconn* connection, std::string_view sql) {
    const auto found = names_.find(sql);
    if (found != names_.end()) return found->second;
    const std::string name = "bpc_" + std::to_string(names_.size());
    const Result prepared(PQprepare(connection, name.c_str(), to_postgres_parameters(sql).c_str(), 0, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) fail(connection, prepared.get(), "prepare");
    return names_.emplace(std::string(sql), name).first->second;
  }
  // A new session (after a reconnection) has none.
  void forget() { names_.clear(); }

 private:
  std::map<std::string, std::string, std::less<>> names_;
};

class PostgresStatement final : public StatementImpl {
 public:
  PostgresStatement(PGconn* connection, std::int64_t& changes, const std::string& name)
      : connection_(connection), changes_(changes), name_(name) {}

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
    result_.reset(PQexecPrepared(connection_, name_.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                 nullptr, 0));
    const ExecStatusType status = PQresultStatus(result_.get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(connection_, result_.get(), "query");
    const char* affected = PQcmdTuples(result_.get());
    changes_ = 0;
    std::from_chars(affected, affected + std::char_traits<char>::length(affected), changes_);
  }

  PGconn* connection_;
  std::int64_t& changes_;
  std::string name_;
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
    return std::make_unique<PostgresStatement>(connection_, changes_, prepared_.name_of(connection_, sql));
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
    if (lock.empty()) return;
    try {
      this->lock(lock);
    } catch (...) {
      rollback();
      throw;
    }
  }
  void lock(std::string_view lock) override {
    Statement take(*this, "SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))");
    take.bind(1, lock).run();
  }
  bool try_lock(std::string_view lock) override {
    Statement take(*this, "SELECT pg_try_advisory_xact_lock(hashtextextended(?1, 0))");
    take.bind(1, lock);
    return take.step() && take.text(0) == "t";
  }
  void notify(std::string_view channel) override {
    Statement wake(*this, "SELECT pg_notify(?1, '')");
    wake.bind(1, channel).run();
  }
  void commit() override { execute("COMMIT"); }
  void checkpoint() override {}
  void rollback() override {
    try {
      execute("ROLLBACK");
    } catch (const StoreError&) {
      // The connection broke: the server rolled the transaction back.
    }
  }

 private:
  // A connection the server dropped (a restart, a cut network) is opened again for the next
  // statement; the statement that saw it fail reported the error.
  void reconnect_if_broken() {
    if (PQstatus(connection_) != CONNECTION_BAD) return;
    PQreset(connection_);
    prepared_.forget();
  }

  PGconn* connection_;
  PreparedStatements prepared_;
  std::int64_t changes_ = 0;
};

// LISTEN on a connection of its own; waits on its socket.
class PostgresNotifications final : public Notifications {
 public:
  PostgresNotifications(const std::string& url, std::string channel)
      : connection_(PQconnectdb(url.c_str())), channel_(std::move(channel)) {
    listen();
  }
  ~PostgresNotifications() override { PQfinish(connection_); }
  PostgresNotifications(const PostgresNotifications&) = delete;
  PostgresNotifications& operator=(const PostgresNotifications&) = delete;

  bool wait(std::chrono::milliseconds timeout) override {
    if (!listening_ && !listen()) {
      std::this_thread::sleep_for(timeout);
      return false;
    }
    if (take_notifications()) return true;
    pollfd socket{PQsocket(connection_), POLLIN, 0};
    if (::poll(&socket, 1, static_cast<int>(timeout.count())) <= 0) return false;
    if (PQconsumeInput(connection_) == 0) {
      listening_ = false;  // the connection broke: listen again on the next wait
      return true;         // and look at the queue meanwhile, as something may have been missed
    }
    return take_notifications();
  }

 private:
  bool listen() {
    if (PQstatus(connection_) != CONNECTION_OK) PQreset(connection_);
    if (PQstatus(connection_) != CONNECTION_OK) return false;
    char* quoted = PQescapeIdentifier(connection_, channel_.c_str(), channel_.size());
    if (quoted == nullptr) return false;
    const Result result(PQexec(connection_, ("LISTEN " + std::string(quoted)).c_str()));
    PQfreemem(quoted);
    listening_ = PQresultStatus(result.get()) == PGRES_COMMAND_OK;
    return listening_;
  }
  bool take_notifications() {
    bool any = false;
    while (PGnotify* notification = PQnotifies(connection_)) {
      PQfreemem(notification);
      any = true;
    }
    return any;
  }

  PGconn* connection_;
  std::string channel_;
  bool listening_ = false;
};

}  // namespace

std::unique_ptr<Notifications> listen_postgres(const std::string& url, const std::string& channel) {
  return std::make_unique<PostgresNotifications>(url, channel);
}

std::unique_ptr<Connection> open_postgres_connection(const std::string& url) {
  return std::make_unique<PostgresConnection>(url);
}

}  // namespace bpc::service
