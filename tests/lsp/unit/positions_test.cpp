#include <gtest/gtest.h>

#include "lsp/documents.h"
#include "lsp/positions.h"

namespace bpc::lsp {
namespace {

// "é" is 2 bytes and 1 UTF-16 unit; "😀" 4 bytes and 2 units.
const std::string kText = "ab\né😀x\r\nlast";

TEST(Positions, Utf16CountsCodeUnits) {
  const SourceFile file("t.bpl", kText);
  const PositionMapper mapper(file, PositionEncoding::Utf16);
  const std::uint32_t x = static_cast<std::uint32_t>(kText.find('x'));
  EXPECT_EQ(mapper.position(x), (Position{1, 3}));
  EXPECT_EQ(mapper.offset(Position{1, 3}), x);
  // Inside the surrogate pair: the emoji's start.
  EXPECT_EQ(mapper.offset(Position{1, 2}), x - 4);
  // Past the end of a line: its end (before "\r\n"); past the last line: the end of the text.
  EXPECT_EQ(mapper.offset(Position{1, 99}), x + 1);
  EXPECT_EQ(mapper.offset(Position{9, 0}), kText.size());
}

TEST(Positions, Utf8CountsBytes) {
  const SourceFile file("t.bpl", kText);
  const PositionMapper mapper(file, PositionEncoding::Utf8);
  const std::uint32_t x = static_cast<std::uint32_t>(kText.find('x'));
  EXPECT_EQ(mapper.position(x), (Position{1, 6}));
  EXPECT_EQ(mapper.offset(Position{1, 6}), x);
  // Inside "😀" (bytes 2..5 of the line): back to its first byte.
  EXPECT_EQ(mapper.offset(Position{1, 4}), x - 4);
  EXPECT_EQ(mapper.offset(Position{1, 99}), x + 1);
}

TEST(Documents, IncrementalChangesApplyInOrder) {
  DocumentStore store;
  store.open("file:///d.bpl", 1, "entity A {}\n");
  const std::vector<ContentChange> changes = {
      {Range{{0, 7}, {0, 8}}, "Émoji"},  // A -> Émoji
      {Range{{0, 14}, {0, 14}}, " id: uuid "},  // inside the braces, counted in the new text
      {Range{{5, 0}, {5, 0}}, "\n// end"},  // past the end: appended
  };
  ASSERT_TRUE(store.change("file:///d.bpl", 2, changes, PositionEncoding::Utf16));
  const Document* document = store.find("file:///d.bpl");
  ASSERT_NE(document, nullptr);
  EXPECT_EQ(document->text, "entity Émoji { id: uuid }\n\n// end");
  EXPECT_EQ(document->version, 2);
  EXPECT_FALSE(store.change("file:///other.bpl", 2, changes, PositionEncoding::Utf16));
}

TEST(Documents, FullChangeReplacesAndBackwardsRangesAreOrdered) {
  DocumentStore store;
  store.open("file:///d.bpl", 1, "abc");
  ASSERT_TRUE(store.change("file:///d.bpl", 2, {{std::nullopt, "xyz"}, {Range{{0, 2}, {0, 1}}, "-"}},
                           PositionEncoding::Utf8));
  // A backwards range deletes nothing past its start (the protocol layer orders them first).
  EXPECT_EQ(store.find("file:///d.bpl")->text, "xy-z");
}

}  // namespace
}  // namespace bpc::lsp
