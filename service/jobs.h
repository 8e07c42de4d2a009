#pragma once

// Generation jobs and the durable queue they wait in (issue 16), kept in the service's store.
//
// A job generates one version of a blueprint for some targets. Its states:
//   queued -> running -> succeeded | failed (the blueprint does not build; not retried)
//          \-> cancelled (from queued, or from running at the worker's next heartbeat)
//   running -> queued again (a failure worth retrying: after a backoff) -> ... -> dead (attempts
//   used up, with the last reason)
// A worker claims a job with a lease and renews it with heartbeats; a worker that dies loses its
// job when the lease lapses, and another claims it (its attempt counted).
//
// Fairness: a claim takes, among the jobs that may run now, one of the tenant that has started
// the fewest jobs in the last `fairness_window` per unit of its tier's weight (free 1, pro 2,
// enterprise 4), so one tenant's 10,000 queued jobs do not delay another's first one by more than
// a job per worker; within a tenant, higher priority first, then oldest first. A tenant already
// running its tier's `concurrent_jobs` is passed over.
//
// Result cache: generation is deterministic, so a job's cache key (version hash, targets, options,
// compiler version) names its artifacts (with `migrateFrom`, the earlier version's hash is part of
// the options' key too); a job whose key was generated before completes from the
// cache when it is created, without entering the queue.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpc::service {

enum class JobState : std::uint8_t { Queued, Running, Succeeded, Failed, Cancelled, Dead };

std::string_view job_state_name(JobState state);
bool is_final(JobState state);

struct Job {
  std::string id;
  std::string blueprint_id;
  std::int64_t version = 0;
  std::string version_hash;
  std::vector<std::string> targets;  // sorted, without duplicates
  std::string options = "{}";        // the generation's options, as canonical JSON (JobOptions)
  std::int64_t priority = 0;         // higher first, within a tenant
  JobState state = JobState::Queued;
  std::int64_t attempts = 0;         // claims so far
  std::int64_t max_attempts = 3;
  std::string cache_key;
  bool from_cache = false;
  bool cancel_requested = false;
  std::optional<std::string> error;     // why it failed, died or was cancelled
  std::optional<std::string> manifest;  // the artifacts' manifest (a blob hash), once succeeded
  std::string created_by;
  std::string created_at;
  std::optional<std::string> started_at, finished_at;
};

// What a generation does beyond its targets; part of the cache key.
struct JobOptions {
  // Add the SQL migrations from this earlier version of the blueprint (`bpc build --migrate-from`).
  std::optional<std::int64_t> migrate_from;
  bool allow_data_loss = false;  // with migrate_from: the migrations may drop tables and columns
  // Build and test each generated project in a sandbox (runtime/verification.h); the results are
  // in the manifest (`verification`) and `validation.issued` events.
  bool verify = false;
  std::string canonical_json() const;
  static JobOptions parse(std::string_view canonical_json);
};

struct NewJob {
  std::string blueprint_id;
  std::int64_t version = 0;
  std::vector<std::string> targets;
  JobOptions options;
  std::int64_t priority = 0;
  std::int64_t max_attempts = 3;
  std::string compiler_version;
  std::string day_start;  // 24 hours before now: the jobs-a-day quota counts the hours after its hour
  // With a key, a second request with the same key finds the first one's job instead of creating
  // another (`request_hash` must match: the same key for another request is refused).
  std::optional<std::string> idempotency_key;
  std::string request_hash;
};

// A created job, or (`replayed`) the one an earlier request with the same idempotency key created.
struct EnqueuedJob {
  Job job;
  bool replayed = false;
};

// What a worker asks the queue for: a job, leased to `worker` until `lease_until`. Fairness
// counts the claims since `window_start`.
struct JobClaim {
  std::string worker;
  std::string now;
  std::string lease_until;
  std::string window_start;
};

// A job a worker holds until `lease_until`.
struct ClaimedJob {
  std::string tenant_id;
  Job job;
  std::string worker;
  std::string lease_until;
};

// How a worker's run ended.
struct JobOutcome {
  enum class Kind : std::uint8_t { Succeeded, Failed, Retry, Cancelled } kind = Kind::Succeeded;
  std::optional<std::string> manifest;  // Succeeded
  std::optional<std::string> error;     // Failed, Retry (the reason), Cancelled
  std::string retry_at;                 // Retry: when it may run again
  // Succeeded, verified (`options.verify`): a JSON array with each target's verification, as the
  // manifest's `verification` lists them; each becomes a `validation.issued` event.
  std::optional<std::string> verification;
};

// What the result cache holds for a cache key: the manifest's blob hash, and the verification
// when the generation was verified.
struct CachedResult {
  std::string manifest;
  std::optional<std::string> verification;
};

// The cache key of a generation: what determines its output.
std::string generation_cache_key(const std::string& version_hash, const std::vector<std::string>& targets,
                                 const std::string& options, const std::string& compiler_version);

}  // namespace bpc::service
