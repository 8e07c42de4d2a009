#include "service/job_worker.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "service/backoff.h"
#include "service/crypto.h"
#include "service/text_compiler.h"
#include "service/timestamps.h"

namespace bpc::service {

namespace {

using nlohmann::json;
using std::chrono::system_clock;

// The manifest of a generation: every target asked for (one may emit nothing: `openapi` for a
// blueprint without an API), each with its files by content hash.
std::string manifest_of(Store& store, const Job& job, const std::vector<GeneratedFile>& files,
                        const std::optional<json>& verification) {
  json targets = json::array();
  for (const std::string& name : job.targets) {
    json listed = json::array();
    for (const GeneratedFile& file : files) {
      if (file.target != name) continue;
      listed.push_back({{"path", file.path}, {"size", file.contents.size()}, {"sha256", store.put_blob(file.contents)}});
    }
    targets.push_back({{"name", name}, {"files", std::move(listed)}});
  }
  json manifest = {{"cacheKey", job.cache_key}, {"blueprintId", job.blueprint_id}, {"version", job.version},
                   {"versionHash", job.version_hash}, {"targets", targets}};
  if (verification) manifest["verification"] = *verification;
  // A verification's logs are whatever the tools printed: bytes that are not UTF-8 become U+FFFD.
  return manifest.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

JobWorkers::JobWorkers(Store& store, WorkerPolicy policy, std::function<void(std::string_view)> log)
    : store_(store), policy_(policy), log_(std::move(log)), instance_(random_hex(4)) {
  for (std::size_t i = 0; i < policy_.workers; ++i) threads_.emplace_back([this, i] { run(i); });
  if (policy_.workers > 0) threads_.emplace_back([this] { listen(); });
}

JobWorkers::~JobWorkers() {
  stop();
  for (std::thread& thread : threads_) thread.join();
}

void JobWorkers::stop() {
  stopping_ = true;
  store_.job_wakeup().notify();
}

void JobWorkers::listen() {
  const std::unique_ptr<Notifications> notifications = store_.listen_for_jobs();
  if (!notifications) return;
  while (!stopping_) {
    if (notifications->wait(std::chrono::milliseconds(500))) store_.job_wakeup().notify();
  }
}

void JobWorkers::run(std::size_t index) {
  const std::string worker = "worker-" + instance_ + "-" + std::to_string(index);
  while (true) {
    // Read before looking at the queue, so a job queued meanwhile still wakes the wait below.
    const std::uint64_t seen = store_.job_wakeup().seen();
    if (stopping_) return;
    std::optional<ClaimedJob> claimed;
    try {
      const auto now = system_clock::now();
      claimed = store_.claim_job(JobClaim{worker, format_utc(now), format_utc(now + policy_.lease),
                                          format_utc(now - policy_.fairness_window)});
      if (claimed) {
        const auto started = std::chrono::steady_clock::now();
        const JobOutcome outcome = work(*claimed);
        const bool recorded = store_.finish_job(*claimed, outcome);
        static constexpr std::string_view kOutcomes[] = {"succeeded", "failed", "retry", "cancelled"};
        json record = {{"time", utc_now()},
                       {"level", "info"},
                       {"msg", "job"},
                       {"worker", worker},
                       {"tenant", claimed->tenant_id},
                       {"job", claimed->job.id},
                       {"attempt", claimed->job.attempts},
                       {"outcome", recorded ? kOutcomes[static_cast<int>(outcome.kind)] : "lost its lease"},
                       {"ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - started).count()}};
        if (outcome.error) record["error"] = *outcome.error;
        log_(record.dump(-1, ' ', false, json::error_handler_t::replace));
      }
    } catch (const std::exception& failure) {
      // The store is unreachable for now: the job's lease lapses and it is taken up again.
      log_(json{{"time", utc_now()}, {"level", "error"}, {"msg", "generation worker"}, {"worker", worker},
                {"error", failure.what()}}
               .dump(-1, ' ', false, json::error_handler_t::replace));
      claimed.reset();
    }
    if (!claimed) store_.job_wakeup().wait(seen, policy_.idle_poll);
  }
}

JobOutcome JobWorkers::work(ClaimedJob& claimed) {
  using Kind = JobOutcome::Kind;
  // Queued behind an identical generation that has finished since: its artifacts will do.
  if (auto cached = store_.cached_result(claimed.job.cache_key)) {
    return JobOutcome{Kind::Succeeded, cached->manifest, {}, {}, cached->verification};
  }
  RequestContext context;
  context.principal.tenant_id = claimed.tenant_id;
  context.principal.key_id = "worker";
  const TenantStore tenant = store_.tenant(context);
  const auto version = tenant.find_version(claimed.job.blueprint_id, claimed.job.version);
  const auto source = version ? tenant.source(*version) : std::nullopt;
  if (!source) return JobOutcome{Kind::Failed, {}, "the version's source is gone", {}};
  // Another attempt, after a backoff that grows with the attempts made.
  const auto retry = [&](std::string reason) {
    const auto delay = retry_delay(policy_.first_retry, policy_.longest_retry, claimed.job.attempts);
    return JobOutcome{Kind::Retry, {}, std::move(reason), format_utc(system_clock::now() + delay)};
  };
  const JobOptions options = JobOptions::parse(claimed.job.options);
  if (options.verify && !policy_.verifier) {
    return retry("this instance cannot verify generated projects (its settings have no `verification`)");
  }
  std::optional<std::string> previous_source;
  if (options.migrate_from) {
    const auto previous = tenant.find_version(claimed.job.blueprint_id, *options.migrate_from);
    previous_source = previous ? tenant.source(*previous) : std::nullopt;
    if (!previous_source) return JobOutcome{Kind::Failed, {}, "the source of the version to migrate from is gone", {}};
  }

  // The lease is renewed from a thread of its own while the generation runs; losing it (or a
  // cancellation) cancels the generation.
  CancellationSource cancellation;
  std::mutex heartbeat_mutex;
  std::condition_variable heartbeat_wake;
  bool generated = false;
  bool lost = false;
  std::thread heartbeat([&] {
    std::unique_lock lock(heartbeat_mutex);
    while (!heartbeat_wake.wait_for(lock, policy_.heartbeat, [&] { return generated; })) {
      lock.unlock();
      bool held = false;
      try {
        held = store_.renew_job(claimed, format_utc(system_clock::now() + policy_.lease));
      } catch (const std::exception&) {
        held = true;  // the store is unreachable: keep going, the lease may still hold
      }
      lock.lock();
      if (!held) {
        lost = true;
        cancellation.cancel();
        return;
      }
    }
  });
  GenerationResult result;
  std::optional<json> verification;
  std::optional<std::string> crash;
  // Progress is news, not state: a store that cannot take it now does not fail the job.
  const auto progress = [&](const std::string& target, std::string_view step) {
    try {
      store_.report_job_progress(claimed, target, step);
    } catch (const std::exception& failure) {
      log_(json{{"time", utc_now()}, {"level", "warning"}, {"msg", "job progress"}, {"job", claimed.job.id},
                {"error", failure.what()}}
               .dump(-1, ' ', false, json::error_handler_t::replace));
    }
  };
  try {
    const driver::Budgets budgets = service_budgets(policy_.max_source_bytes, policy_.time_limit);
    GenerationInput input{*source, {}, {}, {}, previous_source, options.allow_data_loss};
    for (const std::string& target : claimed.job.targets) {
      const auto plugin = std::find_if(policy_.plugins.begin(), policy_.plugins.end(),
                                       [&](const driver::PluginManifest& manifest) { return manifest.id == target; });
      if (plugin == policy_.plugins.end()) {
        input.targets.push_back(target);
      } else {
        input.plugins.push_back(&*plugin);
      }
    }
    input.scratch = std::filesystem::temp_directory_path() / ("bpc-job-" + claimed.job.id + "-" + random_hex(4));
    result = generate_text(input, budgets, cancellation.token(), progress);
    if (result.ok && options.verify) {
      verification = verify_generation(*policy_.verifier, claimed.job.targets, result.files, claimed.job.id,
                                       cancellation.token(), [&](const std::string& target) { progress(target, "verify"); });
    }
  } catch (const std::exception& failure) {
    crash = failure.what();
  }
  {
    const std::lock_guard lock(heartbeat_mutex);
    generated = true;
  }
  heartbeat_wake.notify_all();
  heartbeat.join();

  if (lost) return JobOutcome{Kind::Cancelled, {}, "cancelled", {}};
  if (crash) return retry("generation failed: " + *crash);
  if (!result.ok) {
    return JobOutcome{Kind::Failed, {}, result.summary.empty() ? "the blueprint does not build" : result.summary, {}};
  }
  try {
    return JobOutcome{Kind::Succeeded, store_.put_blob(manifest_of(store_, claimed.job, result.files, verification)), {},
                      {}, verification ? std::optional<std::string>(verification->dump(-1, ' ', false, json::error_handler_t::replace))
                                   : std::nullopt};
  } catch (const std::exception& failure) {
    return retry(std::string("storing the artifacts failed: ") + failure.what());
  }
}

}  // namespace bpc::service
