// String literals and doc comments for each target (naming.h, "ESCAPING" and "DOC COMMENTS").

#include <stdexcept>

#include "backends/support/naming.h"
#include "base/utf8.h"

namespace bpc::backends {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// C0 controls, DEL and the C1 controls.
bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Line and paragraph separators and the invisible formatting characters that can make code read
// differently from what it does (bidirectional controls, zero-width and word-joining characters,
// the byte order mark, interlinear annotations). ZWNJ and ZWJ (U+200C, U+200D) are not here:
// emoji sequences and Persian text need them, and they cannot reorder code.
bool is_invisible(char32_t c) {
  return c == 0x061C || c == 0x200B || c == 0x200E || c == 0x200F || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
         (c >= 0xFFF9 && c <= 0xFFFB);
}

bool is_line_break(char32_t c) { return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029; }

struct CodePoint {
  char32_t value;
  std::string_view bytes;  // its UTF-8 (U+FFFD's for an ill-formed byte)
  std::size_t next;        // offset of the following code point
};

CodePoint next_code_point(std::string_view text, std::size_t offset) {
  const std::size_t length = utf8::sequence_length(text, offset);
  if (length == 0) return {kReplacement, kReplacementUtf8, offset + 1};
  return {utf8::decode(text, offset).code_point, text.substr(offset, length), offset + length};
}

void append_hex(std::string& out, std::uint32_t value, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(value >> shift) & 0xF];
}

// `\xNN` up to U+00FF, `\uNNNN` above: the escapes JavaScript and Python share.
void append_script_escape(std::string& out, char32_t c) {
  if (c <= 0xFF) {
    out += "\\x";
    append_hex(out, c, 2);
  } else {
    out += "\\u";
    append_hex(out, c, 4);
  }
}

void append_octal(std::string& out, unsigned char byte) {
  out += '\\';
  out += static_cast<char>('0' + (byte >> 6));
  out += static_cast<char>('0' + ((byte >> 3) & 7));
  out += static_cast<char>('0' + (byte & 7));
}

char quote_char(Quote quote) {
  switch (quote) {
    case Quote::Single:
      return '\'';
    case Quote::Double:
      return '"';
    case Quote::Backtick:
      return '`';
  }
  return '"';
}

// The body of a JavaScript or Python literal; `backtick` adds the template literal's `${`.
void append_script_body(std::string& out, std::string_view text, char quote, bool backtick) {
  // Printable ASCII other than the backslash, the quote and (in a template) `$` is copied as a run:
  // most text is only that.
  const auto plain = [&](char c) { return c >= 0x20 && c < 0x7F && c != '\\' && c != quote && !(backtick && c == '$'); };
  for (std::size_t i = 0; i < text.size();) {
    if (plain(text[i])) {
      const std::size_t start = i;
      while (i < text.size() && plain(text[i])) ++i;
      out.append(text.substr(start, i - start));
      continue;
    }
    const CodePoint cp = next_code_point(text, i);
    i = cp.next;
    switch (cp.value) {
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (cp.value == static_cast<char32_t>(quote)) {
      out += '\\';
      out += quote;
    } else if (backtick && cp.value == '$' && i < text.size() && text[i] == '{') {
      out += "\\$";
    } else if (is_control(cp.value) || is_invisible(cp.value)) {
      append_script_escape(out, cp.value);
    } else {
      out += cp.bytes;
    }
  }
}

// Splits doc text into lines (at \n, \r\n, \r, U+0085, U+2028, U+2029), trims trailing spaces and
// tabs, and drops leading and trailing blank lines.
std::vector<std::string> doc_lines(std::string_view text) {
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint cp = next_code_point(text, i);
    const bool crlf = cp.value == '\r' && cp.next < text.size() && text[cp.next] == '\n';
    i = crlf ? cp.next + 1 : cp.next;
    if (is_line_break(cp.value)) {
      lines.emplace_back();
    } else {
      lines.back() += cp.bytes;
    }
  }
  for (std::string& line : lines) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::size_t first = 0;
  while (first < lines.size() && lines[first].empty()) ++first;
  lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first));
  return lines;
}

// One line of a `/* */` comment: no `*/` or `/*`, no control or invisible characters.
std::string block_comment_line(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    const CodePoint cp = next_code_point(line, i);
    i = cp.next;
    if (cp.value == '/' && !out.empty() && out.back() == '*') {
      out += "\\/";
    } else if (cp.value == '*' && !out.empty() && out.back() == '/') {
      out += "\\*";
    } else if ((is_control(cp.value) && cp.value != '\t') || is_invisible(cp.value)) {
      out += kReplacementUtf8;
    } else {
      out += cp.bytes;
    }
  }
  return out;
}

std::string python_docstring(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) text += '\n';
    text += lines[i];
  }
  std::string out = "\"\"\"";
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint cp = next_code_point(text, i);
    i = cp.next;
    if (cp.value == '\\') {
      out += "\\\\";
    } else if (cp.value == '"') {
      // A `"` next to another, or right before the closing quotes, could end the docstring.
      out += i == text.size() || text[i] == '"' ? "\\\"" : "\"";
    } else if (cp.value == '\n' || cp.value == '\t') {
      out += cp.bytes;
    } else if (is_control(cp.value) || is_invisible(cp.value)) {
      append_script_escape(out, cp.value);
    } else {
      out += cp.bytes;
    }
  }
  if (lines.size() > 1) out += '\n';
  out += "\"\"\"";
  return out;
}

}  // namespace

std::string typescript_string(std::string_view text, Quote quote) {
  const char q = quote_char(quote);
  std::string out;
  out.reserve(text.size() + 2);
  out += q;
  append_script_body(out, text, q, quote == Quote::Backtick);
  out += q;
  return out;
}

std::string python_string(std::string_view text, Quote quote) {
  if (quote == Quote::Backtick) throw std::invalid_argument("python_string: Python has no backtick strings");
  const char q = quote_char(quote);
  std::string out;
  out.reserve(text.size() + 2);
  out += q;
  append_script_body(out, text, q, false);
  out += q;
  return out;
}

std::string cpp_string(std::string_view text, CppNonAscii non_ascii) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  bool after_question = false;
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint cp = next_code_point(text, i);
    i = cp.next;
    const bool question = cp.value == '?';
    switch (cp.value) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '?':
        out += after_question ? "\\?" : "?";  // `??=` and friends are trigraphs before C++17
        break;
      default:
        if (is_control(cp.value) || is_invisible(cp.value) ||
            (cp.value >= 0x80 && non_ascii == CppNonAscii::Escape)) {
          for (char byte : cp.bytes) append_octal(out, static_cast<unsigned char>(byte));
        } else {
          out += cp.bytes;
        }
    }
    after_question = question;
  }
  out += '"';
  return out;
}

std::string string_literal(std::string_view text, Target target) {
  switch (target) {
    case Target::TypeScript:
      return typescript_string(text, Quote::Single);
    case Target::Python:
      return python_string(text, Quote::Double);
    case Target::Cpp:
      return cpp_string(text);
  }
  return cpp_string(text);
}

std::string doc_comment(std::string_view text, Target target) {
  const std::vector<std::string> lines = doc_lines(text);
  if (lines.empty()) return std::string();
  if (target == Target::Python) return python_docstring(lines);
  if (lines.size() == 1) return "/** " + block_comment_line(lines[0]) + " */";
  std::string out = "/**\n";
  for (const std::string& line : lines) {
    out += line.empty() ? " *" : " * " + block_comment_line(line);
    out += '\n';
  }
  out += " */";
  return out;
}

}  // namespace bpc::backends
