#include "service/repeating_task.h"

namespace bpc::service {

RepeatingTask::RepeatingTask(std::chrono::milliseconds interval, First first, std::function<void()> task)
    : interval_(interval), task_(std::move(task)), thread_([this, first] { run(first); }) {}

RepeatingTask::~RepeatingTask() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RepeatingTask::run(First first) {
  std::unique_lock lock(mutex_);
  if (first == First::AfterInterval && wake_.wait_for(lock, interval_, [&] { return stopping_; })) return;
  while (!stopping_) {
    lock.unlock();
    task_();
    lock.lock();
    wake_.wait_for(lock, interval_, [&] { return stopping_; });
  }
}

}  // namespace bpc::service
