#pragma once

// The source manager owns the text of every file in a compilation and answers position
// questions about it. Files are referred to by FileId, a typed index, so diagnostics, tokens and
// (later) IR locations stay small and serializable.
//
// Positions are byte offsets everywhere inside the compiler. Conversions happen only at the
// edges: 1-based line and byte column for human diagnostics and SARIF, 0-based line and UTF-16
// column for the language server (LSP counts columns in UTF-16 code units by default).
// The line table is built on the first position question (one memchr pass), so lookups are a
// binary search, and a compilation that reports nothing never builds it. A SourceManager belongs
// to one compilation; nothing here is global.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace bpc {

struct FileId {
  std::uint32_t index = UINT32_MAX;
  static constexpr FileId none() { return FileId{}; }
  bool is_none() const { return index == UINT32_MAX; }
  friend bool operator==(FileId, FileId) = default;
  friend auto operator<=>(FileId, FileId) = default;
};

// A 1-based line and 1-based byte column, as editors and compilers print them.
struct LineColumn {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

// A 0-based line and 0-based column in UTF-16 code units, as the language server protocol uses.
struct Utf16Position {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(text_.size()); }

  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts().size()); }
  // 0-based line index holding `offset` (an offset equal to the size is on the last line).
  std::uint32_t line_index(std::uint32_t offset) const;
  std::uint32_t line_start(std::uint32_t line_index) const { return line_starts()[line_index]; }
  // The text of a line without its line terminator ("\n" or "\r\n").
  std::string_view line_text(std::uint32_t line_index) const;

  LineColumn line_column(std::uint32_t offset) const;
  Utf16Position utf16_position(std::uint32_t offset) const;
  // The byte offset of an LSP position; a character past the end of the line clamps to it, and
  // one that falls inside a surrogate pair's code point clamps to that code point's start.
  std::uint32_t offset_of(Utf16Position position) const;

 private:
  // The offset of each line's first byte, built on first use (safe from several threads).
  const std::vector<std::uint32_t>& line_starts() const;

  std::string path_;
  std::string text_;
  mutable std::once_flag line_starts_built_;
  mutable std::vector<std::uint32_t> line_starts_;
};

// Files are shared, immutable SourceFiles, so copying a source manager is cheap and gives a
// snapshot: the workspace (driver/workspace.h) keeps one FileId per path across compilations and
// hands each compilation a copy in which a changed file is a new SourceFile at the same FileId.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  // Puts a file at `id`, growing the table when `id` is past its end (slots in between stay
  // empty and must not be asked for).
  void set(FileId id, std::shared_ptr<const SourceFile> file);
  const SourceFile& file(FileId id) const { return *files_[id.index]; }
  const std::shared_ptr<const SourceFile>& shared_file(FileId id) const { return files_[id.index]; }
  std::uint32_t file_count() const { return static_cast<std::uint32_t>(files_.size()); }

 private:
  std::vector<std::shared_ptr<const SourceFile>> files_;
};

}  // namespace bpc
