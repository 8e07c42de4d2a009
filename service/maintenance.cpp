#include "service/maintenance.h"

#include <nlohmann/json.hpp>

#include "service/timestamps.h"

namespace bpc::service {

Maintenance::Maintenance(Store& store, RetentionPolicy policy, std::function<void(std::string_view)> log)
    : store_(store),
      policy_(policy),
      log_(std::move(log)),
      task_(policy_.every, RepeatingTask::First::AtOnce, [this] { prune(); }) {}

void Maintenance::prune() {
  using std::chrono::system_clock;
  nlohmann::json record = {{"level", "info"}, {"msg", "retention"}};
  try {
    const auto now = system_clock::now();
    const Store::Pruned pruned =
        store_.prune(format_utc(now - policy_.event_retention), format_utc(now - policy_.idempotency_window));
    record["events"] = pruned.events;
    record["deliveries"] = pruned.deliveries;
    record["idempotencyKeys"] = pruned.idempotency_keys;
  } catch (const std::exception& failure) {
    // The store is unreachable for now: the next round tries again.
    record["level"] = "error";
    record["error"] = failure.what();
  }
  record["time"] = utc_now();
  log_(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace bpc::service
