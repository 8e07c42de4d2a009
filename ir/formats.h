#pragma once

// The string formats `@format(...)` accepts, each with the ECMAScript pattern that defines it.
// One table for the checker (defaults must match) and for generated validators, so a value the
// checker accepts is one the generated code accepts. The patterns are deliberately loose (an
// e-mail is `x@y.z`); they are anchored and use only syntax every target's regex engine shares.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ir/ir.h"

namespace bpc::ir {

// The pattern of a known format; nullopt for an unknown one.
std::optional<std::string_view> format_pattern(std::string_view format);

// The pattern a `decimal` value (a JSON string) must match under `@precision(p, s)` and `@min`:
// no sign unless negative values are allowed, at most p - s integer digits and s fraction digits.
std::string decimal_pattern(const Constraints& constraints);

// Every known format, in the order the language reference lists them.
std::span<const std::string_view> known_formats();

}  // namespace bpc::ir
