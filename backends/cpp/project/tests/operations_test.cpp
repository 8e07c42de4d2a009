// What operating the service needs, the same in every project: the probes, metrics, log lines
// and ids, the correlation id in events, the size and rate limits, CORS, and the settings from
// the environment and a TOML file.

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "suites.h"
#include "temp_file.h"

namespace bpc::testing {
namespace {

using runtime::Json;

// The metrics text once it holds `line` (they are recorded after each answer is written).
std::string metrics_holding(Service& service, const std::string& line) {
  std::string text;
  for (int attempt = 0; attempt < 200; ++attempt) {
    text = service.call("GET", "/metrics").text;
    if (text.find(line) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return text;
}

// The access log's line of the request with this id, once it is written.
Json access_line(Service& service, const std::string& request_id) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    for (const Json& line : service.log_lines()) {
      if (line.is_object() && line.value("logger", "") == "bpc.access" && line.value("request_id", "") == request_id) return line;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return nullptr;
}

// The path of an operation's route, each placeholder `x`.
std::string sample_path(const runtime::Operation& op) {
  std::string path;
  for (std::size_t i = 0; i < op.path.size(); ++i) {
    if (op.path[i] != '{') {
      path += op.path[i];
      continue;
    }
    path += 'x';
    i = op.path.find('}', i);
  }
  return path;
}

// Writes `request` as it is to the server and reads what it answers until it closes the
// connection (or 5 seconds pass).
std::string exchange(int port, const std::string& request) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string out;
  if (::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      ::send(socket, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    std::array<char, 4096> buffer{};
    for (ssize_t n = 0; (n = ::recv(socket, buffer.data(), buffer.size(), 0)) > 0;) out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(socket);
  return out;
}

runtime::Settings with(const std::function<void(runtime::Settings&)>& change) {
  runtime::Settings settings;
  change(settings);
  return settings;
}

TEST(Operations, ProbesAnswer) {
  Service service;
  const Reply live = service.call("GET", "/live");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.body, (Json{{"status", "ok"}}));
  const Reply ready = service.call("GET", "/ready");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.body, (Json{{"status", "ready"}}));
  EXPECT_EQ(service.call("GET", "/health").status, 200);
}

TEST(Operations, IdsAreEchoedOrMade) {
  Service service;
  const Reply given = service.call("GET", "/live", "", nullptr, {}, Caller::Own, {{"X-Request-Id", "req-42"}});
  EXPECT_EQ(given.header("X-Request-Id"), "req-42");
  EXPECT_EQ(given.header("X-Correlation-Id"), "req-42");  // the request id when none is given
  const Reply both = service.call("GET", "/live", "", nullptr, {}, Caller::Own, {{"X-Request-Id", "r1"}, {"X-Correlation-Id", "c1"}});
  EXPECT_EQ(both.header("X-Correlation-Id"), "c1");
  const Reply forged = service.call("GET", "/live", "", nullptr, {}, Caller::Own, {{"X-Request-Id", "a b\"c"}, {"X-Correlation-Id", std::string(200, 'x')}});
  EXPECT_NE(forged.header("X-Request-Id"), "a b\"c");
  EXPECT_EQ(forged.header("X-Request-Id").size(), 32U) << "a new id replaces one that is not a sane token";
  EXPECT_EQ(forged.header("X-Correlation-Id"), forged.header("X-Request-Id"));
}

TEST(Operations, EveryRequestHasOneAccessLogLine) {
  Service service;
  service.call("GET", "/no/such/route", "", nullptr, {}, Caller::Own, {{"X-Request-Id", "log-1"}, {"X-Correlation-Id", "corr-1"}});
  const Json line = access_line(service, "log-1");
  ASSERT_TRUE(line.is_object()) << "no access log line for the request";
  EXPECT_EQ(line.value("level", ""), "info");
  EXPECT_EQ(line.value("correlation_id", ""), "corr-1");
  EXPECT_EQ(line.value("method", ""), "GET");
  EXPECT_EQ(line.value("route", ""), "unmatched") << "a path no route serves is not a label of its own";
  EXPECT_EQ(line.value("status", 0), 404);
  EXPECT_TRUE(line.contains("duration_ms") && line["duration_ms"].is_number());
  EXPECT_TRUE(line.contains("time") && line["time"].is_string());
  service.call("GET", "/live", "", nullptr, {}, Caller::Own, {{"X-Request-Id", "probe-1"}});
  EXPECT_EQ(access_line(service, "probe-1").value("level", ""), "debug") << "probes are logged at debug";
}

TEST(Operations, MetricsCountRequestsByRouteTemplate) {
  Service service;
  service.call("GET", "/no/such/route");
  service.call("GET", "/ready");
  // Each answer is counted after it is written: wait for both.
  metrics_holding(service, R"(http_requests_total{method="GET",route="unmatched",status="404"} 1.0)");
  std::string text = metrics_holding(service, R"(http_requests_total{method="GET",route="/ready",status="200"} 1.0)");
  EXPECT_NE(text.find(R"(http_requests_total{method="GET",route="unmatched",status="404"} 1.0)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(http_requests_total{method="GET",route="/ready",status="200"} 1.0)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(http_request_duration_seconds_bucket{method="GET",route="/ready",le="+Inf"} 1.0)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(store_transaction_duration_seconds_count{outcome="committed"})"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE http_request_duration_seconds histogram"), std::string::npos) << text;
  const auto& operations = fixtures().settings().operations;
  if (operations.empty()) return;  // the blueprint serves no route of its own
  const runtime::Operation& op = operations.front();
  const Reply reply = service.send(op.method, sample_path(op), "", "", "");
  const std::string line = "http_requests_total{method=\"" + op.method + "\",route=\"" + op.path + "\",status=\"" + std::to_string(reply.status) + "\"} 1.0";
  text = metrics_holding(service, line);
  EXPECT_NE(text.find(line), std::string::npos) << "a blueprint route is labelled by its template\n"
                                                << text;
}

TEST(Operations, MadeUpMethodsShareOneLabel) {
  Service service;
  for (const char* method : {"BREW", "WHEN", "PROPFIND"}) exchange(service.port(), std::string(method) + " /live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  // Answered 404 or 405 (a method no route of the path serves): counted under `other` either way.
  const std::string counted = R"(http_requests_total{method="other",route="/live",status=")";
  std::string text;
  for (int attempt = 0; attempt < 200 && text.find("\"} 3.0", text.find(counted)) == std::string::npos; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    text = service.call("GET", "/metrics").text;
  }
  const std::size_t line = text.find(counted);
  ASSERT_NE(line, std::string::npos) << text;
  EXPECT_EQ(text.substr(text.find('}', line), 6), "} 3.0\n") << text;
  EXPECT_EQ(text.find("BREW"), std::string::npos) << text;
}

TEST(Operations, EventsCarryTheCorrelationId) {
  Service service;
  const auto& creators = fixtures().creators;
  const auto maker = std::find_if(creators.begin(), creators.end(), [](const auto& entry) { return entry.second.route.has_value(); });
  if (maker == creators.end()) return;  // the blueprint serves no create route: no request publishes an event
  const Route& route = *maker->second.route;
  const Json body = service.body(maker->first);
  const std::size_t before = service.published().size();
  const Reply reply = service.call("POST", route.path, route.role, body, {}, Caller::Own, {{"X-Correlation-Id", "order-flow-7"}});
  ASSERT_EQ(reply.status, 201) << reply.text;
  const std::vector<runtime::Event> published = service.published();
  ASSERT_GT(published.size(), before);
  for (std::size_t i = before; i < published.size(); ++i) EXPECT_EQ(published[i].correlation_id, "order-flow-7") << published[i].name;
  const std::vector<runtime::Event> outbox = service.outbox();
  ASSERT_FALSE(outbox.empty());
  EXPECT_EQ(outbox.back().correlation_id, "order-flow-7") << "the outbox keeps the correlation id";
}

TEST(Operations, BodiesOverTheLimitAre413AndBodiesInChunks411) {
  // Room for the create bodies of the tenants and identities the service's callers are given.
  Service service(with([](runtime::Settings& s) { s.max_body_bytes = 1024; }));
  const std::string big(2048, ' ');
  const Reply declared = service.send("POST", "/anything", "", big, "application/json");
  EXPECT_EQ(declared.status, 413) << declared.text;
  EXPECT_EQ(declared.header("Content-Type"), "application/problem+json");
  // A body sent in chunks has no Content-Length: the service asks for one, before any chunk.
  const std::string answer = exchange(service.port(),
                                      "POST /anything HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                      "Transfer-Encoding: chunked\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 411 ")) << answer;
  EXPECT_NE(answer.find("Connection: close"), std::string::npos) << answer;
}

TEST(Operations, ABodyTheServerDoesNotReadIsNeverTheNextRequest) {
  Service service;
  const std::string smuggled = "GET /no/such/route HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const auto started = std::chrono::steady_clock::now();
  const std::string answer = exchange(service.port(), "GET /live HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200 ")) << answer;
  EXPECT_EQ(answer.find("HTTP/1.1", 1), std::string::npos) << "the body was served as a request:\n"
                                                           << answer;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3)) << "the connection stayed open";
}

TEST(Operations, RateLimitsPerKeyAnswer429WithHeaders) {
  Service service(with([](runtime::Settings& s) { s.rate_limit_per_key = runtime::RateLimit{3, 60.0}; }));
  for (int i = 0; i < 3; ++i) {
    const Reply reply = service.call("GET", "/openapi.json");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("RateLimit-Limit"), "3");
    EXPECT_EQ(reply.header("RateLimit-Remaining"), std::to_string(2 - i));
  }
  const Reply refused = service.call("GET", "/openapi.json");
  EXPECT_EQ(refused.status, 429) << refused.text;
  EXPECT_EQ(refused.header("RateLimit-Remaining"), "0");
  EXPECT_GE(std::stoi(refused.header("Retry-After")), 1);
  EXPECT_EQ(refused.body.value("status", 0), 429);
  EXPECT_EQ(service.call("GET", "/live").status, 200) << "the probes are never limited";
  EXPECT_EQ(service.call("GET", "/metrics").status, 200);
  const std::string text = metrics_holding(service, R"(http_rate_limited_total{limit="key"} 1.0)");
  EXPECT_NE(text.find(R"(http_rate_limited_total{limit="key"} 1.0)"), std::string::npos) << text;
}

TEST(Operations, RateLimitsPerTenantCountEveryKeyOfTheTenant) {
  Service service(with([](runtime::Settings& s) { s.rate_limit_per_tenant = runtime::RateLimit{2, 60.0}; }));
  service.admit("tenant-a-first", runtime::Principal{"first", {}, "a"});
  service.admit("tenant-a-second", runtime::Principal{"second", {}, "a"});
  service.admit("tenant-b", runtime::Principal{"third", {}, "b"});
  const auto call = [&](const std::string& token) {
    return service.send("GET", "/openapi.json", "", "", "", {}, Caller::Own, {{"Authorization", "Bearer " + token}});
  };
  const Reply first = call("tenant-a-first");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.header("RateLimit-Remaining"), "1");
  EXPECT_EQ(call("tenant-a-second").status, 200);
  const Reply refused = call("tenant-a-first");
  EXPECT_EQ(refused.status, 429) << "both keys of the tenant count against its quota";
  EXPECT_FALSE(refused.header("Retry-After").empty());
  EXPECT_EQ(call("tenant-a-second").status, 429);
  EXPECT_EQ(call("tenant-b").status, 200) << "another tenant has its own quota";
  EXPECT_EQ(service.call("GET", "/openapi.json").status, 200) << "a caller without a token has no tenant";
  const std::string text = metrics_holding(service, R"(http_rate_limited_total{limit="tenant"} 2.0)");
  EXPECT_NE(text.find(R"(http_rate_limited_total{limit="tenant"} 2.0)"), std::string::npos) << text;
}

TEST(Operations, ATokenIsVerifiedOncePerRequest) {
  Service service(with([](runtime::Settings& s) { s.rate_limit_per_tenant = runtime::RateLimit{100, 60.0}; }));
  service.admit("tenant-a", runtime::Principal{"someone", {}, "a"});
  const auto& operations = fixtures().settings().operations;
  const auto guarded = std::find_if(operations.begin(), operations.end(), [](const runtime::Operation& op) { return op.access.has_value(); });
  std::string path = "/openapi.json";  // the tenant's rate limit asks; no access rule does
  if (guarded != operations.end()) path = sample_path(*guarded);
  const std::string method = guarded != operations.end() ? guarded->method : "GET";
  const int before = service.verified();
  service.send(method, path, "", method == "GET" || method == "DELETE" ? "" : "{}", "application/json", {}, Caller::Own,
               {{"Authorization", "Bearer tenant-a"}});
  EXPECT_EQ(service.verified() - before, 1) << method << ' ' << path << ": the rate limit and the access rule share one verification";
}

TEST(Operations, CorsAnswersTheConfiguredOrigins) {
  Service closed;
  const Reply none = closed.call("GET", "/live", "", nullptr, {}, Caller::Own, {{"Origin", "https://app.example"}});
  EXPECT_EQ(none.header("Access-Control-Allow-Origin"), "") << "no origin is allowed unless configured";

  Service service(with([](runtime::Settings& s) { s.cors_origins = {"https://app.example"}; }));
  const Reply preflight =
      service.send("OPTIONS", "/openapi.json", "", "", "", {}, Caller::Own,
                   {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "POST"}, {"Access-Control-Request-Headers", "authorization"}});
  EXPECT_EQ(preflight.status, 200);
  EXPECT_EQ(preflight.header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_NE(preflight.header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  EXPECT_NE(preflight.header("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
  const Reply stranger = service.send("OPTIONS", "/openapi.json", "", "", "", {}, Caller::Own,
                                      {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(stranger.status, 400);
  EXPECT_EQ(stranger.header("Access-Control-Allow-Origin"), "");
  const Reply simple = service.call("GET", "/live", "", nullptr, {}, Caller::Own, {{"Origin", "https://app.example"}});
  EXPECT_EQ(simple.header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_NE(simple.header("Access-Control-Expose-Headers").find("Retry-After"), std::string::npos);
}

// Settings from a map of variables.
runtime::Settings load(const std::map<std::string, std::string>& variables, int port = 8080) {
  return runtime::load_settings(
      [&](const std::string& name) -> std::optional<std::string> {
        const auto it = variables.find(name);
        return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
      },
      port);
}

std::string config_error(const std::map<std::string, std::string>& variables) {
  try {
    load(variables);
  } catch (const runtime::ConfigError& error) {
    return error.what();
  }
  return "";
}

TEST(Settings, DevelopmentDefaults) {
  const runtime::Settings settings = load({}, 9090);
  EXPECT_EQ(settings.environment, "development");
  EXPECT_EQ(settings.port, 9090);
  EXPECT_EQ(settings.max_body_bytes, 1048576);
  EXPECT_FALSE(settings.rate_limit_per_key.has_value());
  EXPECT_EQ(settings.log_level, runtime::LogLevel::Debug);
}

TEST(Settings, ProductionLimitsEveryCallerAndRefusesDevelopmentTokens) {
  const runtime::Settings settings = load({{"BPC_ENV", "production"}});
  ASSERT_TRUE(settings.rate_limit_per_key.has_value());
  EXPECT_EQ(settings.rate_limit_per_key->text(), "600/minute");
  EXPECT_EQ(settings.rate_limit_per_tenant->text(), "6000/minute");
  EXPECT_EQ(settings.log_level, runtime::LogLevel::Info);
  EXPECT_EQ(load({{"BPC_ENV", "production"}, {"RATE_LIMIT_PER_KEY", "off"}}).rate_limit_per_key, std::nullopt);
  const std::string refused = config_error({{"BPC_ENV", "production"}, {"BPC_DEV_TOKENS", "admin=Admin"}});
  EXPECT_NE(refused.find("BPC_DEV_TOKENS"), std::string::npos) << refused;
  EXPECT_NE(refused.find("production"), std::string::npos) << refused;
}

TEST(Settings, TheEnvironmentWinsOverTheFile) {
  const TempFile file("port = 9000\ncors_origins = [\"https://a.example\", \"https://b.example/\"]\nrate_limit_per_key = \"10/second\"\nlog_level = \"warning\"\n", ".toml");
  const runtime::Settings settings = load({{"BPC_CONFIG", file.path()}, {"PORT", "9100"}});
  EXPECT_EQ(settings.port, 9100);
  EXPECT_EQ(settings.cors_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(settings.rate_limit_per_key->text(), "10/second");
  EXPECT_EQ(settings.log_level, runtime::LogLevel::Warning);
  EXPECT_EQ(settings.sources.at("port"), "PORT");
  EXPECT_EQ(settings.sources.at("cors_origins"), file.path());
}

TEST(Settings, ProblemsNameTheSetting) {
  EXPECT_NE(config_error({{"PORT", "eighty"}}).find("port"), std::string::npos);
  EXPECT_NE(config_error({{"PORT", "70000"}}).find("port"), std::string::npos);
  EXPECT_NE(config_error({{"RATE_LIMIT_PER_KEY", "fast"}}).find("rate_limit_per_key"), std::string::npos);
  EXPECT_NE(config_error({{"CORS_ORIGINS", "app.example"}}).find("cors_origins"), std::string::npos);
  EXPECT_NE(config_error({{"BPC_ENV", "staging"}}).find("environment"), std::string::npos);
  EXPECT_NE(config_error({{"LOG_LEVEL", "loud"}}).find("log_level"), std::string::npos);
  EXPECT_NE(config_error({{"JWT_ISSUER", "https://id.example"}}).find("go together"), std::string::npos);
  const TempFile unknown("prot = 8080\n", ".toml");
  EXPECT_NE(config_error({{"BPC_CONFIG", unknown.path()}}).find("unknown setting \"prot\""), std::string::npos);
  const TempFile broken("port = \n", ".toml");
  EXPECT_NE(config_error({{"BPC_CONFIG", broken.path()}}).find("is not TOML"), std::string::npos);
  EXPECT_NE(config_error({{"BPC_CONFIG", "/no/such/dir/settings.toml"}}).find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace bpc::testing
