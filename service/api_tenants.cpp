// /v1/tenants: the operator's administration of tenants, and keys for the operator and a
// tenant's admins.

#include "service/api.h"
#include "service/api_json.h"

namespace bpc::service {

namespace {

Tier tier_field(json& body, bool required) {
  const auto name = string_field(body, "tier", {.max_length = 16, .required = required});
  if (!name) return Tier::Free;
  const auto tier = parse_tier(*name);
  if (!tier) throw ApiError(400, "invalid-request", "`tier` must be free, pro or enterprise");
  return *tier;
}

}  // namespace

HttpResponse Api::create_tenant(Call& call) {
  json body = parse_body(call.request);
  const std::string name = string_field(body, "name", {.max_length = 200}).value();
  if (name.empty()) throw ApiError(400, "invalid-request", "`name` must not be empty");
  const Tenant tenant = store_.create_tenant(name, tier_field(body, false), call.context);
  HttpResponse response = json_response(201, to_json(tenant));
  response.set_header("Location", "/v1/tenants/" + tenant.id);
  return response;
}

HttpResponse Api::list_tenants(Call& call) {
  const std::int64_t limit = integer_query(call.request, "limit", 50, 1, 500);
  return json_response(200, page_json(store_.list_tenants(limit, call.request.query_value("cursor")),
                                      [](const Tenant& tenant) { return to_json(tenant); }));
}

HttpResponse Api::get_tenant(Call& call) {
  const std::string id = addressed_tenant(call);
  const auto tenant = store_.find_tenant(id);
  if (!tenant) throw not_found("tenant " + id);
  return json_response(200, to_json(*tenant));
}

HttpResponse Api::update_tenant(Call& call) {
  const std::string id = addressed_tenant(call);
  json body = parse_body(call.request);
  const auto name = string_field(body, "name", {.max_length = 200, .required = false});
  if (name && name->empty()) throw ApiError(400, "invalid-request", "`name` must not be empty");
  std::optional<Tier> tier;
  if (body.contains("tier")) tier = tier_field(body, true);
  std::optional<bool> suspended;
  if (const auto status = string_field(body, "status", {.max_length = 16, .required = false})) {
    if (*status != "active" && *status != "suspended") {
      throw ApiError(400, "invalid-request", "`status` must be active or suspended");
    }
    suspended = *status == "suspended";
  }
  return json_response(200, to_json(store_.update_tenant(id, name, tier, suspended, call.context)));
}

HttpResponse Api::tenant_usage(Call& call) {
  const std::string id = addressed_tenant(call);
  const auto tenant = store_.find_tenant(id);
  if (!tenant) throw not_found("tenant " + id);
  Principal as_tenant;
  as_tenant.tenant_id = id;
  const Usage usage = store_.tenant(RequestContext{as_tenant, call.context.correlation_id}).usage();
  json out = to_json(usage, quotas_of(tenant->tier));
  out["tenantId"] = id;
  out["tier"] = tier_name(tenant->tier);
  return json_response(200, out);
}

HttpResponse Api::create_key(Call& call) {
  const std::string tenant = addressed_tenant(call);
  json body = parse_body(call.request);
  const std::string name = string_field(body, "name", {.max_length = 200}).value();
  const std::string role_text = string_field(body, "role", {.max_length = 16}).value();
  const auto role = parse_role(role_text);
  if (!role) throw ApiError(400, "invalid-request", "`role` must be owner, admin, developer or viewer");
  const Principal& caller = call.context.principal;
  // A key never grants more than its maker holds: an admin makes keys up to admin.
  if (!caller.is_operator && *role > caller.role) {
    throw ApiError(403, "forbidden", "a " + std::string(role_name(caller.role)) + " key cannot create " +
                                         std::string(role_name(*role)) + " keys");
  }
  if (!store_.find_tenant(tenant)) throw not_found("tenant " + tenant);
  const Store::CreatedKey created = store_.create_key(tenant, name, *role, call.context);
  json out = to_json(created.key);
  out["secret"] = created.secret;
  HttpResponse response = json_response(201, out);
  response.set_header("Cache-Control", "no-store");
  return response;
}

HttpResponse Api::list_keys(Call& call) {
  const std::string tenant = addressed_tenant(call);
  if (!store_.find_tenant(tenant)) throw not_found("tenant " + tenant);
  json items = json::array();
  for (const ApiKey& key : store_.list_keys(tenant)) items.push_back(to_json(key));
  return json_response(200, {{"items", items}, {"next", nullptr}});
}

HttpResponse Api::revoke_key(Call& call) {
  const std::string tenant = addressed_tenant(call);
  const std::string& key_id = call.params.at(1);
  const Principal& caller = call.context.principal;
  const auto key = store_.find_key(tenant, key_id);
  if (!key) throw not_found("key " + key_id);
  if (!caller.is_operator && key->role > caller.role) {
    throw ApiError(403, "forbidden", "a " + std::string(role_name(caller.role)) + " key cannot revoke " +
                                         std::string(role_name(key->role)) + " keys");
  }
  store_.revoke_key(tenant, key_id, call.context);
  return no_content_response();
}

}  // namespace bpc::service
