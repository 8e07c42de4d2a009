#pragma once

// The command line's executor: each task on a thread of its own (a build has a handful of
// targets, and each target's backend is mostly single-threaded work), joined before returning.

#include <functional>
#include <span>
#include <thread>
#include <vector>

#include "driver/executor.h"

namespace bpc::cli {

class ThreadExecutor final : public driver::Executor {
 public:
  void run_all(std::span<const std::function<void()>> tasks) override {
    if (tasks.size() == 1) {
      tasks.front()();
      return;
    }
    std::vector<std::jthread> threads;
    threads.reserve(tasks.size());
    for (const std::function<void()>& task : tasks) threads.emplace_back(task);
  }
};

}  // namespace bpc::cli
