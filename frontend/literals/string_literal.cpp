#include "frontend/literals/string_literal.h"

#include <charconv>

#include "base/utf8.h"

namespace bpc {

std::size_t string_literal_source_offset(std::string_view token_text, std::size_t value_offset) {
  if (token_text.size() < 2) return token_text.size();
  const bool closed = token_text.back() == '"';
  const std::size_t end = token_text.size() - (closed ? 1 : 0);
  std::size_t produced = 0;  // bytes of the value before source offset i
  std::size_t i = 1;
  while (i < end) {
    // The next element of the literal: its length in the source and in the value, decoded as
    // decode_string_literal does.
    std::size_t source = 1;
    std::size_t bytes = 1;
    if (token_text[i] == '\\' && i + 1 < end) {
      source = 2;
      if (token_text[i + 1] == 'u') {
        const std::size_t close = token_text.find('}', i);
        const bool braced = i + 2 < end && token_text[i + 2] == '{' && close != std::string_view::npos && close < end;
        const std::string_view hex = braced ? token_text.substr(i + 3, close - i - 3) : "";
        if (!hex.empty() && hex.size() <= 6 &&
            hex.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos) {
          std::uint32_t code_point = 0;
          std::from_chars(hex.data(), hex.data() + hex.size(), code_point, 16);
          if (code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) code_point = 0xFFFD;
          source = close + 1 - i;
          bytes = code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : code_point < 0x10000 ? 3 : 4;
        } else {
          bytes = 2;  // kept as written
        }
      } else if (std::string_view("nrt0\"\\\\").find(token_text[i + 1]) == std::string_view::npos) {
        bytes = 2;  // a malformed escape is kept as written
      }
    }
    if (produced + bytes > value_offset) return i;
    produced += bytes;
    i += source;
  }
  return end;
}

std::string decode_string_literal(std::string_view token_text, SourceSpan token_span,
                                  DiagnosticEngine* diagnostics) {
  std::string value;
  if (token_text.size() < 2) return value;
  // An unterminated string token has no closing quote.
  const bool closed = token_text.size() >= 2 && token_text.back() == '"';
  const std::string_view body = token_text.substr(1, token_text.size() - (closed ? 2 : 1));
  value.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      value.push_back(c);
      continue;
    }
    const char escape = body[++i];
    switch (escape) {
      case 'n': value.push_back('\n'); break;
      case 'r': value.push_back('\r'); break;
      case 't': value.push_back('\t'); break;
      case '0': value.push_back('\0'); break;
      case '"': value.push_back('"'); break;
      case '\\': value.push_back('\\'); break;
      case 'u': {
        const std::size_t close = body.find('}', i);
        const bool braced = i + 1 < body.size() && body[i + 1] == '{' &&
                            close != std::string_view::npos;
        const std::string_view hex = braced ? body.substr(i + 2, close - i - 2) : "";
        const bool well_formed =
            !hex.empty() && hex.size() <= 6 &&
            hex.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
        if (!well_formed) {  // the lexer reported it
          value.push_back('\\');
          value.push_back(escape);
          break;
        }
        std::uint32_t code_point = 0;
        std::from_chars(hex.data(), hex.data() + hex.size(), code_point, 16);
        const bool scalar = code_point <= 0x10FFFF &&
                            !(code_point >= 0xD800 && code_point <= 0xDFFF);
        if (!scalar) {
          if (diagnostics != nullptr) {
            const std::uint32_t begin = token_span.begin + 1 + static_cast<std::uint32_t>(i - 1);
            (void)diagnostics->report<DiagnosticKind::InvalidCodePoint>(
                SourceSpan{token_span.file, begin, token_span.begin + 2 + std::uint32_t(close)},
                hex)
                .note("a code point must be at most 10FFFF and not a surrogate (D800-DFFF)");
          }
          code_point = 0xFFFD;
        }
        utf8::append(value, static_cast<char32_t>(code_point));
        i = close;
        break;
      }
      default:  // malformed; the lexer reported it
        value.push_back('\\');
        value.push_back(escape);
        break;
    }
  }
  return value;
}

std::string quote_string_literal(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': out += "\\0"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{{{:X}}}", static_cast<unsigned>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace bpc
