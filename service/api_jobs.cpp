// /v1/jobs: generation jobs (jobs.h) — created here, run by the workers (job_worker.h) — and
// their artifacts: the manifest, and each file by its path.

#include <algorithm>

#include "backends/backend.h"
#include "service/api.h"
#include "service/api_json.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/timestamps.h"

namespace bpc::service {

namespace {

constexpr std::size_t kMaxTargets = 16;

// The built-in targets a job may ask for: every built backend (and the registered plugins).
const std::vector<std::string>& available_targets() {
  static const std::vector<std::string> kTargets = [] {
    std::vector<std::string> names;
    for (const std::string_view name : backends::standard_backends().names()) names.emplace_back(name);
    return names;
  }();
  return kTargets;
}

std::vector<std::string> targets_field(json& body, const std::map<std::string, std::string>& plugins) {
  const auto found = body.find("targets");
  if (found == body.end() || !found->is_array() || found->empty() || found->size() > kMaxTargets) {
    throw ApiError(400, "invalid-request", "`targets` must be a list of 1 to 16 target names");
  }
  std::vector<std::string> targets;
  for (const json& target : *found) {
    const std::string* name = target.get_ptr<const std::string*>();
    if (name == nullptr || (std::find(available_targets().begin(), available_targets().end(), *name) ==
                                available_targets().end() &&
                            !plugins.contains(*name))) {
      std::string known;
      for (const std::string& available : available_targets()) known += (known.empty() ? "" : ", ") + available;
      for (const auto& [plugin, identity] : plugins) known += ", " + plugin;
      throw ApiError(400, "invalid-request", "`targets` may name " + known);
    }
    targets.push_back(*name);
  }
  return targets;
}

std::int64_t priority_field(const json& body) {
  const auto found = body.find("priority");
  if (found == body.end() || found->is_null()) return 0;
  const std::optional<std::int64_t> priority = integral_value(*found);
  if (!priority || *priority < -100 || *priority > 100) {
    throw ApiError(400, "invalid-request", "`priority` must be an integer from -100 to 100");
  }
  return *priority;
}

// `options`: `migrateFrom` (an earlier version, by number or tag), `allowDataLoss` and `verify`
// (when the service has toolchains to verify with: `verifier` identifies them).
JobOptions options_field(const TenantStore& tenant, const std::string& blueprint_id, const json& body,
                         const std::optional<std::string>& verifier) {
  const auto found = body.find("options");
  JobOptions options;
  if (found == body.end() || found->is_null()) return options;
  if (!found->is_object()) throw ApiError(400, "invalid-request", "`options` must be an object");
  for (const auto& [name, value] : found->items()) {
    if (name == "migrateFrom") {
      const std::string* ref = value.get_ptr<const std::string*>();
      if (const auto number = integral_value(value); number && *number >= 1) {
        options.migrate_from = lookup_version(tenant, blueprint_id, std::to_string(*number)).number;
      } else if (ref != nullptr && !ref->empty() && ref->size() <= 100) {
        options.migrate_from = lookup_version(tenant, blueprint_id, *ref).number;
      } else {
        throw ApiError(400, "invalid-request", "`options.migrateFrom` names a version: its number or a tag");
      }
    } else if (name == "allowDataLoss") {
      if (!value.is_boolean()) throw ApiError(400, "invalid-request", "`options.allowDataLoss` must be true or false");
      options.allow_data_loss = value.get<bool>();
    } else if (name == "verify") {
      if (!value.is_boolean()) throw ApiError(400, "invalid-request", "`options.verify` must be true or false");
      options.verify = value.get<bool>();
      if (options.verify && !verifier) {
        throw ApiError(422, "verification-unavailable",
                       "this service does not verify generated projects (its settings have no `verification`)");
      }
    } else {
      throw ApiError(400, "invalid-request",
                     "`options` may hold `migrateFrom`, `allowDataLoss` and `verify`, not `" + name + "`");
    }
  }
  if (options.allow_data_loss && !options.migrate_from) {
    throw ApiError(400, "invalid-request", "`options.allowDataLoss` needs `options.migrateFrom`");
  }
  return options;
}

Job job_or_404(const TenantStore& tenant, const std::string& id) {
  auto job = tenant.find_job(id);
  if (!job) throw not_found("job " + id);
  return std::move(*job);
}

// The manifest's blob hash of a succeeded job; 409 before that.
const std::string& ready_manifest(const Job& job) {
  if (job.state != JobState::Succeeded || !job.manifest) {
    throw ApiError(409, "not-ready",
                   "the job is " + std::string(job_state_name(job.state)) + "; its artifacts come when it succeeds");
  }
  return *job.manifest;
}

// A succeeded job's manifest; 409 before that.
json manifest_of(const TenantStore& tenant, const Job& job) {
  const auto text = tenant.job_blob(ready_manifest(job));
  json manifest = text ? json::parse(*text, nullptr, false) : json();
  if (!manifest.is_object()) throw ApiError(500, "internal", "the job's manifest cannot be read");
  return manifest;
}

}  // namespace

HttpResponse Api::create_job(Call& call) {
  // A retry with the Idempotency-Key of a create gets the job that create made (the key is kept
  // with the job, in the transaction that creates it); the same key with another body is 422.
  const auto key = call.request.header("idempotency-key");
  if (key && (key->empty() || key->size() > 200)) {
    throw ApiError(400, "invalid-request", "Idempotency-Key must be 1 to 200 characters");
  }
  const std::string request_hash = key ? sha256_hex(call.request.body) : std::string();
  json body = parse_body(call.request);
  const std::string blueprint_id = string_field(body, "blueprint", {.max_length = 64}).value();
  const std::string ref = string_field(body, "version", {.max_length = 100, .required = false}).value_or("head");
  const std::vector<std::string> targets = targets_field(body, config_.plugin_targets);
  const std::int64_t priority = priority_field(body);
  TenantStore tenant = call.tenant();
  const Version version = lookup_version(tenant, blueprint_id, ref);
  // What generates the output: this bpc, and the plugins the job names as they are now.
  std::string generator = BPC_VERSION;
  for (const std::string& target : targets) {
    if (const auto plugin = config_.plugin_targets.find(target); plugin != config_.plugin_targets.end()) {
      generator += " " + plugin->first + "@" + plugin->second;
    }
  }
  const JobOptions options = options_field(tenant, blueprint_id, body, config_.verifier);
  // A verification is as good as the toolchains that ran it: they are part of what made the result.
  if (options.verify) generator += " verified-by:" + *config_.verifier;
  NewJob request{blueprint_id, version.number, targets, options, priority, 3, generator,
                 format_utc(std::chrono::system_clock::now() - std::chrono::hours(24))};
  request.idempotency_key = key;
  request.request_hash = request_hash;
  const EnqueuedJob enqueued = tenant.enqueue_job(request);
  HttpResponse response = json_response(202, to_json(enqueued.job));
  response.set_header("Location", "/v1/jobs/" + enqueued.job.id);
  if (enqueued.replayed) response.set_header("Idempotent-Replayed", "true");
  return response;
}

HttpResponse Api::list_jobs(Call& call) {
  const std::int64_t limit = integer_query(call.request, "limit", 50, 1, 500);
  return json_response(200, page_json(call.tenant().list_jobs(limit, call.request.query_value("cursor")),
                                      [](const Job& job) { return to_json(job); }));
}

HttpResponse Api::get_job(Call& call) { return json_response(200, to_json(job_or_404(call.tenant(), call.params.at(0)))); }

HttpResponse Api::cancel_job(Call& call) {
  TenantStore tenant = call.tenant();
  return json_response(200, to_json(tenant.cancel_job(call.params.at(0))));
}

HttpResponse Api::get_artifacts(Call& call) {
  const TenantStore tenant = call.tenant();
  return json_response(200, manifest_of(tenant, job_or_404(tenant, call.params.at(0))));
}

HttpResponse Api::get_artifact_file(Call& call) {
  const TenantStore tenant = call.tenant();
  const json manifest = manifest_of(tenant, job_or_404(tenant, call.params.at(0)));
  const auto path = call.request.query_value("path");
  if (!path || path->empty()) throw ApiError(400, "invalid-request", "`path` names the file: TARGET/PATH");
  for (const json& target : manifest.value("targets", json::array())) {
    const std::string prefix = target.value("name", "") + "/";
    if (!path->starts_with(prefix)) continue;
    for (const json& file : target.value("files", json::array())) {
      if (file.value("path", "") != path->substr(prefix.size())) continue;
      const std::string hash = file.value("sha256", "");
      HttpResponse response;
      response.content_type = "application/octet-stream";
      response.set_header("ETag", "\"" + hash + "\"");
      if (auto on_disk = tenant.job_blob_file(hash)) {
        response.body_file = std::move(*on_disk);
      } else if (auto bytes = tenant.job_blob(hash)) {
        response.body = std::move(*bytes);
      } else {
        throw ApiError(500, "internal", "the artifact cannot be read");
      }
      return response;
    }
  }
  throw not_found("artifact " + *path);
}

HttpResponse Api::get_artifact_archive(Call& call) {
  const TenantStore tenant = call.tenant();
  const Job job = job_or_404(tenant, call.params.at(0));
  const std::string& manifest = ready_manifest(job);
  const std::string format_name = call.request.query_value("format").value_or("tar.gz");
  const auto format = parse_archive_format(format_name);
  if (!format) throw ApiError(400, "invalid-request", "`format` is `tar.gz` or `zip`");
  HttpResponse response;
  response.body = tenant.job_archive(manifest, *format);
  response.content_type = std::string(archive_media_type(*format));
  // The same manifest makes the same bytes, so their hash is a strong validator.
  response.set_header("ETag", "\"" + sha256_hex(response.body) + "\"");
  response.set_header("Content-Disposition",
                      "attachment; filename=\"" + job.id + std::string(archive_extension(*format)) + "\"");
  return response;
}

namespace {

json to_json(const PreviewState& preview) {
  json out = {{"id", preview.id},           {"jobId", preview.job_id},
              {"target", preview.target},   {"state", preview.state},
              {"lifetimeSeconds", preview.lifetime.count()}, {"createdAt", preview.created_at}};
  if (preview.port) out["url"] = "http://127.0.0.1:" + std::to_string(*preview.port);
  if (preview.expires_at) out["expiresAt"] = *preview.expires_at;
  if (preview.ended_at) out["endedAt"] = *preview.ended_at;
  if (preview.error) out["error"] = *preview.error;
  return out;
}

}  // namespace

HttpResponse Api::create_preview(Call& call) {
  if (previews_ == nullptr) {
    throw ApiError(422, "preview-unavailable", "this service does not run previews (its settings have no `verification`)");
  }
  const TenantStore tenant = call.tenant();
  const Job job = job_or_404(tenant, call.params.at(0));
  const json manifest = manifest_of(tenant, job);
  json body = parse_body(call.request);
  const std::string target = string_field(body, "target", {.max_length = 64}).value();
  if (std::find(job.targets.begin(), job.targets.end(), target) == job.targets.end()) {
    throw ApiError(422, "preview-unavailable", "the job did not generate `" + target + "`");
  }
  if (const auto refusal = runtime::preview_refusal(target, previews_->policy().toolchains)) {
    throw ApiError(422, "preview-unavailable", *refusal);
  }
  std::int64_t seconds = 300;
  if (const auto found = body.find("seconds"); found != body.end()) {
    const auto value = integral_value(*found);
    const std::int64_t longest = previews_->policy().longest.count();
    if (!value || *value < 1 || *value > longest) {
      throw ApiError(400, "invalid-request", "`seconds` must be an integer from 1 to " + std::to_string(longest));
    }
    seconds = *value;
  }
  // The target's files, as the manifest lists them.
  std::vector<GeneratedFile> files;
  for (const json& listed : manifest.value("targets", json::array())) {
    if (listed.value("name", "") != target) continue;
    for (const json& file : listed.value("files", json::array())) {
      auto contents = tenant.job_blob(file.value("sha256", ""));
      if (!contents) throw ApiError(500, "internal", "an artifact of the job cannot be read");
      files.push_back({target, file.value("path", ""), std::move(*contents)});
    }
  }
  const PreviewState preview =
      previews_->start(call.context.principal.tenant_id, job.id, target, files, std::chrono::seconds(seconds));
  HttpResponse response = json_response(202, to_json(preview));
  response.set_header("Location", "/v1/jobs/" + job.id + "/previews/" + preview.id);
  return response;
}

PreviewState Api::addressed_preview(Call& call, bool stop) {
  const Job job = job_or_404(call.tenant(), call.params.at(0));
  const std::string& tenant_id = call.context.principal.tenant_id;
  const std::string& id = call.params.at(1);
  const auto preview = previews_ == nullptr ? std::nullopt
                       : stop               ? previews_->stop(tenant_id, job.id, id)
                                            : previews_->find(tenant_id, job.id, id);
  if (!preview) throw not_found("preview " + id);
  return *preview;
}

HttpResponse Api::get_preview(Call& call) { return json_response(200, to_json(addressed_preview(call, false))); }

HttpResponse Api::stop_preview(Call& call) { return json_response(202, to_json(addressed_preview(call, true))); }

}  // namespace bpc::service
