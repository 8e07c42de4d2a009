#include "service/store.h"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "service/checkpointer.h"
#include "service/connection_pool.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/events.h"
#include "service/schema.h"
#include "service/timestamps.h"

namespace bpc::service {

namespace {

using nlohmann::json;

constexpr const char* kTenantColumns = "id, name, tier, status, created_at, updated_at";

Tenant read_tenant(const Statement& row) {
  return Tenant{row.text(0), row.text(1), parse_tier(row.text(2)).value_or(Tier::Free), row.text(3) == "suspended",
                row.text(4), row.text(5)};
}

constexpr const char* kKeyColumns = "id, tenant_id, name, role, created_at, revoked_at";

ApiKey read_key(const Statement& row) {
  return ApiKey{row.text(0), row.text(1), row.text(2), parse_role(row.text(3)).value_or(Role::Viewer), row.text(4),
                row.optional_text(5)};
}

json tenant_payload(const Tenant& tenant) {
  return {{"tenantId", tenant.id},
          {"name", tenant.name},
          {"tier", tier_name(tenant.tier)},
          {"status", tenant.suspended ? "suspended" : "active"}};
}

}  // namespace

Store::Store(Options options) : options_(std::move(options)) {
  if (!options_.now) options_.now = utc_now;
  const bool postgres = !options_.database_url.empty();
  if (!postgres) std::filesystem::create_directories(options_.directory);
  database_ = postgres ? options_.database_url : options_.directory + "/service.db";
  pool_ = std::make_unique<ConnectionPool>(database_, options_.connections);
  {
    auto connection = pool_->borrow();
    schema_version_ = migrate(*connection, now());
  }
  if (postgres) {
    blobs_ = std::make_unique<DatabaseBlobStore>(*pool_);
  } else {
    blobs_ = std::make_unique<DiskBlobStore>(options_.directory + "/blobs");
    checkpointer_ = std::make_unique<Checkpointer>(*pool_, std::chrono::milliseconds(250));
  }
}

Store::~Store() = default;

Store::Pruned Store::prune(const std::string& events_before, const std::string& keys_before) {
  auto connection = pool_->borrow();
  Pruned pruned;
  WriteTransaction transaction(*connection, "bpc retention");
  Statement events(*connection,
                   "DELETE FROM events WHERE time < ?1 AND NOT EXISTS (SELECT 1 FROM webhooks "
                   "WHERE webhooks.tenant_id = events.tenant_id AND webhooks.delivered_through < events.seq)");
  events.bind(1, events_before).run();
  pruned.events = connection->changes();
  Statement deliveries(*connection, "DELETE FROM webhook_deliveries WHERE at < ?1");
  deliveries.bind(1, events_before).run();
  pruned.deliveries = connection->changes();
  Statement keys(*connection, "DELETE FROM idempotency_keys WHERE created_at < ?1");
  keys.bind(1, keys_before).run();
  pruned.idempotency_keys = connection->changes();
  // The hourly job counts outlive the 24 hours the daily quota reads.
  Statement counts(*connection, "DELETE FROM job_counts WHERE hour < ?1");
  counts.bind(1, keys_before.substr(0, 13)).run();
  transaction.commit();
  return pruned;
}

bool Store::healthy() const {
  try {
    auto connection = pool_->borrow();
    Statement ping(*connection, "SELECT 1");
    return ping.step() && ping.integer(0) == 1;
  } catch (const StoreError&) {
    return false;
  }
}

Tenant Store::create_tenant(const std::string& name, Tier tier, const RequestContext& context) {
  const std::string time = now();
  const Tenant tenant{"ten_" + random_hex(10), name, tier, false, time, time};
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, tenant.id);
  Statement insert(*connection,
                   "INSERT INTO tenants (id, name, tier, status, created_at, updated_at) "
                   "VALUES (?1, ?2, ?3, 'active', ?4, ?4)");
  insert.bind(1, tenant.id).bind(2, name).bind(3, tier_name(tier)).bind(4, time).run();
  append_event(*connection, {tenant.id, "tenant.created", "tenants/" + tenant.id, tenant_payload(tenant).dump(),
                             context.correlation_id, time});
  transaction.commit();
  return tenant;
}

std::optional<Tenant> Store::find_tenant(const std::string& id) const {
  auto connection = pool_->borrow();
  Statement query(*connection, std::string("SELECT ") + kTenantColumns + " FROM tenants WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_tenant(query);
}

Page<Tenant> Store::list_tenants(std::int64_t limit, const std::optional<std::string>& after) const {
  auto connection = pool_->borrow();
  Statement query(*connection, std::string("SELECT ") + kTenantColumns +
                                   " FROM tenants WHERE id > ?1 ORDER BY id LIMIT ?2");
  query.bind(1, after.value_or("")).bind(2, limit + 1);
  Page<Tenant> page;
  while (query.step()) page.items.push_back(read_tenant(query));
  if (static_cast<std::int64_t>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next = page.items.back().id;
  }
  return page;
}

Tenant Store::update_tenant(const std::string& id, const std::optional<std::string>& name, std::optional<Tier> tier,
                            std::optional<bool> suspended, const RequestContext& context) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, id);
  Statement query(*connection, std::string("SELECT ") + kTenantColumns + " FROM tenants WHERE id = ?1");
  query.bind(1, id);
  if (!query.step()) throw not_found("tenant " + id);
  const Tenant before = read_tenant(query);
  Tenant after = before;
  if (name) after.name = *name;
  if (tier) after.tier = *tier;
  if (suspended) after.suspended = *suspended;
  after.updated_at = now();
  Statement update(*connection, "UPDATE tenants SET name = ?2, tier = ?3, status = ?4, updated_at = ?5 WHERE id = ?1");
  update.bind(1, id)
      .bind(2, after.name)
      .bind(3, tier_name(after.tier))
      .bind(4, after.suspended ? "suspended" : "active")
      .bind(5, after.updated_at)
      .run();
  const auto announce = [&](const char* type) {
    append_event(*connection, {id, type, "tenants/" + id, tenant_payload(after).dump(), context.correlation_id,
                               after.updated_at});
  };
  if (after.name != before.name || after.tier != before.tier) announce("tenant.updated");
  if (after.suspended && !before.suspended) announce("tenant.suspended");
  if (!after.suspended && before.suspended) announce("tenant.reactivated");
  transaction.commit();
  return after;
}

Store::CreatedKey Store::create_key(const std::string& tenant_id, const std::string& name, Role role,
                                    const RequestContext& context) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id);
  Statement tenant(*connection, "SELECT 1 FROM tenants WHERE id = ?1");
  tenant.bind(1, tenant_id);
  if (!tenant.step()) throw not_found("tenant " + tenant_id);
  CreatedKey created;
  created.key = ApiKey{"key_" + random_hex(8), tenant_id, name, role, now(), std::nullopt};
  // The key's id is in its secret, so people can tell which key a secret is; the 256 random bits
  // after it are what authenticates.
  created.secret = "bpc_" + created.key.id.substr(4) + "_" + random_hex(32);
  Statement insert(*connection,
                   "INSERT INTO api_keys (id, tenant_id, name, role, secret_hash, created_at) "
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert.bind(1, created.key.id)
      .bind(2, tenant_id)
      .bind(3, name)
      .bind(4, role_name(role))
      .bind(5, sha256_hex(created.secret))
      .bind(6, created.key.created_at)
      .run();
  append_event(*connection, {tenant_id, "apikey.created", "keys/" + created.key.id,
                             json{{"keyId", created.key.id}, {"name", name}, {"role", role_name(role)}}.dump(),
                             context.correlation_id, created.key.created_at});
  transaction.commit();
  return created;
}

std::vector<ApiKey> Store::list_keys(const std::string& tenant_id) const {
  auto connection = pool_->borrow();
  Statement query(*connection,
                  std::string("SELECT ") + kKeyColumns + " FROM api_keys WHERE tenant_id = ?1 ORDER BY id");
  query.bind(1, tenant_id);
  std::vector<ApiKey> keys;
  while (query.step()) keys.push_back(read_key(query));
  return keys;
}

std::optional<ApiKey> Store::find_key(const std::string& tenant_id, const std::string& key_id) const {
  auto connection = pool_->borrow();
  Statement query(*connection,
                  std::string("SELECT ") + kKeyColumns + " FROM api_keys WHERE tenant_id = ?1 AND id = ?2");
  query.bind(1, tenant_id).bind(2, key_id);
  if (!query.step()) return std::nullopt;
  return read_key(query);
}

void Store::revoke_key(const std::string& tenant_id, const std::string& key_id, const RequestContext& context) {
  auto connection = pool_->borrow();
  WriteTransaction transaction(*connection, tenant_id);
  const std::string time = now();
  Statement update(*connection,
                   "UPDATE api_keys SET revoked_at = ?3 WHERE tenant_id = ?1 AND id = ?2 AND revoked_at IS NULL");
  update.bind(1, tenant_id).bind(2, key_id).bind(3, time).run();
  if (connection->changes() == 0) throw not_found("key " + key_id);
  append_event(*connection, {tenant_id, "apikey.revoked", "keys/" + key_id, json{{"keyId", key_id}}.dump(),
                             context.correlation_id, time});
  transaction.commit();
}

std::optional<Principal> Store::authenticate(const std::string& secret) const {
  auto connection = pool_->borrow();
  Statement query(*connection,
                  "SELECT k.id, k.tenant_id, k.role, t.status, t.tier FROM api_keys k JOIN tenants t ON t.id = k.tenant_id "
                  "WHERE k.secret_hash = ?1 AND k.revoked_at IS NULL");
  query.bind(1, sha256_hex(secret));
  if (!query.step()) return std::nullopt;
  Principal principal;
  principal.key_id = query.text(0);
  principal.tenant_id = query.text(1);
  principal.role = parse_role(query.text(2)).value_or(Role::Viewer);
  principal.tenant_suspended = query.text(3) == "suspended";
  principal.tier = parse_tier(query.text(4)).value_or(Tier::Free);
  return principal;
}

TenantStore Store::tenant(const RequestContext& context) { return TenantStore(*this, context); }

}  // namespace bpc::service
