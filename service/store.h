#pragma once

// The service's store: tenants, API keys, blueprints and their versions, tags and the event
// outbox in a relational database (database.h), version sources in a content-addressed blob
// store (blob_store.h). By default everything is embedded in the data directory:
//
//   <data dir>/service.db      the SQLite database (schema.h migrates it at open)
//   <data dir>/blobs/          version sources by SHA-256
//
// With a PostgreSQL URL, the database and the sources are there instead, and any number of
// service instances share them.
//
// Isolation is structural. Store's own methods are the operator's (tenants, and any tenant's keys)
// and authentication's; a request acting for a tenant gets a TenantStore bound to its principal's
// tenant. Every statement a TenantStore runs names that tenant's id, and its methods take no
// tenant argument, so a handler cannot ask about another tenant's rows even by mistake. A row of
// another tenant is "not found", exactly like a row that does not exist.
//
// Every change writes its domain event (events.h) in the same transaction, so an event is stored
// if and only if its change is. Quotas are checked inside the write transaction, which SQLite
// serializes (BEGIN IMMEDIATE), so concurrent requests cannot together exceed one.
//
// Thread-safe: each call borrows a connection from a pool.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "service/archive.h"
#include "service/blob_store.h"
#include "service/database.h"
#include "service/jobs.h"
#include "service/tenancy.h"
#include "service/wakeup.h"

namespace bpc::service {

enum class BlueprintStatus : std::uint8_t { Draft, Approved, Rejected, Archived };
std::string_view status_name(BlueprintStatus status);

struct Blueprint {
  std::string id;
  std::string name;
  BlueprintStatus status = BlueprintStatus::Draft;
  std::int64_t head = 0;  // the newest version's number
  std::int64_t revision = 1;  // counts every change (its ETag)
  std::optional<std::string> status_by, status_reason, status_at;
  std::string created_at, updated_at;
};

struct Version {
  std::string blueprint_id;
  std::int64_t number = 0;
  std::optional<std::int64_t> parent;
  std::optional<std::int64_t> restored_from;
  std::string hash;  // SHA-256 of the source
  std::int64_t size = 0;
  std::string author;  // the API key that saved it
  std::string message;
  std::string created_at;
  std::int64_t errors = 0;
  std::int64_t warnings = 0;
  std::string diagnostics;  // JSON, as `bpc check --diagnostic-format json`
};

struct Tag {
  std::string name;
  std::int64_t number = 0;
  std::string updated_at;
};

struct StoredEvent {
  std::int64_t sequence = 0;  // orders a tenant's events; the SSE id
  std::string id, type;
  std::int64_t schema_version = 1;
  std::string time, tenant_id;
  std::optional<std::string> correlation_id, subject;
  std::string data;  // JSON
};

struct Usage {
  std::int64_t blueprints = 0;
  std::int64_t versions = 0;
  std::int64_t stored_bytes = 0;
};

struct Webhook {
  std::string id;
  std::string url;
  std::vector<std::string> event_types;  // empty: every type
  std::string created_at;
  std::int64_t delivered_through = 0;    // the sequence of the last event handled
  std::int64_t attempts = 0;             // failed attempts at the next event
  std::string next_attempt_at;
};

struct WebhookDelivery {
  std::int64_t event_sequence = 0;
  std::int64_t attempt = 0;
  std::string at;
  std::optional<std::int64_t> status_code;
  std::optional<std::string> error;
  std::string outcome;  // delivered, retrying (another attempt is due), failed (given up)
};

// An event one webhook is due to be sent, claimed by one dispatcher until `finish_delivery`.
struct DueDelivery {
  std::string tenant_id, webhook_id, url, secret;
  std::int64_t attempts = 0;
  StoredEvent event;
};

// How an attempt went, and when to try again if it failed and may be retried.
struct DeliveryResult {
  bool delivered = false;
  std::optional<std::int64_t> status_code;
  std::optional<std::string> error;
  std::optional<std::string> retry_at;  // none: give up on this event
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next;  // the cursor of the next page, if any
};

// A version to save: its source and what the validation found in it.
struct NewVersion {
  std::string source;
  std::string message;
  std::int64_t errors = 0;
  std::int64_t warnings = 0;
  std::string diagnostics;
};

class Checkpointer;
class ConnectionPool;

class TenantStore;

class Store {
 public:
  struct Options {
    std::string directory;      // the data directory (SQLite and blobs)
    std::string database_url;   // a PostgreSQL URL; empty: SQLite in `directory`
    std::size_t connections = 8;
    // The time of a change, RFC 3339 in UTC; tests replace it.
    std::function<std::string()> now;
  };
  explicit Store(Options options);
  ~Store();

  int schema_version() const { return schema_version_; }
  bool healthy() const;  // the database answers

  // ---- the operator's --------------------------------------------------------------------
  Tenant create_tenant(const std::string& name, Tier tier, const RequestContext& context);
  std::optional<Tenant> find_tenant(const std::string& id) const;
  Page<Tenant> list_tenants(std::int64_t limit, const std::optional<std::string>& after) const;
  Tenant update_tenant(const std::string& id, const std::optional<std::string>& name, std::optional<Tier> tier,
                       std::optional<bool> suspended, const RequestContext& context);

  // ---- keys: the secret is returned once and only its hash is stored ----------------------
  struct CreatedKey {
    ApiKey key;
    std::string secret;
  };
  CreatedKey create_key(const std::string& tenant_id, const std::string& name, Role role,
                        const RequestContext& context);
  std::vector<ApiKey> list_keys(const std::string& tenant_id) const;
  std::optional<ApiKey> find_key(const std::string& tenant_id, const std::string& key_id) const;
  void revoke_key(const std::string& tenant_id, const std::string& key_id, const RequestContext& context);
  // The principal of an unrevoked key, or nothing.
  std::optional<Principal> authenticate(const std::string& secret) const;

  // The store of the tenant a request acts for (the principal's).
  TenantStore tenant(const RequestContext& context);

  // ---- webhook dispatch (webhook_store.cpp), for the dispatchers of every instance -------------
  // The next event a webhook is due to be sent, leased to the caller until `lease_until` (another
  // dispatcher skips it meanwhile; a dispatcher that dies loses its lease when it expires).
  // Events of types the webhook did not ask for are passed over on the way (then nothing may be
  // due this time).
  std::optional<DueDelivery> claim_due_delivery(const std::string& now, const std::string& lease_until);
  // Records the attempt and moves the webhook on (delivered or given up) or schedules a retry.
  void finish_delivery(const DueDelivery& due, const DeliveryResult& result);

  // ---- the generation queue (job_store.cpp, jobs.h), for the workers of every instance -------
  // The next job by fairness and priority, leased to the claimant; nothing when none may run.
  std::optional<ClaimedJob> claim_job(const JobClaim& claim);
  // Extends the lease; false when the worker no longer holds the job (its lease lapsed and another
  // took it) or its cancellation was asked for: then the worker stops and finishes it cancelled.
  bool renew_job(ClaimedJob& claimed, const std::string& lease_until);
  // Records how the run ended; false (and nothing changes) when the worker no longer holds it.
  bool finish_job(const ClaimedJob& claimed, const JobOutcome& outcome);
  // The manifest of an earlier generation with this cache key, if there was one.
  std::optional<CachedResult> cached_result(const std::string& cache_key);
  // The queue as /metrics shows it: jobs waiting and running, and when the oldest waiting one
  // was created (nothing when none waits).
  struct QueueStats {
    std::int64_t queued = 0, running = 0;
    std::optional<std::string> oldest_queued;
  };
  QueueStats queue_stats();
  // A `generation.progress` event: the job's target started a step.
  void report_job_progress(const ClaimedJob& claimed, const std::string& target, std::string_view step);
  // An event about a job that is not a change of its row (a preview run's `runtime.*`).
  void report_job_event(const std::string& tenant_id, const std::string& job_id, std::string type, const std::string& payload);
  // Artifacts are blobs, shared by every tenant whose generation made the same bytes; a job's
  // manifest (its own blob) names them.
  std::string put_blob(std::string_view bytes);
  // Notified in this process when a job is queued or a running one ends (so another may start).
  Wakeup& job_wakeup() { return job_wakeup_; }
  // The same from every instance, on PostgreSQL (NOTIFY); nothing on SQLite.
  std::unique_ptr<Notifications> listen_for_jobs() const;

  // ---- retention (maintenance.h) -----------------------------------------------------------
  struct Pruned {
    std::int64_t events = 0, deliveries = 0, idempotency_keys = 0;
  };
  // Deletes the events from before `events_before` that no webhook still has to send, the
  // delivery log from before it, and the idempotency keys and hourly job counts from before
  // `keys_before`.
  Pruned prune(const std::string& events_before, const std::string& keys_before);

 private:
  friend class TenantStore;
  std::string now() const { return options_.now(); }

  Options options_;
  std::string database_;  // the connections' target: a PostgreSQL URL or a SQLite file
  std::unique_ptr<ConnectionPool> pool_;
  Wakeup job_wakeup_;
  std::unique_ptr<BlobStore> blobs_;
  std::unique_ptr<Checkpointer> checkpointer_;  // SQLite's (checkpointer.h); after the pool it uses, so it stops first
  int schema_version_ = 0;
};

class TenantStore {
 public:
  Usage usage() const;

  Page<Blueprint> list_blueprints(std::int64_t limit, const std::optional<std::string>& after) const;
  std::optional<Blueprint> find_blueprint(const std::string& id) const;
  // A new draft blueprint with its first version. 409 when the name is taken.
  std::pair<Blueprint, Version> create_blueprint(const std::string& name, const NewVersion& version);
  // A new version. With `expected_revision`, 412 when the blueprint changed since (If-Match).
  std::pair<Blueprint, Version> save_version(const std::string& blueprint_id, const NewVersion& version,
                                             std::optional<std::int64_t> expected_revision);
  // A new version whose source is version `number`'s.
  std::pair<Blueprint, Version> restore_version(const std::string& blueprint_id, std::int64_t number,
                                                std::optional<std::int64_t> expected_revision);
  // draft -> approved (only a head version without errors) / rejected; any -> archived.
  Blueprint change_status(const std::string& blueprint_id, BlueprintStatus status, const std::string& reason,
                          std::optional<std::int64_t> expected_revision);

  Page<Version> list_versions(const std::string& blueprint_id, std::int64_t limit,
                              const std::optional<std::string>& after) const;
  std::optional<Version> find_version(const std::string& blueprint_id, std::int64_t number) const;
  // The source of a version (from the blob store), or nothing; `version` is one this store found.
  std::optional<std::string> source(const std::string& blueprint_id, std::int64_t number) const;
  std::optional<std::string> source(const Version& version) const;
  // The file that holds a version's source, when the blob store keeps it on disk (see
  // BlobStore::file); `version` is one this store found.
  std::optional<std::string> source_file(const Version& version) const;

  std::vector<Tag> list_tags(const std::string& blueprint_id) const;
  // Creates the tag or moves it to `number`.
  Tag set_tag(const std::string& blueprint_id, const std::string& name, std::int64_t number);
  void delete_tag(const std::string& blueprint_id, const std::string& name);
  // The version a tag names.
  std::optional<std::int64_t> resolve_tag(const std::string& blueprint_id, const std::string& name) const;

  // This tenant's events after `after_sequence`, oldest first.
  std::vector<StoredEvent> events_after(std::int64_t after_sequence, std::int64_t limit) const;

  // Webhooks (webhook_store.cpp): the secret signs every delivery and is returned once.
  struct CreatedWebhook {
    Webhook webhook;
    std::string secret;
  };
  CreatedWebhook create_webhook(const std::string& url, const std::vector<std::string>& event_types);
  std::vector<Webhook> list_webhooks() const;
  std::optional<Webhook> find_webhook(const std::string& id) const;
  void delete_webhook(const std::string& id);
  // The newest attempts first.
  std::vector<WebhookDelivery> list_deliveries(const std::string& webhook_id, std::int64_t limit) const;

  // Generation jobs (job_store.cpp, jobs.h). 403 over the tier's jobs a day; a job generated
  // before is created succeeded, from the cache; a request with the idempotency key of an
  // earlier one gets that one's job (422 when the request differs).
  EnqueuedJob enqueue_job(const NewJob& request);
  Page<Job> list_jobs(std::int64_t limit, const std::optional<std::string>& after) const;  // newest first
  std::optional<Job> find_job(const std::string& id) const;
  // A queued job is cancelled at once, a running one at its worker's next heartbeat; 409 when final.
  Job cancel_job(const std::string& id);
  // A blob a job of this tenant names (its manifest, or a file the manifest lists), as bytes or,
  // from a blob store on disk, as the file that holds it.
  std::optional<std::string> job_blob(const std::string& hash) const;
  std::optional<std::string> job_blob_file(const std::string& hash) const;
  // The archive of every file a manifest names, as `TARGET/PATH`: made when asked for (the same
  // manifest always makes the same bytes; PostgreSQL's blobs hold text, so it is not kept).
  std::string job_archive(const std::string& manifest, ArchiveFormat format) const;

  // The tenant's keys (Store's, bound to this tenant).
  Store::CreatedKey create_key(const std::string& name, Role role);
  std::vector<ApiKey> list_keys() const;
  void revoke_key(const std::string& key_id);

  // Idempotency keys. A request with a key first reserves it: the first to do so runs and then
  // records its answer (or releases the key when it failed); a request that finds the key holds
  // the recorded answer, or learns that the first is still running. A reservation left by a
  // process that died is taken over after `kAbandonedReservation`.
  struct RecordedAnswer {
    std::string request_hash;
    int status = 0;  // 0: reserved, still running
    std::string body;
  };
  static constexpr std::chrono::seconds kAbandonedReservation{60};
  // Nothing when this request reserved the key; else what is recorded under it.
  std::optional<RecordedAnswer> reserve_answer(const std::string& key, const std::string& request_hash);
  void record_answer(const std::string& key, int status, const std::string& body);
  void release_answer(const std::string& key);

 private:
  friend class Store;
  TenantStore(Store& store, RequestContext context) : store_(store), context_(std::move(context)) {}
  const std::string& tenant_id() const { return context_.principal.tenant_id; }
  // A version on top of the blueprint's head, in a write transaction of its own.
  std::pair<Blueprint, Version> append_version(const std::string& blueprint_id, const NewVersion& version,
                                               std::optional<std::int64_t> restored_from, const std::string& hash,
                                               std::optional<std::int64_t> expected_revision);
  std::pair<Blueprint, Version> commit_version(Connection& connection, const Blueprint& blueprint,
                                               const NewVersion& version, std::optional<std::int64_t> restored_from,
                                               const std::string& hash);

  Store& store_;
  RequestContext context_;
};

}  // namespace bpc::service
