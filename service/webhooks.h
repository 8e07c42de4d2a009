#pragma once

// Delivery of a tenant's events to its webhooks: a dispatcher thread claims the next due event
// of some webhook (store.h, with a lease, so several instances on one PostgreSQL database share
// the work), POSTs its envelope, and records the attempt. A webhook receives its events in
// order, each until it answers 2xx: a failure is retried with exponential backoff and jitter
// (1 s, 2 s, 4 s, ... at most 5 minutes apart) and given up after `max_attempts`, when the
// webhook moves on to the next event. The delivery log (`GET /v1/webhooks/{id}/deliveries`)
// shows every attempt.
//
// Each delivery is signed: `Bpc-Signature: t=UNIX_SECONDS,v1=HEX` where HEX is
// HMAC-SHA256(secret, "UNIX_SECONDS." + body), the scheme Stripe and others use, so a receiver
// can check both the sender and the freshness. `Bpc-Event-Id`, `Bpc-Event-Type` and
// `Bpc-Webhook-Id` name what is sent.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "service/store.h"

namespace bpc::service {

struct WebhookPolicy {
  int max_attempts = 8;
  std::chrono::milliseconds first_retry{1000};
  std::chrono::milliseconds longest_retry{300'000};
  std::chrono::milliseconds idle_poll{250};
  std::chrono::seconds lease{60};
  std::chrono::seconds timeout{10};
  // Prod: send only to hosts whose every address is public (addresses.h), connecting to the
  // address that was checked.
  bool public_destinations_only = false;
};

// `http://` or `https://`, a host, no user information or fragment, at most 2,000 characters;
// `production` refuses plain HTTP and address literals that are not public (a name is checked
// when it is resolved, at each delivery). Returns the reason it is refused, or nothing.
std::optional<std::string> webhook_url_problem(std::string_view url, bool production);

// The `Bpc-Signature` header's value for `body` sent at `unix_seconds`.
std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

// Sends one delivery; what happened (webhook_sender.cpp, the one place that knows the HTTP client).
DeliveryResult send_webhook(const DueDelivery& due, std::string_view body, const WebhookPolicy& policy);

class WebhookDispatcher {
 public:
  // `log` gets a JSON line when the store cannot be reached (the delivery is tried again).
  WebhookDispatcher(Store& store, WebhookPolicy policy, std::function<void(std::string_view)> log);
  ~WebhookDispatcher();  // stops and joins

  void stop();

 private:
  void run();
  // The delay before attempt `attempt + 1`, after `attempt` failures, with ±20% jitter.

  Store& store_;
  const WebhookPolicy policy_;
  const std::function<void(std::string_view)> log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace bpc::service
