#include "service/schema.h"

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace bpc::service {

namespace {

// Every row that belongs to a tenant carries `tenant_id`, and every key and index of such a table
// starts with it: a query can only reach a row through its tenant (docs/service.md, "Isolation").
// The SQL is the dialects' common subset with a few words spelled per dialect (dialect_sql):
//   {INT}       a 64-bit integer column;
//   {KEY}       text compared and ordered bytewise (cursors depend on it);
//   {SEQUENCE}  an increasing integer primary key;
// and {BLOBS}: PostgreSQL keeps version sources in the database (instances on several machines
// share them); SQLite keeps them in the blob directory beside its file (blob_store.h).
constexpr std::array<const char*, 6> kMigrations = {
    // 1: tenants, keys, blueprints with their versions and tags, the event outbox, idempotency.
    R"sql(
CREATE TABLE tenants (
  id {KEY} PRIMARY KEY,
  name TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise')),
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE api_keys (
  id {KEY} PRIMARY KEY,
  tenant_id {KEY} NOT NULL REFERENCES tenants (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'developer', 'viewer')),
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, id);
CREATE TABLE blueprints (
  tenant_id {KEY} NOT NULL REFERENCES tenants (id),
  id {KEY} NOT NULL,
  name {KEY} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'rejected', 'archived')),
  head {INT} NOT NULL,
  revision {INT} NOT NULL,
  status_by TEXT,
  status_reason TEXT,
  status_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, name)
);
CREATE TABLE versions (
  tenant_id {KEY} NOT NULL,
  blueprint_id {KEY} NOT NULL,
  number {INT} NOT NULL,
  parent {INT},
  restored_from {INT},
  hash TEXT NOT NULL,
  size {INT} NOT NULL,
  author TEXT NOT NULL,
  message TEXT NOT NULL,
  created_at TEXT NOT NULL,
  errors {INT} NOT NULL,
  warnings {INT} NOT NULL,
  diagnostics TEXT NOT NULL,
  PRIMARY KEY (tenant_id, blueprint_id, number),
  FOREIGN KEY (tenant_id, blueprint_id) REFERENCES blueprints (tenant_id, id)
);
CREATE TABLE tags (
  tenant_id {KEY} NOT NULL,
  blueprint_id {KEY} NOT NULL,
  name {KEY} NOT NULL,
  number {INT} NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, blueprint_id, name),
  FOREIGN KEY (tenant_id, blueprint_id, number) REFERENCES versions (tenant_id, blueprint_id, number)
);
CREATE TABLE events (
  seq {SEQUENCE},
  id TEXT NOT NULL UNIQUE,
  tenant_id {KEY} NOT NULL,
  type TEXT NOT NULL,
  schema_version {INT} NOT NULL,
  time TEXT NOT NULL,
  correlation_id TEXT,
  subject TEXT,
  data TEXT NOT NULL
);
CREATE INDEX events_by_tenant ON events (tenant_id, seq);
CREATE TABLE idempotency_keys (
  tenant_id {KEY} NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status {INT} NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
{BLOBS}
)sql",
    // 2: webhooks, each with its place in the tenant's events and its delivery log.
    R"sql(
CREATE TABLE webhooks (
  tenant_id {KEY} NOT NULL REFERENCES tenants (id),
  id {KEY} NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  event_types TEXT NOT NULL,
  created_at TEXT NOT NULL,
  delivered_through {INT} NOT NULL,
  attempts {INT} NOT NULL,
  next_attempt_at TEXT NOT NULL,
  leased_until TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX webhooks_due ON webhooks (next_attempt_at);
CREATE TABLE webhook_deliveries (
  tenant_id {KEY} NOT NULL,
  webhook_id {KEY} NOT NULL,
  event_sequence {INT} NOT NULL,
  attempt {INT} NOT NULL,
  at TEXT NOT NULL,
  status_code {INT},
  error TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed')),
  PRIMARY KEY (tenant_id, webhook_id, event_sequence, attempt),
  FOREIGN KEY (tenant_id, webhook_id) REFERENCES webhooks (tenant_id, id) ON DELETE CASCADE
);
)sql",
    // 3: what retention (maintenance.h) deletes by age, found by age.
    R"sql(
CREATE INDEX events_by_time ON events (time);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (at);
CREATE INDEX idempotency_keys_by_time ON idempotency_keys (created_at);
)sql",
    // 4: generation jobs (jobs.h), the jobs each tenant created by the hour (its daily quota),
    // and the result cache.
    R"sql(
CREATE TABLE jobs (
  tenant_id {KEY} NOT NULL REFERENCES tenants (id),
  id {KEY} NOT NULL,
  blueprint_id {KEY} NOT NULL,
  version {INT} NOT NULL,
  version_hash TEXT NOT NULL,
  targets TEXT NOT NULL,
  cache_key TEXT NOT NULL,
  priority {INT} NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'dead')),
  attempts {INT} NOT NULL,
  max_attempts {INT} NOT NULL,
  run_after TEXT NOT NULL,
  worker TEXT,
  leased_until TEXT,
  claimed_at TEXT,
  cancel_requested {INT} NOT NULL,
  from_cache {INT} NOT NULL,
  error TEXT,
  manifest TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, blueprint_id, version) REFERENCES versions (tenant_id, blueprint_id, number)
);
CREATE INDEX jobs_ready ON jobs (tenant_id, state, priority, created_at);
CREATE INDEX jobs_claimed ON jobs (tenant_id, claimed_at);
CREATE INDEX jobs_created ON jobs (tenant_id, created_at);
CREATE TABLE job_counts (
  tenant_id {KEY} NOT NULL,
  hour TEXT NOT NULL,
  created {INT} NOT NULL,
  PRIMARY KEY (tenant_id, hour)
);
CREATE TABLE artifacts (
  cache_key TEXT PRIMARY KEY,
  manifest TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql",
    // 5: a job's generation options and its idempotency key, kept with the job so that a retried
    // create finds it in the same transaction that would otherwise create it again; jobs by state,
    // for the queue's gauges in /metrics.
    R"sql(
ALTER TABLE jobs ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
ALTER TABLE jobs ADD COLUMN idempotency_key TEXT;
ALTER TABLE jobs ADD COLUMN request_hash TEXT;
CREATE UNIQUE INDEX jobs_by_idempotency_key ON jobs (tenant_id, idempotency_key);
CREATE INDEX jobs_by_state ON jobs (state, created_at);
)sql",
    // 6: a cached result's verification (each target's, as its `validation.issued` event tells
    // it), so a job served from the cache announces the same verification.
    R"sql(
ALTER TABLE artifacts ADD COLUMN verification TEXT;
)sql",
};

std::string dialect_sql(std::string_view sql, Dialect dialect) {
  const bool postgres = dialect == Dialect::Postgres;
  const std::pair<std::string_view, std::string_view> words[] = {
      {"{INT}", postgres ? "BIGINT" : "INTEGER"},
      {"{KEY}", postgres ? "TEXT COLLATE \"C\"" : "TEXT"},
      {"{SEQUENCE}", postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"},
      {"{BLOBS}", postgres ? "CREATE TABLE blobs (hash TEXT PRIMARY KEY, content TEXT NOT NULL);" : ""},
  };
  std::string out(sql);
  for (const auto& [word, spelling] : words) {
    for (auto at = out.find(word); at != std::string::npos; at = out.find(word, at + spelling.size())) {
      out.replace(at, word.size(), spelling);
    }
  }
  return out;
}

int current_version(Connection& connection) {
  Statement query(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  query.step();
  return static_cast<int>(query.integer(0));
}

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

int migrate(Connection& connection, const std::string& now) {
  // One transaction for all missing migrations, under a lock every instance takes: two instances
  // starting together on one PostgreSQL database migrate it once, and a crash leaves it as it was.
  WriteTransaction transaction(connection, "bpc schema migrations");
  connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version " +
                     dialect_sql("{INT}", connection.dialect()) + " PRIMARY KEY, applied_at TEXT NOT NULL)");
  int version = current_version(connection);
  if (version > latest_schema_version()) {
    throw StoreError("the database has schema version " + std::to_string(version) + ", newer than this bpc's " +
                         std::to_string(latest_schema_version()) + "; use a newer bpc",
                     false);
  }
  for (; version < latest_schema_version(); ++version) {
    connection.execute(dialect_sql(kMigrations[static_cast<std::size_t>(version)], connection.dialect()));
    Statement record(connection, "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
    record.bind(1, static_cast<std::int64_t>(version + 1)).bind(2, now).run();
  }
  transaction.commit();
  return version;
}

}  // namespace bpc::service
