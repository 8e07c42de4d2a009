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

std::string markdown_message(std::string_view message) {
  std::string out;
  std::size_t text_start = 0;  // where the text not yet written starts
  for (std::size_t open = message.find('`'); open != std::string_view::npos; open = message.find('`', open + 1)) {
    const std::size_t close = message.find('`', open + 1);
    if (close == std::string_view::npos) break;
    const std::string_view code = message.substr(open + 1, close - open - 1);
    if (code.empty() || code.find_first_of(" \t\n\r") != std::string_view::npos) continue;
    out += markdown_text(message.substr(text_start, open - text_start));
    out += '`';
    out += code;
    out += '`';
    text_start = close + 1;
    open = close;
  }
  // markdown_text escapes a leading `-` or `1.` of every piece, where only the first needs it;
  // elsewhere a backslash before punctuation renders as the punctuation.
  out += markdown_text(message.substr(text_start));
  return out;
}

}  // namespace bpc::backends
