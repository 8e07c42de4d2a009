#include "service/schema.h"

#include <array>
#include <string>

namespace bpc::service {

namespace {

// Every row that belongs to a tenant carries `tenant_id`, and every key and index of such a table
// starts with it: a query can only reach a row through its tenant (docs/service.md, "Isolation").
constexpr std::array<const char*, 1> kMigrations = {
    // 1: tenants, keys, blueprints with their versions and tags, the event outbox, idempotency.
    R"sql(
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise')),
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, id);
CREATE TABLE blueprints (
  tenant_id TEXT NOT NULL REFERENCES tenants (id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'rejected', 'archived')),
  head INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  status_by TEXT,
  status_reason TEXT,
  status_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);
CREATE TABLE versions (
  tenant_id TEXT NOT NULL,
  blueprint_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  parent INTEGER,
  restored_from INTEGER,
  hash TEXT NOT NULL,
  size INTEGER NOT NULL,
  author TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  errors INTEGER NOT NULL,
  warnings INTEGER NOT NULL,
  diagnostics TEXT NOT NULL,
  PRIMARY KEY (tenant_id, blueprint_id, number),
  FOREIGN KEY (tenant_id, blueprint_id) REFERENCES blueprints (tenant_id, id)
);
CREATE TABLE tags (
  tenant_id TEXT NOT NULL,
  blueprint_id TEXT NOT NULL,
  name TEXT NOT NULL,
  number INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, blueprint_id, name),
  FOREIGN KEY (tenant_id, blueprint_id, number) REFERENCES versions (tenant_id, blueprint_id, number)
);
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  tenant_id TEXT NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  time TEXT NOT NULL,
  correlation_id TEXT,
  subject TEXT,
  data TEXT NOT NULL
);
CREATE INDEX events_by_tenant ON events (tenant_id, seq);
CREATE TABLE idempotency_keys (
  tenant_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
)sql",
};

int current_version(SqliteConnection& connection) {
  Statement query(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  query.step();
  return static_cast<int>(query.integer(0));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

int migrate(SqliteConnection& connection) {
  connection.execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL "
      "DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
  int version = current_version(connection);
  if (version > latest_schema_version()) {
    throw StoreError("the database has schema version " + std::to_string(version) + ", newer than this bpc's " +
                         std::to_string(latest_schema_version()) + "; use a newer bpc",
                     false);
  }
  for (; version < latest_schema_version(); ++version) {
    WriteTransaction transaction(connection);
    // Another instance may have applied it since we looked.
    if (current_version(connection) > version) continue;
    connection.execute(kMigrations[static_cast<std::size_t>(version)]);
    Statement record(connection, "INSERT INTO schema_migrations (version) VALUES (?1)");
    record.bind(1, static_cast<std::int64_t>(version + 1)).run();
    transaction.commit();
  }
  return current_version(connection);
}

}  // namespace bpc::service
