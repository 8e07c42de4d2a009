#include "service/api.h"

#include <chrono>
#include <cmath>

#include "service/api_json.h"
#include "service/crypto.h"
#include "service/timestamps.h"

namespace bpc::service {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return segments;
}

// Whether `path` fits `pattern`, collecting the {placeholders}.
bool matches(std::string_view pattern, const std::vector<std::string_view>& path, std::vector<std::string>& params) {
  const std::vector<std::string_view> parts = split_path(pattern);
  if (parts.size() != path.size()) return false;
  std::vector<std::string> captured;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].starts_with('{')) {
      captured.emplace_back(path[i]);
    } else if (parts[i] != path[i]) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

// A client's id for its request, if it is a sensible one to echo and log.
std::optional<std::string> client_id(const HttpRequest& request, std::string_view header) {
  const auto value = request.header(header);
  if (!value || value->empty() || value->size() > 128) return std::nullopt;
  for (const char c : *value) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return std::nullopt;
  }
  return value;
}

std::string_view method_label(std::string_view method) {
  for (const std::string_view known :
       {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"}) {
    if (method == known) return known;
  }
  return "OTHER";
}

}  // namespace

TenantStore Api::Call::tenant() const { return store.tenant(context); }

Api::Api(Store& store, ApiConfig config, LogSink log, Previews* previews)
    : store_(store), config_(std::move(config)), log_(std::move(log)), previews_(previews) {}

const std::vector<Api::Route>& Api::routes() {
  constexpr Access kPublic{.authenticated = false, .operator_key = true};
  constexpr Access kOperator{.operator_key = true, .tenant_key = false};
  constexpr Access kAnyKey{.operator_key = true};
  constexpr Access kRead{};
  constexpr Access kDeveloper{.minimum_role = Role::Developer, .writes = true};
  constexpr Access kAdmin{.minimum_role = Role::Admin, .writes = true};
  constexpr Access kAdminRead{.minimum_role = Role::Admin};
  constexpr Access kTenantRead{.operator_key = true};
  constexpr Access kTenantAdmin{.operator_key = true, .minimum_role = Role::Admin, .writes = true};
  constexpr Access kTenantAdminRead{.operator_key = true, .minimum_role = Role::Admin};
  static const std::vector<Route> kRoutes = {
      {"GET", "/healthz", &Api::health, kPublic},
      {"GET", "/readyz", &Api::ready, kPublic},
      {"GET", "/metrics", &Api::metrics_text, kPublic},
      {"GET", "/v1/openapi.json", &Api::openapi_document, kPublic},
      {"GET", "/v1/event-schemas", &Api::event_schemas, kPublic},
      {"POST", "/v1/compile", &Api::compile, kAnyKey},
      {"POST", "/v1/tenants", &Api::create_tenant, kOperator},
      {"GET", "/v1/tenants", &Api::list_tenants, kOperator},
      {"GET", "/v1/tenants/{tenant}", &Api::get_tenant, kTenantRead},
      {"PATCH", "/v1/tenants/{tenant}", &Api::update_tenant, kOperator},
      {"GET", "/v1/tenants/{tenant}/usage", &Api::tenant_usage, kTenantRead},
      {"POST", "/v1/tenants/{tenant}/keys", &Api::create_key, kTenantAdmin},
      {"GET", "/v1/tenants/{tenant}/keys", &Api::list_keys, kTenantAdminRead},
      {"DELETE", "/v1/tenants/{tenant}/keys/{key}", &Api::revoke_key, kTenantAdmin},
      {"POST", "/v1/blueprints", &Api::create_blueprint, kDeveloper},
      {"GET", "/v1/blueprints", &Api::list_blueprints, kRead},
      {"GET", "/v1/blueprints/{blueprint}", &Api::get_blueprint, kRead},
      {"POST", "/v1/blueprints/{blueprint}/versions", &Api::save_version, kDeveloper},
      {"GET", "/v1/blueprints/{blueprint}/versions", &Api::list_versions, kRead},
      {"GET", "/v1/blueprints/{blueprint}/versions/{version}", &Api::get_version, kRead},
      {"GET", "/v1/blueprints/{blueprint}/versions/{version}/source", &Api::get_source, kRead},
      {"POST", "/v1/blueprints/{blueprint}/versions/{version}/restore", &Api::restore, kDeveloper},
      {"GET", "/v1/blueprints/{blueprint}/diff", &Api::diff, kRead},
      {"POST", "/v1/blueprints/{blueprint}/approve", &Api::approve, kAdmin},
      {"POST", "/v1/blueprints/{blueprint}/reject", &Api::reject, kAdmin},
      {"POST", "/v1/blueprints/{blueprint}/archive", &Api::archive, kAdmin},
      {"GET", "/v1/blueprints/{blueprint}/tags", &Api::list_tags, kRead},
      {"PUT", "/v1/blueprints/{blueprint}/tags/{tag}", &Api::set_tag, kDeveloper},
      {"DELETE", "/v1/blueprints/{blueprint}/tags/{tag}", &Api::delete_tag, kDeveloper},
      {"POST", "/v1/webhooks", &Api::create_webhook, kAdmin},
      {"GET", "/v1/webhooks", &Api::list_webhooks, kAdminRead},
      {"GET", "/v1/webhooks/{webhook}", &Api::get_webhook, kAdminRead},
      {"DELETE", "/v1/webhooks/{webhook}", &Api::delete_webhook, kAdmin},
      {"GET", "/v1/webhooks/{webhook}/deliveries", &Api::list_deliveries, kAdminRead},
      {"POST", "/v1/jobs", &Api::create_job, kDeveloper},
      {"GET", "/v1/jobs", &Api::list_jobs, kRead},
      {"GET", "/v1/jobs/{job}", &Api::get_job, kRead},
      {"POST", "/v1/jobs/{job}/cancel", &Api::cancel_job, kDeveloper},
      {"GET", "/v1/jobs/{job}/artifacts", &Api::get_artifacts, kRead},
      {"GET", "/v1/jobs/{job}/artifacts/file", &Api::get_artifact_file, kRead},
      {"GET", "/v1/jobs/{job}/artifacts/archive", &Api::get_artifact_archive, kRead},
      {"POST", "/v1/jobs/{job}/previews", &Api::create_preview, kDeveloper},
      {"GET", "/v1/jobs/{job}/previews/{preview}", &Api::get_preview, kRead},
      {"POST", "/v1/jobs/{job}/previews/{preview}/stop", &Api::stop_preview, kDeveloper},
      {"GET", "/v1/events", &Api::list_events, kRead},
      {"GET", "/v1/events/stream", &Api::stream_events, kRead},
  };
  return kRoutes;
}

std::optional<Principal> Api::authenticate(const HttpRequest& request) const {
  const auto header = request.header("authorization");
  if (!header) return std::nullopt;
  constexpr std::string_view kScheme = "Bearer ";
  if (header->size() <= kScheme.size() || header->compare(0, kScheme.size(), kScheme) != 0) return std::nullopt;
  const std::string secret = header->substr(kScheme.size());
  if (secret.size() > 256) return std::nullopt;
  if (!config_.operator_key_hash.empty() && constant_time_equal(sha256_hex(secret), config_.operator_key_hash)) {
    Principal principal;
    principal.is_operator = true;
    principal.key_id = "operator";
    principal.role = Role::Owner;
    return principal;
  }
  return store_.authenticate(secret);
}

std::string Api::addressed_tenant(const Call& call) const {
  const std::string& tenant = call.params.at(0);
  const Principal& principal = call.context.principal;
  if (!principal.is_operator && tenant != principal.tenant_id) throw not_found("tenant " + tenant);
  return tenant;
}

Api::Match Api::match(const HttpRequest& request) {
  const std::vector<std::string_view> path = split_path(request.path);
  Match found;
  for (const Route& candidate : routes()) {
    std::vector<std::string> params;
    if (!matches(candidate.pattern, path, params)) continue;
    const bool head_of_get = request.method == "HEAD" && candidate.method == "GET";
    if (candidate.method == request.method || head_of_get) {
      found.route = &candidate;
      found.params = std::move(params);
      return found;
    }
    found.allowed += found.allowed.empty() ? "" : ", ";
    found.allowed += candidate.method;
  }
  return found;
}

Principal Api::admit(const Route& route, const HttpRequest& request) const {
  if (!route.access.authenticated) return {};
  const auto principal = authenticate(request);
  if (!principal) throw ApiError(401, "unauthenticated", "send a valid API key as `Authorization: Bearer KEY`");
  if (principal->is_operator) {
    if (!route.access.operator_key) {
      throw ApiError(403, "forbidden", "the operator key acts for no tenant; use a tenant's key");
    }
    return *principal;
  }
  if (!route.access.tenant_key) throw ApiError(403, "forbidden", "only the operator key may do this");
  if (principal->role < route.access.minimum_role) {
    throw ApiError(403, "forbidden", "this needs the " + std::string(role_name(route.access.minimum_role)) +
                                         " role or above; the key is " + std::string(role_name(principal->role)));
  }
  if (route.access.writes && principal->tenant_suspended) {
    throw ApiError(403, "tenant-suspended", "the tenant is suspended: it may read but not change anything");
  }
  return *principal;
}

RateLimiter::Decision Api::limit_rate(const Principal& principal) {
  const Quotas& quotas = quotas_of(principal.tier);
  return limiter_.admit(principal.key_id, quotas.requests_per_second, quotas.request_burst, Clock::now());
}

HttpResponse Api::handle(HttpRequest request) {
  const auto started = Clock::now();
  const std::string request_id = client_id(request, "x-request-id").value_or("req_" + random_hex(12));
  const std::string correlation_id = client_id(request, "x-correlation-id").value_or(request_id);
  const auto log_error = [&](const char* message) {
    log_(json{{"time", utc_now()}, {"level", "error"}, {"msg", message}, {"requestId", request_id}}.dump(
        -1, ' ', false, json::error_handler_t::replace));
  };
  std::string route_name = "unmatched";
  Principal principal;
  std::optional<RateLimiter::Decision> rate;
  HttpResponse response;
  try {
    Match matched = match(request);
    if (matched.route == nullptr) {
      if (matched.allowed.empty()) throw ApiError(404, "not-found", "no such endpoint");
      response = problem_response(405, "method-not-allowed",
                                  "this path does not take " + std::string(method_label(request.method)), request_id);
      response.set_header("Allow", matched.allowed);
    } else {
      const Route& route = *matched.route;
      route_name = route.pattern;
      if (request.body.size() > config_.max_body_bytes) {
        throw ApiError(413, "too-large",
                       "the body is larger than " + std::to_string(config_.max_body_bytes) + " bytes");
      }
      principal = admit(route, request);
      if (!principal.key_id.empty()) {
        rate = limit_rate(principal);
        if (!rate->allowed) throw ApiError(429, "rate-limited", "the key's request rate is exceeded; retry later");
      }
      Call call{request, std::move(matched.params), RequestContext{principal, correlation_id}, request_id, store_};
      response = (this->*(route.handler))(call);
    }
  } catch (const ApiError& error) {
    response = problem_response(error.status(), error.code(), error.what(), request_id);
  } catch (const StoreError& error) {
    response = error.constraint_violation()
                   ? problem_response(409, "conflict", "the change conflicts with another; retry", request_id)
                   : problem_response(503, "store-unavailable", "the store could not answer; retry", request_id);
    log_error(error.what());
  } catch (const std::exception& error) {
    response = problem_response(500, "internal", "an internal error; the request id identifies it in the logs",
                                request_id);
    log_error(error.what());
  }
  response.set_header("X-Request-Id", request_id);
  response.set_header("X-Correlation-Id", correlation_id);
  // RFC 9110 (11.6.1): a 401 names the scheme that would authenticate.
  if (response.status == 401) response.set_header("WWW-Authenticate", "Bearer");
  if (rate) {
    response.set_header("RateLimit-Limit", std::to_string(rate->limit));
    response.set_header("RateLimit-Remaining", std::to_string(rate->remaining));
    response.set_header("RateLimit-Reset", std::to_string(static_cast<std::int64_t>(std::ceil(rate->reset_seconds))));
    if (!rate->allowed) {
      response.set_header("Retry-After",
                          std::to_string(std::max<std::int64_t>(1, std::ceil(rate->retry_after_seconds))));
    }
  }

  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const std::string method(method_label(request.method));
  metrics_.record(route_name, method, response.status, seconds);
  json line = {{"time", utc_now()},         {"level", response.status >= 500 ? "error" : "info"},
               {"msg", "request"},                {"requestId", request_id},
               {"correlationId", correlation_id}, {"method", method},
               {"route", route_name},             {"status", response.status},
               {"durationMs", seconds * 1000}};
  if (!principal.key_id.empty()) line["keyId"] = principal.key_id;
  if (!principal.tenant_id.empty()) line["tenantId"] = principal.tenant_id;
  log_(line.dump(-1, ' ', false, json::error_handler_t::replace));
  return response;
}

}  // namespace bpc::service
