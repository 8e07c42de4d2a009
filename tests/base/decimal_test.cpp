// Exact comparison of number spellings (base/decimal.h): no rounding through a double.

#include "base/decimal.h"

#include <string>
#include <vector>

#include "base/pattern.h"

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

// The bound patterns agree with compare_numbers on every spelling of a grid of values: leading and
// trailing zeros, signs, both sides of each bound and the bound itself.
TEST(DecimalBoundPattern, MatchesExactlyTheValuesWithinTheBound) {
  std::vector<std::string> values;
  for (int whole = -120; whole <= 120; whole += 3) {
    for (const char* fraction : {"", ".0", ".001", ".1", ".10", ".25", ".5", ".999", ".09"}) {
      const std::string text = std::to_string(whole < 0 ? -whole : whole) + fraction;
      values.push_back((whole < 0 ? "-" : "") + text);
      values.push_back((whole < 0 ? "-0" : "00") + text);
    }
  }
  for (const char* extra : {"0", "-0", "-0.0", "0.5", "0.50", "0.499", "0.001", "0.0009", "9.99", "10", "12.5",
                            "12.49999", "100", "99.9", "1000", "0.1", "0.10000000000000000001", "0.09999999999"}) {
    values.emplace_back(extra);
  }
  for (const char* bound : {"0", "0.5", "0.001", "1", "9.99", "10", "12.5", "100", "-0.1", "-5", "-12.25", "1e3",
                            "2.5e-3", "0.10000000000000000001", "-0", "7.0E0"}) {
    for (const BoundSide side : {BoundSide::AtLeast, BoundSide::AtMost}) {
      const auto pattern = decimal_bound_pattern(bound, side);
      ASSERT_TRUE(pattern.has_value()) << bound;
      const base::Pattern compiled(*pattern);
      ASSERT_TRUE(compiled.ok()) << *pattern << ": " << compiled.error();
      for (const std::string& value : values) {
        const int order = *compare_numbers(value, bound);
        const bool within = side == BoundSide::AtLeast ? order >= 0 : order <= 0;
        EXPECT_EQ(compiled.search(value), within)
            << value << (side == BoundSide::AtLeast ? " >= " : " <= ") << bound << " via " << *pattern;
      }
    }
  }
}

TEST(DecimalBoundPattern, RefusesWhatItCannotWrite) {
  EXPECT_FALSE(decimal_bound_pattern("abc", BoundSide::AtLeast).has_value());
  EXPECT_FALSE(decimal_bound_pattern("1e5000", BoundSide::AtMost).has_value());
}

}  // namespace
}  // namespace bpc
