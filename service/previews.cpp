#include "service/previews.h"

#include <nlohmann/json.hpp>

#include "service/crypto.h"
#include "service/errors.h"
#include "service/job_verification.h"
#include "service/timestamps.h"

namespace bpc::service {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using std::chrono::system_clock;

constexpr std::size_t kKeptPreviews = 256;  // ended previews remembered for GET

}  // namespace

Previews::Previews(Store& store, PreviewPolicy policy, std::function<void(std::string_view)> log)
    : store_(store), policy_(std::move(policy)), log_(std::move(log)) {}

Previews::~Previews() {
  {
    const std::lock_guard lock(mutex_);
    for (auto& [id, preview] : previews_) preview->stop.cancel();
  }
  for (auto& [id, preview] : previews_) {
    if (preview->thread.joinable()) preview->thread.join();
  }
}

PreviewState Previews::start(const std::string& tenant_id, const std::string& job_id, const std::string& target,
                             const std::vector<GeneratedFile>& files, std::chrono::seconds lifetime) {
  auto preview = std::make_unique<Running>();
  preview->state.id = "prv_" + random_hex(10);
  preview->state.tenant_id = tenant_id;
  preview->state.job_id = job_id;
  preview->state.target = target;
  preview->state.lifetime = lifetime;
  preview->state.created_at = utc_now();
  preview->directory = fs::temp_directory_path() / ("bpc-preview-" + preview->state.id);
  Running& reserved = *preview;
  {
    // Counted and taken in one turn of the lock, so concurrent starts cannot both pass the limits.
    const std::lock_guard lock(mutex_);
    std::size_t running = 0, of_tenant = 0;
    for (const auto& [id, other] : previews_) {
      if (other->state.state != "starting" && other->state.state != "running") continue;
      ++running;
      if (other->state.tenant_id == tenant_id) ++of_tenant;
    }
    if (running >= policy_.max_running || of_tenant >= policy_.max_per_tenant) {
      throw ApiError(429, "too-many-previews",
                     of_tenant >= policy_.max_per_tenant
                         ? "the tenant runs " + std::to_string(of_tenant) + " previews already; stop one first"
                         : "this instance runs " + std::to_string(running) + " previews already; try again later");
    }
    // Forget the oldest ended previews (ids are random: the map's order is no age, so by end time).
    while (previews_.size() >= kKeptPreviews) {
      auto oldest = previews_.end();
      for (auto entry = previews_.begin(); entry != previews_.end(); ++entry) {
        if (!entry->second->state.ended_at) continue;
        if (oldest == previews_.end() || *entry->second->state.ended_at < *oldest->second->state.ended_at) oldest = entry;
      }
      if (oldest == previews_.end()) break;
      oldest->second->thread.join();
      previews_.erase(oldest);
    }
    previews_.emplace(reserved.state.id, std::move(preview));
  }
  try {
    write_project(reserved.directory, target, files);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(reserved.directory, ignored);
    const std::lock_guard lock(mutex_);
    previews_.erase(reserved.state.id);
    throw;
  }
  const std::lock_guard lock(mutex_);
  reserved.thread = std::thread([this, &reserved] { run(reserved); });
  return reserved.state;
}

void Previews::run(Running& preview) {
  runtime::PreviewLimits limits;
  limits.prepare = policy_.prepare;
  limits.lifetime = preview.state.lifetime;
  const auto started = [&](int port) {
    const std::string expires = format_utc(system_clock::now() + preview.state.lifetime);
    {
      const std::lock_guard lock(mutex_);
      preview.state.state = "running";
      preview.state.port = port;
      preview.state.expires_at = expires;
    }
    try {
      store_.report_job_event(preview.state.tenant_id, preview.state.job_id, "runtime.started",
                              json{{"jobId", preview.state.job_id},
                                   {"previewId", preview.state.id},
                                   {"target", preview.state.target},
                                   {"url", "http://127.0.0.1:" + std::to_string(port)},
                                   {"expiresAt", expires}}
                                  .dump());
    } catch (const std::exception& failure) {
      log_(json{{"time", utc_now()}, {"level", "warning"}, {"msg", "preview event"}, {"error", failure.what()}}.dump());
    }
  };
  runtime::PreviewEnd end;
  try {
    end = runtime::run_preview(preview.state.target, preview.directory, policy_.toolchains, limits, preview.stop.token(),
                               started);
  } catch (const std::exception& failure) {
    // The machine refused something (a pipe, a thread, a file): the preview fails, bpc serve goes on.
    end = runtime::PreviewEnd{runtime::PreviewEnd::Kind::Failed, failure.what(), {}};
  }
  finish(preview, end);
}

void Previews::finish(Running& preview, const runtime::PreviewEnd& end) {
  std::error_code ignored;
  fs::remove_all(preview.directory, ignored);
  const bool failed = end.kind == runtime::PreviewEnd::Kind::Failed;
  json payload = {{"jobId", preview.state.job_id}, {"previewId", preview.state.id}, {"target", preview.state.target}};
  if (failed) {
    payload["error"] = end.reason;
    payload["log"] = end.log;
  } else {
    payload["reason"] = end.kind == runtime::PreviewEnd::Kind::Stopped ? "stopped" : "expired";
  }
  {
    const std::lock_guard lock(mutex_);
    preview.state.state = failed ? "failed" : "stopped";
    preview.state.port.reset();
    preview.state.ended_at = utc_now();
    if (failed) preview.state.error = end.reason;
  }
  try {
    store_.report_job_event(preview.state.tenant_id, preview.state.job_id, failed ? "runtime.error" : "runtime.stopped",
                            payload.dump(-1, ' ', false, json::error_handler_t::replace));
  } catch (const std::exception& failure) {
    log_(json{{"time", utc_now()}, {"level", "warning"}, {"msg", "preview event"}, {"error", failure.what()}}.dump());
  }
  log_(json{{"time", utc_now()}, {"level", "info"}, {"msg", "preview"}, {"tenant", preview.state.tenant_id},
            {"job", preview.state.job_id}, {"preview", preview.state.id}, {"target", preview.state.target},
            {"outcome", preview.state.state}, {"error", preview.state.error.value_or("")}}
           .dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<PreviewState> Previews::find(const std::string& tenant_id, const std::string& job_id,
                                           const std::string& id) const {
  const std::lock_guard lock(mutex_);
  const auto found = previews_.find(id);
  if (found == previews_.end() || found->second->state.tenant_id != tenant_id || found->second->state.job_id != job_id) {
    return std::nullopt;
  }
  return found->second->state;
}

std::optional<PreviewState> Previews::stop(const std::string& tenant_id, const std::string& job_id, const std::string& id) {
  const std::lock_guard lock(mutex_);
  const auto found = previews_.find(id);
  if (found == previews_.end() || found->second->state.tenant_id != tenant_id || found->second->state.job_id != job_id) {
    return std::nullopt;
  }
  found->second->stop.cancel();
  return found->second->state;
}

}  // namespace bpc::service
