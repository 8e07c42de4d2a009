#pragma once

// A task run on a thread of its own every `interval` until the object is destroyed; destruction
// wakes the thread and waits for a run under way to end. What the service does in the background
// on a clock (retention, SQLite's checkpoints) runs on one of these.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace bpc::service {

class RepeatingTask {
 public:
  enum class First : bool { AtOnce, AfterInterval };
  RepeatingTask(std::chrono::milliseconds interval, First first, std::function<void()> task);
  ~RepeatingTask();
  RepeatingTask(const RepeatingTask&) = delete;
  RepeatingTask& operator=(const RepeatingTask&) = delete;

 private:
  void run(First first);

  std::chrono::milliseconds interval_;
  std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace bpc::service
