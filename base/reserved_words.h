#pragma once

// The reserved words of each target language, one table per language, shared by the checker
// (which warns about blueprint names that a target will have to mangle, for the targets a
// blueprint or a command selects) and the backends (which mangle them, backends/support/naming.h).
//
// Two kinds: `NameKind::Value` covers everything that is not a type name (variables, parameters,
// functions, fields and properties, enum members, modules); `NameKind::Type` covers classes,
// interfaces, type aliases and enums and adds the names that break as a type name or would shadow
// a global type the generated code relies on. Why each word is there is written beside it in
// reserved_words.cpp, and docs/backends/writing-a-backend.md repeats the lists (a test keeps the
// two in step).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace bpc {

// TypeScript also covers JavaScript: the rules are those of the stricter of the two.
enum class TargetLanguage : std::uint8_t { TypeScript, Python, Cpp };
inline constexpr int kTargetLanguageCount = 3;

enum class NameKind : std::uint8_t { Value, Type };

// "TypeScript", "Python", "C++".
std::string_view language_name(TargetLanguage language);
// The language a `target NAME` generates code in: `typescript`, `python`, `cpp`; nullopt for
// targets that generate no identifiers (`openapi`, `jsonschema`).
std::optional<TargetLanguage> language_of_target(std::string_view target);

// Sorted, without duplicates; the Type list includes the Value list.
std::span<const std::string_view> reserved_words(TargetLanguage language, NameKind kind);
bool is_reserved_word(std::string_view word, TargetLanguage language, NameKind kind);

}  // namespace bpc
