#pragma once

// The embedded store's schema, as numbered migrations applied in order at start. A database
// records the migrations it has (`schema_migrations`); each missing one runs in its own
// transaction, so a crash during an upgrade leaves the database at the last complete version.
// A database from a newer bpc (a migration this build does not know) is refused, never touched.

#include "service/sqlite.h"

namespace bpc::service {

// The number of the newest migration this build knows.
int latest_schema_version();

// Applies the missing migrations; returns the database's schema version afterwards.
int migrate(SqliteConnection& connection);

}  // namespace bpc::service
