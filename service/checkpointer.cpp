#include "service/checkpointer.h"

namespace bpc::service {


Checkpointer::Checkpointer(ConnectionPool& pool, std::chrono::milliseconds interval)
    : pool_(pool), interval_(interval), thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
    lock.unlock();
    try {
      auto connection = pool_.borrow();
      connection->checkpoint();
    } catch (const StoreError&) {
      // Busy or failing now: the log is copied on a later turn.
    }
    lock.lock();
  }
}

}  // namespace bpc::service
