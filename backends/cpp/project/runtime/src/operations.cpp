#include "bpc/runtime/operations.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <set>

#include <httplib.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "bpc/runtime/events.h"
#include "digest.h"
#include "http_answers.h"

namespace bpc::runtime {

namespace {

// Paths that are neither limited nor logged above debug: the probes and the metrics.
const std::set<std::string, std::less<>>& operational_paths() {
  static const std::set<std::string, std::less<>> paths{"/live", "/ready", "/health", "/metrics"};
  return paths;
}

// An id a caller sent, if it is safe to log and echo (at most 128 token characters).
std::optional<std::string> incoming_id(const std::string& value) {
  static const RE2 sane(R"([A-Za-z0-9._:/+=-]{1,128})");
  if (!RE2::FullMatch(value, sane)) return std::nullopt;
  return value;
}

std::string new_id() {
  std::string id = random_uuid();
  std::erase(id, '-');
  return id;
}

std::string bearer_token(const httplib::Request& req) {
  static const RE2 bearer(R"((?i)^Bearer\s+(\S+)\s*$)");
  std::string token;
  RE2::FullMatch(req.get_header_value("Authorization"), bearer, &token);
  return token;
}

constexpr const char* kExposed = "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-Id, X-Correlation-Id";

}  // namespace

struct Operations::Routes {
  std::vector<std::string> templates;
  RE2::Set matcher{RE2::Options(), RE2::ANCHOR_BOTH};
};

Operations::Operations(const Settings& settings, Store& store, const TokenVerifier& verifier, const Log& log, Metrics& metrics)
    : settings_(settings), store_(store), verifier_(verifier), log_(log), metrics_(metrics) {
  if (settings.rate_limit_per_key) per_key_ = std::make_unique<Gcra>(*settings.rate_limit_per_key);
  if (settings.rate_limit_per_tenant) per_tenant_ = std::make_unique<Gcra>(*settings.rate_limit_per_tenant);
}

Operations::~Operations() = default;

void Operations::mount(httplib::Server& server, const std::vector<std::pair<std::string, std::string>>& routes) {
  auto known = std::make_unique<Routes>();
  std::vector<std::pair<std::string, std::string>> every{{"/live", "/live"}, {"/ready", "/ready"}, {"/metrics", "/metrics"}};
  every.insert(every.end(), routes.begin(), routes.end());
  for (const auto& [route, pattern] : every) {
    if (known->matcher.Add(pattern, nullptr) < 0) throw std::logic_error("the route " + route + " has no valid pattern");
    known->templates.push_back(route);
  }
  if (!known->matcher.Compile()) throw std::runtime_error("the routes' patterns need more memory than RE2 allows");
  routes_ = std::move(known);

  server.Get("/live", [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, Json{{"status", "ok"}}); });
  server.Get("/ready", [this](const httplib::Request&, httplib::Response& res) {
    try {
      store_.transaction([] {});
    } catch (const std::exception& error) {
      log_.write(LogLevel::Error, "bpc.operations", "the store is not ready", Json{{"error", error.what()}});
      send_problem(res, HttpProblem(503, "Not ready", "the store cannot be reached"));
      return;
    }
    send_json(res, 200, Json{{"status", "ready"}});
  });
  server.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.status = 200;
    res.set_content(metrics_.exposition(), Metrics::kContentType);
  });
}

bool Operations::before(const httplib::Request& req, httplib::Response& res) {
  {
    const std::lock_guard guard(arrivals_lock_);
    arrivals_[&req] = Arrival{std::chrono::steady_clock::now(), std::nullopt};
  }
  const std::string request_id = incoming_id(req.get_header_value("X-Request-Id")).value_or(new_id());
  const std::string correlation_id = incoming_id(req.get_header_value("X-Correlation-Id")).value_or(request_id);
  res.set_header("X-Request-Id", request_id);
  res.set_header("X-Correlation-Id", correlation_id);
  // A request answered here leaves its body unread: the connection closes rather than read that
  // body as the next request.
  const auto refuse = [&](const HttpProblem& problem) {
    if (carries_body(req)) res.set_header("Connection", "close");
    send_problem(res, problem);
    return true;
  };

  const std::string origin = req.get_header_value("Origin");
  if (!settings_.cors_origins.empty() && !origin.empty()) {
    const bool allowed = std::any_of(settings_.cors_origins.begin(), settings_.cors_origins.end(),
                                     [&](const std::string& each) { return each == "*" || each == origin; });
    if (req.method == "OPTIONS" && req.has_header("Access-Control-Request-Method")) {
      if (!allowed) {
        res.set_header("Vary", "Origin");
        return refuse(HttpProblem(400, "Disallowed CORS origin", "the origin " + origin + " may not call this service"));
      }
      cors(req, res, origin);
      res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id, X-Correlation-Id");
      res.set_header("Access-Control-Max-Age", "600");
      res.status = 200;
      res.set_content("OK", "text/plain");
      return true;
    }
    if (allowed) cors(req, res, origin);
  }

  // cpp-httplib holds the limit (set_payload_max_length) against Content-Length, discarding a
  // larger body before it answers 413, but would read a chunked body of any size: a body must say
  // its length.
  if (body_is_read(req.method) && req.has_header("Transfer-Encoding")) {
    return refuse(HttpProblem(411, "Length required", "send the request body with a Content-Length (of at most " + std::to_string(settings_.max_body_bytes) + " bytes), not in chunks"));
  }
  if (operational_paths().contains(req.path)) return false;
  const std::optional<RateDecision> decision = limit(req);
  if (!decision) return false;
  for (const auto& [name, value] : decision->headers()) res.set_header(name, value);
  if (decision->allowed) return false;
  return refuse(HttpProblem(429, "Too many requests", "this caller's rate limit is used up; retry later"));
}

// The tighter of the key's and the tenant's decisions (nullopt when neither is limited).
std::optional<RateDecision> Operations::limit(const httplib::Request& req) {
  std::optional<RateDecision> tightest;
  const std::string bearer = bearer_token(req);
  if (per_key_) {
    const RateDecision decision = per_key_->check(bearer.empty() ? "address:" + req.remote_addr : "token:" + sha256_hex(bearer));
    if (!decision.allowed) {
      metrics_.count_rate_limited("key");
      return decision;
    }
    tightest = decision;
  }
  if (per_tenant_ && !bearer.empty()) {
    const std::optional<Principal> principal = caller(req);
    if (principal && principal->tenant) {
      const RateDecision decision = per_tenant_->check("tenant:" + *principal->tenant);
      if (!decision.allowed) {
        metrics_.count_rate_limited("tenant");
        return decision;
      }
      if (!tightest || decision.remaining < tightest->remaining) tightest = decision;
    }
  }
  return tightest;
}

void Operations::cors(const httplib::Request& req, httplib::Response& res, const std::string& origin) const {
  const bool any = std::find(settings_.cors_origins.begin(), settings_.cors_origins.end(), "*") != settings_.cors_origins.end();
  res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
  if (!any) res.set_header("Vary", "Origin");
  if (req.method != "OPTIONS") res.set_header("Access-Control-Expose-Headers", kExposed);
}

void Operations::after(const httplib::Request& req, const httplib::Response& res) {
  auto arrived = std::chrono::steady_clock::now();
  {
    const std::lock_guard guard(arrivals_lock_);
    if (const auto it = arrivals_.find(&req); it != arrivals_.end()) {
      arrived = it->second.at;
      arrivals_.erase(it);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - arrived).count();
  const std::string path = req.path.empty() ? req.target.substr(0, req.target.find('?')) : req.path;
  const std::string route = route_of(path);
  const std::string method = req.method.empty() ? "UNKNOWN" : req.method;
  // A caller can send any token as a method: the label keeps to the ones HTTP defines for APIs,
  // so the metrics' series stay bounded.
  static const std::set<std::string, std::less<>> labelled{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  metrics_.observe_request(labelled.contains(method) ? method : "other", route, res.status, seconds);
  const LogLevel level = operational_paths().contains(path) ? LogLevel::Debug : LogLevel::Info;
  if (!log_.enabled(level)) return;
  log_.write(level, "bpc.access", method + " " + route + " " + std::to_string(res.status),
             Json{{"request_id", res.get_header_value("X-Request-Id")},
                  {"correlation_id", res.get_header_value("X-Correlation-Id")},
                  {"method", method},
                  {"route", route},
                  {"status", res.status},
                  {"duration_ms", std::round(seconds * 1e6) / 1e3}});
}

std::string Operations::route_of(const std::string& path) const {
  if (!routes_) return "unmatched";
  std::vector<int> matches;
  if (!routes_->matcher.Match(path, &matches) || matches.empty()) return "unmatched";
  return routes_->templates[static_cast<std::size_t>(*std::min_element(matches.begin(), matches.end()))];
}

std::optional<Principal> Operations::caller(const httplib::Request& req) {
  {
    const std::lock_guard guard(arrivals_lock_);
    if (const auto it = arrivals_.find(&req); it != arrivals_.end() && it->second.caller) return *it->second.caller;
  }
  const std::string token = bearer_token(req);
  std::optional<Principal> principal = token.empty() ? std::nullopt : verifier_.verify(token);
  const std::lock_guard guard(arrivals_lock_);
  if (const auto it = arrivals_.find(&req); it != arrivals_.end()) it->second.caller = principal;
  return principal;
}

std::string Operations::correlation_id(const httplib::Response& res) { return res.get_header_value("X-Correlation-Id"); }

}  // namespace bpc::runtime
