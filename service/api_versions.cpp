// /v1/blueprints/{id}/versions, tags and diffs.

#include <charconv>
#include <limits>

#include "frontend/format/unified_diff.h"
#include "service/api.h"
#include "service/api_json.h"
#include "service/text_compiler.h"

namespace bpc::service {

namespace {

// A version reference: its number, `head`, or a tag's name.
// The number a version reference spells, if it is one.
std::optional<std::int64_t> spelled_number(const std::string& ref) {
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(ref.data(), ref.data() + ref.size(), number);
  if (error != std::errc() || end != ref.data() + ref.size()) return std::nullopt;
  return number;
}

std::int64_t resolve_version(const TenantStore& tenant, const std::string& blueprint_id, const std::string& ref) {
  const auto blueprint = tenant.find_blueprint(blueprint_id);
  if (!blueprint) throw not_found("blueprint " + blueprint_id);
  if (ref == "head") return blueprint->head;
  if (const auto number = spelled_number(ref)) {
    if (*number < 1 || *number > blueprint->head) throw not_found("version " + ref);
    return *number;
  }
  if (const auto tagged = tenant.resolve_tag(blueprint_id, ref)) return *tagged;
  throw not_found("version " + ref + " (a number, `head` or a tag)");
}

}  // namespace

// One named by number is looked up at once (the hot path, one query);
// `head`, a tag, or a miss go through the blueprint, which also says what is missing.
Version lookup_version(const TenantStore& tenant, const std::string& blueprint_id, const std::string& ref) {
  if (const auto number = spelled_number(ref); number && *number >= 1) {
    if (auto version = tenant.find_version(blueprint_id, *number)) return std::move(*version);
  }
  auto version = tenant.find_version(blueprint_id, resolve_version(tenant, blueprint_id, ref));
  if (!version) throw not_found("version " + ref);
  return std::move(*version);
}

HttpResponse Api::list_versions(Call& call) {
  const std::int64_t limit = integer_query(call.request, "limit", 50, 1, 500);
  // The cursor is the number of the previous page's last version.
  std::optional<std::string> cursor;
  if (call.request.query_value("cursor")) {
    cursor = std::to_string(integer_query(call.request, "cursor", 0, 0, std::numeric_limits<std::int64_t>::max()));
  }
  return json_response(200, page_json(call.tenant().list_versions(call.params.at(0), limit, cursor),
                                      [](const Version& version) { return to_json(version, false); }));
}

HttpResponse Api::get_version(Call& call) {
  const TenantStore tenant = call.tenant();
  const Version version = lookup_version(tenant, call.params.at(0), call.params.at(1));
  HttpResponse response = json_response(200, to_json(version, true));
  response.set_header("ETag", "\"" + version.hash + "\"");
  return response;
}

HttpResponse Api::get_source(Call& call) {
  const TenantStore tenant = call.tenant();
  const Version version = lookup_version(tenant, call.params.at(0), call.params.at(1));
  HttpResponse response;
  response.content_type = "text/plain; charset=utf-8";
  // From disk the source is sent in pieces, never loaded whole; from a database it is one value.
  if (auto file = tenant.source_file(version)) {
    response.body_file = std::move(*file);
  } else if (auto source = tenant.source(version)) {
    response.body = std::move(*source);
  } else {
    throw not_found("version " + call.params.at(1));
  }
  response.set_header("ETag", "\"" + version.hash + "\"");
  // A version never changes, but a number reached through `head` or a tag does.
  response.set_header("Cache-Control", call.params.at(1) == std::to_string(version.number) ? "private, max-age=31536000, immutable"
                                                                                   : "private, no-cache");
  return response;
}

HttpResponse Api::restore(Call& call) {
  const std::string& id = call.params.at(0);
  TenantStore tenant = call.tenant();
  const std::int64_t number = resolve_version(tenant, id, call.params.at(1));
  const auto [blueprint, version] = tenant.restore_version(id, number, if_match_revision(call.request, id));
  json out = to_json(blueprint);
  out["version"] = to_json(version, true);
  HttpResponse response = json_response(201, out);
  response.set_header("ETag", blueprint_etag(blueprint));
  response.set_header("Location", "/v1/blueprints/" + id + "/versions/" + std::to_string(version.number));
  return response;
}

HttpResponse Api::diff(Call& call) {
  const std::string& id = call.params.at(0);
  const TenantStore tenant = call.tenant();
  const std::int64_t to = resolve_version(tenant, id, call.request.query_value("to").value_or("head"));
  const auto from_ref = call.request.query_value("from");
  const std::int64_t from = from_ref ? resolve_version(tenant, id, *from_ref) : std::max<std::int64_t>(1, to - 1);
  const auto before = tenant.source(id, from);
  const auto after = tenant.source(id, to);
  const auto blueprint = tenant.find_blueprint(id);
  if (!before || !after || !blueprint) throw not_found("a version of blueprint " + id);
  const std::string file = blueprint->name + ".bpl";
  const DiffResult semantic =
      diff_texts(file, *before, *after, service_budgets(config_.max_source_bytes, config_.compile_time_limit));
  json out = {{"from", from},
              {"to", to},
              {"text", unified_diff(*before, *after, file + "@" + std::to_string(from), file + "@" + std::to_string(to))},
              {"semantic", semantic.ok ? json::parse(semantic.report, nullptr, false) : json(nullptr)},
              {"breaking", semantic.ok ? json(semantic.breaking) : json(nullptr)},
              {"diagnostics", json::parse(semantic.diagnostics, nullptr, false)}};
  return json_response(200, out);
}

HttpResponse Api::list_tags(Call& call) {
  json items = json::array();
  for (const Tag& tag : call.tenant().list_tags(call.params.at(0))) items.push_back(to_json(tag));
  return json_response(200, {{"items", items}, {"next", nullptr}});
}

HttpResponse Api::set_tag(Call& call) {
  const std::string& id = call.params.at(0);
  const std::string& name = call.params.at(1);
  check_identifier(name, "tag", 64);
  if (name == "head") throw ApiError(400, "invalid-request", "`head` always names the newest version");
  json body = parse_body(call.request);
  const auto version = body.find("version");
  const std::optional<std::int64_t> number = version != body.end() ? integral_value(*version) : std::nullopt;
  if (!number) throw ApiError(400, "invalid-request", "`version` must be a version number");
  return json_response(200, to_json(call.tenant().set_tag(id, name, *number)));
}

HttpResponse Api::delete_tag(Call& call) {
  call.tenant().delete_tag(call.params.at(0), call.params.at(1));
  return no_content_response();
}

}  // namespace bpc::service
