#pragma once

// What operating a service needs around its APIs: `/live`, `/ready` and `/metrics`, and the work
// done on every request before its route runs and after it is answered (Service::mount installs
// both). Before: the request's ids (`X-Request-Id`, `X-Correlation-Id`: the caller's when they
// are sane tokens, else new; answered in the response), CORS (preflights answered for the
// configured origins), a body in chunks refused (411: cpp-httplib holds the size limit, 413,
// against `Content-Length` only), and the rate limits per key (the bearer token, hashed, or the
// client address without one) and per tenant (the tenant of the token's principal) with
// `RateLimit-*` headers, refusals 429 with `Retry-After`. The probes and `/metrics` are never
// limited. After: the request's line in the access log (info; debug for the probes) and its
// count and latency in the metrics, by route template.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bpc/runtime/access.h"
#include "bpc/runtime/log.h"
#include "bpc/runtime/metrics.h"
#include "bpc/runtime/rate_limit.h"
#include "bpc/runtime/settings.h"
#include "bpc/runtime/store.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace bpc::runtime {

class Operations {
 public:
  // `store` answers /ready; `verifier` names the tenant of a token for its tenant's rate limit.
  // Each reference must outlive the Operations.
  Operations(const Settings& settings, Store& store, const TokenVerifier& verifier, const Log& log, Metrics& metrics);
  ~Operations();
  Operations(const Operations&) = delete;
  Operations& operator=(const Operations&) = delete;

  // Adds /live, /ready and /metrics to `server`, and learns the route templates (`/patients/{id}`)
  // with the patterns that match them, in the order routes are tried, to label what it records.
  void mount(httplib::Server& server, const std::vector<std::pair<std::string, std::string>>& routes);

  // Before routing: true when it has answered the request itself (413, 429, a CORS preflight).
  bool before(const httplib::Request& req, httplib::Response& res);
  // After the answer is written: the log line and the metrics.
  void after(const httplib::Request& req, const httplib::Response& res);

  // The principal of the request's bearer token; nullopt without one or when it is not valid.
  // The token is verified once per request, however often this is asked.
  std::optional<Principal> caller(const httplib::Request& req);

  // The correlation id `before` gave the request (the events it sets off carry it).
  static std::string correlation_id(const httplib::Response& res);

  const Settings& settings() const { return settings_; }
  const Log& log() const { return log_; }

 private:
  std::optional<RateDecision> limit(const httplib::Request& req);
  void cors(const httplib::Request& req, httplib::Response& res, const std::string& origin) const;
  std::string route_of(const std::string& path) const;

  const Settings& settings_;
  Store& store_;
  const TokenVerifier& verifier_;
  const Log& log_;
  Metrics& metrics_;
  std::unique_ptr<Gcra> per_key_;
  std::unique_ptr<Gcra> per_tenant_;
  struct Routes;  // the templates and a matcher of their patterns
  std::unique_ptr<const Routes> routes_;
  // What is known of each request in flight: when it arrived, and its caller once verified.
  struct Arrival {
    std::chrono::steady_clock::time_point at{};
    std::optional<std::optional<Principal>> caller{};
  };
  std::mutex arrivals_lock_;
  std::unordered_map<const httplib::Request*, Arrival> arrivals_;
};

}  // namespace bpc::runtime
