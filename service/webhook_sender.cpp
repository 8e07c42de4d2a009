// Sending one webhook delivery over HTTP(S) with cpp-httplib's client.

#include <httplib.h>

#include <chrono>

#include "service/addresses.h"
#include "service/webhooks.h"

namespace bpc::service {

DeliveryResult send_webhook(const DueDelivery& due, std::string_view body, const WebhookPolicy& policy) {
  DeliveryResult result;
  const std::chrono::seconds timeout = policy.timeout;
  const std::string_view url = due.url;
  const std::size_t scheme_end = url.find("://") + 3;
  const std::size_t path_start = url.find_first_of("/?", scheme_end);
  const std::string origin(url.substr(0, path_start));
  std::string target = path_start == std::string_view::npos ? "/" : std::string(url.substr(path_start));
  if (target.front() == '?') target.insert(0, "/");

  // Resolved here, once: the connection goes to the address that was checked.
  const std::string host = url_host(url);
  const Destination destination = resolve_destination(host, policy.public_destinations_only);
  if (!destination.error.empty()) {
    result.error = destination.error;
    return result;
  }
  httplib::Client client(origin);
  client.set_hostname_addr_map({{host, destination.address}});
  client.set_connection_timeout(timeout);
  client.set_read_timeout(timeout);
  client.set_write_timeout(timeout);
  client.set_follow_location(false);
  const auto unix_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const httplib::Headers headers = {
      {"Bpc-Signature", webhook_signature(due.secret, unix_seconds, body)},
      {"Bpc-Event-Id", due.event.id},
      {"Bpc-Event-Type", due.event.type},
      {"Bpc-Webhook-Id", due.webhook_id},
      {"User-Agent", "bpc-serve-webhooks"},
  };
  const httplib::Result response = client.Post(target, headers, std::string(body), "application/json");
  if (!response) {
    result.error = httplib::to_string(response.error());
    return result;
  }
  result.status_code = response->status;
  result.delivered = response->status >= 200 && response->status < 300;
  if (!result.delivered) result.error = "answered " + std::to_string(response->status);
  return result;
}

}  // namespace bpc::service
