// fold-constants: every number in the module gets one canonical spelling, so `@min(1.50)`,
// `@min(1.5)` and `@min(15e-1)` are the same constraint to every backend and to `bpc diff`, and a
// decimal that is a whole number within 64 bits becomes an integer value.

#include <charconv>

#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {
// Exponents up to this are written out in full; a checked number needs far less (a double
// reaches 1.8e308), and the bound keeps a hostile spelling from asking for gigabytes of digits.
constexpr std::int64_t kMaxCanonicalExponent = 100000;
}  // namespace

std::string canonical_number(std::string_view spelling) {
  const std::string_view original = spelling;
  bool negative = false;
  if (!spelling.empty() && (spelling[0] == '-' || spelling[0] == '+')) {
    negative = spelling[0] == '-';
    spelling.remove_prefix(1);
  }
  // Split mantissa and exponent.
  std::int64_t exponent = 0;
  if (const std::size_t e = spelling.find_first_of("eE"); e != std::string_view::npos) {
    const std::string_view digits = spelling.substr(e + 1);
    const bool minus = !digits.empty() && digits[0] == '-';
    const std::string_view magnitude = digits.substr(!digits.empty() && (digits[0] == '-' || digits[0] == '+'));
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(magnitude.data(), magnitude.data() + magnitude.size(), value);
    spelling = spelling.substr(0, e);
    if (error != std::errc() || end != magnitude.data() + magnitude.size() || value > kMaxCanonicalExponent) {
      // An exponent this large is only meaningful on a zero (the checker refuses numbers beyond
      // the range of a double); anything else keeps its spelling rather than change its value.
      if (spelling.find_first_of("123456789") == std::string_view::npos) return "0";
      return std::string(original);
    }
    exponent = minus ? -value : value;
  }
  std::string digits;
  std::int64_t point = 0;  // digits before the decimal point
  bool seen_point = false;
  for (const char c : spelling) {
    if (c == '.') {
      seen_point = true;
      continue;
    }
    digits += c;
    if (!seen_point) ++point;
  }
  point += exponent;
  // Strip leading zeros (adjusting the point) and trailing zeros.
  std::size_t leading = 0;
  while (leading < digits.size() && digits[leading] == '0') ++leading;
  digits.erase(0, leading);
  point -= static_cast<std::int64_t>(leading);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (digits.empty()) return "0";
  std::string out = negative ? "-" : "";
  const auto size = static_cast<std::int64_t>(digits.size());
  if (point <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= size) {
    out += digits + std::string(static_cast<std::size_t>(point - size), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
  }
  return out;
}

namespace {

class FoldConstants final : public Pass {
 public:
  std::string_view name() const override { return "fold-constants"; }
  std::string_view description() const override {
    return "write every number in one canonical spelling";
  }

  PreservedAnalyses run(PassContext& context) override {
    ir::Module& module = context.module;
    for (ir::Alias& alias : module.aliases) {
      fold(alias.constraints);
      if (alias.default_value) fold(*alias.default_value);
    }
    for (ir::Field& field : module.fields) {
      if (field.constraints->min || field.constraints->max) fold(field.constraints.edit());
      if (field.default_value) fold(*field.default_value);
    }
    for (ir::Target& target : module.targets) {
      for (auto& [name, value] : target.options) fold(value);
    }
    // Only spellings change: no declaration, reference or type does.
    return PreservedAnalyses::all();
  }

 private:
  static void fold(ir::Constraints& constraints) {
    if (constraints.min) constraints.min = canonical_number(*constraints.min);
    if (constraints.max) constraints.max = canonical_number(*constraints.max);
  }
  static void fold(ir::Value& value) {
    if (value.kind == ir::Value::Kind::Number) {
      value.text = canonical_number(value.text);
      ir::make_integer_if_exact(value);
    }
    for (ir::Value& item : value.items) fold(item);
    for (auto& [key, item] : value.entries) fold(item);
  }
};

}  // namespace

std::unique_ptr<Pass> make_fold_constants() { return std::make_unique<FoldConstants>(); }

}  // namespace bpc::passes
