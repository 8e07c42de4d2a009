#pragma once

// The string formats `@format(...)` accepts, each with the pattern that defines it, written in the
// `@pattern` dialect (base/pattern.h; backends translate it for their engine). One table for the
// checker (defaults must match) and for generated validators, so a value the checker accepts is
// one the generated code accepts. The patterns are deliberately loose (an e-mail is `x@y.z`) and
// anchored; tests/base/pattern_engines_test.py checks them, and decimal_pattern's, in every engine.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ir/ir.h"

namespace bpc::ir {

// The pattern of a known format; nullopt for an unknown one.
std::optional<std::string_view> format_pattern(std::string_view format);

// Whether `text` is in the known format (true for an unknown one, reported where it was written).
// Each format's pattern is compiled once per process.
bool matches_format(std::string_view format, std::string_view text);

// The pattern a `decimal` value (a JSON string) must match under `@precision(p, s)` and `@min`:
// no sign unless negative values are allowed, at most p - s integer digits and s fraction digits.
std::string decimal_pattern(const Constraints& constraints);

// Every known format, in the order the language reference lists them.
std::span<const std::string_view> known_formats();

}  // namespace bpc::ir
