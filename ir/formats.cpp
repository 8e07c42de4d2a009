#include "ir/formats.h"

#include <utility>
#include <vector>

#include <fmt/format.h>

#include "base/pattern.h"

namespace bpc::ir {

namespace {

constexpr std::string_view kNames[] = {"email", "uri", "uuid", "date", "date-time", "hostname", "ipv4", "ipv6"};

constexpr std::pair<std::string_view, std::string_view> kPatterns[] = {
    {"email", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
    {"uri", "^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$"},
    {"uuid", "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
    {"date", "^\\d{4}-\\d{2}-\\d{2}$"},
    {"date-time", "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$"},
    {"hostname", "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"},
    {"ipv4", "^((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)$"},
    {"ipv6", "^[0-9A-Fa-f:.]+$"},
};

}  // namespace

std::optional<std::string_view> format_pattern(std::string_view format) {
  for (const auto& [name, pattern] : kPatterns) {
    if (name == format) return pattern;
  }
  return std::nullopt;
}

bool matches_format(std::string_view format, std::string_view text) {
  static const std::vector<base::Pattern> compiled = [] {
    std::vector<base::Pattern> patterns;
    for (const auto& entry : kPatterns) patterns.emplace_back(entry.second);
    return patterns;
  }();
  for (std::size_t i = 0; i < std::size(kPatterns); ++i) {
    if (kPatterns[i].first == format) return compiled[i].search(text);
  }
  return true;
}

std::string decimal_pattern(const Constraints& c) {
  const bool signed_values = !c.min || c.min->starts_with('-');
  const std::string sign = signed_values ? "-?" : "";
  if (!c.precision) return fmt::format("^{}[0-9]+(\\.[0-9]+)?$", sign);
  const std::uint32_t precision = *c.precision;
  const std::uint32_t scale = c.scale.value_or(0);
  const std::uint32_t integer_digits = precision > scale ? precision - scale : 0;
  if (scale == 0) return fmt::format("^{}[0-9]{{1,{}}}$", sign, precision);
  if (integer_digits == 0) return fmt::format("^{}0(\\.[0-9]{{1,{}}})?$", sign, scale);
  return fmt::format("^{}[0-9]{{1,{}}}(\\.[0-9]{{1,{}}})?$", sign, integer_digits, scale);
}

std::span<const std::string_view> known_formats() { return kNames; }

}  // namespace bpc::ir
