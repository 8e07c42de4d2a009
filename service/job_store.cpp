// Generation jobs in the store (jobs.h): a tenant's jobs (TenantStore) and the queue the workers
// of every instance claim from (Store). Claims are serialized under one lock and short; the
// generation itself runs outside any transaction, under a lease.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "service/connection_pool.h"
#include "service/crypto.h"
#include "service/events.h"
#include "service/store.h"
#include "service/store_rows.h"

namespace bpc::service {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kStateNames = {"queued",    "running", "succeeded",
                                                         "failed",    "cancelled", "dead"};

JobState parse_state(std::string_view name) {
  for (std::size_t i = 0; i < kStateNames.size(); ++i) {
    if (kStateNames[i] == name) return static_cast<JobState>(i);
  }
  return JobState::Failed;
}

// Where queued jobs and ended runs are announced to the workers of every instance (PostgreSQL).
constexpr const char* kJobChannel = "bpc_jobs";

constexpr const char* kJobColumns =
    "id, blueprint_id, version, version_hash, targets, priority, state, attempts, max_attempts, cache_key, "
    "from_cache, cancel_requested, error, manifest, created_by, created_at, started_at, finished_at, options";

Job read_job(const Statement& row) {
  Job job;
  job.id = row.text(0);
  job.blueprint_id = row.text(1);
  job.version = row.integer(2);
  job.version_hash = row.text(3);
  job.targets = string_list(row.text(4));
  job.priority = row.integer(5);
  job.state = parse_state(row.text(6));
  job.attempts = row.integer(7);
  job.max_attempts = row.integer(8);
  job.cache_key = row.text(9);
  job.from_cache = row.integer(10) != 0;
  job.cancel_requested = row.integer(11) != 0;
  job.error = row.optional_text(12);
  job.manifest = row.optional_text(13);
  job.created_by = row.text(14);
  job.created_at = row.text(15);
  job.started_at = row.optional_text(16);
  job.finished_at = row.optional_text(17);
  job.options = row.text(18);
  return job;
}

// The result of an earlier generation with this cache key, if there was one.
std::optional<CachedResult> load_cached_result(Connection& connection, const std::string& cache_key) {
  Statement cached(connection, "SELECT manifest, verification FROM artifacts WHERE cache_key = ?1");
  cached.bind(1, cache_key);
  if (!cached.step()) return std::nullopt;
  return CachedResult{cached.text(0), cached.optional_text(1)};
}

std::optional<Job> load_job(Connection& connection, const std::string& tenant, const std::string& id) {
  Statement query(connection, std::string("SELECT ") + kJobColumns + " FROM jobs WHERE tenant_id = ?1 AND id = ?2");
  query.bind(1, tenant).bind(2, id);
  if (!query.step()) return std::nullopt;
  return read_job(query);
}

json job_payload(const Job& job) {
  json payload = {{"jobId", job.id},        {"blueprintId", job.blueprint_id}, {"version", job.version},
                  {"targets", job.targets}, {"attempt", job.attempts},         {"state", job_state_name(job.state)}};
  if (job.error) payload["error"] = *job.error;
  if (job.manifest) payload["manifest"] = *job.manifest;
  return payload;
}

void announce(Connection& connection, const std::string& tenant, std::string type, const Job& job,
              const std::optional<std::string>& correlation_id, const std::string& time) {
  append_event(connection,
               {tenant, std::move(type), "jobs/" + job.id, job_payload(job).dump(), correlation_id, time});
}

// A succeeded job's `generation.completed` and `artifacts.ready`, then, when it was verified, a
// `validation.issued` for each target: from this run or from the cache, alike.
void announce_success(Connection& connection, const std::string& tenant, const Job& job,
                      const std::optional<std::string>& verification,
                      const std::optional<std::string>& correlation_id, const std::string& time) {
  announce(connection, tenant, "generation.completed", job, correlation_id, time);
  announce(connection, tenant, "artifacts.ready", job, correlation_id, time);
  const json reports = verification ? json::parse(*verification, nullptr, false) : json();
  if (!reports.is_array()) return;
  for (const json& report : reports) {
    json payload = {{"jobId", job.id}, {"blueprintId", job.blueprint_id}, {"version", job.version},
                    {"fromCache", job.from_cache}};
    payload.update(report);
    append_event(connection, {tenant, "validation.issued", "jobs/" + job.id, payload.dump(), correlation_id, time});
  }
}

// The tenants with a job that may run now, with how many they run and how many they started
// since `window_start`.
struct ReadyTenant {
  std::string id;
  Tier tier;
  std::int64_t running, recently_claimed;
};

std::vector<ReadyTenant> ready_tenants(Connection& connection, const std::string& now,
                                       const std::string& window_start) {
  Statement query(connection,
                  "SELECT t.id, t.tier, "
                  "(SELECT COUNT(*) FROM jobs r WHERE r.tenant_id = t.id AND r.state = 'running' "
                  " AND r.leased_until > ?1), "
                  "(SELECT COUNT(*) FROM jobs c WHERE c.tenant_id = t.id AND c.claimed_at >= ?2) "
                  "FROM tenants t WHERE t.status = 'active' AND EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_id = t.id "
                  "AND ((j.state = 'queued' AND j.run_after <= ?1) OR (j.state = 'running' AND j.leased_until <= ?1))) "
                  "ORDER BY t.id");
  query.bind(1, now).bind(2, window_start);
  std::vector<ReadyTenant> tenants;
  while (query.step()) {
    tenants.push_back({query.text(0), parse_tier(query.text(1)).value_or(Tier::Free), query.integer(2),
                       query.integer(3)});
  }
  return tenants;
}

// The tenants below their concurrency quota, in turn: fewest recent claims per unit of weight
// first (ties by id).
std::vector<ReadyTenant> in_turn(std::vector<ReadyTenant> tenants) {
  std::erase_if(tenants, [](const ReadyTenant& tenant) {
    return tenant.running >= quotas_of(tenant.tier).concurrent_jobs;
  });
  // Compare claims/weight without dividing: a/wa < b/wb  <=>  a*wb < b*wa.
  std::stable_sort(tenants.begin(), tenants.end(), [](const ReadyTenant& a, const ReadyTenant& b) {
    return a.recently_claimed * quotas_of(b.tier).queue_weight < b.recently_claimed * quotas_of(a.tier).queue_weight;
  });
  return tenants;
}

// Claims `tenant`'s next job, under the tenant's lock: its running jobs are counted again, as
// another worker may have claimed since ready_tenants looked. A job whose worker died once too
// often is dead, not claimed again; then the next is looked for.
std::optional<ClaimedJob> claim_for(Connection& connection, const ReadyTenant& tenant, const JobClaim& claim) {
  Statement running(connection,
                    "SELECT COUNT(*) FROM jobs WHERE tenant_id = ?1 AND state = 'running' AND leased_until > ?2");
  running.bind(1, tenant.id).bind(2, claim.now);
  running.step();
  if (running.integer(0) >= quotas_of(tenant.tier).concurrent_jobs) return std::nullopt;
  // Rows a transaction of another instance is changing (a cancellation, say) are passed over.
  const std::string skip_locked = connection.dialect() == Dialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "";
  for (int tries = 0; tries < 8; ++tries) {
    Statement pick(connection,
                   std::string("SELECT ") + kJobColumns +
                       " FROM jobs WHERE tenant_id = ?1 AND ((state = 'queued' AND run_after <= ?2) OR "
                       "(state = 'running' AND leased_until <= ?2)) ORDER BY priority DESC, created_at, id LIMIT 1" +
                       skip_locked);
    pick.bind(1, tenant.id).bind(2, claim.now);
    if (!pick.step()) return std::nullopt;
    Job job = read_job(pick);
    if (job.state == JobState::Running && job.attempts >= job.max_attempts) {
      job.state = JobState::Dead;
      job.error = "its worker stopped answering on each of " + std::to_string(job.attempts) + " attempts";
      job.finished_at = claim.now;
      Statement bury(connection,
                     "UPDATE jobs SET state = 'dead', error = ?3, finished_at = ?4, worker = NULL, leased_until = NULL "
                     "WHERE tenant_id = ?1 AND id = ?2");
      bury.bind(1, tenant.id).bind(2, job.id).bind(3, *job.error).bind(4, claim.now).run();
      announce(connection, tenant.id, "generation.failed", job, std::nullopt, claim.now);
      continue;
    }
    job.state = JobState::Running;
    job.attempts += 1;
    if (!job.started_at) job.started_at = claim.now;
    Statement take(connection,
                   "UPDATE jobs SET state = 'running', attempts = ?3, worker = ?4, leased_until = ?5, claimed_at = ?6, "
                   "started_at = ?7 WHERE tenant_id = ?1 AND id = ?2");
    take.bind(1, tenant.id)
        .bind(2, job.id)
        .bind(3, job.attempts)
        .bind(4, claim.worker)
        .bind(5, claim.lease_until)
        .bind(6, claim.now)
        .bind(7, *job.started_at)
        .run();
    announce(connection, tenant.id, "generation.started", job, std::nullopt, claim.now);
    return ClaimedJob{tenant.id, std::move(job), claim.worker, claim.lease_until};
  }
  return std::nullopt;
}

}  // namespace

std::string_view job_state_name(JobState state) { return kStateNames[static_cast<std::size_t>(state)]; }

bool is_final(JobState state) {
  return state == JobState::Succeeded || state == JobState::Failed || state == JobState::Cancelled ||
         state == JobState::Dead;
}

std::string generation_cache_key(const std::string& version_hash, const std::vector<std::string>& targets,
                                 const std::string& options, const std::string& compiler_version) {
  return sha256_hex(
      json{{"version", version_hash}, {"targets", targets}, {"options", options}, {"compiler", compiler_version}}
          .dump());
}

std::string JobOptions::canonical_json() const {
  json out = json::object();
  if (migrate_from) out["migrateFrom"] = *migrate_from;
  if (allow_data_loss) out["allowDataLoss"] = true;
  if (verify) out["verify"] = true;
  return out.dump();
}

JobOptions JobOptions::parse(std::string_view canonical_json) {
  const json in = json::parse(canonical_json, nullptr, false);
  JobOptions options;
  if (in.is_object() && in.contains("migrateFrom") && in["migrateFrom"].is_number_integer()) {
    options.migrate_from = in["migrateFrom"].get<std::int64_t>();
  }
  options.allow_data_loss = in.is_object() && in.value("allowDataLoss", false);
  options.verify = in.is_object() && in.value("verify", false);
  return options;
}

EnqueuedJob TenantStore::enqueue_job(const NewJob& request) {
  std::vector<std::string> targets = request.targets;
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());

  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  // Under the tenant's lock: a retry with the key finds the job its first request created, or
  // creates it if that request did not get as far as committing.
  if (request.idempotency_key) {
    Statement earlier(*connection, std::string("SELECT ") + kJobColumns +
                                       ", request_hash FROM jobs WHERE tenant_id = ?1 AND idempotency_key = ?2");
    earlier.bind(1, tenant_id()).bind(2, *request.idempotency_key);
    if (earlier.step()) {
      if (earlier.text(19) != request.request_hash) {
        throw ApiError(422, "idempotency-key-reused", "this Idempotency-Key was used with another request");
      }
      return EnqueuedJob{read_job(earlier), true};
    }
  }
  const auto version = load_version(*connection, tenant_id(), request.blueprint_id, request.version);
  if (!version) throw not_found("version " + std::to_string(request.version) + " of blueprint " + request.blueprint_id);
  // The options' part of the cache key names an earlier version by its hash: numbers are the
  // blueprint's own, sources are what the output depends on.
  std::string options_key = "{}";
  if (request.options.migrate_from) {
    const auto earlier = load_version(*connection, tenant_id(), request.blueprint_id, *request.options.migrate_from);
    if (!earlier || *request.options.migrate_from >= request.version) {
      throw ApiError(400, "invalid-request", "`options.migrateFrom` must name an earlier version of the blueprint");
    }
    options_key = json{{"migrateFrom", earlier->hash}, {"allowDataLoss", request.options.allow_data_loss}}.dump();
  }
  const std::string time = store_.now();
  const Quotas& quotas = quotas_of(tier_of(*connection, tenant_id()));
  // Counted by the hour (`2026-12-06T09`), so the check reads at most 24 rows however many jobs
  // there were: the jobs of this hour and the 23 before it.
  const auto hour_of = [](const std::string& time) { return time.substr(0, 13); };
  Statement today(*connection, "SELECT COALESCE(SUM(created), 0) FROM job_counts WHERE tenant_id = ?1 AND hour > ?2");
  today.bind(1, tenant_id()).bind(2, hour_of(request.day_start));
  today.step();
  if (today.integer(0) >= quotas.jobs_per_day) throw quota_exceeded("generation jobs a day", quotas.jobs_per_day);
  Statement counted(*connection,
                    "INSERT INTO job_counts (tenant_id, hour, created) VALUES (?1, ?2, 1) "
                    "ON CONFLICT (tenant_id, hour) DO UPDATE SET created = job_counts.created + 1");
  counted.bind(1, tenant_id()).bind(2, hour_of(time)).run();

  Job job;
  job.id = "job_" + random_hex(10);
  job.blueprint_id = request.blueprint_id;
  job.version = request.version;
  job.version_hash = version->hash;
  job.targets = std::move(targets);
  job.priority = request.priority;
  job.max_attempts = request.max_attempts;
  job.options = request.options.canonical_json();
  job.cache_key = generation_cache_key(job.version_hash, job.targets, options_key, request.compiler_version);
  job.created_by = context_.principal.key_id;
  job.created_at = time;
  // Generated before: done at once, from the cache.
  const std::optional<CachedResult> cached = load_cached_result(*connection, job.cache_key);
  if (cached) {
    job.state = JobState::Succeeded;
    job.from_cache = true;
    job.manifest = cached->manifest;
    job.finished_at = time;
  }
  Statement insert(*connection,
                   "INSERT INTO jobs (tenant_id, id, blueprint_id, version, version_hash, targets, cache_key, priority, "
                   "state, attempts, max_attempts, run_after, cancel_requested, from_cache, manifest, created_by, "
                   "created_at, finished_at, options, idempotency_key, request_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                   "?7, ?8, ?9, 0, ?10, ?11, 0, ?12, ?13, ?14, ?11, ?15, ?16, ?17, ?18)");
  insert.bind(1, tenant_id())
      .bind(2, job.id)
      .bind(3, job.blueprint_id)
      .bind(4, job.version)
      .bind(5, job.version_hash)
      .bind(6, json(job.targets).dump())
      .bind(7, job.cache_key)
      .bind(8, job.priority)
      .bind(9, job_state_name(job.state))
      .bind(10, job.max_attempts)
      .bind(11, time)
      .bind(12, job.from_cache ? 1 : 0)
      .bind_optional(13, job.manifest)
      .bind(14, job.created_by)
      .bind_optional(15, job.finished_at)
      .bind(16, job.options)
      .bind_optional(17, request.idempotency_key)
      .bind(18, request.request_hash)
      .run();
  if (cached) {
    announce_success(*connection, tenant_id(), job, cached->verification, context_.correlation_id, time);
  } else {
    connection->notify(kJobChannel);
  }
  transaction.commit();
  if (!job.from_cache) store_.job_wakeup_.notify();
  return EnqueuedJob{std::move(job), false};
}

Page<Job> TenantStore::list_jobs(std::int64_t limit, const std::optional<std::string>& after) const {
  auto connection = store_.pool_->borrow();
  // Newest first; the cursor is the last job's `created_at|id`.
  const std::string cursor = after.value_or("~");
  const std::size_t bar = cursor.find('|');
  Statement query(*connection, std::string("SELECT ") + kJobColumns +
                                   " FROM jobs WHERE tenant_id = ?1 AND (created_at < ?2 OR (created_at = ?2 AND id < ?3)) "
                                   "ORDER BY created_at DESC, id DESC LIMIT ?4");
  query.bind(1, tenant_id())
      .bind(2, cursor.substr(0, bar))
      .bind(3, bar == std::string::npos ? std::string("~") : cursor.substr(bar + 1))
      .bind(4, limit + 1);
  Page<Job> page;
  while (query.step()) page.items.push_back(read_job(query));
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next = page.items.back().created_at + "|" + page.items.back().id;
  }
  return page;
}

std::optional<Job> TenantStore::find_job(const std::string& id) const {
  auto connection = store_.pool_->borrow();
  return load_job(*connection, tenant_id(), id);
}

Job TenantStore::cancel_job(const std::string& id) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  auto job = load_job(*connection, tenant_id(), id);
  if (!job) throw not_found("job " + id);
  if (is_final(job->state)) {
    throw ApiError(409, "conflict", "the job is " + std::string(job_state_name(job->state)) + " already");
  }
  const std::string time = store_.now();
  if (job->state == JobState::Queued) {
    job->state = JobState::Cancelled;
    job->error = "cancelled by " + context_.principal.key_id;
    job->finished_at = time;
    Statement update(*connection,
                     "UPDATE jobs SET state = 'cancelled', error = ?3, finished_at = ?4 WHERE tenant_id = ?1 AND id = ?2");
    update.bind(1, tenant_id()).bind(2, id).bind(3, *job->error).bind(4, time).run();
    announce(*connection, tenant_id(), "generation.cancelled", *job, context_.correlation_id, time);
  } else {
    // A running job stops at its worker's next heartbeat.
    job->cancel_requested = true;
    Statement update(*connection, "UPDATE jobs SET cancel_requested = 1 WHERE tenant_id = ?1 AND id = ?2");
    update.bind(1, tenant_id()).bind(2, id).run();
  }
  transaction.commit();
  return *job;
}

std::optional<ClaimedJob> Store::claim_job(const JobClaim& claim) {
  auto connection = pool_->borrow();
  // No lock over the whole queue: a claim takes the lock of the tenant it claims for (the one
  // the tenant's writes take, so its events still commit in order), and passes over a tenant
  // whose lock another worker holds, so the workers of every instance claim in parallel.
  std::optional<ReadyTenant> busy;
  {
    WriteTransaction transaction(*connection, "");
    for (const ReadyTenant& tenant : in_turn(ready_tenants(*connection, claim.now, claim.window_start))) {
      if (!connection->try_lock(tenant.id)) {
        if (!busy) busy = tenant;
        continue;
      }
      if (auto claimed = claim_for(*connection, tenant, claim)) {
        transaction.commit();
        return claimed;
      }
    }
    transaction.commit();
  }
  // Every tenant with work was busy: wait for the first in turn rather than idle — in a
  // transaction of its own, holding no other tenant's lock meanwhile (that could deadlock).
  if (!busy) return std::nullopt;
  WriteTransaction transaction(*connection, busy->id);
  auto claimed = claim_for(*connection, *busy, claim);
  transaction.commit();
  return claimed;
}

bool Store::renew_job(ClaimedJob& claimed, const std::string& lease_until) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, claimed.tenant_id);
  Statement renew(*connection,
                  "UPDATE jobs SET leased_until = ?4 WHERE tenant_id = ?1 AND id = ?2 AND worker = ?3 "
                  "AND state = 'running' AND cancel_requested = 0");
  renew.bind(1, claimed.tenant_id).bind(2, claimed.job.id).bind(3, claimed.worker).bind(4, lease_until).run();
  const bool held = connection->changes() == 1;
  transaction.commit();
  if (held) claimed.lease_until = lease_until;
  return held;
}

bool Store::finish_job(const ClaimedJob& claimed, const JobOutcome& outcome) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, claimed.tenant_id);
  // Only the worker that holds the job finishes it: one whose lease lapsed and was taken over does not.
  Statement current(*connection, std::string("SELECT ") + kJobColumns +
                                     " FROM jobs WHERE tenant_id = ?1 AND id = ?2 AND state = 'running' AND worker = ?3");
  current.bind(1, claimed.tenant_id).bind(2, claimed.job.id).bind(3, claimed.worker);
  if (!current.step()) return false;
  Job job = read_job(current);
  const std::string time = now();
  using Kind = JobOutcome::Kind;
  const bool retry = outcome.kind == Kind::Retry && job.attempts < job.max_attempts;
  if (outcome.kind == Kind::Succeeded) {
    job.state = JobState::Succeeded;
  } else if (outcome.kind == Kind::Cancelled || job.cancel_requested) {
    job.state = JobState::Cancelled;
  } else if (retry) {
    job.state = JobState::Queued;
  } else {
    job.state = outcome.kind == Kind::Retry ? JobState::Dead : JobState::Failed;
  }
  job.error = outcome.error;
  job.manifest = outcome.manifest;
  if (is_final(job.state)) job.finished_at = time;
  Statement update(*connection,
                   "UPDATE jobs SET state = ?3, error = ?4, manifest = ?5, finished_at = ?6, run_after = ?7, "
                   "worker = NULL, leased_until = NULL WHERE tenant_id = ?1 AND id = ?2");
  update.bind(1, claimed.tenant_id)
      .bind(2, job.id)
      .bind(3, job_state_name(job.state))
      .bind_optional(4, job.error)
      .bind_optional(5, job.manifest)
      .bind_optional(6, job.finished_at)
      .bind(7, retry ? outcome.retry_at : time)
      .run();
  if (job.state == JobState::Succeeded) {
    Statement remember(*connection,
                       "INSERT INTO artifacts (cache_key, manifest, created_at, verification) VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT DO NOTHING");
    remember.bind(1, job.cache_key).bind(2, *job.manifest).bind(3, time).bind_optional(4, outcome.verification).run();
    announce_success(*connection, claimed.tenant_id, job, outcome.verification, std::nullopt, time);
  } else if (job.state == JobState::Cancelled) {
    announce(*connection, claimed.tenant_id, "generation.cancelled", job, std::nullopt, time);
  } else {
    announce(*connection, claimed.tenant_id, "generation.failed", job, std::nullopt, time);
  }
  // The tenant runs one job fewer: another of its jobs may start now.
  connection->notify(kJobChannel);
  transaction.commit();
  job_wakeup_.notify();
  return true;
}

void Store::report_job_progress(const ClaimedJob& claimed, const std::string& target, std::string_view step) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, claimed.tenant_id);
  json payload = {{"jobId", claimed.job.id}, {"target", target}, {"step", step}, {"attempt", claimed.job.attempts}};
  append_event(*connection, {claimed.tenant_id, "generation.progress", "jobs/" + claimed.job.id, payload.dump(),
                             std::nullopt, now()});
  transaction.commit();
}

void Store::report_job_event(const std::string& tenant_id, const std::string& job_id, std::string type,
                             const std::string& payload) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id);
  append_event(*connection, {tenant_id, std::move(type), "jobs/" + job_id, payload, std::nullopt, now()});
  transaction.commit();
}

std::string Store::put_blob(std::string_view bytes) { return blobs_->put(bytes); }

std::optional<CachedResult> Store::cached_result(const std::string& cache_key) {
  auto connection = pool_->borrow();
  return load_cached_result(*connection, cache_key);
}

Store::QueueStats Store::queue_stats() {
  auto connection = pool_->borrow();
  QueueStats stats;
  Statement counts(*connection, "SELECT state, COUNT(*), MIN(created_at) FROM jobs WHERE state IN ('queued', 'running') "
                                "GROUP BY state");
  while (counts.step()) {
    if (counts.text(0) == "queued") {
      stats.queued = counts.integer(1);
      stats.oldest_queued = counts.text(2);
    } else {
      stats.running = counts.integer(1);
    }
  }
  return stats;
}

std::unique_ptr<Notifications> Store::listen_for_jobs() const { return listen_for(database_, kJobChannel); }

std::optional<std::string> TenantStore::job_blob(const std::string& hash) const { return store_.blobs_->get(hash); }

std::optional<std::string> TenantStore::job_blob_file(const std::string& hash) const {
  return store_.blobs_->file(hash);
}


std::string TenantStore::job_archive(const std::string& manifest, ArchiveFormat format) const {
  const auto text = store_.blobs_->get(manifest);
  const json listed = text ? json::parse(*text, nullptr, false) : json();
  if (!listed.is_object()) throw StoreError("the manifest " + manifest + " cannot be read", false);
  std::vector<ArchiveEntry> entries;
  for (const json& target : listed.value("targets", json::array())) {
    for (const json& file : target.value("files", json::array())) {
      auto contents = store_.blobs_->get(file.value("sha256", ""));
      if (!contents) throw StoreError("an artifact of " + manifest + " is missing", false);
      entries.push_back({target.value("name", "") + "/" + file.value("path", ""), std::move(*contents)});
    }
  }
  return write_archive(format, entries);
}

}  // namespace bpc::service
