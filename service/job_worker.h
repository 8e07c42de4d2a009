#pragma once

// The workers that run generation jobs (jobs.h) in `bpc serve`: threads that claim a job from
// the store's queue, generate its version for its targets in memory (text_compiler.h), store
// the files and a manifest as blobs, and finish the job — renewing its lease every `heartbeat`
// meanwhile, from a thread of the job's own, and stopping when the lease is lost or the job is
// cancelled. A blueprint that does not build fails at once; anything else (the store, a crash
// of the generation) is retried with exponential backoff and jitter until the job's attempts are
// used up, then the job is dead with the reason. Each run is one JSON log line (`"msg":"job"`).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "service/store.h"

namespace bpc::service {

struct WorkerPolicy {
  std::size_t workers = 2;
  std::chrono::seconds lease{30};
  std::chrono::seconds heartbeat{10};
  std::chrono::milliseconds idle_poll{250};
  std::chrono::minutes fairness_window{10};
  std::chrono::milliseconds first_retry{2000};
  std::chrono::milliseconds longest_retry{300'000};
  std::uint64_t max_source_bytes = 1u << 20;
  std::chrono::milliseconds time_limit{60'000};  // of one generation
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
  std::string instance_;  // this process's part of each worker's name
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;  // last: started once the members above exist
};

}  // namespace bpc::service
