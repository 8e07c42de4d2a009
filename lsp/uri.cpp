#include "lsp/uri.h"

#include <cctype>

#include "base/percent_encoding.h"

namespace bpc::lsp {

std::optional<std::string> file_uri_to_path(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view rest = uri.substr(kScheme.size());
  // An authority other than empty or `localhost` names another machine.
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view authority = rest.substr(0, slash);
  if (!authority.empty() && authority != "localhost") return std::nullopt;
  rest = rest.substr(slash);
  if (const std::size_t end = rest.find_first_of("?#"); end != std::string_view::npos) rest = rest.substr(0, end);
  return percent_decode(rest);
}

std::string path_to_file_uri(std::string_view path) {
  return "file://" + percent_encode(path, "/");
}

std::string uri_to_path(std::string_view uri) {
  if (std::optional<std::string> path = file_uri_to_path(uri)) return *path;
  return std::string(kVirtualRoot) + percent_encode(uri, "");
}

std::string path_to_uri(std::string_view path) {
  if (path.starts_with(kVirtualRoot)) {
    if (std::optional<std::string> uri = percent_decode(path.substr(kVirtualRoot.size()))) return *uri;
  }
  return path_to_file_uri(path);
}

}  // namespace bpc::lsp
