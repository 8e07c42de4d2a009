#include "backends/support/markdown.h"

namespace bpc::backends {

std::string markdown_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\`*_[]<>#|~&").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' || c == '\r' ? ' ' : c;
  }
  const std::size_t digits = out.find_first_not_of("0123456789");
  if (!out.empty() && (out[0] == '-' || out[0] == '+')) {
    out.insert(0, 1, '\\');
  } else if (digits != std::string::npos && digits > 0 && (out[digits] == '.' || out[digits] == ')')) {
    out.insert(digits, 1, '\\');
  }
  return out;
}

}  // namespace bpc::backends
