#include "backends/support/routes.h"

namespace bpc::backends {

std::vector<std::string> route_placeholders(std::string_view path) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while ((at = path.find('{', at)) != std::string_view::npos) {
    const std::size_t close = path.find('}', at);
    if (close == std::string_view::npos) break;
    names.emplace_back(path.substr(at + 1, close - at - 1));
    at = close + 1;
  }
  return names;
}

bool method_has_body(ir::HttpMethod method) {
  return method == ir::HttpMethod::Post || method == ir::HttpMethod::Put || method == ir::HttpMethod::Patch;
}

std::string lowercase_method(ir::HttpMethod method) {
  std::string out(ir::http_method_name(method));
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace bpc::backends
