// The service's own endpoints: health, readiness, metrics, and the compile endpoint.

#include "service/api.h"
#include "service/api_json.h"
#include "service/documents.h"
#include "service/schema.h"
#include "service/text_compiler.h"
#include "service/timestamps.h"

namespace bpc::service {

HttpResponse Api::health(Call&) { return json_response(200, {{"status", "ok"}}); }

HttpResponse Api::ready(Call&) {
  if (stopping_) return json_response(503, {{"status", "stopping"}});
  if (!store_.healthy()) return json_response(503, {{"status", "store unavailable"}});
  return json_response(200, {{"status", "ready"}, {"schemaVersion", store_.schema_version()}});
}

HttpResponse Api::metrics_text(Call&) {
  metrics_.set_gauge("bpc_event_streams_open", static_cast<double>(open_streams_.load()));
  // The generation queue, across tenants and instances (the store's view).
  const Store::QueueStats queue = store_.queue_stats();
  metrics_.set_gauge("bpc_jobs_queued", static_cast<double>(queue.queued));
  metrics_.set_gauge("bpc_jobs_running", static_cast<double>(queue.running));
  const auto oldest = queue.oldest_queued ? parse_utc(*queue.oldest_queued) : std::nullopt;
  metrics_.set_gauge("bpc_jobs_oldest_queued_seconds",
                     oldest ? std::chrono::duration<double>(std::chrono::system_clock::now() - *oldest).count() : 0.0);
  HttpResponse response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  response.body = metrics_.render();
  return response;
}

HttpResponse Api::openapi_document(Call&) {
  HttpResponse response;
  response.body = std::string(service_document("openapi.json"));
  return response;
}

HttpResponse Api::event_schemas(Call&) {
  HttpResponse response;
  response.body = std::string(service_document("event-schemas.json"));
  return response;
}

HttpResponse Api::compile(Call& call) {
  json body = parse_body(call.request);
  const std::string operation = string_field(body, "operation", {.max_length = 16}).value();
  const std::string name = string_field(body, "name", {.max_length = 100, .required = false}).value_or("blueprint.bpl");
  check_identifier(name, "name", 100);
  const StringRule source_rule{.max_length = config_.max_source_bytes, .multiline = true};
  const std::string source = string_field(body, "source", source_rule).value();
  const driver::Budgets budgets = service_budgets(config_.max_source_bytes, config_.compile_time_limit);
  const auto diagnostics = [](const std::string& text) { return json::parse(text, nullptr, false); };

  if (operation == "check") {
    const CheckResult result = check_text(name, source, budgets);
    return json_response(200, {{"operation", operation},
                               {"ok", result.errors == 0},
                               {"errors", result.errors},
                               {"warnings", result.warnings},
                               {"diagnostics", diagnostics(result.diagnostics)}});
  }
  if (operation == "format") {
    const FormatResult result = format_text(name, source, budgets);
    json out = {{"operation", operation}, {"ok", result.ok}, {"diagnostics", diagnostics(result.diagnostics)}};
    if (result.ok) {
      out["formatted"] = result.formatted;
      out["changed"] = result.formatted != source;
    }
    return json_response(200, out);
  }
  if (operation == "ir") {
    const IrResult result = lower_text(name, source, budgets);
    json out = {{"operation", operation}, {"ok", result.ok}, {"diagnostics", diagnostics(result.diagnostics)}};
    if (result.ok) out["module"] = json::parse(result.module, nullptr, false);
    return json_response(200, out);
  }
  if (operation == "diff") {
    const std::string before = string_field(body, "before", source_rule).value();
    const DiffResult result = diff_texts(name, before, source, budgets);
    json out = {{"operation", operation}, {"ok", result.ok}, {"diagnostics", diagnostics(result.diagnostics)}};
    if (result.ok) {
      out["breaking"] = result.breaking;
      out["changes"] = json::parse(result.report, nullptr, false);
    }
    return json_response(200, out);
  }
  throw ApiError(400, "invalid-request", "`operation` must be check, format, ir or diff");
}

NewVersion Api::checked_version(const std::string& name, std::string source, std::string message) const {
  const CheckResult result =
      check_text(name + ".bpl", source, service_budgets(config_.max_source_bytes, config_.compile_time_limit));
  return NewVersion{std::move(source), std::move(message), result.errors, result.warnings, result.diagnostics};
}

}  // namespace bpc::service
