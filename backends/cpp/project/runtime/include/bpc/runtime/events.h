#pragma once

// The in-process event bus. Routes raise events while they work; the events are written to the
// store's outbox in the write's transaction (the durable record other processes can relay) and
// delivered to the subscribers here only after it has committed. A subscriber that throws is
// logged and never fails the request.

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bpc/runtime/store.h"

namespace bpc::runtime {

class EventBus {
 public:
  using Handler = std::function<void(const Event&)>;

  // Calls `handler` for every event named `name`.
  void subscribe(const std::string& name, Handler handler);
  // Calls `handler` for every event (to relay them elsewhere, or to record them in tests).
  void subscribe_all(Handler handler);
  // Delivers a committed event to its subscribers, in the order they subscribed.
  void deliver(const Event& event) const;

 private:
  mutable std::mutex lock_;
  std::map<std::string, std::vector<Handler>, std::less<>> handlers_;
  std::vector<Handler> every_;
};

// A new event: a random id, the current time.
Event make_event(std::string name, Json payload);

// A random (version 4) UUID.
std::string random_uuid();
// The current time, RFC 3339 in UTC with milliseconds (`2024-01-31T08:00:00.000Z`).
std::string now_utc();

}  // namespace bpc::runtime
