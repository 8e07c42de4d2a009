#include "backends/jsonschema/json_text.h"

#include <cstdint>

namespace bpc::backends::jsonschema {

namespace {

std::uint32_t hex4(std::string_view text, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = at; i < at + 4 && i < text.size(); ++i) {
    const char c = text[i];
    value = value * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return value;
}

void append_utf8(std::uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Copies the string that starts at `compact[i]` (its opening quote) and returns the index after
// its closing quote. Escapes of U+007F and above become UTF-8 (a surrogate pair one character);
// every other escape stays as it is, as nlohmann prints both ways.
std::size_t copy_string(std::string_view compact, std::size_t i, std::string& out) {
  out += '"';
  ++i;
  while (i < compact.size()) {
    const std::size_t plain = compact.find_first_of("\"\\", i);
    const std::size_t stop = plain == std::string_view::npos ? compact.size() : plain;
    out.append(compact.substr(i, stop - i));
    i = stop;
    if (i >= compact.size()) break;
    if (compact[i] == '"') {
      out += '"';
      return i + 1;
    }
    if (i + 1 < compact.size() && compact[i + 1] == 'u' && i + 6 <= compact.size()) {
      std::uint32_t code_point = hex4(compact, i + 2);
      if (code_point >= 0x7F) {
        std::size_t length = 6;
        if (code_point >= 0xD800 && code_point < 0xDC00 && i + 12 <= compact.size() && compact[i + 6] == '\\' &&
            compact[i + 7] == 'u') {
          const std::uint32_t low = hex4(compact, i + 8);
          if (low >= 0xDC00 && low < 0xE000) {
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
            length = 12;
          }
        }
        append_utf8(code_point, out);
        i += length;
        continue;
      }
      out.append(compact.substr(i, 6));
      i += 6;
      continue;
    }
    out.append(compact.substr(i, 2));
    i += 2;
  }
  return i;
}

}  // namespace

std::string indented_json(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  std::size_t depth = 0;
  const auto new_line = [&] {
    out += '\n';
    out.append(depth * 2, ' ');
  };
  std::size_t i = 0;
  while (i < compact.size()) {
    const char c = compact[i];
    switch (c) {
      case '"':
        i = copy_string(compact, i, out);
        continue;
      case '{':
      case '[':
        out += c;
        if (i + 1 < compact.size() && compact[i + 1] == (c == '{' ? '}' : ']')) {  // `{}`, `[]`
          out += compact[i + 1];
          i += 2;
          continue;
        }
        ++depth;
        new_line();
        break;
      case '}':
      case ']':
        --depth;
        new_line();
        out += c;
        break;
      case ',':
        out += ',';
        new_line();
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;  // numbers, true, false, null
        break;
    }
    ++i;
  }
  return out;
}

}  // namespace bpc::backends::jsonschema
