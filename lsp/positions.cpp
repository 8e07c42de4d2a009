#include "lsp/positions.h"

#include <algorithm>

namespace bpc::lsp {

Position PositionMapper::position(std::uint32_t offset) const {
  offset = std::min(offset, file_->size());
  if (encoding_ == PositionEncoding::Utf16) {
    const Utf16Position p = file_->utf16_position(offset);
    return {p.line, p.character};
  }
  const std::uint32_t line = file_->line_index(offset);
  return {line, offset - file_->line_start(line)};
}

std::uint32_t PositionMapper::offset(Position position) const {
  if (encoding_ == PositionEncoding::Utf16) return file_->offset_of(Utf16Position{position.line, position.character});
  if (position.line >= file_->line_count()) return file_->size();
  const std::string_view line = file_->line_text(position.line);
  std::uint32_t column = std::min<std::uint32_t>(position.character, static_cast<std::uint32_t>(line.size()));
  // Back to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
  while (column > 0 && column < line.size() && (static_cast<unsigned char>(line[column]) & 0xC0) == 0x80) --column;
  return file_->line_start(position.line) + column;
}

}  // namespace bpc::lsp
