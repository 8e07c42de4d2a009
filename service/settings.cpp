#include "service/settings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "service/database.h"

namespace bpc::service {

namespace {

using nlohmann::json;

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

std::string trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  std::size_t start = 0;
  while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
  return text.substr(start);
}

// `host:port`, `[v6]:port` or `:port`.
bool parse_listen(const std::string& listen, ServiceSettings& settings, std::string& error) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    error = "listen address `" + listen + "` must be HOST:PORT";
    return false;
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  const std::string port_text = listen.substr(colon + 1);
  const auto [end, failure] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (failure != std::errc() || end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
    error = "listen address `" + listen + "` has no valid port";
    return false;
  }
  settings.host = host.empty() ? "127.0.0.1" : host;
  settings.port = port;
  return true;
}

bool set_mode(const std::string& mode, ServiceSettings& settings, std::string& error) {
  if (mode != "dev" && mode != "prod") {
    error = "mode must be dev or prod, not `" + mode + "`";
    return false;
  }
  settings.production = mode == "prod";
  return true;
}

bool set_operator_key_file(const std::string& path, ServiceSettings& settings, std::string& error) {
  const auto text = read_file(path, error);
  if (!text) return false;
  settings.operator_key = trimmed(*text);
  if (settings.operator_key.size() < 32) {
    error = "the operator key in " + path + " is shorter than 32 characters";
    return false;
  }
  return true;
}

bool set_database(const std::string& url, ServiceSettings& settings, std::string& error) {
  if (!is_postgres_url(url)) {
    error = "the database must be a PostgreSQL URL (postgresql://...), not `" + url + "`";
    return false;
  }
  settings.database_url = url;
  return true;
}

// A setting that must be a positive integer; `named` says which, for the error.
bool positive_count(const json& value, const std::string& named, std::uint64_t& out, std::string& error) {
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > 0) {
    out = value.get<std::uint64_t>();
    return true;
  }
  error = named + " must be a positive integer";
  return false;
}

// `verification`: {"typescriptDependencies": DIR, "pythonEnvironment": DIR, "cpp": BOOL,
// "timeLimitSeconds": N, "memoryMegabytes": N, "processes": N}, at least one toolchain.
bool set_verification(const std::string& path, const json& value, ServiceSettings& settings, std::string& error) {
  if (!value.is_object()) {
    error = path + ": `verification` must be an object";
    return false;
  }
  VerificationSettings verification;
  for (const auto& [key, item] : value.items()) {
    const std::string name = "`verification." + key + "`";
    if (key == "typescriptDependencies" || key == "pythonEnvironment") {
      if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>()[0] != '/') {
        error = path + ": " + name + " must be an absolute path";
        return false;
      }
      (key == "typescriptDependencies" ? verification.node_modules : verification.python_environment) = item.get<std::string>();
    } else if (key == "cpp") {
      if (!item.is_boolean()) {
        error = path + ": " + name + " must be true or false";
        return false;
      }
      verification.cpp = item.get<bool>();
    } else if (key == "timeLimitSeconds" || key == "memoryMegabytes" || key == "processes") {
      std::uint64_t count = 0;
      if (!positive_count(item, path + ": " + name, count, error)) return false;
      if (key == "timeLimitSeconds") verification.time_limit_seconds = std::min<std::uint64_t>(count, 3600);
      if (key == "memoryMegabytes") verification.memory_megabytes = std::clamp<std::uint64_t>(count, 256, 65536);
      if (key == "processes") verification.processes = std::clamp<std::uint64_t>(count, 16, 4096);
    } else {
      error = path + ": unknown setting " + name;
      return false;
    }
  }
  if (verification.node_modules.empty() && verification.python_environment.empty() && !verification.cpp) {
    error = path + ": `verification` names no toolchain (typescriptDependencies, pythonEnvironment or cpp)";
    return false;
  }
  settings.verification = std::move(verification);
  return true;
}

bool apply_file(const std::string& path, ServiceSettings& settings, std::string& error) {
  const auto text = read_file(path, error);
  if (!text) return false;
  const json document = json::parse(*text, nullptr, false, true);
  if (!document.is_object()) {
    error = path + " is not a JSON object";
    return false;
  }
  for (const auto& [key, value] : document.items()) {
    const auto need_string = [&]() -> const std::string* {
      if (value.is_string()) return value.get_ptr<const std::string*>();
      error = path + ": `" + key + "` must be a string";
      return nullptr;
    };
    const auto need_count = [&](std::uint64_t& out) { return positive_count(value, path + ": `" + key + "`", out, error); };
    std::uint64_t count = 0;
    if (key == "mode") {
      const std::string* mode = need_string();
      if (mode == nullptr || !set_mode(*mode, settings, error)) return false;
    } else if (key == "data") {
      const std::string* data = need_string();
      if (data == nullptr) return false;
      settings.data_directory = *data;
      settings.data_directory_named = true;
    } else if (key == "database") {
      const std::string* url = need_string();
      if (url == nullptr || !set_database(*url, settings, error)) return false;
    } else if (key == "listen") {
      const std::string* listen = need_string();
      if (listen == nullptr || !parse_listen(*listen, settings, error)) return false;
    } else if (key == "operatorKeyFile") {
      const std::string* file = need_string();
      if (file == nullptr || !set_operator_key_file(*file, settings, error)) return false;
    } else if (key == "tlsCertificate" || key == "tlsPrivateKey") {
      const std::string* file = need_string();
      if (file == nullptr) return false;
      (key == "tlsCertificate" ? settings.tls_certificate : settings.tls_private_key) = *file;
    } else if (key == "workers") {
      if (!need_count(count)) return false;
      settings.workers = static_cast<std::size_t>(std::min<std::uint64_t>(count, 64));
    } else if (key == "plugins") {
      if (!value.is_array() || value.size() > 64 ||
          !std::all_of(value.begin(), value.end(), [](const json& item) { return item.is_string(); })) {
        error = path + ": `plugins` must be a list of at most 64 plugin manifest paths";
        return false;
      }
      settings.plugins = value.get<std::vector<std::string>>();
    } else if (key == "verification") {
      if (!set_verification(path, value, settings, error)) return false;
    } else if (key == "jobLeaseSeconds") {
      if (!need_count(count)) return false;
      settings.job_lease = std::chrono::seconds(std::clamp<std::uint64_t>(count, 2, 3600));
    } else if (key == "threads") {
      if (!need_count(count)) return false;
      settings.threads = static_cast<std::size_t>(std::min<std::uint64_t>(count, 256));
    } else if (key == "maxSourceBytes") {
      if (!need_count(count)) return false;
      settings.max_source_bytes = std::min<std::uint64_t>(count, 64u << 20);
    } else if (key == "compileTimeoutMs") {
      if (!need_count(count)) return false;
      settings.compile_time_limit = std::chrono::milliseconds(std::min<std::uint64_t>(count, 600'000));
    } else if (key == "maxEventStreams") {
      if (!need_count(count)) return false;
      settings.max_event_streams = static_cast<std::size_t>(std::min<std::uint64_t>(count, 100'000));
    } else if (key == "eventRetentionDays") {
      if (!need_count(count)) return false;
      settings.event_retention = std::chrono::hours(24 * std::clamp<std::uint64_t>(count, 1, 3650));
    } else {
      error = path + ": unknown setting `" + key + "`";
      return false;
    }
  }
  return true;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace

std::optional<ServiceSettings> load_settings(const std::optional<std::string>& config_file,
                                             const std::map<std::string, std::string>& environment,
                                             const SettingOverrides& flags, std::string& error) {
  ServiceSettings settings;
  if (config_file && !apply_file(*config_file, settings, error)) return std::nullopt;

  const auto env = [&](const char* name) -> std::optional<std::string> {
    const auto found = environment.find(name);
    if (found == environment.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
  if (const auto mode = env("BPC_MODE"); mode && !set_mode(*mode, settings, error)) return std::nullopt;
  if (const auto data = env("BPC_DATA_DIR")) {
    settings.data_directory = *data;
    settings.data_directory_named = true;
  }
  if (const auto url = env("BPC_DATABASE_URL"); url && !set_database(*url, settings, error)) return std::nullopt;
  if (const auto listen = env("BPC_LISTEN"); listen && !parse_listen(*listen, settings, error)) return std::nullopt;
  if (const auto key = env("BPC_OPERATOR_KEY")) {
    settings.operator_key = trimmed(*key);
    if (settings.operator_key.size() < 32) {
      error = "BPC_OPERATOR_KEY is shorter than 32 characters";
      return std::nullopt;
    }
  }

  if (flags.mode && !set_mode(*flags.mode, settings, error)) return std::nullopt;
  if (flags.data_directory) {
    settings.data_directory = *flags.data_directory;
    settings.data_directory_named = true;
  }
  if (flags.database_url && !set_database(*flags.database_url, settings, error)) return std::nullopt;
  if (flags.listen && !parse_listen(*flags.listen, settings, error)) return std::nullopt;
  if (flags.operator_key_file && !set_operator_key_file(*flags.operator_key_file, settings, error)) {
    return std::nullopt;
  }
  if (flags.tls_certificate) settings.tls_certificate = *flags.tls_certificate;
  if (flags.tls_private_key) settings.tls_private_key = *flags.tls_private_key;
  if (flags.threads) settings.threads = std::clamp<std::size_t>(*flags.threads, 2, 256);
  if (flags.workers) settings.workers = std::min<std::size_t>(*flags.workers, 64);

  if (settings.tls_certificate.empty() != settings.tls_private_key.empty()) {
    error = "TLS needs both a certificate and a private key";
    return std::nullopt;
  }
  if (settings.production) {
    if (settings.operator_key.empty()) {
      error = "prod mode needs an operator key (BPC_OPERATOR_KEY or --operator-key-file)";
      return std::nullopt;
    }
    if (!settings.data_directory_named && settings.database_url.empty()) {
      error = "prod mode needs the store named: --data (or BPC_DATA_DIR) or --database (or BPC_DATABASE_URL)";
      return std::nullopt;
    }
    if (!is_loopback(settings.host) && settings.tls_certificate.empty()) {
      error = "prod mode listens beyond loopback only with TLS (--tls-cert and --tls-key)";
      return std::nullopt;
    }
  }
  return settings;
}

}  // namespace bpc::service
