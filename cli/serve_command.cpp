// `bpc serve`: the generation service (service/): the HTTP API over the embedded store, until
// SIGINT or SIGTERM, which stop it gracefully (requests in flight finish, event streams end).
// Settings come from --config FILE, BPC_* environment variables and flags (service/settings.h).
// Logs are JSON lines on standard error: one per request, and `listening` once the port is bound.

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "backends/backend.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "driver/plugin.h"
#include "runtime/verification.h"
#include "service/api.h"
#include "service/crypto.h"
#include "service/http_server.h"
#include "service/job_worker.h"
#include "service/maintenance.h"
#include "service/settings.h"
#include "service/store.h"
#include "service/webhooks.h"

extern char** environ;

namespace bpc::cli {

namespace {

std::map<std::string, std::string> environment_variables() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto equals = text.find('=');
    if (equals != std::string::npos && text.starts_with("BPC_")) variables[text.substr(0, equals)] = text.substr(equals + 1);
  }
  return variables;
}

// Log lines come from every request thread: each is one write(2) of the whole line, which the
// kernel keeps whole (a pipe takes up to 4 KiB at once, a file opened for appending any size), so
// threads neither interleave lines nor wait on a lock for each other's system calls.
class LogWriter {
 public:
  void operator()(std::string_view line) const {
    std::string whole(line);
    whole += '\n';
    std::string_view rest = whole;
    while (!rest.empty()) {
      const ssize_t written = ::write(STDERR_FILENO, rest.data(), rest.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) return;  // nowhere to log to: the service goes on
      rest.remove_prefix(static_cast<std::size_t>(written));
    }
  }
};

}  // namespace

CommandRunner add_serve_command(CLI::App& app) {
  struct Options {
    std::optional<std::string> config;
    service::SettingOverrides flags;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("serve", "Run the generation service (HTTP API, tenants, versions, events)");
  command->add_option("--config", options->config, "A JSON settings file (docs/service.md)");
  command->add_option("--mode", options->flags.mode, "dev (default) or prod; env BPC_MODE")
      ->check(CLI::IsMember({"dev", "prod"}));
  command->add_option("--data", options->flags.data_directory,
                      "The data directory: database and blobs (default ./bpc-data); env BPC_DATA_DIR");
  command->add_option("--database", options->flags.database_url,
                      "A PostgreSQL URL (postgresql://...) to keep everything in, shared by several instances; "
                      "default: SQLite in the data directory; env BPC_DATABASE_URL");
  command->add_option("--listen", options->flags.listen,
                      "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks one); env BPC_LISTEN");
  command->add_option("--operator-key-file", options->flags.operator_key_file,
                      "A file holding the operator key (at least 32 characters); or env BPC_OPERATOR_KEY");
  command->add_option("--tls-cert", options->flags.tls_certificate, "A PEM certificate: serve HTTPS");
  command->add_option("--tls-key", options->flags.tls_private_key, "The certificate's PEM private key");
  command->add_option("--workers", options->flags.workers, "Generation jobs this instance runs at once (default 2; 0: none, an API-only instance)");
  command->add_option("--threads", options->flags.threads, "Threads that handle requests (default 32): how many are handled at once, however many connections are open");
  command->footer(
      "Settings apply in the order file < environment < flags. In dev mode an operator key is made up "
      "and printed when none is configured; prod mode requires one, a named store (--data or --database), and TLS "
      "beyond loopback. Exit codes: 0 stopped by a signal, 2 bad settings or the port cannot be bound.");

  return [options]() -> int {
    LogWriter log;
    const auto log_line = [&log](const nlohmann::json& line) { log(line.dump()); };
    std::string error;
    auto settings = service::load_settings(options->config, environment_variables(), options->flags, error);
    if (!settings) {
      std::cerr << "bpc serve: " << error << "\n";
      return kExitUsage;
    }
    if (settings->operator_key.empty()) {
      settings->operator_key = "bpc_operator_" + service::random_hex(24);
      std::cerr << "bpc serve: no operator key is configured; this run's is " << settings->operator_key << "\n";
    }

    // Signals are taken by one thread with sigwait, so no handler runs on a request thread.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    // Registered plugins: each manifest is checked now, and a problem stops the start.
    std::vector<driver::PluginManifest> plugins;
    for (const std::string& file : settings->plugins) {
      driver::ManifestReading reading = driver::read_plugin_manifest(file);
      for (const std::string& problem : reading.problems) std::cerr << "bpc serve: plugin " << file << ": " << problem << "\n";
      if (!reading.manifest) return kExitUsage;
      const std::vector<std::string_view> built_ins = backends::standard_backends().names();
      const bool built_in = std::ranges::find(built_ins, reading.manifest->id) != built_ins.end();
      if (built_in || std::ranges::any_of(plugins, [&](const auto& other) { return other.id == reading.manifest->id; })) {
        std::cerr << "bpc serve: plugin " << file << ": the id `" << reading.manifest->id << "` is taken\n";
        return kExitUsage;
      }
      plugins.push_back(std::move(*reading.manifest));
    }

    // Verification toolchains: each is probed in a sandbox now, and a problem stops the start.
    std::optional<service::Verifier> verifier;
    if (const auto& verification = settings->verification) {
      verifier = service::Verifier{
          runtime::Toolchains{verification->node_modules, verification->python_environment, verification->cpp},
          runtime::VerificationLimits{.time_limit = std::chrono::seconds(verification->time_limit_seconds),
                                      .cpu_seconds = verification->time_limit_seconds * 2,
                                      .memory_bytes = verification->memory_megabytes << 20,
                                      .processes = verification->processes}};
      const std::vector<std::string> problems = runtime::toolchain_problems(verifier->toolchains);
      for (const std::string& problem : problems) std::cerr << "bpc serve: verification: " << problem << "\n";
      if (!problems.empty()) return kExitUsage;
    }

    std::unique_ptr<service::Store> store;
    try {
      store = std::make_unique<service::Store>(service::Store::Options{settings->data_directory, settings->database_url, settings->threads + settings->workers * 2 + 2, {}});
    } catch (const std::exception& failure) {
      std::cerr << "bpc serve: " << failure.what() << "\n";
      return kExitUsage;
    }
    service::ApiConfig api_config;
    api_config.operator_key_hash = service::sha256_hex(settings->operator_key);
    api_config.max_source_bytes = settings->max_source_bytes;
    api_config.max_body_bytes = settings->max_source_bytes * 2 + (64u << 10);
    api_config.compile_time_limit = settings->compile_time_limit;
    api_config.max_event_streams = settings->max_event_streams;
    api_config.strict_webhooks = settings->production;
    for (const driver::PluginManifest& plugin : plugins) api_config.plugin_targets[plugin.id] = plugin.identity;
    if (verifier) api_config.verifier = service::sha256_hex(runtime::toolchain_identity(verifier->toolchains, verifier->limits));
    // Previews of generated services run with the verification's toolchains, in this instance.
    std::optional<service::Previews> previews;
    if (verifier) {
      previews.emplace(*store, service::PreviewPolicy{.toolchains = verifier->toolchains, .prepare = verifier->limits},
                       [&log](std::string_view line) { log(line); });
    }
    service::Api api(*store, api_config, [&log](std::string_view line) { log(line); }, previews ? &*previews : nullptr);
    service::ServerConfig server_config;
    server_config.host = settings->host;
    server_config.port = settings->port;
    server_config.tls_certificate = settings->tls_certificate;
    server_config.tls_private_key = settings->tls_private_key;
    server_config.threads = settings->threads;
    service::HttpServer server(api, server_config);
    service::WebhookDispatcher webhooks(*store, service::WebhookPolicy{.public_destinations_only = settings->production},
                                        [&log](std::string_view line) { log(line); });
    service::JobWorkers workers(*store,
                                service::WorkerPolicy{.workers = settings->workers,
                                                      .lease = settings->job_lease,
                                                      .heartbeat = std::chrono::milliseconds(settings->job_lease) / 3,
                                                      .max_source_bytes = settings->max_source_bytes,
                                                      .plugins = plugins,
                                                      .verifier = verifier},
                                [&log](std::string_view line) { log(line); });
    const service::Maintenance retention(*store, service::RetentionPolicy{.event_retention = settings->event_retention},
                                         [&log](std::string_view line) { log(line); });

    std::thread signal_waiter([&server, &webhooks, &workers, &log_line, signals] {
      int received = 0;
      sigwait(&signals, &received);
      log_line({{"level", "info"}, {"msg", "stopping"}, {"signal", received == SIGINT ? "SIGINT" : "SIGTERM"}});
      webhooks.stop();
      workers.stop();
      server.stop();
    });

    const bool ran = server.run(
        [&](int port) {
          log_line({{"level", "info"},
                    {"msg", "listening"},
                    {"host", settings->host},
                    {"port", port},
                    {"tls", !settings->tls_certificate.empty()},
                    {"mode", settings->production ? "prod" : "dev"},
                    {"store", settings->database_url.empty() ? "sqlite" : "postgresql"},
                    {"data", settings->data_directory},
                    {"schemaVersion", store->schema_version()}});
        },
        error);
    // The waiter may still wait (the server stopped without a signal): wake it, then join it
    // before what it refers to is gone.
    pthread_kill(signal_waiter.native_handle(), SIGTERM);
    signal_waiter.join();
    if (!ran) {
      std::cerr << "bpc serve: " << error << "\n";
      return kExitUsage;
    }
    log_line({{"level", "info"}, {"msg", "stopped"}});
    return kExitClean;
  };
}

}  // namespace bpc::cli
