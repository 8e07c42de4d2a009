#pragma once

// Positions as the protocol counts them. Inside the compiler everything is a byte offset; the
// protocol speaks of a 0-based line and a column counted in the negotiated encoding: UTF-16 code
// units by default (LSP's original choice, which every client supports), or UTF-8 bytes when the
// client offers `positionEncoding` "utf-8" (then no conversion walks the line). Every conversion
// in the server goes through PositionMapper, so no handler counts columns itself.

#include <cstdint>

#include "frontend/source/source_manager.h"

namespace bpc::lsp {

enum class PositionEncoding : std::uint8_t { Utf16, Utf8 };

struct Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
};

class PositionMapper {
 public:
  PositionMapper(const SourceFile& file, PositionEncoding encoding) : file_(&file), encoding_(encoding) {}

  Position position(std::uint32_t offset) const;
  Range range(std::uint32_t begin, std::uint32_t end) const { return {position(begin), position(end)}; }
  // The byte offset of a position; a line past the end gives the end of the text, a character
  // past the end of its line the line's end, and one inside a character that character's start.
  std::uint32_t offset(Position position) const;

 private:
  const SourceFile* file_;
  PositionEncoding encoding_;
};

}  // namespace bpc::lsp
