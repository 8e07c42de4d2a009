#include "base/decimal.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

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

namespace {

// The regular expressions of decimal_bound_pattern, over a magnitude written `I.F`: `I` its
// integer digits without leading zeros ("0" for none), `F` its fraction without trailing zeros.
// A spelling's own integer part may have leading zeros (`0*`), its fraction trailing ones.
struct Magnitude {
  std::string integer;
  std::string fraction;
};

constexpr std::int64_t kMaxBoundDigits = 1000;

std::string digit_class(char low, char high) {
  return low == high ? std::string(1, low) : std::string("[") + low + "-" + high + "]";
}

std::string repeat_digits(std::size_t count) {
  if (count == 0) return {};
  return count == 1 ? "[0-9]" : "[0-9]{" + std::to_string(count) + "}";
}

std::string joined(const std::vector<std::string>& alternatives) {
  std::string out;
  for (const std::string& alternative : alternatives) out += (out.empty() ? "" : "|") + alternative;
  return out;
}

// Integer parts equal to I, above it, below it (each an alternation, empty when none).
std::string integer_equal(const std::string& i) { return i == "0" ? "0+" : "0*" + i; }

std::vector<std::string> integers_above(const std::string& i) {
  const std::size_t length = i.size();
  if (i == "0") return {"0*[1-9][0-9]*"};
  std::vector<std::string> out{"0*[1-9][0-9]{" + std::to_string(length) + ",}"};  // more digits
  for (std::size_t k = 0; k < length; ++k) {
    if (i[k] == '9') continue;
    out.push_back("0*" + i.substr(0, k) + digit_class(static_cast<char>(i[k] + 1), '9') + repeat_digits(length - k - 1));
  }
  return out;
}

std::vector<std::string> integers_below(const std::string& i) {
  const std::size_t length = i.size();
  if (i == "0") return {};
  std::vector<std::string> out;
  if (length == 2) out.push_back("0*[0-9]");  // fewer digits
  if (length > 2) out.push_back("0*[0-9]{1," + std::to_string(length - 1) + "}");
  for (std::size_t k = 0; k < length; ++k) {
    if (i[k] == '0') continue;
    out.push_back("0*" + i.substr(0, k) + digit_class('0', static_cast<char>(i[k] - 1)) + repeat_digits(length - k - 1));
  }
  return out;
}

// Fractions (with their point, optional where a spelling may have none) at least / at most F.
std::string fractions_at_least(const std::string& f) {
  if (f.empty()) return "(\\.[0-9]+)?";
  std::vector<std::string> out;
  for (std::size_t p = 0; p < f.size(); ++p) {
    if (f[p] != '9') out.push_back(f.substr(0, p) + digit_class(static_cast<char>(f[p] + 1), '9') + "[0-9]*");
  }
  out.push_back(f + "[0-9]*");
  return "\\.(" + joined(out) + ")";
}

std::string fractions_at_most(const std::string& f) {
  if (f.empty()) return "(\\.0+)?";
  std::vector<std::string> out;
  for (std::size_t p = 0; p < f.size(); ++p) {
    if (f[p] != '0') out.push_back(f.substr(0, p) + digit_class('0', static_cast<char>(f[p] - 1)) + "[0-9]*");
  }
  for (std::size_t j = 1; j <= f.size(); ++j) out.push_back(f.substr(0, j) + "0*");
  return "(\\.(" + joined(out) + "))?";
}

constexpr std::string_view kAnyFraction = "(\\.[0-9]+)?";

// Unsigned spellings whose value is at least / at most the magnitude.
std::string magnitudes_at_least(const Magnitude& m) {
  std::vector<std::string> out;
  const std::vector<std::string> above = integers_above(m.integer);
  if (!above.empty()) out.push_back("(" + joined(above) + ")" + std::string(kAnyFraction));
  out.push_back(integer_equal(m.integer) + fractions_at_least(m.fraction));
  return joined(out);
}

std::string magnitudes_at_most(const Magnitude& m) {
  std::vector<std::string> out;
  const std::vector<std::string> below = integers_below(m.integer);
  if (!below.empty()) out.push_back("(" + joined(below) + ")" + std::string(kAnyFraction));
  out.push_back(integer_equal(m.integer) + fractions_at_most(m.fraction));
  return joined(out);
}

}  // namespace

std::optional<std::string> decimal_bound_pattern(std::string_view bound, BoundSide side) {
  const std::optional<Normalized> n = normalize(bound);
  if (!n || n->point > kMaxBoundDigits || n->point < -kMaxBoundDigits) return std::nullopt;
  Magnitude m;
  const auto digits = static_cast<std::int64_t>(n->digits.size());
  if (n->digits.empty()) {
    m.integer = "0";
  } else if (n->point <= 0) {
    m.integer = "0";
    m.fraction = std::string(static_cast<std::size_t>(-n->point), '0') + n->digits;
  } else if (n->point >= digits) {
    m.integer = n->digits + std::string(static_cast<std::size_t>(n->point - digits), '0');
  } else {
    m.integer = n->digits.substr(0, static_cast<std::size_t>(n->point));
    m.fraction = n->digits.substr(static_cast<std::size_t>(n->point));
  }
  const bool negative = n->negative && !n->digits.empty();
  const bool zero = n->digits.empty();
  constexpr std::string_view kAnyUnsigned = "[0-9]+(\\.[0-9]+)?";
  std::string body;
  if (side == BoundSide::AtLeast) {
    // Every negative value is below a bound that is not negative; `-0` equals zero.
    if (negative) body = std::string(kAnyUnsigned) + "|-(" + magnitudes_at_most(m) + ")";
    else body = magnitudes_at_least(m) + (zero ? "|-0+(\\.0+)?" : "");
  } else {
    if (negative) body = "-(" + magnitudes_at_least(m) + ")";
    else body = "-" + std::string(kAnyUnsigned) + "|" + magnitudes_at_most(m);
  }
  return "^(" + body + ")$";
}

}  // namespace bpc
