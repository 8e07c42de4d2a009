#include "backends/output/user_regions.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

namespace bpc::backends {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  return text;
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

enum class MarkerKind { None, Begin, End, Malformed };

struct Marker {
  MarkerKind kind = MarkerKind::None;
  std::string_view key;
  std::string message;  // for Malformed
};

// Classifies one line (without its newline).
Marker parse_marker(std::string_view line, const CommentSyntax& syntax) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view rest = trim_left(line);
  if (syntax.prefix.empty() || !rest.starts_with(syntax.prefix)) return {};
  rest = trim_left(rest.substr(syntax.prefix.size()));
  MarkerKind kind;
  std::string_view word;
  if (rest.starts_with(kBeginUserCode)) {
    kind = MarkerKind::Begin;
    word = kBeginUserCode;
  } else if (rest.starts_with(kEndUserCode)) {
    kind = MarkerKind::End;
    word = kEndUserCode;
  } else {
    return {};
  }
  rest = trim_right(rest.substr(word.size()));
  if (!syntax.suffix.empty()) {
    if (!rest.ends_with(syntax.suffix)) {
      return {MarkerKind::Malformed, {},
              fmt::format("`{}` marker does not end with `{}`", word, syntax.suffix)};
    }
    rest = trim_right(rest.substr(0, rest.size() - syntax.suffix.size()));
  }
  if (rest.empty()) {
    return {MarkerKind::Malformed, {}, fmt::format("`{}` marker has no key", word)};
  }
  if (!is_blank(rest.front())) {
    return {MarkerKind::Malformed, {},
            fmt::format("`{}` must be followed by a space and the key", word)};
  }
  rest = trim_left(rest);
  if (auto space = rest.find_first_of(" \t"); space != std::string_view::npos) {
    return {MarkerKind::Malformed, {},
            fmt::format("unexpected text `{}` after the key of a `{}` marker",
                        trim_left(rest.substr(space)), word)};
  }
  if (!is_valid_region_key(rest)) {
    return {MarkerKind::Malformed, {},
            fmt::format("invalid user-code key `{}` (keys use A-Z a-z 0-9 _ . : / # -)", rest)};
  }
  return {kind, rest, {}};
}

// A region with the byte range of its content.
struct Span {
  std::string key;
  std::size_t content_begin = 0;
  std::size_t content_end = 0;
  std::uint32_t begin_line = 0;
  std::uint32_t end_line = 0;
};

struct Scan {
  std::vector<Span> spans;
  std::vector<RegionProblem> problems;
};

Scan scan(std::string_view text, const CommentSyntax& syntax) {
  Scan result;
  struct Open {
    std::string key;
    std::size_t content_begin;
    std::uint32_t line;
    bool keep;  // false for a duplicate key: matched, not recorded
  };
  std::optional<Open> open;
  std::unordered_map<std::string, std::uint32_t> seen;  // key -> line of its begin
  std::uint32_t line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    ++line_number;
    std::size_t newline = text.find('\n', pos);
    std::size_t line_end = newline == std::string_view::npos ? text.size() : newline;
    std::size_t next = newline == std::string_view::npos ? text.size() : newline + 1;
    Marker marker = parse_marker(text.substr(pos, line_end - pos), syntax);
    switch (marker.kind) {
      case MarkerKind::None:
        break;
      case MarkerKind::Malformed:
        result.problems.push_back({line_number, std::move(marker.message)});
        break;
      case MarkerKind::Begin: {
        std::string key(marker.key);
        if (open) {
          result.problems.push_back(
              {line_number, fmt::format("user-code region `{}` begins inside region `{}` opened "
                                        "on line {}; regions cannot nest",
                                        key, open->key, open->line)});
          break;
        }
        bool keep = true;
        if (auto it = seen.find(key); it != seen.end()) {
          result.problems.push_back(
              {line_number, fmt::format("duplicate user-code key `{}` (first region on line {})",
                                        key, it->second)});
          keep = false;
        } else {
          seen.emplace(key, line_number);
        }
        open = Open{std::move(key), next, line_number, keep};
        break;
      }
      case MarkerKind::End:
        if (!open) {
          result.problems.push_back(
              {line_number,
               fmt::format("end of user-code region `{}` without a matching begin", marker.key)});
        } else if (marker.key != open->key) {
          result.problems.push_back(
              {line_number, fmt::format("end of user-code region `{}` does not match the region "
                                        "`{}` opened on line {}",
                                        marker.key, open->key, open->line)});
          open.reset();
        } else {
          if (open->keep) {
            result.spans.push_back(
                {std::move(open->key), open->content_begin, pos, open->line, line_number});
          }
          open.reset();
        }
        break;
    }
    pos = next;
  }
  if (open) {
    result.problems.push_back(
        {open->line, fmt::format("user-code region `{}` is never closed (no `{} {}` line)",
                                 open->key, kEndUserCode, open->key)});
  }
  return result;
}

std::string marker(const CommentSyntax& syntax, std::string_view word, std::string_view key) {
  std::string out = fmt::format("{} {} {}", syntax.prefix, word, key);
  if (!syntax.suffix.empty()) {
    out += ' ';
    out += syntax.suffix;
  }
  return out;
}

}  // namespace

std::optional<CommentSyntax> comment_syntax_for_path(std::string_view path) {
  std::string_view name = path.substr(path.rfind('/') == std::string_view::npos
                                          ? 0
                                          : path.rfind('/') + 1);
  std::string lower = ascii_lower(name);
  if (lower == "dockerfile" || lower == "makefile" || lower.starts_with(".env") ||
      lower == ".gitignore" || lower == ".dockerignore" || lower == ".npmignore" ||
      lower == ".editorconfig") {
    return CommentSyntax::line("#");
  }
  auto dot = lower.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string_view ext = std::string_view(lower).substr(dot + 1);
  static const std::unordered_set<std::string_view> slashes = {
      "ts",  "tsx", "mts", "cts", "js", "jsx",   "mjs",   "cjs", "c",  "h",   "cc",
      "cpp", "cxx", "hh",  "hpp", "hxx", "ipp", "java", "kt",  "kts", "go", "rs",
      "cs",  "swift", "scala", "dart", "proto", "jsonc", "json5", "gradle", "groovy", "php"};
  static const std::unordered_set<std::string_view> hashes = {
      "py", "pyi", "sh", "bash", "zsh", "rb", "yaml", "yml", "toml", "cfg", "ini", "conf",
      "cmake", "txt", "r", "pl", "mk", "properties", "tf", "dockerignore", "gitignore", "env"};
  static const std::unordered_set<std::string_view> dashes = {"sql", "lua", "hs", "elm"};
  static const std::unordered_set<std::string_view> angle = {"html", "htm", "xml", "svg",
                                                             "md",   "vue", "xhtml"};
  if (slashes.contains(ext)) return CommentSyntax::line("//");
  if (hashes.contains(ext)) {
    // CMakeLists.txt and requirements.txt take `#`; other .txt files have no comments.
    if (ext == "txt" && lower != "cmakelists.txt" && !lower.starts_with("requirements")) {
      return std::nullopt;
    }
    return CommentSyntax::line("#");
  }
  if (dashes.contains(ext)) return CommentSyntax::line("--");
  if (angle.contains(ext)) return CommentSyntax::block("<!--", "-->");
  if (ext == "css" || ext == "scss" || ext == "less") return CommentSyntax::block("/*", "*/");
  return std::nullopt;
}

bool is_valid_region_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  auto word_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (!word_char(key.front())) return false;
  return std::all_of(key.begin(), key.end(), [&](char c) {
    return word_char(c) || c == '.' || c == ':' || c == '/' || c == '#' || c == '-';
  });
}

std::string begin_marker(const CommentSyntax& syntax, std::string_view key) {
  return marker(syntax, kBeginUserCode, key);
}

std::string end_marker(const CommentSyntax& syntax, std::string_view key) {
  return marker(syntax, kEndUserCode, key);
}

const UserRegion* RegionScan::find(std::string_view key) const {
  for (const UserRegion& region : regions) {
    if (region.key == key) return &region;
  }
  return nullptr;
}

RegionScan extract_user_regions(std::string_view text, const CommentSyntax& syntax) {
  Scan found = scan(text, syntax);
  RegionScan result;
  result.regions.reserve(found.spans.size());
  for (Span& span : found.spans) {
    result.regions.push_back(
        {std::move(span.key),
         std::string(text.substr(span.content_begin, span.content_end - span.content_begin)),
         span.begin_line, span.end_line});
  }
  result.problems = std::move(found.problems);
  return result;
}

std::optional<std::string> blank_user_regions(std::string_view text,
                                              const CommentSyntax& syntax) {
  Scan found = scan(text, syntax);
  if (!found.problems.empty()) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const Span& span : found.spans) {
    out.append(text.substr(pos, span.content_begin - pos));
    pos = span.content_end;
  }
  out.append(text.substr(pos));
  return out;
}

MergeResult merge_user_regions(std::string_view fresh, std::span<const UserRegion> old_regions,
                               const CommentSyntax& syntax) {
  MergeResult result;
  Scan found = scan(fresh, syntax);
  if (!found.problems.empty()) {
    result.text = std::string(fresh);
    result.problems = std::move(found.problems);
    return result;
  }
  std::unordered_map<std::string_view, const UserRegion*> old_by_key;
  for (const UserRegion& region : old_regions) {
    if (!old_by_key.emplace(region.key, &region).second) result.orphaned.push_back(region);
  }
  std::unordered_set<std::string_view> fresh_keys;
  std::size_t pos = 0;
  for (const Span& span : found.spans) {
    fresh_keys.insert(span.key);
    result.text.append(fresh.substr(pos, span.content_begin - pos));
    if (auto it = old_by_key.find(span.key); it != old_by_key.end()) {
      result.text.append(it->second->content);
      result.restored.push_back(span.key);
    } else {
      result.text.append(fresh.substr(span.content_begin, span.content_end - span.content_begin));
    }
    pos = span.content_end;
  }
  result.text.append(fresh.substr(pos));
  std::vector<UserRegion> orphans;
  for (const UserRegion& region : old_regions) {
    auto it = old_by_key.find(region.key);
    if (it->second == &region && !fresh_keys.contains(region.key)) orphans.push_back(region);
  }
  orphans.insert(orphans.end(), std::make_move_iterator(result.orphaned.begin()),
                 std::make_move_iterator(result.orphaned.end()));
  result.orphaned = std::move(orphans);
  // Restored content came from well-formed regions, but under another comment syntax it could
  // hold what reads as markers here; check the result rather than trust it.
  if (!result.restored.empty()) {
    Scan check = scan(result.text, syntax);
    if (!check.problems.empty()) {
      for (RegionProblem& problem : check.problems) {
        problem.message = "after restoring user code: " + problem.message;
      }
      result.problems = std::move(check.problems);
    }
  }
  return result;
}

}  // namespace bpc::backends
