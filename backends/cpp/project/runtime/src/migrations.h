#pragma once

// The project's schema migrations: the scripts `bpc build --migrate-from OLD` adds to the
// project's `migrations/<dialect>/v<version>.sql`, applied when the store opens — the same rules
// as the Python service's runner, so either can open the other's database.
//
// A database that has none of the schema's tables is new: the tables are made as they are now and
// every script is recorded as applied. Otherwise each script not yet applied runs in version
// order, in its own transaction, and is recorded in that transaction in `bpc_migrations` (its
// name and the SHA-256 of its text); then the tables no script made are made. A recorded script
// whose text changed since is an error: the database may not be what the scripts say.

#include <stdexcept>
#include <string>
#include <vector>

#include "bpc/runtime/sql_store.h"
#include "sql_connection.h"

namespace bpc::runtime {

// The database and the project's migrations disagree.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Brings the database to `tables` (and the outbox) with the scripts in `folder` ("" for none).
void update_schema(SqlConnection& connection, const std::vector<TableSchema>& tables, const std::string& folder);

}  // namespace bpc::runtime
