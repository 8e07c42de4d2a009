#include "lsp/builtin_types.h"

#include <algorithm>
#include <array>

namespace bpc::lsp {

namespace {

constexpr std::array<BuiltinType, 14> kBuiltinTypes = {{
    {"string", "Unicode text, for short values: names, codes, titles."},
    {"text", "Unicode text for long free-form content; treated as multi-line and unindexed."},
    {"int", "A 64-bit signed integer (within ±(2⁵³−1) on the wire)."},
    {"float", "An IEEE 754 double; NaN and infinities are not valid values."},
    {"decimal", "An exact base-10 number, for money and quantities; written as a JSON string. Use `@precision`."},
    {"bool", "`true` or `false`."},
    {"uuid", "An RFC 9562 UUID, canonical lowercase hyphenated text on the wire."},
    {"date", "A calendar date with no time or zone: ISO 8601 `2024-05-01`."},
    {"datetime", "An instant in time: RFC 3339 with an offset; stored and returned in UTC."},
    {"duration", "An exact length of time: ISO 8601 `PT30M`, `P1DT2H` (no years or months)."},
    {"bytes", "Arbitrary binary data; base64 in JSON."},
    {"json", "Any JSON value, stored and returned as given, unvalidated."},
    {"list", "`list<T>`: an ordered list of values of type T (of records, for an entity T: a relation)."},
    {"map", "`map<string, T>`: an object from string keys to values of type T."},
}};

}  // namespace

std::span<const BuiltinType> builtin_types() { return kBuiltinTypes; }

const BuiltinType* find_builtin_type(std::string_view name) {
  const auto found = std::find_if(kBuiltinTypes.begin(), kBuiltinTypes.end(),
                                  [&](const BuiltinType& type) { return type.name == name; });
  return found == kBuiltinTypes.end() ? nullptr : &*found;
}

}  // namespace bpc::lsp
