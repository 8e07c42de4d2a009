#pragma once

// Preview runs of generated services, started through the API (`POST /v1/jobs/{id}/previews`):
// each runs in a thread of its own in this instance (runtime/preview.h: prepared and run in a
// sandbox, reached through a loopback port of this machine), at most `max_running` at once and
// `max_per_tenant` per tenant. `runtime.started` (with the URL), then `runtime.stopped` (stopped
// or expired) or `runtime.error` (with the reason and log) tell how each goes. Previews belong to
// the instance that started them and are not durable: a restart ends them.

#include <chrono>
#include <cstddef>
#include <functional>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "base/interrupt.h"
#include "runtime/preview.h"
#include "service/store.h"
#include "service/text_compiler.h"

namespace bpc::service {

struct PreviewPolicy {
  runtime::Toolchains toolchains;
  runtime::VerificationLimits prepare;
  std::size_t max_running = 4, max_per_tenant = 2;
  std::chrono::seconds longest{1800};
};

struct PreviewState {
  std::string id, tenant_id, job_id, target;
  std::string state = "starting";  // starting, running, stopped, failed
  std::optional<int> port;         // running: the service answers on 127.0.0.1:port
  std::chrono::seconds lifetime{0};
  std::string created_at;
  std::optional<std::string> expires_at, ended_at, error;
};

class Previews {
 public:
  Previews(Store& store, PreviewPolicy policy, std::function<void(std::string_view)> log);
  ~Previews();  // stops every preview and waits for them
  Previews(const Previews&) = delete;
  Previews& operator=(const Previews&) = delete;

  const PreviewPolicy& policy() const { return policy_; }
  // Starts a preview of `target`, the tenant's job's, from its files; throws ApiError 429 beyond
  // the limits. The project's files are written before it returns.
  PreviewState start(const std::string& tenant_id, const std::string& job_id, const std::string& target,
                     const std::vector<GeneratedFile>& files, std::chrono::seconds lifetime);
  std::optional<PreviewState> find(const std::string& tenant_id, const std::string& job_id, const std::string& id) const;
  // Asks a preview to stop; its state until it has.
  std::optional<PreviewState> stop(const std::string& tenant_id, const std::string& job_id, const std::string& id);

 private:
  struct Running {
    PreviewState state;
    CancellationSource stop;
    std::thread thread;
    std::filesystem::path directory;
  };
  void run(Running& preview);
  void finish(Running& preview, const runtime::PreviewEnd& end);

  Store& store_;
  PreviewPolicy policy_;
  std::function<void(std::string_view)> log_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Running>> previews_;  // by id, ended ones too (the latest 256)
};

}  // namespace bpc::service
