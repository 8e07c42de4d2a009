// Exact comparison of number spellings (base/decimal.h): no rounding through a double.

#include "base/decimal.h"

#include <gtest/gtest.h>

namespace bpc {
namespace {

TEST(Decimal, ComparesExactlyWhereADoubleRounds) {
  EXPECT_EQ(compare_numbers("0.10000000000000000001", "0.1"), 1);
  EXPECT_EQ(compare_numbers("0.1", "0.10000000000000000001"), -1);
  EXPECT_EQ(compare_numbers("9007199254740993", "9007199254740992"), 1);
  EXPECT_EQ(compare_numbers("-0.10000000000000000001", "-0.1"), -1);
}

TEST(Decimal, SpellingsOfOneNumberAreEqual) {
  EXPECT_EQ(compare_numbers("0.10", "0.1"), 0);
  EXPECT_EQ(compare_numbers("1e1", "10"), 0);
  EXPECT_EQ(compare_numbers("2.5e-3", "0.0025"), 0);
  EXPECT_EQ(compare_numbers("-0", "0.000"), 0);
  EXPECT_EQ(compare_numbers("007", "7.0E0"), 0);
}

TEST(Decimal, SignsAndMagnitudes) {
  EXPECT_EQ(compare_numbers("-1", "0"), -1);
  EXPECT_EQ(compare_numbers("0", "-1"), 1);
  EXPECT_EQ(compare_numbers("-2", "-10"), 1);
  EXPECT_EQ(compare_numbers("99", "100"), -1);
  EXPECT_EQ(compare_numbers("0.12", "0.123"), -1);
  EXPECT_EQ(compare_numbers("1e400", "9e399"), 1);
  EXPECT_EQ(compare_numbers("1e-400", "0"), 1);
  EXPECT_EQ(compare_numbers("5e99999999999999999999", "1e100"), 1);
}

TEST(Decimal, OnlyNumberSpellingsCompare) {
  EXPECT_FALSE(compare_numbers("1.", "1").has_value());
  EXPECT_FALSE(compare_numbers("abc", "1").has_value());
  EXPECT_FALSE(compare_numbers("1e", "1").has_value());
  EXPECT_FALSE(compare_numbers("+1", "1").has_value());
  EXPECT_TRUE(is_number_spelling("-12.5E+3"));
  EXPECT_FALSE(is_number_spelling(""));
  EXPECT_FALSE(is_number_spelling(".5"));
}

}  // namespace
}  // namespace bpc
