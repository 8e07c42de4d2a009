#include "service/webhooks.h"

#include <nlohmann/json.hpp>

#include "service/addresses.h"
#include "service/api_json.h"
#include "service/backoff.h"
#include "service/crypto.h"
#include "service/timestamps.h"

namespace bpc::service {

std::optional<std::string> webhook_url_problem(std::string_view url, bool production) {
  const bool https_only = production;
  if (url.size() > 2000) return "the URL is longer than 2,000 characters";
  const bool https = url.starts_with("https://");
  if (!https && !url.starts_with("http://")) return "the URL must start with https:// (or http://)";
  if (https_only && !https) return "this service sends webhooks only to https:// URLs";
  const std::string_view rest = url.substr(https ? 8 : 7);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.empty() || authority.front() == ':') return "the URL names no host";
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "the URL holds a space or control character";
  }
  if (authority.find('@') != std::string_view::npos) return "the URL may not hold a user name or password";
  if (url.find('#') != std::string_view::npos) return "the URL may not hold a fragment";
  const std::string host = url_host(url);
  const bool literal = host.find_first_not_of("0123456789.") == std::string::npos || host.find(':') != std::string::npos;
  if (production && literal && !is_public_address_literal(host)) {
    return "the URL's host is not a public address (this service sends webhooks only to public ones)";
  }
  return std::nullopt;
}

std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  const std::string timestamp = std::to_string(unix_seconds);
  return "t=" + timestamp + ",v1=" + hmac_sha256_hex(secret, timestamp + "." + std::string(body));
}

WebhookDispatcher::WebhookDispatcher(Store& store, WebhookPolicy policy, std::function<void(std::string_view)> log)
    : store_(store), policy_(policy), log_(std::move(log)), thread_([this] { run(); }) {}

WebhookDispatcher::~WebhookDispatcher() {
  stop();
  if (thread_.joinable()) thread_.join();
}

void WebhookDispatcher::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
}

void WebhookDispatcher::run() {
  using std::chrono::system_clock;
  while (true) {
    {
      const std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    std::optional<DueDelivery> due;
    try {
      const auto now = system_clock::now();
      due = store_.claim_due_delivery(format_utc(now), format_utc(now + policy_.lease));
      if (due) {
        // The envelope, as GET /v1/events and the event stream show it.
        const std::string body = to_json(due->event).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        DeliveryResult result = send_webhook(*due, body, policy_);
        if (!result.delivered && due->attempts + 1 < policy_.max_attempts) {
          result.retry_at = format_utc(system_clock::now() + retry_delay(policy_.first_retry, policy_.longest_retry, due->attempts + 1));
        }
        store_.finish_delivery(*due, result);
      }
    } catch (const std::exception& failure) {
      // The store is unreachable for now: the lease lapses and the delivery is tried again.
      log_(nlohmann::json{{"time", utc_now()}, {"level", "error"}, {"msg", "webhook dispatch"},
                          {"error", failure.what()}}
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      due.reset();
    }
    if (!due) {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, policy_.idle_poll, [&] { return stopping_; });
    }
  }
}

}  // namespace bpc::service
