// /v1/webhooks: a tenant's webhooks (admins only: a webhook sends every event it asks for
// elsewhere), and their delivery logs.

#include "service/api.h"
#include "service/api_json.h"
#include "service/webhooks.h"

namespace bpc::service {

namespace {

json webhook_json(const Webhook& webhook) {
  return {{"id", webhook.id},
          {"url", webhook.url},
          {"eventTypes", webhook.event_types},
          {"createdAt", webhook.created_at},
          {"deliveredThrough", webhook.delivered_through},
          {"failedAttempts", webhook.attempts},
          {"nextAttemptAt", webhook.next_attempt_at}};
}

std::vector<std::string> event_types_field(const json& body) {
  std::vector<std::string> types;
  const auto found = body.find("eventTypes");
  if (found == body.end() || found->is_null()) return types;
  if (!found->is_array() || found->size() > 100) {
    throw ApiError(400, "invalid-request", "`eventTypes` must be a list of at most 100 event types");
  }
  for (const json& type : *found) {
    if (!type.is_string() || type.get<std::string>().empty() || type.get<std::string>().size() > 64) {
      throw ApiError(400, "invalid-request", "each of `eventTypes` must be an event type such as blueprint.approved");
    }
    for (const char c : type.get<std::string>()) {
      if (!((c >= 'a' && c <= 'z') || c == '.' || c == '_')) {
        throw ApiError(400, "invalid-request", "`" + type.get<std::string>() + "` is not an event type");
      }
    }
    types.push_back(type.get<std::string>());
  }
  return types;
}

}  // namespace

HttpResponse Api::create_webhook(Call& call) {
  json body = parse_body(call.request);
  const std::string url = string_field(body, "url", {.max_length = 2000}).value();
  if (const auto problem = webhook_url_problem(url, config_.strict_webhooks)) {
    throw ApiError(400, "invalid-request", "`url`: " + *problem);
  }
  const TenantStore::CreatedWebhook created = call.tenant().create_webhook(url, event_types_field(body));
  json out = webhook_json(created.webhook);
  out["secret"] = created.secret;
  HttpResponse response = json_response(201, out);
  response.set_header("Location", "/v1/webhooks/" + created.webhook.id);
  response.set_header("Cache-Control", "no-store");
  return response;
}

HttpResponse Api::list_webhooks(Call& call) {
  json items = json::array();
  for (const Webhook& webhook : call.tenant().list_webhooks()) items.push_back(webhook_json(webhook));
  return json_response(200, {{"items", items}, {"next", nullptr}});
}

HttpResponse Api::get_webhook(Call& call) {
  const auto webhook = call.tenant().find_webhook(call.params.at(0));
  if (!webhook) throw not_found("webhook " + call.params.at(0));
  return json_response(200, webhook_json(*webhook));
}

HttpResponse Api::delete_webhook(Call& call) {
  call.tenant().delete_webhook(call.params.at(0));
  return no_content_response();
}

HttpResponse Api::list_deliveries(Call& call) {
  const std::int64_t limit = integer_query(call.request, "limit", 100, 1, 1000);
  json items = json::array();
  for (const WebhookDelivery& delivery : call.tenant().list_deliveries(call.params.at(0), limit)) {
    items.push_back({{"eventSequence", delivery.event_sequence},
                     {"attempt", delivery.attempt},
                     {"at", delivery.at},
                     {"statusCode", delivery.status_code ? json(*delivery.status_code) : json(nullptr)},
                     {"error", delivery.error ? json(*delivery.error) : json(nullptr)},
                     {"outcome", delivery.outcome}});
  }
  return json_response(200, {{"items", items}, {"next", nullptr}});
}

}  // namespace bpc::service
