#pragma once

// The workers that run generation jobs (jobs.h) in `bpc serve`: threads that claim a job from
// the store's queue, generate its version for its targets in memory (text_compiler.h), store
// the files and a manifest as blobs, and finish the job — renewing its lease every `heartbeat`
// meanwhile, from a thread of the job's own, and stopping when the lease is lost or the job is
// cancelled. A job that asks for it (`options.verify`) then has its projects built and tested in
// sandboxes (job_verification.h), under the same lease. Idle workers sleep until a job is queued (Store::job_wakeup; on PostgreSQL one
// listener thread turns NOTIFY from every instance into that wakeup). A blueprint that does not build fails at once; anything else (the store, a crash
// of the generation) is retried with exponential backoff and jitter until the job's attempts are
// used up, then the job is dead with the reason. Each run is one JSON log line (`"msg":"job"`).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>
#include <thread>
#include <vector>

#include "driver/plugin.h"
#include "service/job_verification.h"
#include "service/store.h"

namespace bpc::service {

struct WorkerPolicy {
  std::size_t workers = 2;
  std::chrono::seconds lease{30};
  std::chrono::milliseconds heartbeat{10'000};
  // How long an idle worker waits before it looks at the queue again without being woken (for
  // retries whose backoff ends and leases that lapse): a queued job wakes it at once, through
  // the store in this process and NOTIFY from other instances (PostgreSQL).
  std::chrono::milliseconds idle_poll{1000};
  std::chrono::minutes fairness_window{10};
  std::chrono::milliseconds first_retry{2000};
  std::chrono::milliseconds longest_retry{300'000};
  std::uint64_t max_source_bytes = 1u << 20;
  std::chrono::milliseconds time_limit{60'000};  // of one generation
  // The plugins the operator registered (`plugins` in the settings): a job's target may name one.
  std::vector<driver::PluginManifest> plugins;
  // What verifies generated projects for the jobs that ask (`verification` in the settings); every
  // instance that runs jobs needs the same, or a verified job is retried until one that has it
  // takes it.
  std::optional<Verifier> verifier;
};

class JobWorkers {
 public:
  JobWorkers(Store& store, WorkerPolicy policy, std::function<void(std::string_view)> log);
  ~JobWorkers();
  JobWorkers(const JobWorkers&) = delete;
  JobWorkers& operator=(const JobWorkers&) = delete;
  // Ends the workers once their current jobs finish (a job cut off by a stop is taken up again
  // when its lease lapses).
  void stop();

 private:
  void run(std::size_t index);
  JobOutcome work(ClaimedJob& claimed);

  Store& store_;
  WorkerPolicy policy_;
  std::function<void(std::string_view)> log_;
  void listen();

  std::string instance_;  // this process's part of each worker's name
  std::atomic<bool> stopping_ = false;
  std::vector<std::thread> threads_;  // last: started once the members above exist
};

}  // namespace bpc::service
