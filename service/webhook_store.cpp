// Webhooks in the store: a tenant's registrations (TenantStore) and their dispatch (Store), which
// any instance's dispatcher may run, since a webhook is claimed with a lease before it is sent.

#include <nlohmann/json.hpp>

#include "service/connection_pool.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/events.h"
#include "service/store.h"
#include "service/store_rows.h"

namespace bpc::service {

namespace {

using nlohmann::json;

constexpr const char* kWebhookColumns =
    "id, url, event_types, created_at, delivered_through, attempts, next_attempt_at";

Webhook read_webhook(const Statement& row) {
  return Webhook{row.text(0), row.text(1), string_list(row.text(2)), row.text(3), row.integer(4), row.integer(5),
                 row.text(6)};
}

bool wanted(const std::vector<std::string>& types, const std::string& type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

}  // namespace

TenantStore::CreatedWebhook TenantStore::create_webhook(const std::string& url,
                                                        const std::vector<std::string>& event_types) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  CreatedWebhook created;
  const std::string time = store_.now();
  created.secret = "whsec_" + random_hex(24);
  created.webhook = Webhook{"wh_" + random_hex(8), url, event_types, time, 0, 0, time};
  // It is sent what happens from now on.
  Statement last(*connection, "SELECT COALESCE(MAX(seq), 0) FROM events WHERE tenant_id = ?1");
  last.bind(1, tenant_id());
  last.step();
  created.webhook.delivered_through = last.integer(0);
  Statement insert(*connection,
                   "INSERT INTO webhooks (tenant_id, id, url, secret, event_types, created_at, delivered_through, "
                   "attempts, next_attempt_at, leased_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?6, '')");
  insert.bind(1, tenant_id())
      .bind(2, created.webhook.id)
      .bind(3, url)
      .bind(4, created.secret)
      .bind(5, json(event_types).dump())
      .bind(6, time)
      .bind(7, created.webhook.delivered_through)
      .run();
  append_event(*connection, {tenant_id(), "webhook.created", "webhooks/" + created.webhook.id,
                             json{{"webhookId", created.webhook.id}, {"url", url}, {"eventTypes", event_types}}.dump(),
                             context_.correlation_id, time});
  transaction.commit();
  return created;
}

std::vector<Webhook> TenantStore::list_webhooks() const {
  auto connection = store_.pool_->borrow();
  Statement query(*connection,
                  std::string("SELECT ") + kWebhookColumns + " FROM webhooks WHERE tenant_id = ?1 ORDER BY id");
  query.bind(1, tenant_id());
  std::vector<Webhook> webhooks;
  while (query.step()) webhooks.push_back(read_webhook(query));
  return webhooks;
}

std::optional<Webhook> TenantStore::find_webhook(const std::string& id) const {
  auto connection = store_.pool_->borrow();
  Statement query(*connection,
                  std::string("SELECT ") + kWebhookColumns + " FROM webhooks WHERE tenant_id = ?1 AND id = ?2");
  query.bind(1, tenant_id()).bind(2, id);
  if (!query.step()) return std::nullopt;
  return read_webhook(query);
}

void TenantStore::delete_webhook(const std::string& id) {
  auto connection = store_.pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id());
  Statement remove_log(*connection, "DELETE FROM webhook_deliveries WHERE tenant_id = ?1 AND webhook_id = ?2");
  remove_log.bind(1, tenant_id()).bind(2, id).run();
  Statement remove(*connection, "DELETE FROM webhooks WHERE tenant_id = ?1 AND id = ?2");
  remove.bind(1, tenant_id()).bind(2, id).run();
  if (connection->changes() == 0) throw not_found("webhook " + id);
  append_event(*connection, {tenant_id(), "webhook.deleted", "webhooks/" + id, json{{"webhookId", id}}.dump(),
                             context_.correlation_id, store_.now()});
  transaction.commit();
}

std::vector<WebhookDelivery> TenantStore::list_deliveries(const std::string& webhook_id, std::int64_t limit) const {
  if (!find_webhook(webhook_id)) throw not_found("webhook " + webhook_id);
  auto connection = store_.pool_->borrow();
  Statement query(*connection,
                  "SELECT event_sequence, attempt, at, status_code, error, outcome FROM webhook_deliveries "
                  "WHERE tenant_id = ?1 AND webhook_id = ?2 ORDER BY at DESC, event_sequence DESC, attempt DESC "
                  "LIMIT ?3");
  query.bind(1, tenant_id()).bind(2, webhook_id).bind(3, limit);
  std::vector<WebhookDelivery> deliveries;
  while (query.step()) {
    WebhookDelivery delivery{query.integer(0), query.integer(1), query.text(2), std::nullopt,
                             query.optional_text(4), query.text(5)};
    if (!query.is_null(3)) delivery.status_code = query.integer(3);
    deliveries.push_back(std::move(delivery));
  }
  return deliveries;
}

std::optional<DueDelivery> Store::claim_due_delivery(const std::string& now, const std::string& lease_until) {
  auto connection = pool_->borrow();
  // Claims are serialized (they are short): no two dispatchers claim one webhook, and a claim
  // never upgrades a read snapshot that a concurrent write made stale.
  WriteTransaction transaction(*connection, "bpc webhook dispatch");
  DueDelivery delivery;
  std::vector<std::string> types;
  std::int64_t through = 0;
  {
    Statement due(*connection,
                  "SELECT w.tenant_id, w.id, w.url, w.secret, w.event_types, w.delivered_through, w.attempts "
                  "FROM webhooks w WHERE w.next_attempt_at <= ?1 AND w.leased_until <= ?1 AND EXISTS "
                  "(SELECT 1 FROM events e WHERE e.tenant_id = w.tenant_id AND e.seq > w.delivered_through) "
                  "ORDER BY w.next_attempt_at LIMIT 1");
    due.bind(1, now);
    if (!due.step()) return std::nullopt;
    delivery = DueDelivery{due.text(0), due.text(1), due.text(2), due.text(3), due.integer(6), {}};
    types = string_list(due.text(4));
    through = due.integer(5);
  }
  std::int64_t passed_over = through;
  {
    Statement events(*connection,
                     "SELECT seq, id, type, schema_version, time, tenant_id, correlation_id, subject, data FROM events "
                     "WHERE tenant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT 200");
    events.bind(1, delivery.tenant_id).bind(2, through);
    while (events.step()) {
      if (!wanted(types, events.text(2))) {
        passed_over = events.integer(0);
        continue;
      }
      delivery.event = StoredEvent{events.integer(0), events.text(1), events.text(2), events.integer(3),
                                   events.text(4), events.text(5), events.optional_text(6), events.optional_text(7),
                                   events.text(8)};
      break;
    }
  }
  const bool found = delivery.event.sequence != 0;
  // Events of types the webhook did not ask for are passed over; the one to send is leased.
  Statement advance(*connection,
                    "UPDATE webhooks SET delivered_through = ?3, leased_until = ?4 WHERE tenant_id = ?1 AND id = ?2");
  advance.bind(1, delivery.tenant_id)
      .bind(2, delivery.webhook_id)
      .bind(3, found ? delivery.event.sequence - 1 : passed_over)
      .bind(4, found ? lease_until : std::string())
      .run();
  transaction.commit();
  if (!found) return std::nullopt;
  return delivery;
}

void Store::finish_delivery(const DueDelivery& due, const DeliveryResult& result) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, due.tenant_id);
  Statement exists(*connection, "SELECT 1 FROM webhooks WHERE tenant_id = ?1 AND id = ?2");
  exists.bind(1, due.tenant_id).bind(2, due.webhook_id);
  if (!exists.step()) return;  // deleted while it was being sent
  const std::string time = now();
  const std::int64_t attempt = due.attempts + 1;
  const bool retry = !result.delivered && result.retry_at.has_value();
  Statement log(*connection,
                "INSERT INTO webhook_deliveries (tenant_id, webhook_id, event_sequence, attempt, at, status_code, "
                "error, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING");
  log.bind(1, due.tenant_id)
      .bind(2, due.webhook_id)
      .bind(3, due.event.sequence)
      .bind(4, attempt)
      .bind(5, time)
      .bind_optional(6, result.status_code)
      .bind_optional(7, result.error)
      .bind(8, result.delivered ? "delivered" : retry ? "retrying" : "failed")
      .run();
  Statement update(*connection,
                   "UPDATE webhooks SET delivered_through = ?3, attempts = ?4, next_attempt_at = ?5, leased_until = '' "
                   "WHERE tenant_id = ?1 AND id = ?2");
  update.bind(1, due.tenant_id)
      .bind(2, due.webhook_id)
      .bind(3, retry ? due.event.sequence - 1 : due.event.sequence)
      .bind(4, retry ? attempt : 0)
      .bind(5, retry ? *result.retry_at : time)
      .run();
  transaction.commit();
}

}  // namespace bpc::service
