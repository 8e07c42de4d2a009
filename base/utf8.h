#pragma once

// UTF-8 validation and decoding. Blueprint sources must be UTF-8; everything downstream (the
// lexer, diagnostics rendering, the language server's UTF-16 columns) relies on the text having
// been validated once, when the file entered the source manager.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace bpc::utf8 {

// The byte offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or nullopt.
std::optional<std::size_t> find_invalid(std::string_view text);

// Length in bytes (1-4) of the well-formed sequence starting at `offset`, or 0 when the bytes
// there do not form one. Never reads past the end of `text`.
std::size_t sequence_length(std::string_view text, std::size_t offset);

struct Decoded {
  char32_t code_point;
  std::uint32_t length;  // bytes consumed, 1..4
};

// Decodes the sequence starting at `offset` of valid UTF-8 text.
Decoded decode(std::string_view text, std::size_t offset);

// Appends the UTF-8 encoding of a Unicode scalar value.
void append(std::string& out, char32_t code_point);

// Number of UTF-16 code units the valid UTF-8 text occupies.
std::size_t utf16_length(std::string_view text);

}  // namespace bpc::utf8
