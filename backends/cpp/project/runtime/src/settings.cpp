#include "bpc/runtime/settings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <variant>

#include <re2/re2.h>
#include <toml++/toml.h>

namespace bpc::runtime {

namespace {

// A setting's value before it is converted: text (from a variable, or a TOML string or number),
// or a TOML array of strings.
using Raw = std::variant<std::string, std::vector<std::string>>;

constexpr std::array<std::pair<std::string_view, double>, 4> kPeriods{{{"second", 1.0}, {"minute", 60.0}, {"hour", 3600.0}, {"day", 86400.0}}};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

const std::string& text_of(const std::string& name, const Raw& raw) {
  if (const auto* text = std::get_if<std::string>(&raw)) return *text;
  throw ConfigError(name + " must be text, not a list");
}

std::int64_t integer(const std::string& name, const Raw& raw, std::int64_t low, std::int64_t high) {
  const std::string text = trim(text_of(name, raw));
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    throw ConfigError(name + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) + ", not \"" + text + "\"");
  }
  return value;
}

std::vector<std::string> origins(const Raw& raw) {
  std::vector<std::string> items;
  if (const auto* text = std::get_if<std::string>(&raw)) {
    for (std::size_t start = 0; start <= text->size();) {
      const std::size_t comma = std::min(text->find(',', start), text->size());
      items.push_back(text->substr(start, comma - start));
      start = comma + 1;
    }
  } else {
    items = std::get<std::vector<std::string>>(raw);
  }
  static const RE2 origin(R"(https?://[^/\s]+)");
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::string value = trim(item);
    while (value.ends_with('/')) value.pop_back();
    if (value.empty()) continue;
    if (value != "*" && !RE2::FullMatch(value, origin)) throw ConfigError("cors_origins: \"" + value + "\" is not an origin such as https://app.example");
    out.push_back(std::move(value));
  }
  return out;
}

std::optional<RateLimit> rate(const std::string& name, const Raw& raw) {
  const std::string text = trim(text_of(name, raw));
  if (text.empty() || text == "off") return std::nullopt;
  try {
    return RateLimit::parse(text);
  } catch (const ConfigError& error) {
    throw ConfigError(name + ": " + error.what());
  }
}

LogLevel level(const Raw& raw) {
  std::string text = trim(text_of("log_level", raw));
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text == "debug") return LogLevel::Debug;
  if (text == "info") return LogLevel::Info;
  if (text == "warning") return LogLevel::Warning;
  if (text == "error") return LogLevel::Error;
  throw ConfigError("log_level must be one of debug, info, warning, error, not \"" + text + "\"");
}

void apply(Settings& settings, const std::string& name, const Raw& raw) {
  if (name == "port") settings.port = static_cast<int>(integer(name, raw, 1, 65535));
  else if (name == "max_body_bytes") settings.max_body_bytes = integer(name, raw, 1, std::int64_t{1} << 40);
  else if (name == "cors_origins") settings.cors_origins = origins(raw);
  else if (name == "rate_limit_per_key") settings.rate_limit_per_key = rate(name, raw);
  else if (name == "rate_limit_per_tenant") settings.rate_limit_per_tenant = rate(name, raw);
  else if (name == "log_level") settings.log_level = level(raw);
  else {
    const std::string text = trim(text_of(name, raw));
    if (name == "environment") {
      if (text != "development" && text != "production") throw ConfigError("environment must be development or production, not \"" + text + "\"");
      settings.environment = text;
    } else if (name == "host") settings.host = text;
    else if (name == "database") settings.database = text;
    else if (name == "migrations") settings.migrations = text;
    else if (name == "dev_tokens") settings.dev_tokens = text;
    else if (name == "jwt_issuer") settings.jwt_issuer = text;
    else if (name == "jwt_audience") settings.jwt_audience = text;
    else if (name == "jwks") settings.jwks = text;
    else if (name == "jwt_roles_claim") settings.jwt_roles_claim = text;
    else if (name == "jwt_tenant_claim") settings.jwt_tenant_claim = text;
  }
}

ConfigError file_error(const std::string& path, const std::string& name, const std::string& problem) {
  return ConfigError(path + ": " + name + " " + problem);
}

ConfigError unknown_setting(const std::string& path, const std::string& name) {
  std::string names;
  for (const auto& entry : setting_variables()) names.append(names.empty() ? "" : ", ").append(entry.first);
  return ConfigError(path + ": unknown setting \"" + name + "\" (the settings: " + names + ")");
}

std::map<std::string, Raw> read_file(const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    const std::string description(error.description());
    if (!where) throw ConfigError("BPC_CONFIG: cannot read " + path + ": " + description);
    throw ConfigError("BPC_CONFIG: " + path + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + " is not TOML: " + description);
  }
  std::map<std::string, Raw> out;
  const auto& known = setting_variables();
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (std::none_of(known.begin(), known.end(), [&](const auto& entry) { return entry.first == name; })) throw unknown_setting(path, name);
    if (const auto* text = node.as_string()) out[name] = text->get();
    else if (const auto* number = node.as_integer()) out[name] = std::to_string(number->get());
    else if (const auto* array = node.as_array()) {
      std::vector<std::string> items;
      for (const toml::node& item : *array) {
        const auto* text = item.as_string();
        if (text == nullptr) throw file_error(path, name, "must be a list of strings");
        items.push_back(text->get());
      }
      out[name] = std::move(items);
    } else {
      throw file_error(path, name, "must be a string, a whole number or a list of strings");
    }
  }
  return out;
}

}  // namespace

RateLimit RateLimit::parse(std::string_view text) {
  static const RE2 pattern(R"(([1-9][0-9]{0,8})/(second|minute|hour|day))");
  std::int64_t requests = 0;
  std::string unit;
  if (!RE2::FullMatch(trim(text), pattern, &requests, &unit)) throw ConfigError("\"" + std::string(text) + "\" is not a rate such as 600/minute");
  const auto* period = std::find_if(kPeriods.begin(), kPeriods.end(), [&](const auto& entry) { return entry.first == unit; });
  return RateLimit{requests, period->second};
}

std::string RateLimit::text() const {
  const auto* period = std::find_if(kPeriods.begin(), kPeriods.end(), [&](const auto& entry) { return entry.second == this->period; });
  return std::to_string(requests) + "/" + std::string(period == kPeriods.end() ? "second" : period->first);
}

const std::vector<std::pair<std::string, std::string>>& setting_variables() {
  static const std::vector<std::pair<std::string, std::string>> variables{
      {"environment", "BPC_ENV"},
      {"host", "HOST"},
      {"port", "PORT"},
      {"database", "DATABASE"},
      {"migrations", "BPC_MIGRATIONS"},
      {"dev_tokens", "BPC_DEV_TOKENS"},
      {"jwt_issuer", "JWT_ISSUER"},
      {"jwt_audience", "JWT_AUDIENCE"},
      {"jwks", "JWKS"},
      {"jwt_roles_claim", "JWT_ROLES_CLAIM"},
      {"jwt_tenant_claim", "JWT_TENANT_CLAIM"},
      {"cors_origins", "CORS_ORIGINS"},
      {"max_body_bytes", "MAX_BODY_BYTES"},
      {"rate_limit_per_key", "RATE_LIMIT_PER_KEY"},
      {"rate_limit_per_tenant", "RATE_LIMIT_PER_TENANT"},
      {"log_level", "LOG_LEVEL"},
  };
  return variables;
}

Settings load_settings(const Variables& variables, int default_port) {
  std::map<std::string, Raw> raw;
  Settings settings;
  settings.port = default_port;
  const std::string config = variables("BPC_CONFIG").value_or("");
  if (!config.empty()) {
    for (auto& [name, value] : read_file(config)) {
      raw[name] = std::move(value);
      settings.sources[name] = config;
    }
  }
  for (const auto& [name, variable] : setting_variables()) {
    std::optional<std::string> value = variables(variable);
    if (!value || value->empty()) continue;
    raw[name] = std::move(*value);
    settings.sources[name] = variable;
  }
  if (const auto environment = raw.find("environment"); environment != raw.end()) apply(settings, "environment", environment->second);
  if (settings.production()) {  // what production sets when nothing else does
    settings.rate_limit_per_key = RateLimit{600, 60.0};
    settings.rate_limit_per_tenant = RateLimit{6000, 60.0};
    settings.log_level = LogLevel::Info;
  }
  for (const auto& [name, value] : raw) apply(settings, name, value);
  const int jwt_given = int{!settings.jwt_issuer.empty()} + int{!settings.jwt_audience.empty()} + int{!settings.jwks.empty()};
  if (jwt_given != 0 && jwt_given != 3) throw ConfigError("jwt_issuer, jwt_audience and jwks go together: set all three, or none");
  if (settings.production() && settings.jwks.starts_with("http://")) {
    throw ConfigError("jwks: " + settings.jwks + " is plain http; production fetches keys only over https");
  }
  if (settings.production() && !settings.dev_tokens.empty()) {
    const auto source = settings.sources.find("dev_tokens");
    throw ConfigError("development tokens (" + (source == settings.sources.end() ? std::string("BPC_DEV_TOKENS") : source->second) +
                      ") are refused in production: configure a real token verifier");
  }
  return settings;
}

}  // namespace bpc::runtime
