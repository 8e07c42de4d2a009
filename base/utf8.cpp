#include "base/utf8.h"

#include <cstring>
#include <string>

namespace bpc::utf8 {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

// Well-formed sequences per Unicode 15, table 3-7.
std::size_t sequence_length(std::string_view text, std::size_t offset) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t remaining = text.size() - offset;
  const unsigned char lead = bytes[offset];
  if (lead < 0x80) return 1;
  if (lead < 0xC2) return 0;
  if (lead < 0xE0) {
    return remaining >= 2 && is_continuation(bytes[offset + 1]) ? 2 : 0;
  }
  if (lead < 0xF0) {
    if (remaining < 3) return 0;
    const unsigned char second = bytes[offset + 1];
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    if (second < low || second > high || !is_continuation(bytes[offset + 2])) return 0;
    return 3;
  }
  if (lead < 0xF5) {
    if (remaining < 4) return 0;
    const unsigned char second = bytes[offset + 1];
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    if (second < low || second > high || !is_continuation(bytes[offset + 2]) ||
        !is_continuation(bytes[offset + 3])) {
      return 0;
    }
    return 4;
  }
  return 0;
}

std::optional<std::size_t> find_invalid(std::string_view text) {
  std::size_t offset = 0;
  const std::size_t size = text.size();
  while (offset < size) {
    // Fast path: eight ASCII bytes at a time.
    if (offset + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, text.data() + offset, 8);
      if ((chunk & 0x8080808080808080ull) == 0) {
        offset += 8;
        continue;
      }
    }
    const std::size_t length = sequence_length(text, offset);
    if (length == 0) return offset;
    offset += length;
  }
  return std::nullopt;
}

Decoded decode(std::string_view text, std::size_t offset) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char lead = bytes[offset];
  if (lead < 0x80) return {lead, 1};
  if (lead < 0xE0) return {char32_t((lead & 0x1F) << 6 | (bytes[offset + 1] & 0x3F)), 2};
  if (lead < 0xF0) {
    return {char32_t((lead & 0x0F) << 12 | (bytes[offset + 1] & 0x3F) << 6 |
                     (bytes[offset + 2] & 0x3F)),
            3};
  }
  return {char32_t((lead & 0x07) << 18 | (bytes[offset + 1] & 0x3F) << 12 |
                   (bytes[offset + 2] & 0x3F) << 6 | (bytes[offset + 3] & 0x3F)),
          4};
}

void append(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(char(code_point));
  } else if (code_point < 0x800) {
    out.push_back(char(0xC0 | (code_point >> 6)));
    out.push_back(char(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(char(0xE0 | (code_point >> 12)));
    out.push_back(char(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(char(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (code_point >> 18)));
    out.push_back(char(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(char(0x80 | (code_point & 0x3F)));
  }
}

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (!is_continuation(byte)) units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace bpc::utf8
