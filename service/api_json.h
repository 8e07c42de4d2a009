#pragma once

// JSON in and out of the API: reading a request body field by field with a 400 that names the
// field, writing responses and problem+json (RFC 9457), and the JSON views of stored things.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "service/errors.h"
#include "service/http.h"
#include "service/store.h"

namespace bpc::service {

using nlohmann::json;

// The body as a JSON object, or 400 (415 when it is declared as something else than JSON). The
// request's body is released once parsed: a large source is not held twice.
json parse_body(HttpRequest& request);

// A string member, checked for length and for control characters (except in `source`-like
// fields that allow them: `multiline`).
struct StringRule {
  std::size_t max_length = 200;
  bool multiline = false;
  bool required = true;
};
// The value is moved out of `body`.
std::optional<std::string> string_field(json& body, std::string_view name, StringRule rule);

// A JSON number without a fraction (JSON does not tell 2 from 2.0), or nothing.
std::optional<std::int64_t> integral_value(const json& value);

// `name` must be a blueprint name: a letter, then letters, digits, `_`, `.` or `-`, at most 100.
void check_identifier(std::string_view value, std::string_view field, std::size_t max_length);

// A positive integer query parameter; `fallback` when absent.
std::int64_t integer_query(const HttpRequest& request, std::string_view name, std::int64_t fallback,
                           std::int64_t minimum, std::int64_t maximum);

HttpResponse json_response(int status, const json& body);
HttpResponse no_content_response();  // 204
HttpResponse problem_response(int status, std::string_view code, std::string_view detail,
                              const std::string& request_id);

json to_json(const Tenant& tenant);
json to_json(const ApiKey& key);
json to_json(const Blueprint& blueprint);
json to_json(const Version& version, bool with_diagnostics);
json to_json(const Tag& tag);
json to_json(const StoredEvent& event);  // the envelope
json to_json(const Usage& usage, const Quotas& quotas);
json to_json(const Job& job);

// The version `ref` (a number, `head` or a tag) names; 404 when there is none.
Version lookup_version(const TenantStore& tenant, const std::string& blueprint_id, const std::string& ref);

// A page as `{"items": [...], "next": cursor or null}`.
template <typename T, typename View>
json page_json(const Page<T>& page, const View& view) {
  json items = json::array();
  for (const T& item : page.items) items.push_back(view(item));
  return {{"items", items}, {"next", page.next ? json(*page.next) : json(nullptr)}};
}

// The ETag of a blueprint (its revision) and the revision an If-Match names (412 if malformed).
std::string blueprint_etag(const Blueprint& blueprint);
std::optional<std::int64_t> if_match_revision(const HttpRequest& request, std::string_view blueprint_id);

}  // namespace bpc::service
