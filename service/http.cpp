#include "service/http.h"

#include <algorithm>

#include "base/percent_encoding.h"

namespace bpc::service {

namespace {

std::string decoded(std::string_view text, bool plus_is_space) {
  std::string spelled(text);
  if (plus_is_space) std::replace(spelled.begin(), spelled.end(), '+', ' ');
  std::optional<std::string> bytes = percent_decode(spelled);
  return bytes ? std::move(*bytes) : spelled;
}

}  // namespace

void HttpRequest::set_target(std::string_view target) {
  const std::size_t question = target.find('?');
  path = decoded(target.substr(0, question), false);
  query.clear();
  if (question == std::string_view::npos) return;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const std::size_t ampersand = rest.find('&');
    const std::string_view pair = rest.substr(0, ampersand);
    rest = ampersand == std::string_view::npos ? std::string_view() : rest.substr(ampersand + 1);
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    const std::string_view value = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
    query.emplace(decoded(pair.substr(0, equals), true), decoded(value, true));
  }
}

std::optional<std::string> HttpRequest::header(std::string_view name) const {
  const auto found = headers.find(std::string(name));
  if (found == headers.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> HttpRequest::query_value(std::string_view name) const {
  const auto found = query.find(std::string(name));
  if (found == query.end()) return std::nullopt;
  return found->second;
}

}  // namespace bpc::service
