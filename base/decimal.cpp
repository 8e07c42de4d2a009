#include "base/decimal.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

namespace bpc {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A number as sign × 0.DIGITS × 10^point: DIGITS without leading or trailing zeros (empty for
// zero), `point` the position of the decimal point relative to them.
struct Normalized {
  bool negative = false;
  std::string digits;
  std::int64_t point = 0;
};

std::optional<Normalized> normalize(std::string_view text) {
  if (!is_number_spelling(text)) return std::nullopt;
  Normalized n;
  std::size_t i = 0;
  if (text[i] == '-') {
    n.negative = true;
    ++i;
  }
  std::int64_t integer_digits = 0;
  for (; i < text.size() && is_digit(text[i]); ++i) {
    n.digits += text[i];
    ++integer_digits;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && is_digit(text[i]); ++i) n.digits += text[i];
  }
  std::int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (text[i] == '+' || text[i] == '-') negative_exponent = text[i++] == '-';
    // Clamped: beyond a billion either way only the sign of the comparison matters.
    constexpr std::int64_t kClamp = 1'000'000'000;
    for (; i < text.size(); ++i) exponent = std::min(kClamp, exponent * 10 + (text[i] - '0'));
    if (negative_exponent) exponent = -exponent;
  }
  const std::size_t first = n.digits.find_first_not_of('0');
  if (first == std::string::npos) return Normalized{};  // zero, whatever its sign
  n.point = integer_digits - static_cast<std::int64_t>(first) + exponent;
  n.digits.erase(0, first);
  n.digits.erase(n.digits.find_last_not_of('0') + 1);
  return n;
}

int compare_magnitudes(const Normalized& a, const Normalized& b) {
  if (a.digits.empty() || b.digits.empty()) return a.digits.empty() == b.digits.empty() ? 0 : (a.digits.empty() ? -1 : 1);
  if (a.point != b.point) return a.point < b.point ? -1 : 1;
  const int order = a.digits.compare(b.digits);  // same length prefix decides; a longer tail is larger
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

}  // namespace

bool is_number_spelling(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  const std::size_t integer_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == integer_start) return false;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == fraction_start) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exponent_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == exponent_start) return false;
  }
  return i == text.size();
}

std::optional<int> compare_numbers(std::string_view a, std::string_view b) {
  const std::optional<Normalized> x = normalize(a);
  const std::optional<Normalized> y = normalize(b);
  if (!x || !y) return std::nullopt;
  const bool x_negative = x->negative && !x->digits.empty();
  const bool y_negative = y->negative && !y->digits.empty();
  if (x_negative != y_negative) return x_negative ? -1 : 1;
  const int magnitude = compare_magnitudes(*x, *y);
  return x_negative ? -magnitude : magnitude;
}

}  // namespace bpc
