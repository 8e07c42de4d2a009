#pragma once

// The service's configuration: environment variables over an optional TOML file over defaults.
// `BPC_CONFIG=path.toml` names the file; its keys are the settings' names (`port = 8080`,
// `cors_origins = ["https://app.example"]`, `rate_limit_per_key = "600/minute"`). A variable that
// is set and not empty wins over the file. `environment` ("development" or "production") chooses
// the defaults of what is not set: production rate-limits every key and tenant, logs at info, and
// refuses development tokens (BPC_DEV_TOKENS) outright. Every problem is a ConfigError that names
// the setting, thrown before the service starts.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bpc::runtime {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// At most `requests` in any `period` seconds, bursts included (GCRA, rate_limit.h).
struct RateLimit {
  std::int64_t requests = 0;
  double period = 0;

  // `600/minute`: a count, `/`, and second, minute, hour or day.
  static RateLimit parse(std::string_view text);
  std::string text() const;
};

enum class LogLevel : std::uint8_t {
  Debug,
  Info,
  Warning,
  Error
};

// What the service runs with. The defaults are development's.
struct Settings {
  std::string environment{"development"};
  std::string host{"127.0.0.1"};
  int port = 8080;
  // An SQLite file, or a `postgresql://` URL (sql_store.h: open_store); "" keeps records in memory.
  std::string database{};
  std::string migrations{};  // the folder of migration scripts; "": the project's `migrations/`
  std::string dev_tokens{};
  // JSON Web Tokens (jwt.h): the issuer and audience they must name, the provider's keys (a JWKS
  // file, or its URL), and the claims that hold the roles and the tenant.
  std::string jwt_issuer{};
  std::string jwt_audience{};
  std::string jwks{};
  std::string jwt_roles_claim{"roles"};
  std::string jwt_tenant_claim{"tenant"};
  std::vector<std::string> cors_origins{};  // origins allowed to call from a browser; `*`: any
  std::int64_t max_body_bytes = 1048576;    // larger request bodies are answered 413
  std::optional<RateLimit> rate_limit_per_key{};
  std::optional<RateLimit> rate_limit_per_tenant{};
  LogLevel log_level = LogLevel::Debug;
  // Where each value came from, for the start-up log line: the variable or the file.
  std::map<std::string, std::string> sources{};

  bool production() const { return environment == "production"; }
};

// The value of an environment variable (nullopt or "" when it is not set).
using Variables = std::function<std::optional<std::string>(const std::string& name)>;

// The settings from the variables (and the file BPC_CONFIG names); `default_port` is the
// project's port.
Settings load_settings(const Variables& variables, int default_port);

// Each setting and the variable that sets it, in the order the documentation lists them.
const std::vector<std::pair<std::string, std::string>>& setting_variables();

}  // namespace bpc::runtime
