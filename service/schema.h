#pragma once

// The store's schema, as numbered migrations applied in order at start, in SQLite's or
// PostgreSQL's spelling. A database records the migrations it has (`schema_migrations`); the
// missing ones run in one transaction, so a crash during an upgrade leaves the database as it
// was. A database from a newer bpc (a migration this build does not know) is refused, untouched.

#include <string>

#include "service/database.h"

namespace bpc::service {

// The number of the newest migration this build knows.
int latest_schema_version();

// Applies the missing migrations; returns the database's schema version afterwards.
int migrate(Connection& connection, const std::string& now);

}  // namespace bpc::service
