#include "service/checkpointer.h"

namespace bpc::service {

Checkpointer::Checkpointer(ConnectionPool& pool, std::chrono::milliseconds interval)
    : pool_(pool), task_(interval, RepeatingTask::First::AfterInterval, [this] { checkpoint(); }) {}

void Checkpointer::checkpoint() {
  try {
    auto connection = pool_.borrow();
    connection->checkpoint();
  } catch (const StoreError&) {
    // Busy or failing now: the log is copied on a later turn.
  }
}

}  // namespace bpc::service
