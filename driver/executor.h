#pragma once

// Where the compilation library's parallel work runs. The library starts no threads of its own:
// a caller that wants the targets of a build generated at once passes an executor that runs
// tasks on its threads (the command line's runs each on a thread of its own, cli/thread_executor.h;
// the service's will run them on its worker pool); InlineExecutor runs them one after another
// on the calling thread.

#include <functional>
#include <span>

namespace bpc::driver {

class Executor {
 public:
  virtual ~Executor() = default;
  // Runs every task, possibly at once, and returns when all have finished. Tasks do not throw.
  virtual void run_all(std::span<const std::function<void()>> tasks) = 0;
};

class InlineExecutor final : public Executor {
 public:
  void run_all(std::span<const std::function<void()>> tasks) override {
    for (const std::function<void()>& task : tasks) task();
  }
};

}  // namespace bpc::driver
