#include "backends/jsonschema/json_text.h"

#include <cstdint>
#include <stdexcept>

#include "base/utf8.h"

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

// Copies the string that starts at `compact[i]` (its opening quote) and returns the index after
// its closing quote. Escapes of U+007F and above become UTF-8 (a surrogate pair one character);
// every other escape stays as it is, as nlohmann prints both ways.
std::size_t copy_string(std::string_view compact, std::size_t i, std::string& out) {
  out += '"';
  ++i;
  while (i < compact.size()) {
    // A loop, not find_first_of: libstdc++'s calls memchr on the two characters for every byte.
    std::size_t stop = i;
    while (stop < compact.size() && compact[stop] != '"' && compact[stop] != '\\') ++stop;
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
        utf8::append(out, code_point);
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

constexpr char kHex[] = "0123456789abcdef";

void append_u_escape(std::uint32_t unit, std::string& out) {
  const char escape[6] = {'\\', 'u', kHex[(unit >> 12) & 15], kHex[(unit >> 8) & 15], kHex[(unit >> 4) & 15], kHex[unit & 15]};
  out.append(escape, 6);
}

void append_string(const std::string& text, std::string& out) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t plain = i;
    while (plain < text.size()) {
      const unsigned char c = static_cast<unsigned char>(text[plain]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
      ++plain;
    }
    out.append(text, i, plain - i);
    i = plain;
    if (i == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      default: break;
    }
    if (c < 0x80) {  // another control character, or DEL
      append_u_escape(c, out);
      ++i;
      continue;
    }
    const std::size_t length = utf8::sequence_length(text, i);
    if (length == 0) {
      (void)Json(text).dump(-1, ' ', true);  // throws nlohmann's own error for invalid UTF-8
      throw std::logic_error("a string that is not UTF-8 was printed");
    }
    const char32_t code_point = utf8::decode(text, i).code_point;
    if (code_point <= 0xFFFF) {
      append_u_escape(code_point, out);
    } else {
      append_u_escape(0xD7C0 + (code_point >> 10), out);
      append_u_escape(0xDC00 + (code_point & 0x3FF), out);
    }
    i += length;
  }
  out += '"';
}

}  // namespace

void append_compact_json(const Json& value, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object: {
      const Json::object_t& members = value.get_ref<const Json::object_t&>();
      out += '{';
      bool first = true;
      for (const auto& [key, member] : members) {
        if (!first) out += ',';
        first = false;
        append_string(key, out);
        out += ':';
        append_compact_json(member, out);
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& item : value.get_ref<const Json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        append_compact_json(item, out);
      }
      out += ']';
      return;
    }
    case Json::value_t::string:
      append_string(value.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::null:
      out += "null";
      return;
    case Json::value_t::number_integer:
      out += std::to_string(value.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(value.get<std::uint64_t>());
      return;
    case Json::value_t::number_float:  // nlohmann's shortest round trip, as dump writes it
    case Json::value_t::binary:
    case Json::value_t::discarded:
      out += value.dump(-1, ' ', true);
      return;
  }
}

std::string indented_json(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  std::size_t depth = 0;
  // A line break and the indent of `depth` as one append: the documents of large models break
  // millions of lines.
  std::string breaks = "\n" + std::string(64, ' ');
  const auto new_line = [&](std::string_view before) {
    out.append(before);
    if (breaks.size() < 1 + depth * 2) breaks.resize(1 + depth * 4, ' ');
    out.append(breaks, 0, 1 + depth * 2);
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
        if (i + 1 < compact.size() && compact[i + 1] == (c == '{' ? '}' : ']')) {  // `{}`, `[]`
          out.append(compact.substr(i, 2));
          i += 2;
          continue;
        }
        ++depth;
        new_line(compact.substr(i, 1));
        break;
      case '}':
      case ']':
        --depth;
        new_line({});
        out += c;
        break;
      case ',':
        new_line(",");
        break;
      case ':':
        out.append(": ");
        break;
      default: {  // numbers, true, false, null
        std::size_t stop = i + 1;
        while (stop < compact.size() && compact[stop] != ',' && compact[stop] != '}' && compact[stop] != ']') ++stop;
        out.append(compact.substr(i, stop - i));
        i = stop;
        continue;
      }
    }
    ++i;
  }
  return out;
}

}  // namespace bpc::backends::jsonschema
