#include "base/utf8.h"

#include <gtest/gtest.h>

namespace bpc {
namespace {

TEST(Utf8Test, AcceptsAsciiAndMultibyteText) {
  EXPECT_EQ(utf8::find_invalid("plain ascii text, long enough for the fast path"), std::nullopt);
  EXPECT_EQ(utf8::find_invalid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), std::nullopt);
}

TEST(Utf8Test, RejectsMalformedSequencesAtTheirOffset) {
  EXPECT_EQ(utf8::find_invalid("ab\xC3"), 2u);                 // truncated
  EXPECT_EQ(utf8::find_invalid("\xC0\xAF"), 0u);               // overlong
  EXPECT_EQ(utf8::find_invalid("x\xED\xA0\x80"), 1u);          // surrogate
  EXPECT_EQ(utf8::find_invalid("\xF4\x90\x80\x80"), 0u);       // above U+10FFFF
  EXPECT_EQ(utf8::find_invalid("12345678\x80"), 8u);           // stray continuation byte
}

}  // namespace
}  // namespace bpc
