#include "service/http.h"

namespace bpc::service {

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
