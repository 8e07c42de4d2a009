#pragma once

// Retention: a thread that, at start and then every `every`, deletes what the store no longer
// needs (Store::prune): events older than `event_retention` that every webhook of their tenant
// has sent (or given up on), the webhook delivery log older than that, and idempotency keys older
// than `idempotency_window` (a retry after that creates again). Every instance on a shared store
// runs one; the deletes are idempotent.

#include <chrono>
#include <functional>
#include <string_view>

#include "service/repeating_task.h"
#include "service/store.h"

namespace bpc::service {

struct RetentionPolicy {
  std::chrono::hours event_retention{24 * 30};
  std::chrono::hours idempotency_window{24};
  std::chrono::minutes every{60};
};

class Maintenance {
 public:
  Maintenance(Store& store, RetentionPolicy policy, std::function<void(std::string_view)> log);

 private:
  void prune();

  Store& store_;
  RetentionPolicy policy_;
  std::function<void(std::string_view)> log_;
  RepeatingTask task_;  // last: started once the members above exist
};

}  // namespace bpc::service
