// /v1/blueprints: create, list, get, save a version, and the review lifecycle.

#include "service/api.h"
#include "service/api_json.h"
#include "service/crypto.h"

namespace bpc::service {

namespace {

constexpr std::size_t kMaxMessage = 10'000;

json blueprint_json(const Blueprint& blueprint, const Version* version) {
  json out = to_json(blueprint);
  if (version != nullptr) out["version"] = to_json(*version, true);
  return out;
}

// Where the blueprint or the version a create answered is.
using Locate = std::string (*)(const json& answer);
std::string blueprint_location(const json& answer) { return "/v1/blueprints/" + answer.at("id").get<std::string>(); }
std::string version_location(const json& answer) {
  const std::int64_t number = answer.at("version").at("number").get<std::int64_t>();
  return blueprint_location(answer) + "/versions/" + std::to_string(number);
}

// A blueprint's answer, with its ETag; with `locate`, the Location of what it created. It needs
// only the answer's body, so a replayed answer gets the same headers as the first.
HttpResponse blueprint_response(int status, const json& answer, Locate locate = nullptr) {
  HttpResponse response = json_response(status, answer);
  const Blueprint answered{.id = answer.at("id").get<std::string>(),
                           .revision = answer.at("revision").get<std::int64_t>()};
  response.set_header("ETag", blueprint_etag(answered));
  if (locate != nullptr) response.set_header("Location", locate(answer));
  return response;
}

// Runs a create under the request's Idempotency-Key: the first answer is recorded, and a retry
// with the same key and body gets it again (`Idempotent-Replayed: true`); the same key with
// another body is 422; a retry while the first still runs is 409 (the key is reserved before the
// create runs, so two concurrent requests with one key never both create).
HttpResponse idempotent(const Api::Call& call, const std::string& scope, Locate locate,
                        const std::function<HttpResponse()>& run) {
  const auto key = call.request.header("idempotency-key");
  if (!key) return run();
  if (key->empty() || key->size() > 200) {
    throw ApiError(400, "invalid-request", "Idempotency-Key must be 1 to 200 characters");
  }
  TenantStore tenant = call.tenant();
  const std::string recorded_key = scope + " " + *key;
  const std::string request_hash = sha256_hex({call.request.path, "\n", call.request.body});
  if (const auto answer = tenant.reserve_answer(recorded_key, request_hash)) {
    if (answer->request_hash != request_hash) {
      throw ApiError(422, "idempotency-key-reused", "this Idempotency-Key was used with another request");
    }
    if (answer->status == 0) {
      throw ApiError(409, "idempotency-key-in-progress",
                     "a request with this Idempotency-Key is still running; retry when it has answered");
    }
    HttpResponse replay = blueprint_response(answer->status, json::parse(answer->body), locate);
    replay.set_header("Idempotent-Replayed", "true");
    return replay;
  }
  HttpResponse response;
  try {
    response = run();
  } catch (...) {
    // An error is not recorded: a retry runs again.
    tenant.release_answer(recorded_key);
    throw;
  }
  if (response.status < 500) {
    tenant.record_answer(recorded_key, response.status, response.body);
  } else {
    tenant.release_answer(recorded_key);
  }
  return response;
}

}  // namespace

HttpResponse Api::create_blueprint(Call& call) {
  return idempotent(call, "create-blueprint", blueprint_location, [&] {
    json body = parse_body(call.request);
    const std::string name = string_field(body, "name", {.max_length = 100}).value();
    check_identifier(name, "name", 100);
    std::string source =
        string_field(body, "source", {.max_length = config_.max_source_bytes, .multiline = true}).value();
    std::string message =
        string_field(body, "message", {.max_length = kMaxMessage, .multiline = true, .required = false})
            .value_or("");
    const auto [blueprint, version] =
        call.tenant().create_blueprint(name, checked_version(name, std::move(source), std::move(message)));
    return blueprint_response(201, blueprint_json(blueprint, &version), blueprint_location);
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
  return blueprint_response(200, blueprint_json(*blueprint, nullptr));
}

HttpResponse Api::save_version(Call& call) {
  const std::string& id = call.params.at(0);
  return idempotent(call, "save-version", version_location, [&] {
    TenantStore tenant = call.tenant();
    const auto blueprint = tenant.find_blueprint(id);
    if (!blueprint) throw not_found("blueprint " + id);
    const auto expected = if_match_revision(call.request, id);
    json body = parse_body(call.request);
    std::string source =
        string_field(body, "source", {.max_length = config_.max_source_bytes, .multiline = true}).value();
    std::string message =
        string_field(body, "message", {.max_length = kMaxMessage, .multiline = true, .required = false})
            .value_or("");
    const auto [saved, version] =
        tenant.save_version(id, checked_version(blueprint->name, std::move(source), std::move(message)), expected);
    return blueprint_response(201, blueprint_json(saved, &version), version_location);
  });
}

HttpResponse Api::change_status(Call& call, BlueprintStatus status) {
  const std::string& id = call.params.at(0);
  // Preconditions are for a blueprint that exists (RFC 9110, 13.1): one that does not is 404.
  if (!call.tenant().find_blueprint(id)) throw not_found("blueprint " + id);
  const auto expected = if_match_revision(call.request, id);
  std::string reason;
  if (!call.request.body.empty()) {
    json body = parse_body(call.request);
    reason = string_field(body, "reason", {.max_length = kMaxMessage, .multiline = true, .required = false})
                 .value_or("");
  }
  if (status == BlueprintStatus::Rejected && reason.empty()) {
    throw ApiError(400, "invalid-request", "a rejection needs a `reason`");
  }
  const Blueprint changed = call.tenant().change_status(id, status, reason, expected);
  return blueprint_response(200, blueprint_json(changed, nullptr));
}

HttpResponse Api::approve(Call& call) { return change_status(call, BlueprintStatus::Approved); }
HttpResponse Api::reject(Call& call) { return change_status(call, BlueprintStatus::Rejected); }
HttpResponse Api::archive(Call& call) { return change_status(call, BlueprintStatus::Archived); }

}  // namespace bpc::service
