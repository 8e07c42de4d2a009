#include "frontend/source/source_manager.h"

#include <algorithm>
#include <cstring>

#include "base/utf8.h"

namespace bpc {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

const std::vector<std::uint32_t>& SourceFile::line_starts() const {
  std::call_once(line_starts_built_, [this] {
    // Counted first, so a large file's table is allocated once and at its size.
    line_starts_.reserve(1 + static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')));
    line_starts_.push_back(0);
    const char* begin = text_.data();
    const char* end = begin + text_.size();
    for (const char* cursor = begin;
         (cursor = static_cast<const char*>(std::memchr(cursor, '\n', end - cursor))) != nullptr;) {
      ++cursor;
      line_starts_.push_back(static_cast<std::uint32_t>(cursor - begin));
    }
  });
  return line_starts_;
}

std::uint32_t SourceFile::line_index(std::uint32_t offset) const {
  const std::vector<std::uint32_t>& lines = line_starts();
  const auto after = std::upper_bound(lines.begin(), lines.end(), offset);
  return static_cast<std::uint32_t>(after - lines.begin() - 1);
}

std::string_view SourceFile::line_text(std::uint32_t index) const {
  const std::vector<std::uint32_t>& lines = line_starts();
  const std::uint32_t begin = lines[index];
  std::uint32_t end = index + 1 < lines.size() ? lines[index + 1] : size();
  if (end > begin && text_[end - 1] == '\n') --end;
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

LineColumn SourceFile::line_column(std::uint32_t offset) const {
  const std::uint32_t index = line_index(offset);
  return {index + 1, offset - line_starts()[index] + 1};
}

Utf16Position SourceFile::utf16_position(std::uint32_t offset) const {
  const std::uint32_t index = line_index(offset);
  const std::uint32_t start = line_starts()[index];
  const std::string_view prefix = std::string_view(text_).substr(start, offset - start);
  return {index, static_cast<std::uint32_t>(utf8::utf16_length(prefix))};
}

std::uint32_t SourceFile::offset_of(Utf16Position position) const {
  if (position.line >= line_starts().size()) return size();
  const std::string_view line = line_text(position.line);
  std::uint32_t units = 0;
  std::uint32_t offset = 0;
  while (offset < line.size()) {
    const auto lead = static_cast<unsigned char>(line[offset]);
    const std::uint32_t width = lead >= 0xF0 ? 2 : 1;
    if (units + width > position.character) break;
    units += width;
    offset += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return line_starts()[position.line] + std::min<std::uint32_t>(offset, line.size());
}

FileId SourceManager::add(std::string path, std::string text) {
  files_.push_back(std::make_shared<const SourceFile>(std::move(path), std::move(text)));
  return FileId{static_cast<std::uint32_t>(files_.size() - 1)};
}

void SourceManager::set(FileId id, std::shared_ptr<const SourceFile> file) {
  if (id.index >= files_.size()) files_.resize(id.index + 1);
  files_[id.index] = std::move(file);
}

}  // namespace bpc
