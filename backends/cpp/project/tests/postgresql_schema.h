#pragma once

// A schema of the tests' own in the PostgreSQL database BPC_TEST_POSTGRESQL names (a libpq URL),
// dropped when it goes. Its URL puts the schema first on the search path, so a store makes and
// finds its tables there. The suites share one per process, emptied for each test (much faster
// than a schema each); the migration tests make their own.

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "bpc/runtime/events.h"

namespace bpc::testing {

class PostgresqlSchema {
 public:
  // The schema of this process, emptied.
  static const PostgresqlSchema& empty_one(const std::string& url) {
    static const PostgresqlSchema schema(url);
    schema.empty();
    return schema;
  }

  explicit PostgresqlSchema(const std::string& url) : connection_(PQconnectdb(url.c_str()), &PQfinish) {
    if (PQstatus(connection_.get()) != CONNECTION_OK) throw std::runtime_error("PostgreSQL: " + std::string(PQerrorMessage(connection_.get())));
    std::string id = runtime::random_uuid();
    std::erase(id, '-');
    name_ = "test_" + id;
    execute("SET client_min_messages = 'warning'");
    execute("CREATE SCHEMA " + name_);
    drop_ = "DROP SCHEMA IF EXISTS " + name_ + " CASCADE";
    url_ = url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + name_;
  }
  ~PostgresqlSchema() { PQclear(PQexec(connection_.get(), drop_.c_str())); }
  PostgresqlSchema(const PostgresqlSchema&) = delete;
  PostgresqlSchema& operator=(const PostgresqlSchema&) = delete;

  // The database's URL with the schema first on the search path.
  const std::string& url() const { return url_; }

 private:
  // Empties every table of the schema.
  void empty() const {
    execute(
        "DO $$ DECLARE tables text; BEGIN SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO tables FROM pg_tables "
        "WHERE schemaname = '" +
        name_ + "'; IF tables IS NOT NULL THEN EXECUTE 'TRUNCATE ' || tables || ' RESTART IDENTITY CASCADE'; END IF; END $$");
  }

  void execute(const std::string& sql) const {
    const std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection_.get(), sql.c_str()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error("PostgreSQL: " + std::string(PQresultErrorMessage(result.get())));
  }

  std::unique_ptr<PGconn, decltype(&PQfinish)> connection_;
  std::string name_{};
  std::string url_{};
  std::string drop_{};  // made beforehand: the destructor must not throw
};

}  // namespace bpc::testing
