#include "base/pattern.h"

#include <re2/re2.h>

#include <vector>

#include <fmt/format.h>

namespace bpc::base {

namespace {

// Characters a backslash may escape besides `n r t` and the shorthands: I-Regexp's
// SingleCharEsc, plus `$` (an anchor here, so it needs an escape) and `/`.
bool escapable(char c) {
  return std::string_view("()*+-.?[\\]^{|}$/").find(c) != std::string_view::npos;
}

bool shorthand(char c) { return std::string_view("dDwWsS").find(c) != std::string_view::npos; }

// Bytes of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  return 1;
}

// The code point at `i` (U+FFFD for a malformed sequence) and its length in bytes.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = sequence_length(lead);
  if (i + length > text.size()) return {U'\uFFFD', 1};
  if (length == 1) return {lead < 0x80 ? char32_t(lead) : U'\uFFFD', 1};
  char32_t value = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[i + k]);
    if ((byte & 0xC0) != 0x80) return {U'\uFFFD', 1};
    value = (value << 6) | (byte & 0x3F);
  }
  return {value, length};
}

class Checker {
 public:
  explicit Checker(std::string_view pattern) : p_(pattern) {}

  std::optional<PatternError> run() {
    Last last = Last::Nothing;
    std::vector<std::size_t> groups;  // where each open group starts
    std::size_t i = 0;
    while (i < p_.size()) {
      const char c = p_[i];
      switch (c) {
        case '(': {
          if (p_.substr(i, 3) == "(?:") {
            groups.push_back(i);
            i += 3;
          } else if (p_.substr(i, 2) == "(?") {
            return group_extension(i);
          } else {
            groups.push_back(i);
            i += 1;
          }
          if (groups.size() > static_cast<std::size_t>(kMaxPatternGroupDepth)) {
            return error(groups.back(), groups.back() + 1,
                         fmt::format("groups are nested deeper than {} levels at character {}",
                                     kMaxPatternGroupDepth, position(groups.back())));
          }
          last = Last::Nothing;
          break;
        }
        case ')':
          if (groups.empty()) {
            return error(i, i + 1, fmt::format("unmatched `)` at character {}; write `\\)` for a literal parenthesis",
                                               position(i)));
          }
          groups.pop_back();
          ++i;
          last = Last::Repeatable;
          break;
        case '|':
          ++i;
          last = Last::Nothing;
          break;
        case '*':
        case '+':
        case '?':
        case '{': {
          const std::size_t start = i;
          if (c == '{') {
            if (auto problem = range_quantifier(i)) return problem;
          } else {
            ++i;
          }
          if (auto problem = repeatable(last, start, i)) return problem;
          last = Last::Quantifier;
          break;
        }
        case '}':
        case ']':
          return error(i, i + 1, fmt::format("unescaped `{0}` at character {1}; write `\\{0}` for a literal `{0}`", c,
                                             position(i)));
        case '^':
        case '$':
          ++i;
          last = Last::Anchor;
          break;
        case '[':
          if (auto problem = character_class(i)) return problem;
          last = Last::Repeatable;
          break;
        case '\\':
          if (auto problem = escape(i, false, nullptr)) return problem;
          last = Last::Repeatable;
          break;
        default:
          i += decode(p_, i).second;
          last = Last::Repeatable;
          break;
      }
    }
    if (!groups.empty()) {
      return error(groups.back(), groups.back() + 1,
                   fmt::format("the group opened at character {} is never closed", position(groups.back())));
    }
    return std::nullopt;
  }

 private:
  // What the previous item was, for the quantifier that may follow it.
  enum class Last { Nothing, Repeatable, Anchor, Quantifier };

  // 1-based position of byte `i` in code points, for messages.
  std::size_t position(std::size_t i) const {
    std::size_t count = 1;
    for (std::size_t k = 0; k < i && k < p_.size(); ++k) {
      if ((static_cast<unsigned char>(p_[k]) & 0xC0) != 0x80) ++count;
    }
    return count;
  }

  std::optional<PatternError> error(std::size_t begin, std::size_t end, std::string message) const {
    return PatternError{begin, std::min(end, p_.size()), std::move(message)};
  }

  std::string_view text(std::size_t begin, std::size_t end) const { return p_.substr(begin, end - begin); }

  // `(?` followed by anything but `:`.
  std::optional<PatternError> group_extension(std::size_t i) const {
    struct Form {
      std::string_view prefix;
      std::string_view what;
    };
    static constexpr Form kForms[] = {
        {"(?<=", "lookbehind"}, {"(?<!", "negative lookbehind"}, {"(?=", "lookahead"},
        {"(?!", "negative lookahead"}, {"(?P<", "named group"}, {"(?P=", "named backreference"},
        {"(?P>", "named subroutine call"}, {"(?<", "named group"}, {"(?'", "named group"},
        {"(?>", "atomic group"}, {"(?#", "comment group"}, {"(?|", "branch reset group"},
        {"(?R", "recursion"}, {"(?(", "conditional group"},
    };
    for (const Form& form : kForms) {
      if (p_.substr(i, form.prefix.size()) == form.prefix) {
        return error(i, i + form.prefix.size(),
                     fmt::format("{} `{}` at character {} is not in the pattern dialect", form.what, form.prefix,
                                 position(i)));
      }
    }
    const std::size_t end = std::min(p_.size(), i + 3);
    return error(i, end,
                 fmt::format("inline flags or group extension `{}` at character {} are not in the pattern dialect; "
                             "only `(...)` and `(?:...)` groups are",
                             text(i, end), position(i)));
  }

  // A quantifier may follow a character, class, escape or group, once.
  std::optional<PatternError> repeatable(Last last, std::size_t start, std::size_t end) const {
    const std::string_view quantifier = text(start, end);
    if (last == Last::Quantifier) {
      if (quantifier == "?") {
        return error(start, end, fmt::format("lazy quantifier (`?` after a quantifier) at character {} is not in "
                                             "the pattern dialect; quantifiers are greedy",
                                             position(start)));
      }
      if (quantifier == "+") {
        return error(start, end, fmt::format("possessive quantifier (`+` after a quantifier) at character {} is not "
                                             "in the pattern dialect",
                                             position(start)));
      }
      return error(start, end, fmt::format("quantifier `{}` at character {} follows another quantifier; group the "
                                           "repeated part first: `(?:a*){{2}}`",
                                           quantifier, position(start)));
    }
    if (last == Last::Anchor) {
      return error(start, end, fmt::format("quantifier `{}` at character {} repeats an anchor (`^` or `$`), which "
                                           "cannot be repeated",
                                           quantifier, position(start)));
    }
    if (last == Last::Nothing) {
      return error(start, end, fmt::format("quantifier `{}` at character {} has nothing to repeat; write `\\{}` for "
                                           "a literal `{}`",
                                           quantifier, position(start), quantifier.substr(0, 1),
                                           quantifier.substr(0, 1)));
    }
    return std::nullopt;
  }

  // `{m}`, `{m,}` or `{m,n}` at `i`; advances past it.
  std::optional<PatternError> range_quantifier(std::size_t& i) const {
    const std::size_t start = i;
    const auto malformed = [&](std::size_t end) {
      return error(start, end, fmt::format("`{{` at character {} does not start a quantifier `{{m}}`, `{{m,}}` or "
                                           "`{{m,n}}`; write `\\{{` for a literal brace",
                                           position(start)));
    };
    std::size_t k = i + 1;
    const auto number = [&](std::uint64_t& value) {
      const std::size_t first = k;
      value = 0;
      while (k < p_.size() && p_[k] >= '0' && p_[k] <= '9') {
        if (value <= kMaxPatternRepeat) value = value * 10 + static_cast<std::uint64_t>(p_[k] - '0');
        ++k;
      }
      return k > first;
    };
    std::uint64_t low = 0;
    std::uint64_t high = 0;
    bool bounded = true;
    if (!number(low)) return malformed(k);
    high = low;
    if (k < p_.size() && p_[k] == ',') {
      ++k;
      bounded = number(high);
    }
    if (k >= p_.size() || p_[k] != '}') return malformed(k);
    ++k;
    if (low > kMaxPatternRepeat || (bounded && high > kMaxPatternRepeat)) {
      return error(start, k, fmt::format("quantifier `{}` at character {} counts past {}, the largest count the "
                                         "pattern dialect allows",
                                         text(start, k), position(start), kMaxPatternRepeat));
    }
    if (bounded && low > high) {
      return error(start, k, fmt::format("quantifier `{}` at character {} has its bounds out of order",
                                         text(start, k), position(start)));
    }
    i = k;
    return std::nullopt;
  }

  // A backslash escape at `i` (outside a class, or inside one when `in_class`); advances past
  // it. `single` receives whether it stands for one character (so it can end a range).
  std::optional<PatternError> escape(std::size_t& i, bool in_class, bool* single) {
    const std::size_t start = i;
    if (i + 1 >= p_.size()) {
      return error(start, start + 1, fmt::format("the pattern ends with a lone `\\` at character {}", position(start)));
    }
    const auto [value, length] = decode(p_, i + 1);
    const std::size_t end = i + 1 + length;
    const std::string_view written = text(start, end);
    const auto not_in_dialect = [&](std::string_view what, std::string_view advice) {
      return error(start, end, fmt::format("{} `{}` at character {} is not in the pattern dialect{}", what, written,
                                           position(start), advice));
    };
    if (single != nullptr) *single = true;
    if (value < 0x80) {
      const char e = static_cast<char>(value);
      if (escapable(e) || e == 'n' || e == 'r' || e == 't') {
        i = end;
        return std::nullopt;
      }
      if (shorthand(e)) {
        if (in_class && (e == 'D' || e == 'W' || e == 'S')) {
          return not_in_dialect("the complement class", " inside a class; write a negated class instead, such as "
                                                        "`[^0-9]` for `[\\D]`");
        }
        if (single != nullptr) *single = false;
        i = end;
        return std::nullopt;
      }
      if (e >= '1' && e <= '9') return not_in_dialect("backreference", "");
      if (e == '0') return not_in_dialect("NUL or octal escape", "; write the character itself");
      if (e == 'k') return not_in_dialect("named backreference", "");
      if (e == 'b' || e == 'B') return not_in_dialect("word boundary", "");
      if (e == 'A') return not_in_dialect("anchor", "; write `^`");
      if (e == 'z' || e == 'Z') return not_in_dialect("anchor", "; write `$`, which matches only at the very end");
      if (e == 'G') return not_in_dialect("anchor", "");
      if (e == 'p' || e == 'P') {
        return not_in_dialect("Unicode property escape", " (Python's `re` has none); write the characters as a class");
      }
      if (e == 'x' || e == 'u' || e == 'U' || e == 'N' || e == 'o') {
        return not_in_dialect("code escape", "; write the character itself (a blueprint string can hold any "
                                             "character as `\\u{...}`)");
      }
      if (e == 'c') return not_in_dialect("control escape", "; write the character itself");
      if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z')) return not_in_dialect("unknown escape", "");
    }
    return error(start, end,
                 fmt::format("escape `{}` at character {} is not in the pattern dialect: only `( ) * + - . ? [ \\ ] "
                             "^ {{ | }} $ /` are escaped; write the character without `\\`",
                             written, position(start)));
  }

  // A character class at `i` (the `[`); advances past its `]`.
  std::optional<PatternError> character_class(std::size_t& i) {
    const std::size_t open = i;
    ++i;
    if (i < p_.size() && p_[i] == '^') ++i;
    if (i < p_.size() && p_[i] == ']') {
      return error(open, i + 1, fmt::format("empty character class `{}` at character {}; write `\\]` for a "
                                            "literal `]`",
                                            text(open, i + 1), position(open)));
    }
    const std::size_t first = i;
    while (true) {
      if (i >= p_.size()) {
        return error(open, open + 1, fmt::format("the character class opened at character {} is never closed",
                                                 position(open)));
      }
      if (p_[i] == ']') {
        ++i;
        return std::nullopt;
      }
      // One member: a character, an escape, or a range of two.
      const std::size_t start = i;
      char32_t low = 0;
      bool single = true;
      if (auto problem = class_atom(i, first, low, single)) return problem;
      if (i + 1 < p_.size() && p_[i] == '-' && p_[i + 1] != ']') {
        const std::size_t dash = i;
        if (!single) {
          return error(start, dash + 1, fmt::format("range at character {} starts with a class escape `{}`; a "
                                                    "range runs between two characters",
                                                    position(start), text(start, dash)));
        }
        i = dash + 1;
        char32_t high = 0;
        bool high_single = true;
        if (p_[i] == '-') {
          return error(i, i + 1, fmt::format("`-` at character {} must be escaped as `\\-` to end a range",
                                             position(i)));
        }
        if (auto problem = class_atom(i, first, high, high_single)) return problem;
        if (!high_single) {
          return error(start, i, fmt::format("range `{}` at character {} ends with a class escape; a range runs "
                                             "between two characters",
                                             text(start, i), position(start)));
        }
        if (high < low) {
          return error(start, i, fmt::format("range `{}` at character {} is out of order", text(start, i),
                                             position(start)));
        }
      }
    }
  }

  // One character of a class (a literal, an escape) at `i`, which it advances past; `value` is
  // its code point when it stands for one character (`single`).
  std::optional<PatternError> class_atom(std::size_t& i, std::size_t first, char32_t& value, bool& single) {
    const std::size_t start = i;
    const char c = p_[i];
    if (c == '\\') {
      if (auto problem = escape(i, true, &single)) return problem;
      if (single) {
        const char e = p_[start + 1];
        value = e == 'n' ? U'\n' : e == 'r' ? U'\r' : e == 't' ? U'\t' : char32_t(static_cast<unsigned char>(e));
      }
      return std::nullopt;
    }
    if (c == '[') {
      const bool posix = i + 1 < p_.size() && (p_[i + 1] == ':' || p_[i + 1] == '=' || p_[i + 1] == '.');
      if (posix) {
        const std::size_t close = p_.find(']', i + 2);
        const std::size_t end = close == std::string_view::npos ? i + 2 : close + 1;
        return error(start, end, fmt::format("POSIX class `{}` at character {} is not in the pattern dialect; write "
                                             "the characters, such as `A-Za-z`",
                                             text(start, end), position(start)));
      }
      return error(start, start + 1, fmt::format("`[` at character {} inside a class must be escaped as `\\[`",
                                                 position(start)));
    }
    if (c == '-' && i != first && !(i + 1 < p_.size() && p_[i + 1] == ']')) {
      return error(start, start + 1, fmt::format("`-` at character {} must be first or last in a class, start a "
                                                 "range, or be escaped as `\\-`",
                                                 position(start)));
    }
    const auto [code_point, length] = decode(p_, i);
    value = code_point;
    single = true;
    i += length;
    return std::nullopt;
  }

  std::string_view p_;
};

// How each engine writes the shorthands, outside a class and inside one.
std::string shorthand_text(char e, PatternEngine engine, bool in_class) {
  if (engine == PatternEngine::EcmaScript && e != 's' && e != 'S') {
    // JavaScript's `\d \w` and their complements are ASCII, as the dialect's are.
    return std::string("\\") + e;
  }
  std::string_view members;
  switch (e) {
    case 'd': case 'D': members = "0-9"; break;
    case 'w': case 'W': members = "0-9A-Za-z_"; break;
    default: members = "\\t\\n\\v\\f\\r "; break;
  }
  if (in_class) return std::string(members);  // only `\d \w \s` occur in classes
  const bool complement = e == 'D' || e == 'W' || e == 'S';
  return fmt::format("[{}{}]", complement ? "^" : "", members);
}

}  // namespace

std::optional<PatternError> check_pattern(std::string_view pattern) { return Checker(pattern).run(); }

std::string translate_pattern(std::string_view pattern, PatternEngine engine) {
  if (check_pattern(pattern)) return std::string(pattern);
  std::string out;
  out.reserve(pattern.size() + 8);
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\\') {
      const char e = pattern[i + 1];  // a valid pattern has one, and it is ASCII
      i += 2;
      if (shorthand(e)) {
        out += shorthand_text(e, engine, in_class);
      } else if (e == '-' && !in_class && engine == PatternEngine::EcmaScript) {
        out += '-';  // `u` mode allows `\-` only inside a class
      } else {
        out += '\\';
        out += e;
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
    } else if (c == '.') {
      out += "[^\\n\\r]";
      ++i;
      continue;
    } else if (c == '$' && engine == PatternEngine::Python) {
      out += "\\Z";
      ++i;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (engine == PatternEngine::Re2 && byte < 0x20) {
      out += fmt::format("\\x{{{:x}}}", byte);  // control characters, NUL included, as escapes
    } else {
      out += c;
    }
    ++i;
  }
  return out;
}

struct Pattern::Impl {
  explicit Impl(const std::string& re2_pattern, const RE2::Options& options) : re(re2_pattern, options) {}
  RE2 re;
};

Pattern::Pattern(std::string_view pattern) {
  if (auto problem = check_pattern(pattern)) {
    error_ = problem->message;
    return;
  }
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_never_capture(true);
  auto impl = std::make_unique<Impl>(translate_pattern(pattern, PatternEngine::Re2), options);
  if (!impl->re.ok()) {
    error_ = impl->re.error();
    return;
  }
  impl_ = std::move(impl);
}

Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

bool Pattern::search(std::string_view text) const {
  return impl_ != nullptr && RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), impl_->re);
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace bpc::base
