#include "frontend/source/source_manager.h"

#include <gtest/gtest.h>

namespace bpc {
namespace {

TEST(SourceManagerTest, ConvertsOffsetsToLinesAndColumns) {
  SourceManager sources;
  const FileId id = sources.add("a.bpl", "role A\r\nrole B\n\nrole C");
  const SourceFile& file = sources.file(id);
  EXPECT_EQ(file.line_count(), 4u);
  EXPECT_EQ(file.line_text(0), "role A");  // CRLF stripped
  EXPECT_EQ(file.line_text(2), "");
  EXPECT_EQ(file.line_text(3), "role C");
  const LineColumn c = file.line_column(file.size());
  EXPECT_EQ(c.line, 4u);
  EXPECT_EQ(c.column, 7u);
  EXPECT_EQ(file.line_column(8).line, 2u);
}

TEST(SourceManagerTest, CountsUtf16ColumnsForTheLanguageServer) {
  SourceManager sources;
  // "é" is 2 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 UTF-16 units.
  const FileId id = sources.add("u.bpl", "x \"\xC3\xA9\xF0\x9F\x98\x80\" y\nz");
  const SourceFile& file = sources.file(id);
  const std::uint32_t y = static_cast<std::uint32_t>(file.text().find('y'));
  EXPECT_EQ(file.utf16_position(y).character, 8u);  // x, space, ", é, 😀(2), ", space
  EXPECT_EQ(file.offset_of(Utf16Position{0, 8}), y);
  // A position inside the surrogate pair clamps to the start of the emoji.
  EXPECT_EQ(file.offset_of(Utf16Position{0, 5}), 5u);
  // Past the end of a line clamps to its end; past the last line to the end of the file.
  EXPECT_EQ(file.offset_of(Utf16Position{0, 100}), y + 1);
  EXPECT_EQ(file.offset_of(Utf16Position{9, 0}), file.size());
  EXPECT_EQ(file.utf16_position(file.size()).line, 1u);
}

}  // namespace
}  // namespace bpc
