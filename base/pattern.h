#pragma once

// The regular expressions of `@pattern` (and of the well-known formats, ir/formats.h): one dialect
// that every target reads the same way, a validator for it, its spelling for each target's
// engine, and a linear-time matcher for the compiler's own use.
//
// THE DIALECT is I-Regexp (RFC 9485), the interoperable regular expressions of JSON Schema,
// without its Unicode property escapes and with anchors and a few ASCII shorthands added:
//
//   - a pattern is a sequence of code points; it is searched for anywhere in the string (as
//     JSON Schema's `pattern` is), so `^` and `$` anchor it;
//   - `^` matches only at the start of the string, `$` only at its very end (never before a
//     final line feed, as Python's `$` would); neither can be repeated;
//   - `.` matches any code point except line feed and carriage return;
//   - `\d` is `[0-9]`, `\w` is `[0-9A-Za-z_]`, `\s` is `[\t\n\v\f\r ]` (ASCII only, whatever
//     the engine's default), and `\D \W \S` their complements; inside a class only `\d \w \s`;
//   - escapes: `\n \r \t` and a backslash before one of `( ) * + - . ? [ \ ] ^ { | } $ /`;
//   - character classes `[...]` and `[^...]` with ranges `a-z` (in order) whose ends are
//     characters or escapes; `-` is a literal only first or last; `[` inside a class is written
//     `\[`; a class is never empty;
//   - groups `(...)` and `(?:...)`, nested at most kMaxPatternGroupDepth deep; alternation `|`
//     (empty alternatives allowed);
//   - greedy quantifiers `* + ? {m} {m,} {m,n}` with m <= n <= kMaxPatternRepeat, after a
//     character, class, escape or group.
//
// Everything else is rejected with the construct and its place: lazy (`*?`) and possessive
// (`*+`) quantifiers, backreferences (`\1`, `\k<n>`), lookahead and lookbehind, named groups,
// inline flags, atomic groups, `\b \B \A \z \Z \G`, `\p{...}` (Python's `re` lacks it), `\x41`
// and `\u0041` (write the character itself), POSIX classes `[[:alpha:]]`, `\0`, unknown escapes
// and escapes of characters that need none (JavaScript's `u` mode rejects `\@`), and unescaped
// `]`, `{`, `}`.
//
// Engines disagree on `.`, `$`, `\d`, `\w`, `\s` and on which escapes exist, so a pattern is not
// handed to them as written: `translate_pattern` spells it for one engine so that it matches
// exactly the strings the dialect says (RFC 9485 section 5 does the same for `.`). The IR keeps
// the pattern as written; backends translate when they emit.
//
// Validation is one left-to-right pass with a depth counter (no recursion); matching uses RE2,
// whose time is linear in the text, so no pattern and no string can make the compiler hang or
// overflow its stack. RE2 is confined to pattern.cpp.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bpc::base {

// Deepest nesting of groups in a pattern.
inline constexpr int kMaxPatternGroupDepth = 32;
// Largest count in a `{m,n}` quantifier (RE2's own limit).
inline constexpr std::uint32_t kMaxPatternRepeat = 1000;

// Where a pattern leaves the dialect: the byte range of the construct in the pattern, and a
// message that names it and its position ("lookahead `(?=` at character 2 is not ...").
struct PatternError {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string message;
};

// Checks that `pattern` (UTF-8) is in the dialect; nullopt when it is.
std::optional<PatternError> check_pattern(std::string_view pattern);

// The regular-expression engines the dialect is translated for.
enum class PatternEngine : std::uint8_t {
  Re2,         // RE2 in UTF-8 mode (the compiler, C++ targets)
  EcmaScript,  // JavaScript `new RegExp(p, 'u')`, and JSON Schema / OpenAPI `pattern`
  Python,      // Python's `re` on str, no flags
};

// `pattern`, which check_pattern accepts, spelled for `engine` so that it matches exactly the
// strings the dialect says. Patterns outside the dialect come back unchanged.
std::string translate_pattern(std::string_view pattern, PatternEngine engine);

// A pattern compiled for matching (RE2; linear time in the text). Compile once, match often;
// matching is safe from several threads at once.
class Pattern {
 public:
  // Compiles a pattern that check_pattern accepts; when it cannot (RE2's size limits), ok() is
  // false and error() says why. A pattern outside the dialect is not compiled either.
  explicit Pattern(std::string_view pattern);
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  bool ok() const { return impl_ != nullptr; }
  const std::string& error() const { return error_; }
  // Whether the pattern matches somewhere in `text` (false when !ok()).
  bool search(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

// The number of Unicode code points in UTF-8 text: the length JSON Schema's `minLength` and
// `maxLength` measure (it counts the bytes that are not continuation bytes).
std::size_t code_point_count(std::string_view utf8);

}  // namespace bpc::base
