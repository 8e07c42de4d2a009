#pragma once

// The settings of `bpc serve`, from a JSON configuration file, the environment and the command
// line; each later one wins (file < BPC_* environment < flags). docs/service.md lists them.
//
// Two modes differ in what they insist on:
//   dev   (default) without an operator key, one is made up and printed at start; plain HTTP.
//   prod  an operator key must be configured (BPC_OPERATOR_KEY or a key file), the store must be
//         named (a data directory or a database URL), and listening beyond loopback needs TLS.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bpc::service {

// `verification`: what the workers verify generated projects with (runtime/verification.h), when
// a job asks them to (`options.verify`).
struct VerificationSettings {
  std::string node_modules;        // `typescriptDependencies`
  std::string python_environment;  // `pythonEnvironment`
  bool cpp = false;
  std::uint64_t time_limit_seconds = 600;  // of one project
  std::uint64_t memory_megabytes = 4096;   // of each process
  std::uint64_t processes = 512;
};

struct ServiceSettings {
  bool production = false;
  std::string data_directory = "bpc-data";
  bool data_directory_named = false;
  std::string database_url;  // PostgreSQL; empty: SQLite in the data directory
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string operator_key;  // the secret itself; empty: none configured
  std::string tls_certificate, tls_private_key;
  std::size_t threads = 32;
  std::size_t workers = 2;  // generation jobs run at once by this instance; 0: it runs none
  std::chrono::seconds job_lease{30};  // a worker that stops answering loses its job after this
  std::uint64_t max_source_bytes = 1u << 20;
  std::chrono::milliseconds compile_time_limit{2000};
  std::chrono::hours event_retention{24 * 30};
  std::size_t max_event_streams = 1000;
  std::vector<std::string> plugins;  // manifests (docs/plugins.md) of plugins jobs may name as targets
  std::optional<VerificationSettings> verification;  // none: jobs cannot ask for verification
};

// What the command line said; unset members leave the setting alone.
struct SettingOverrides {
  std::optional<std::string> mode, data_directory, database_url, listen, operator_key_file, tls_certificate, tls_private_key;
  std::optional<std::size_t> threads, workers;
};

// Reads `config_file` (when given), then `environment`, then `flags`. Returns the settings, or
// the reason they are unusable in `error`.
std::optional<ServiceSettings> load_settings(const std::optional<std::string>& config_file,
                                             const std::map<std::string, std::string>& environment,
                                             const SettingOverrides& flags, std::string& error);

}  // namespace bpc::service
