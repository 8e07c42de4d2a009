#pragma once

// Exact comparison of numbers by their spelling, as blueprints write them and decimal values
// travel on the wire: `-12`, `0.10000000000000000001`, `2.5e-3`. No conversion to a binary
// floating-point number, so `@max(0.1)` refuses `0.10000000000000000001`, and exponents of any
// size compare right (`1e400` is above `9e399`). The checker measures defaults against bounds
// with it, the semantic diff compares bounds with it, and the generated services do the same in
// their own languages (the TypeScript runtime's decimal.ts).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpc {

// Whether `text` is a number spelling: an optional `-`, digits, an optional `.` and digits, an
// optional exponent (`e` or `E`, an optional sign, digits).
bool is_number_spelling(std::string_view text);

// -1, 0 or 1 as `a` is below, equal to or above `b`; nullopt when either is not a number spelling.
std::optional<int> compare_numbers(std::string_view a, std::string_view b);

enum class BoundSide : std::uint8_t { AtLeast, AtMost };

// A regular expression (anchored; groups, classes, counted repetition and alternation only, so
// ECMAScript, RE2 and Python read it alike) that matches exactly the decimal spellings
// `-?[0-9]+(\.[0-9]+)?` whose value is at least (or at most) `bound`: how a JSON Schema says
// `@min`/`@max` of a decimal, which travels as a string. nullopt when `bound` is not a number
// spelling or has more than 1,000 digits around its point.
std::optional<std::string> decimal_bound_pattern(std::string_view bound, BoundSide side);

}  // namespace bpc
