#include "service/api_json.h"

#include <charconv>
#include <cmath>

namespace bpc::service {

namespace {

bool has_control_character(std::string_view text, bool multiline) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0x7f || (byte < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r')))) return true;
  }
  return false;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

json parsed_diagnostics(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(nullptr) : parsed;
}

}  // namespace

json parse_body(HttpRequest& request) {
  const auto type = request.header("content-type");
  if (type && type->find("json") == std::string::npos) {
    throw ApiError(415, "unsupported-media-type", "the body must be JSON (Content-Type: application/json)");
  }
  json body = json::parse(request.body, nullptr, false);
  std::string().swap(request.body);
  if (body.is_discarded()) throw ApiError(400, "invalid-json", "the body is not valid JSON (or not UTF-8)");
  if (!body.is_object()) throw ApiError(400, "invalid-request", "the body must be a JSON object");
  return body;
}

std::optional<std::string> string_field(json& body, std::string_view name, StringRule rule) {
  const auto found = body.find(name);
  if (found == body.end() || found->is_null()) {
    if (rule.required) throw ApiError(400, "invalid-request", "`" + std::string(name) + "` is required");
    return std::nullopt;
  }
  if (!found->is_string()) throw ApiError(400, "invalid-request", "`" + std::string(name) + "` must be a string");
  std::string value = std::move(found->get_ref<std::string&>());
  if (value.size() > rule.max_length) {
    throw ApiError(rule.multiline ? 413 : 400, rule.multiline ? "too-large" : "invalid-request",
                   "`" + std::string(name) + "` is longer than " + std::to_string(rule.max_length) + " bytes");
  }
  if (has_control_character(value, rule.multiline)) {
    throw ApiError(400, "invalid-request", "`" + std::string(name) + "` holds a control character");
  }
  return value;
}

std::optional<std::int64_t> integral_value(const json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (!value.is_number_float()) return std::nullopt;
  const double number = value.get<double>();
  if (std::trunc(number) != number || std::abs(number) >= 0x1p63) return std::nullopt;
  return static_cast<std::int64_t>(number);
}

void check_identifier(std::string_view value, std::string_view field, std::size_t max_length) {
  const auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  bool ok = !value.empty() && value.size() <= max_length && is_letter(value[0]);
  for (const char c : value) {
    ok = ok && (is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
  }
  if (!ok) {
    throw ApiError(400, "invalid-request",
                   "`" + std::string(field) + "` must start with a letter and hold only letters, digits, `_`, `.` "
                   "and `-` (at most " + std::to_string(max_length) + ")");
  }
}

std::int64_t integer_query(const HttpRequest& request, std::string_view name, std::int64_t fallback,
                           std::int64_t minimum, std::int64_t maximum) {
  const auto text = request.query_value(name);
  if (!text) return fallback;
  const auto value = parse_integer(*text);
  if (!value || *value < minimum || *value > maximum) {
    throw ApiError(400, "invalid-request",
                   "`" + std::string(name) + "` must be an integer from " + std::to_string(minimum) + " to " +
                       std::to_string(maximum));
  }
  return *value;
}

HttpResponse json_response(int status, const json& body) {
  HttpResponse response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return response;
}

HttpResponse no_content_response() {
  HttpResponse response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

HttpResponse problem_response(int status, std::string_view code, std::string_view detail,
                              const std::string& request_id) {
  static const std::map<int, std::string_view> kTitles = {
      {400, "Bad Request"}, {401, "Unauthorized"}, {403, "Forbidden"}, {404, "Not Found"},
      {405, "Method Not Allowed"}, {409, "Conflict"}, {412, "Precondition Failed"}, {413, "Content Too Large"},
      {414, "URI Too Long"}, {415, "Unsupported Media Type"}, {422, "Unprocessable Content"},
      {428, "Precondition Required"}, {429, "Too Many Requests"}, {500, "Internal Server Error"},
      {501, "Not Implemented"}, {503, "Service Unavailable"}};
  const auto title = kTitles.find(status);
  json problem = {{"type", "https://bpc.dev/problems/" + std::string(code)},
                  {"title", title != kTitles.end() ? std::string(title->second) : std::string("Error")},
                  {"status", status},
                  {"detail", std::string(detail)},
                  {"code", std::string(code)}};
  if (!request_id.empty()) problem["requestId"] = request_id;
  HttpResponse response = json_response(status, problem);
  response.content_type = "application/problem+json";
  return response;
}

json to_json(const Tenant& tenant) {
  return {{"id", tenant.id},
          {"name", tenant.name},
          {"tier", tier_name(tenant.tier)},
          {"status", tenant.suspended ? "suspended" : "active"},
          {"createdAt", tenant.created_at},
          {"updatedAt", tenant.updated_at}};
}

json to_json(const ApiKey& key) {
  return {{"id", key.id},
          {"tenantId", key.tenant_id},
          {"name", key.name},
          {"role", role_name(key.role)},
          {"createdAt", key.created_at},
          {"revokedAt", key.revoked_at ? json(*key.revoked_at) : json(nullptr)}};
}

json to_json(const Blueprint& blueprint) {
  const auto optional = [](const std::optional<std::string>& text) { return text ? json(*text) : json(nullptr); };
  return {{"id", blueprint.id},
          {"name", blueprint.name},
          {"status", status_name(blueprint.status)},
          {"head", blueprint.head},
          {"revision", blueprint.revision},
          {"review",
           {{"by", optional(blueprint.status_by)},
            {"reason", optional(blueprint.status_reason)},
            {"at", optional(blueprint.status_at)}}},
          {"createdAt", blueprint.created_at},
          {"updatedAt", blueprint.updated_at}};
}

json to_json(const Version& version, bool with_diagnostics) {
  json out = {{"blueprintId", version.blueprint_id},
              {"number", version.number},
              {"parent", version.parent ? json(*version.parent) : json(nullptr)},
              {"restoredFrom", version.restored_from ? json(*version.restored_from) : json(nullptr)},
              {"hash", version.hash},
              {"size", version.size},
              {"author", version.author},
              {"message", version.message},
              {"createdAt", version.created_at},
              {"errors", version.errors},
              {"warnings", version.warnings}};
  if (with_diagnostics) out["diagnostics"] = parsed_diagnostics(version.diagnostics);
  return out;
}

json to_json(const Tag& tag) { return {{"name", tag.name}, {"version", tag.number}, {"updatedAt", tag.updated_at}}; }

json to_json(const StoredEvent& event) {
  json data = json::parse(event.data, nullptr, false);
  return {{"id", event.id},
          {"sequence", event.sequence},
          {"type", event.type},
          {"schemaVersion", event.schema_version},
          {"time", event.time},
          {"tenantId", event.tenant_id},
          {"correlationId", event.correlation_id ? json(*event.correlation_id) : json(nullptr)},
          {"source", "bpc-serve"},
          {"subject", event.subject ? json(*event.subject) : json(nullptr)},
          {"data", data.is_discarded() ? json::object() : data}};
}

json to_json(const Usage& usage, const Quotas& quotas) {
  return {{"blueprints", {{"used", usage.blueprints}, {"limit", quotas.blueprints}}},
          {"versions", {{"used", usage.versions}, {"limitPerBlueprint", quotas.versions_per_blueprint}}},
          {"storedBytes", {{"used", usage.stored_bytes}, {"limit", quotas.stored_bytes}}},
          {"requestRate", {{"perSecond", quotas.requests_per_second}, {"burst", quotas.request_burst}}}};
}

json to_json(const Job& job) {
  const auto optional = [](const std::optional<std::string>& value) { return value ? json(*value) : json(nullptr); };
  return {{"id", job.id},
          {"blueprintId", job.blueprint_id},
          {"version", job.version},
          {"versionHash", job.version_hash},
          {"targets", job.targets},
          {"options", json::parse(job.options, nullptr, false)},
          {"priority", job.priority},
          {"state", job_state_name(job.state)},
          {"attempts", job.attempts},
          {"maxAttempts", job.max_attempts},
          {"fromCache", job.from_cache},
          {"cancelRequested", job.cancel_requested},
          {"error", optional(job.error)},
          {"createdBy", job.created_by},
          {"createdAt", job.created_at},
          {"startedAt", optional(job.started_at)},
          {"finishedAt", optional(job.finished_at)}};
}

std::string blueprint_etag(const Blueprint& blueprint) {
  return "\"" + blueprint.id + "." + std::to_string(blueprint.revision) + "\"";
}

std::optional<std::int64_t> if_match_revision(const HttpRequest& request, std::string_view blueprint_id) {
  const auto header = request.header("if-match");
  // `*` matches any current representation (RFC 9110, 13.1.1): the blueprint exists, or it is 404.
  if (!header || *header == "*") return std::nullopt;
  std::string_view tag = *header;
  const std::string prefix = "\"" + std::string(blueprint_id) + ".";
  if (!tag.starts_with(prefix) || tag.size() < prefix.size() + 2 || tag.back() != '"') {
    throw ApiError(412, "precondition-failed", "If-Match does not name this blueprint's current ETag");
  }
  const auto revision = parse_integer(tag.substr(prefix.size(), tag.size() - prefix.size() - 1));
  if (!revision) throw ApiError(412, "precondition-failed", "If-Match does not name this blueprint's current ETag");
  return *revision;
}

}  // namespace bpc::service
