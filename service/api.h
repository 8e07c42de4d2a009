#pragma once

// The service's HTTP API, /v1, as a function from request to response (http.h), independent of
// the server that carries it (http_server.h).
//
// Every request goes through the same steps in `handle`: give it a request id (and take the
// client's correlation id, or use the request id), find its route (404, or 405 with `Allow`),
// authenticate the bearer key (401), check the route's access (403, or 404 for another tenant's
// resource), apply the key's rate limit (429 with `Retry-After`), refuse writes of a suspended
// tenant (403), run the handler, turn any ApiError into problem+json, record metrics and write
// one structured log line. Handlers live in api_*.cpp by resource; docs/service.md lists them.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/http.h"
#include "service/previews.h"
#include "service/metrics.h"
#include "service/rate_limiter.h"
#include "service/store.h"

namespace bpc::service {

struct ApiConfig {
  std::string operator_key_hash;  // SHA-256 (hex) of the operator key; empty: no operator
  std::uint64_t max_body_bytes = 4u << 20;
  std::uint64_t max_source_bytes = 1u << 20;
  std::chrono::milliseconds compile_time_limit{2000};
  std::size_t max_event_streams = 1000;
  std::chrono::milliseconds stream_poll_interval{200};
  // A stream notices a client that left only when it writes: a comment at least this often.
  std::chrono::milliseconds stream_heartbeat{5000};
  bool strict_webhooks = false;  // prod: webhooks only to https:// URLs, never to an address that is not public
  // The registered plugins, which jobs may name as targets: id -> what identifies its output (its
  // version and the hash of its manifest and executable), part of a job's cache key.
  std::map<std::string, std::string> plugin_targets;
  // When the workers can verify generated projects (`verification` in the settings): the SHA-256
  // of their toolchains and limits (runtime::toolchain_identity), part of a verified job's cache key.
  std::optional<std::string> verifier;
};

class Api {
 public:
  using LogSink = std::function<void(std::string_view line)>;
  // `previews`: this instance's preview runs, when it can run them (`verification` settings).
  Api(Store& store, ApiConfig config, LogSink log, Previews* previews = nullptr);

  HttpResponse handle(HttpRequest request);
  // Ends every event stream (graceful shutdown) and refuses new ones.
  void stop_streams() { stopping_ = true; }
  const ApiConfig& config() const { return config_; }

  // How a route may be called.
  struct Access {
    bool authenticated = true;     // false: anyone (health, metrics, documents)
    bool operator_key = false;     // the operator key may call it
    bool tenant_key = true;        // a tenant's key may call it ...
    Role minimum_role = Role::Viewer;  // ... with at least this role
    bool writes = false;           // refused for a suspended tenant
  };

  // One request on its way through a handler.
  struct Call {
    HttpRequest& request;  // handlers may consume its body (parse_body)
    std::vector<std::string> params;  // the route's {placeholders}, in order
    RequestContext context;
    std::string request_id;
    TenantStore tenant() const;  // the store of the caller's tenant (tenant keys only)
    Store& store;
  };
  using Handler = HttpResponse (Api::*)(Call&);

 private:
  struct Route {
    std::string_view method;
    std::string_view pattern;
    Handler handler;
    Access access;
  };
  static const std::vector<Route>& routes();

  // The route of a request; when none, `allowed` lists the methods the path takes (405) or is
  // empty (404).
  struct Match {
    const Route* route = nullptr;
    std::vector<std::string> params;
    std::string allowed;
  };
  static Match match(const HttpRequest& request);
  std::optional<Principal> authenticate(const HttpRequest& request) const;
  // Who the request acts as, once its key and the route's access allow it; throws 401 or 403.
  Principal admit(const Route& route, const HttpRequest& request) const;
  // The key's rate limit; throws 429 when it is exceeded (the decision gives the headers).
  RateLimiter::Decision limit_rate(const Principal& principal);

  // ---- handlers: api_service.cpp -------------------------------------------------------
  HttpResponse health(Call& call);
  HttpResponse ready(Call& call);
  HttpResponse metrics_text(Call& call);
  HttpResponse openapi_document(Call& call);
  HttpResponse event_schemas(Call& call);
  HttpResponse compile(Call& call);
  // ---- api_tenants.cpp ------------------------------------------------------------------
  HttpResponse create_tenant(Call& call);
  HttpResponse list_tenants(Call& call);
  HttpResponse get_tenant(Call& call);
  HttpResponse update_tenant(Call& call);
  HttpResponse tenant_usage(Call& call);
  HttpResponse create_key(Call& call);
  HttpResponse list_keys(Call& call);
  HttpResponse revoke_key(Call& call);
  // ---- api_blueprints.cpp ----------------------------------------------------------------
  HttpResponse create_blueprint(Call& call);
  HttpResponse list_blueprints(Call& call);
  HttpResponse get_blueprint(Call& call);
  HttpResponse save_version(Call& call);
  HttpResponse approve(Call& call);
  HttpResponse reject(Call& call);
  HttpResponse archive(Call& call);
  HttpResponse change_status(Call& call, BlueprintStatus status);
  // ---- api_versions.cpp ------------------------------------------------------------------
  HttpResponse list_versions(Call& call);
  HttpResponse get_version(Call& call);
  HttpResponse get_source(Call& call);
  HttpResponse restore(Call& call);
  HttpResponse diff(Call& call);
  HttpResponse list_tags(Call& call);
  HttpResponse set_tag(Call& call);
  HttpResponse delete_tag(Call& call);
  // ---- api_webhooks.cpp ------------------------------------------------------------------
  HttpResponse create_webhook(Call& call);
  HttpResponse list_webhooks(Call& call);
  HttpResponse get_webhook(Call& call);
  HttpResponse delete_webhook(Call& call);
  HttpResponse list_deliveries(Call& call);
  // ---- api_jobs.cpp ----------------------------------------------------------------------
  HttpResponse create_job(Call& call);
  HttpResponse list_jobs(Call& call);
  HttpResponse get_job(Call& call);
  HttpResponse cancel_job(Call& call);
  HttpResponse get_artifacts(Call& call);
  HttpResponse get_artifact_file(Call& call);
  HttpResponse get_artifact_archive(Call& call);
  HttpResponse create_preview(Call& call);
  HttpResponse get_preview(Call& call);
  HttpResponse stop_preview(Call& call);
  // ---- api_events.cpp --------------------------------------------------------------------
  HttpResponse list_events(Call& call);
  HttpResponse stream_events(Call& call);

  // The caller's own tenant for /v1/tenants/{tenant}/... routes: the operator may name any,
  // a tenant's key only its own (another's is 404).
  std::string addressed_tenant(const Call& call) const;
  // The preview `{preview}` of the caller's job `{job}` (this instance's), asked to stop when
  // `stop`; 404 when there is none.
  PreviewState addressed_preview(Call& call, bool stop);
  // Validates a posted source (size) and checks it: what a new version records.
  NewVersion checked_version(const std::string& name, std::string source, std::string message) const;

  Store& store_;
  const ApiConfig config_;
  LogSink log_;
  Previews* previews_;
  RateLimiter limiter_;
  Metrics metrics_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> open_streams_{0};
};

}  // namespace bpc::service
