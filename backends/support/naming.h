#pragma once

// Per-target naming and escaping: how a blueprint name becomes an identifier, and how blueprint
// text becomes a string literal or a comment, in TypeScript/JavaScript, Python and C++. Every
// piece of blueprint text a backend prints goes through one of these functions and then into the
// printer as a value (printer.h); nothing here is ever a printer template.
//
// CASING is base/casing.h's, shared with the checker and the route naming.
//
// MANGLING (`mangle`, applied after casing) makes a converted name a safe identifier of the
// target, in this order:
//   0. Every character other than an ASCII letter, digit or `_` becomes `_` (`content-type`).
//   1. Names the target reserves by their shape are normalised and marked with a trailing `_`:
//      the leading and trailing underscores are stripped (and, for C++, runs of `_` collapse to
//      one) and `_` is appended. The shapes: TypeScript, a leading `__` (`__proto__` -> `proto_`,
//      `__defineGetter__`); Python, any leading `_` (private name mangling `__x`,
//      dunders, and Pydantic treats `_x` fields as private attributes) -> `x_`; C++, a leading
//      `_` or a `__` anywhere (reserved to the implementation) -> `x_`.
//   2. An empty name (the blueprint name had no letters or digits: `_`, `__`) becomes `unnamed_`.
//   3. A name that starts with a digit gets the prefix `n` (`N` when its first letter is upper
//      case): `2fa` -> `n2fa`, `2FA` -> `N2FA`. Not `_`, which means "private" in
//      Python and is reserved at global scope in C++.
//   4. A reserved word of the target (reserved_words below) gets `_` appended: `delete` ->
//      `delete_`, `from` -> `from_`, as the language reference promises. Names on the wire (JSON
//      keys, URLs) are never mangled; a backend that needs the original writes it as a string.
// Mangling is a pure function of (name, target, kind), so the same name maps to the same identifier
// in every file of a project; the Namer adds collision resolution on top.
//
// RESERVED WORDS: the tables, of two kinds (`NameKind::Value` and `NameKind::Type`), are
// base/reserved_words.h's, shared with the checker's warnings; why each word is there is written
// in base/reserved_words.cpp and docs/backends/writing-a-backend.md (a test checks the two agree).
// A field keeps one identifier whether it is read as a property or bound as a local, so fields use
// the value list even though TypeScript would allow `obj.delete`.
//
// THE NAMER resolves a whole scope at once (the fields of one entity, the types of one module),
// which makes the result independent of the order names are asked for. Each name's candidate is
// mangle(convert(name)), where the scope's extra reserved identifiers (a backend's imports and
// helpers, such as `z` or `BaseModel`) count as reserved words. When several names share a
// candidate: the name already written exactly as the candidate keeps it (`class_` keeps `class_`
// when `class` is also present); otherwise the name that sorts first (bytewise) keeps it. The
// others, in bytewise order, get the first free numeric suffix from 2: the candidate plus `N` when
// it ends in `_`, plus `_N` otherwise (`class_2`, `user_id_2`). So `class` and `class_` become
// `class_2` and `class_`, and `userId`, `user_id` in snake_case become `user_id_2` and `user_id`.
//
// ESCAPING. Input is UTF-8 (blueprint strings are validated by the lexer); an ill-formed byte is
// replaced by U+FFFD. Every target escapes the backslash and its quote, writes `\n`, `\r`, `\t`
// for those controls, and writes every other control character (U+0000-U+001F, U+007F, the C1
// range U+0080-U+009F), the line and paragraph separators U+2028 and U+2029, and the invisible
// formatting characters that can make code read differently from what it does ("Trojan Source":
// U+061C, U+200B, U+200E, U+200F, U+202A-U+202E, U+2060-U+2064, U+2066-U+2069, U+FEFF,
// U+FFF9-U+FFFB) as escapes. Other non-ASCII text is kept as UTF-8 (Arabic, emoji, and the joiners
// U+200C/U+200D that emoji sequences and Persian need). NUL is representable in all three:
//   - TypeScript/JavaScript: `\xNN` for bytes and `\uNNNN` above (never `\0`, which becomes an
//     octal escape or an error before a digit). A template literal also escapes `` ` `` and `${`.
//   - Python: the same escapes, in a `'` or `"` string.
//   - C++: a plain narrow literal `"..."` (not `u8"..."`, whose char8_t type does not convert to
//     std::string). Controls use 3-digit octal escapes (`\000`; hex escapes would swallow a
//     following hex digit), `?` after `?` becomes `\?` so no trigraph forms, and by default every
//     non-ASCII byte is an octal escape too, so the bytes are the UTF-8 bytes whatever the
//     compiler's source and execution character sets (`CppNonAscii::Utf8` keeps them readable,
//     which needs UTF-8 source and execution character sets: GCC and Clang by default, MSVC with
//     /utf-8). Long literals are split into adjacent pieces (concatenated by the compiler) to stay
//     under MSVC's limit on one literal. A string with NUL needs its length from the literal
//     (`sizeof lit - 1`, or `std::string_view` with `operator""sv`), not from a `const char*`.
//
// DOC COMMENTS (`doc_comment`) turn a blueprint doc comment into a whole comment block. TypeScript
// and C++ get `/** ... */` (one line when the text is one line, else ` * ` per line); `*/` is
// written `*\/` and `/*` is written `/\*` (GCC's -Wcomment), control and invisible characters
// become U+FFFD, and line and paragraph separators split lines. Python gets a docstring: the text
// is escaped as in a string literal except that newlines and `"` stay, a `"` that another `"`
// follows and a `"` that ends the text are written `\"`, so the docstring's value is the text
// exactly. Lines lose trailing whitespace; leading and trailing blank lines are dropped; an empty
// doc gives an empty string, which the printer turns into no line at all.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/casing.h"
#include "base/reserved_words.h"

namespace bpc::backends {

// The languages and kinds of names of the reserved-word tables (base/reserved_words.h).
using Target = TargetLanguage;

enum class Case : std::uint8_t { AsIs, Pascal, Camel, Snake, ScreamingSnake, Kebab };

using bpc::NameKind;

using bpc::split_words;
using bpc::to_camel_case;
using bpc::to_kebab_case;
using bpc::to_pascal_case;
using bpc::to_screaming_snake_case;
using bpc::to_snake_case;

std::string to_case(std::string_view name, Case convention);  // AsIs returns the name unchanged

// The reserved words of a target for a kind of name (Type includes Value's), sorted bytewise.
using bpc::reserved_words;
bool is_reserved(std::string_view identifier, Target target, NameKind kind);

// The identifier for an already converted name (rules 1-4 above).
std::string mangle(std::string_view name, Target target, NameKind kind);
// mangle(to_case(name, convention), ...).
std::string identifier(std::string_view name, Target target, Case convention, NameKind kind);

class NamingError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// The identifiers of one project for one target. Define every scope once, with all its names,
// then look names up from any file; see the essay above for the rules.
class Namer {
 public:
  explicit Namer(Target target) : target_(target) {}

  // Defines `scope` (any string the backend chooses: "types", "fields:Patient"). `names` may hold
  // duplicates and come in any order. `reserved` lists identifiers of the backend's own that no
  // name of this scope may take (they are mangled like reserved words). Defining a scope twice
  // throws NamingError.
  void define(std::string_view scope, std::span<const std::string> names, Case convention, NameKind kind,
              std::span<const std::string_view> reserved = {});
  void define(std::string_view scope, std::initializer_list<std::string_view> names, Case convention,
              NameKind kind, std::initializer_list<std::string_view> reserved = {});

  // The identifier of `name` in `scope`; throws NamingError for an undefined scope or name.
  const std::string& get(std::string_view scope, std::string_view name) const;
  bool has_scope(std::string_view scope) const { return scopes_.find(scope) != scopes_.end(); }
  // The whole mapping of a scope, blueprint name -> identifier.
  const std::map<std::string, std::string, std::less<>>& scope(std::string_view scope) const;

  Target target() const { return target_; }

 private:
  void define_names(std::string_view scope, std::vector<std::string_view> names, Case convention,
                    NameKind kind, std::span<const std::string_view> reserved);

  // Scopes are looked up by name for every identifier (a project has one per entity and more), so
  // they are hashed; only the names within a scope are ever listed, in order.
  struct ScopeHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view scope) const { return std::hash<std::string_view>{}(scope); }
  };
  Target target_;
  std::unordered_map<std::string, std::map<std::string, std::string, std::less<>>, ScopeHash, std::equal_to<>> scopes_;
};

// String literals, quotes included.
enum class Quote : std::uint8_t { Single, Double, Backtick };
enum class CppNonAscii : std::uint8_t { Escape, Utf8 };

std::string typescript_string(std::string_view text, Quote quote = Quote::Single);
// Quote::Backtick is not a Python quote; it throws std::invalid_argument.
std::string python_string(std::string_view text, Quote quote = Quote::Double);
// One literal however long: g++ and clang++ set no limit (MSVC's 16 KB per piece does not
// matter to the POSIX-only projects), and libFormat puts adjacent literals on lines of their own,
// wherever the literal is.
std::string cpp_string(std::string_view text, CppNonAscii non_ascii = CppNonAscii::Escape);
// The literal for `target` in its usual quote: '...' for TypeScript, "..." for Python and C++.
std::string string_literal(std::string_view text, Target target);

// A whole doc comment block for `text` (see above), without a trailing newline; empty for a
// blank text.
std::string doc_comment(std::string_view text, Target target);

}  // namespace bpc::backends
