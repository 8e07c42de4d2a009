#pragma once

// User-code regions: marked blocks in generated files whose content survives regeneration.
//
// A generated file may contain blocks the user owns, such as the body of a custom operation. Each
// block sits between two marker lines written in the file's own comment syntax:
//
//     // bpc:begin-user-code Clinic.Patient.bookVisit
//     ...the user's code; bpc keeps it...
//     // bpc:end-user-code Clinic.Patient.bookVisit
//
// The KEY names the declaration the block belongs to, not a position in a file, so the block
// follows its declaration when the generated code around it (or the file it lives in) changes.
// Keys are unique in a whole generated project (OutputDirectory enforces it).
//
// A marker line is: optional indentation, the comment opener (`//`, `#`, `--`, `/*`, `<!--`),
// optional spaces, `bpc:begin-user-code` or `bpc:end-user-code`, one or more spaces, the key,
// then, for block comments, the closer (`*/`, `-->`), and nothing else but trailing spaces (a
// `\r` before the newline is allowed). A line that does not start with the opener followed by the
// marker word is ordinary text, so the words may appear in strings or prose. A line that does but
// is otherwise malformed (no key, bad key characters, text after the key) is reported.
//
// A region's content is the exact bytes between its marker lines: the lines after the begin
// marker up to and including the newline before the end marker. Markers cannot nest; every
// begin needs the end with the same key; a key appears at most once per file.
//
// Regeneration (`merge_user_regions`) takes the freshly generated text, with empty or default
// content in its regions, and puts back the content the regions had in the old file, by key; an
// old region whose content is empty is restored as empty (the user's choice wins over the
// generator's default). Old regions whose key is not in the fresh text are returned as orphans,
// never silently dropped; the writer saves them next to the file (see writer.h).
//
// "Blanking" a text empties every region (markers stay). The writer hashes blanked texts to tell
// a user's edits inside regions (allowed) from edits outside them (a conflict).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bpc::backends {

// How comments are written in a file: `prefix` opens a comment, `suffix` closes it (empty for
// line comments).
struct CommentSyntax {
  std::string prefix;
  std::string suffix;

  static CommentSyntax line(std::string prefix) { return {std::move(prefix), ""}; }
  static CommentSyntax block(std::string open, std::string close) {
    return {std::move(open), std::move(close)};
  }
  friend bool operator==(const CommentSyntax&, const CommentSyntax&) = default;
};

// The comment syntax that suits a file, from its name: `//` for TypeScript, JavaScript, C, C++,
// Java, Go, Rust...; `#` for Python, shell, YAML, TOML, Dockerfile, Makefile...; `--` for SQL;
// `<!-- -->` for HTML, XML and Markdown; `/* */` for CSS. nullopt for formats without comments
// (JSON) or unknown extensions.
std::optional<CommentSyntax> comment_syntax_for_path(std::string_view path);

inline constexpr std::string_view kBeginUserCode = "bpc:begin-user-code";
inline constexpr std::string_view kEndUserCode = "bpc:end-user-code";

// Keys are 1 to 200 characters from [A-Za-z0-9_.:/#-], starting with a letter, digit or `_`.
bool is_valid_region_key(std::string_view key);

// The marker lines for a key, without indentation or newline: "// bpc:begin-user-code KEY",
// "<!-- bpc:end-user-code KEY -->". The key must be valid.
std::string begin_marker(const CommentSyntax& syntax, std::string_view key);
std::string end_marker(const CommentSyntax& syntax, std::string_view key);

struct UserRegion {
  std::string key;
  std::string content;           // the bytes between the marker lines
  std::uint32_t begin_line = 0;  // 1-based line of the begin marker
  std::uint32_t end_line = 0;    // 1-based line of the end marker
};

struct RegionProblem {
  std::uint32_t line = 0;  // 1-based
  std::string message;
};

struct RegionScan {
  std::vector<UserRegion> regions;  // in file order
  std::vector<RegionProblem> problems;

  bool ok() const { return problems.empty(); }
  const UserRegion* find(std::string_view key) const;
};

// The regions of a text, and every malformed marker: unterminated or unopened regions, a begin
// inside an open region (nesting), an end whose key differs from its begin, a duplicate key, and
// marker lines without a valid key. When there are problems, `regions` holds the well-formed
// regions found before and around them, for reporting only.
RegionScan extract_user_regions(std::string_view text, const CommentSyntax& syntax);

// The text with every region emptied, or nullopt when its markers are malformed.
std::optional<std::string> blank_user_regions(std::string_view text, const CommentSyntax& syntax);

struct MergeResult {
  std::string text;                     // the fresh text with the old contents put back
  std::vector<std::string> restored;    // keys whose old content was put back, in file order
  std::vector<UserRegion> orphaned;     // old regions whose key the fresh text does not have
  std::vector<RegionProblem> problems;  // malformed markers in the fresh text

  bool ok() const { return problems.empty(); }
};

// Puts the content of `old_regions` back into the regions of `fresh` with the same keys. The
// fresh text must have well-formed markers; otherwise `problems` says why and `text` is `fresh`
// unchanged. Keys in `old_regions` should be unique; for a repeated key the first one wins and
// the others are orphaned.
MergeResult merge_user_regions(std::string_view fresh, std::span<const UserRegion> old_regions,
                               const CommentSyntax& syntax);

}  // namespace bpc::backends
