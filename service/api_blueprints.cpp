// /v1/blueprints: create, list, get, save a version, and the review lifecycle.

#include "service/api.h"
#include "service/api_json.h"
#include "service/crypto.h"

namespace bpc::service {

namespace {

constexpr std::size_t kMaxMessage = 10'000;

HttpResponse blueprint_response(int status, const Blueprint& blueprint, const Version* version) {
  json out = to_json(blueprint);
  if (version != nullptr) out["version"] = to_json(*version, true);
  HttpResponse response = json_response(status, out);
  response.set_header("ETag", blueprint_etag(blueprint));
  return response;
}

// Runs a create under the request's Idempotency-Key: the first answer is recorded, and a retry
// with the same key and body gets it again (`Idempotent-Replayed: true`); the same key with
// another body is 422.
HttpResponse idempotent(const Api::Call& call, const std::string& scope, const std::function<HttpResponse()>& run) {
  const auto key = call.request.header("idempotency-key");
  if (!key) return run();
  if (key->empty() || key->size() > 200) {
    throw ApiError(400, "invalid-request", "Idempotency-Key must be 1 to 200 characters");
  }
  TenantStore tenant = call.tenant();
  const std::string recorded_key = scope + " " + *key;
  const std::string request_hash = sha256_hex(call.request.path + "\n" + call.request.body);
  if (const auto answer = tenant.recorded_answer(recorded_key)) {
    if (answer->request_hash != request_hash) {
      throw ApiError(422, "idempotency-key-reused", "this Idempotency-Key was used with another request");
    }
    HttpResponse replay = json_response(answer->status, json::parse(answer->body, nullptr, false));
    replay.set_header("Idempotent-Replayed", "true");
    return replay;
  }
  HttpResponse response = run();
  if (response.status < 500) tenant.record_answer(recorded_key, {request_hash, response.status, response.body});
  return response;
}

}  // namespace

HttpResponse Api::create_blueprint(Call& call) {
  return idempotent(call, "create-blueprint", [&] {
    const json body = parse_body(call.request);
    const std::string name = string_field(body, "name", {.max_length = 100}).value();
    check_identifier(name, "name", 100);
    std::string source =
        string_field(body, "source", {.max_length = config_.max_source_bytes, .multiline = true}).value();
    std::string message =
        string_field(body, "message", {.max_length = kMaxMessage, .multiline = true, .required = false})
            .value_or("");
    const auto [blueprint, version] =
        call.tenant().create_blueprint(name, checked_version(name, std::move(source), std::move(message)));
    HttpResponse response = blueprint_response(201, blueprint, &version);
    response.set_header("Location", "/v1/blueprints/" + blueprint.id);
    return response;
  });
}

HttpResponse Api::list_blueprints(Call& call) {
  const std::int64_t limit = integer_query(call.request, "limit", 50, 1, 500);
  return json_response(200, page_json(call.tenant().list_blueprints(limit, call.request.query_value("cursor")),
                                      [](const Blueprint& blueprint) { return to_json(blueprint); }));
}

HttpResponse Api::get_blueprint(Call& call) {
  const auto blueprint = call.tenant().find_blueprint(call.params.at(0));
  if (!blueprint) throw not_found("blueprint " + call.params.at(0));
  return blueprint_response(200, *blueprint, nullptr);
}

HttpResponse Api::save_version(Call& call) {
  const std::string& id = call.params.at(0);
  return idempotent(call, "save-version", [&] {
    TenantStore tenant = call.tenant();
    const auto blueprint = tenant.find_blueprint(id);
    if (!blueprint) throw not_found("blueprint " + id);
    const auto expected = if_match_revision(call.request, id);
    const json body = parse_body(call.request);
    std::string source =
        string_field(body, "source", {.max_length = config_.max_source_bytes, .multiline = true}).value();
    std::string message =
        string_field(body, "message", {.max_length = kMaxMessage, .multiline = true, .required = false})
            .value_or("");
    const auto [saved, version] =
        tenant.save_version(id, checked_version(blueprint->name, std::move(source), std::move(message)), expected);
    HttpResponse response = blueprint_response(201, saved, &version);
    response.set_header("Location", "/v1/blueprints/" + id + "/versions/" + std::to_string(version.number));
    return response;
  });
}

HttpResponse Api::change_status(Call& call, BlueprintStatus status) {
  const std::string& id = call.params.at(0);
  const auto expected = if_match_revision(call.request, id);
  std::string reason;
  if (!call.request.body.empty()) {
    const json body = parse_body(call.request);
    reason = string_field(body, "reason", {.max_length = kMaxMessage, .multiline = true, .required = false})
                 .value_or("");
  }
  if (status == BlueprintStatus::Rejected && reason.empty()) {
    throw ApiError(400, "invalid-request", "a rejection needs a `reason`");
  }
  return blueprint_response(200, call.tenant().change_status(id, status, reason, expected), nullptr);
}

HttpResponse Api::approve(Call& call) { return change_status(call, BlueprintStatus::Approved); }
HttpResponse Api::reject(Call& call) { return change_status(call, BlueprintStatus::Rejected); }
HttpResponse Api::archive(Call& call) { return change_status(call, BlueprintStatus::Archived); }

}  // namespace bpc::service
