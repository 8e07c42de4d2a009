#pragma once

// A signal that wakes the threads waiting for it (the generation workers, when a job is queued
// or a running one ends), without losing one that comes between a waiter's last look and its
// wait: a waiter remembers the count it saw (seen()) and waits until the count moves on.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace bpc::service {

class Wakeup {
 public:
  std::uint64_t seen() const {
    const std::lock_guard lock(mutex_);
    return count_;
  }
  void notify() {
    {
      const std::lock_guard lock(mutex_);
      ++count_;
    }
    changed_.notify_all();
  }
  // Waits until notify() has run since `seen` was read, or `timeout` passes.
  void wait(std::uint64_t seen, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return count_ != seen; });
  }

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::uint64_t count_ = 0;
};

}  // namespace bpc::service
