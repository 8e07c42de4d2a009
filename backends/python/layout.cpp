#include "backends/python/layout.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace bpc::backends::python {

namespace {

constexpr int kIndentWidth = 4;

// A reference to a callable, for a callback that does not outlive the call it is passed to: a
// std::function without the copy and the allocation.
template <class Signature>
class FunctionRef;

template <class Result, class... Args>
class FunctionRef<Result(Args...)> {
 public:
  template <class Callable>
    requires(!std::is_same_v<std::remove_cvref_t<Callable>, FunctionRef> &&
             std::is_invocable_r_v<Result, Callable&, Args...>)
  FunctionRef(Callable&& callable)  // NOLINT(google-explicit-constructor): converts like std::function
      : callable_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
        call_([](void* callable, Args... args) -> Result {
          return (*static_cast<std::remove_reference_t<Callable>*>(callable))(std::forward<Args>(args)...);
        }) {}

  Result operator()(Args... args) const { return call_(callable_, std::forward<Args>(args)...); }

 private:
  void* callable_;
  Result (*call_)(void*, Args...);
};

// Appends `value` to `values`, which may grow large (a statement can have millions of tokens or
// format elements): it grows eight times rather than twice, since untouched capacity costs no
// memory but each copy of a large buffer costs all its pages again.
template <class T, class... Args>
void append(std::vector<T>& values, Args&&... args) {
  if (values.size() == values.capacity()) values.reserve(std::max<std::size_t>(64, 8 * values.capacity()));
  values.push_back(T{std::forward<Args>(args)...});  // braces: aggregates, on every compiler
}

// ---------------------------------------------------------------------------------------------
// Column widths, as ruff counts them (the `unicode-width` crate): East Asian wide characters take
// two columns, combining marks and control characters none, a tab one indent.

char32_t decode_utf8(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + length > text.size()) return text[i++];
  char32_t c = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) c = (c << 6) | (byte(i + k) & 0x3F);
  i += length;
  return c;
}

int char_width(char32_t c) {
  if (c == '\t') return kIndentWidth;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  using Range = std::pair<char32_t, char32_t>;
  static constexpr std::array<Range, 9> kZeroWidth{{{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05C7},
                                                    {0x0610, 0x061A}, {0x064B, 0x065F}, {0x200B, 0x200F},
                                                    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}}};
  static constexpr std::array<Range, 19> kWide{{{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A},
                                                {0x23E9, 0x23EC}, {0x2E80, 0x303E}, {0x3041, 0x33FF},
                                                {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
                                                {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
                                                {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF60},
                                                {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
                                                {0x20000, 0x3FFFD}}};
  const auto in = [c](const auto& ranges) {
    return std::any_of(ranges.begin(), ranges.end(), [c](Range r) { return c >= r.first && c <= r.second; });
  };
  return in(kZeroWidth) ? 0 : in(kWide) ? 2 : 1;
}

int text_width(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (const auto c = static_cast<unsigned char>(text[i]); c >= 0x20 && c < 0x7F) {  // printable ASCII
      ++width;
      ++i;
    } else {
      width += char_width(decode_utf8(text, i));
    }
  }
  return width;
}

// ---------------------------------------------------------------------------------------------
// Tokens and logical lines.

// `a == b` for the short texts of tokens, without the call to memcmp that `==` makes: the tokenizer
// and the parser compare most tokens many times.
[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Thrown for code the layout does not handle; the line is then copied unchanged.
struct Unsupported {};

enum class TokenKind : std::uint8_t { Name, Number, String, Operator, Comment };

struct Token {
  TokenKind kind;
  bool multiline = false;  // a string spanning lines
  std::string_view text;   // for strings, with ruff's quotes once the line is re-laid out
  std::string_view gap;    // the whitespace before it on its physical line
};

struct LogicalLine {
  std::string_view source;  // its physical lines, with the final newline
  std::size_t indent = 0;   // columns before the first token
  std::vector<Token> tokens;
  bool spans_lines = false;
  bool unsupported = false;  // a backslash continuation or a tab indent
};

constexpr bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

constexpr std::array<bool, 256> kPrefixChars = [] {
  std::array<bool, 256> prefix{};
  for (char c : std::string_view("rRbBuUfFtT")) prefix[static_cast<unsigned char>(c)] = true;
  return prefix;
}();

constexpr bool is_prefix_char(char c) { return kPrefixChars[static_cast<unsigned char>(c)]; }

// The operators, longest first so that the first match is the longest.
constexpr std::array<std::string_view, 47> kOperators{
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=",
    "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",  "&",  "|",
    "^",   "~",   "<",   ">",   "(",   ")",  "[",  "]",  "{",  "}",  ",",  ":",  ".",  ";",  "="};

// The operators by their first character, longest first.
constexpr auto kOperatorsByFirstChar = [] {
  std::array<std::array<std::string_view, 4>, 128> table{};
  for (std::string_view op : kOperators) {
    auto& candidates = table[static_cast<unsigned char>(op[0])];
    *std::find(candidates.begin(), candidates.end(), std::string_view()) = op;
  }
  return table;
}();

// The length of the operator that `text` starts with, or 0.
std::size_t operator_length(std::string_view text) {
  const auto first = static_cast<unsigned char>(text[0]);
  if (first >= kOperatorsByFirstChar.size()) return 0;
  for (std::string_view op : kOperatorsByFirstChar[first]) {
    if (!op.empty() && same_text(text.substr(0, op.size()), op)) return op.size();
  }
  return 0;
}

// Lines that need no change. Most lines are statements that fit and are already written as ruff
// writes them; one pass over their characters proves that the layout would copy them, without
// tokenizing them. The pass is conservative: a line it is not sure of (a tab, a backslash
// continuation, a string in single quotes or with an escape that may change, an open bracket, a
// trailing comma or trailing spaces...) goes through the tokenizer, which decides.

enum class CharClass : std::uint8_t {
  Unknown,  // control characters (a newline ends the line), \ $ ? ` and '
  Plain,    // ASCII name characters, spaces and the operators but !, which need no closer look
  NotAscii, Quote, Comment, Open, Close, Comma, Bang,
};

constexpr std::array<CharClass, 256> kCharClasses = [] {
  std::array<CharClass, 256> classes{};
  const auto set = [&](std::string_view chars, CharClass kind) {
    for (char c : chars) classes[static_cast<unsigned char>(c)] = kind;
  };
  for (int c = 0; c < 0x80; ++c) {
    if (is_name_char(static_cast<char>(c))) classes[c] = CharClass::Plain;
  }
  for (int c = 0x80; c < 0x100; ++c) classes[c] = CharClass::NotAscii;
  set(" +-*/%@&|^~<>=.:;", CharClass::Plain);
  set("\"", CharClass::Quote);
  set("#", CharClass::Comment);
  set("([{", CharClass::Open);
  set(")]}", CharClass::Close);
  set(",", CharClass::Comma);
  set("!", CharClass::Bang);
  return classes;
}();

CharClass char_class(char c) { return kCharClasses[static_cast<unsigned char>(c)]; }

// The characters of a string's body that need no closer look: ASCII, not a control character, a
// quote, a backslash or an f-string's brace.
constexpr std::array<bool, 256> kPlainInString = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7F; ++c) {
    plain[c] = std::string_view("\"\\{}").find(static_cast<char>(c)) == std::string_view::npos;
  }
  return plain;
}();

// A physical line, checked for whether the layout copies it unchanged. The code holds a newline at
// or after the line's start: it stops every loop below.
class UnchangedLine {
 public:
  UnchangedLine(std::string_view code, std::size_t start) : code_(code), start_(start) {}

  // The end of the line (after its newline) if it is a whole statement that the layout copies
  // unchanged, else 0. (Not inlined into the scanner, where its character loop runs short of
  // registers.)
  [[gnu::noinline]] std::size_t end(std::size_t line_length) {
    std::size_t pos = start_;
    while (code_[pos] == ' ') ++pos;
    const std::size_t first = pos;
    // What `copied_unchanged` copies: an odd indent, a line starting with a string, an import.
    bool copied = (first - start_) % kIndentWidth != 0 || starts_with_word(first, "import") ||
                  starts_with_word(first, "from");
    int depth = 0;
    bool trailing_comma = false;
    bool comment = false;
    while (true) {
      while (char_class(code_[pos]) == CharClass::Plain) ++pos;
      if (code_[pos] == '\n') break;
      switch (char_class(code_[pos])) {
        case CharClass::NotAscii:
          ascii_ = false;
          ++pos;
          break;
        case CharClass::Quote: {
          const std::size_t literal = string_start(pos);
          copied = copied || literal == first;
          pos = string_end(literal, pos);
          if (pos == 0) return 0;
          break;
        }
        case CharClass::Comment:
          comment = true;
          for (; code_[pos] != '\n'; ++pos) {
            if (!plain(code_[pos])) return 0;
          }
          break;
        case CharClass::Open:
          ++depth;
          ++pos;
          break;
        case CharClass::Close:
          if (--depth < 0) return 0;
          trailing_comma = trailing_comma || follows_comma(pos);
          ++pos;
          break;
        case CharClass::Comma:
          ++pos;
          break;
        case CharClass::Bang:
          if (code_[pos + 1] != '=') return 0;
          pos += 2;
          break;
        case CharClass::Plain:
          break;
        case CharClass::Unknown:
          return 0;
      }
    }
    const std::size_t newline = pos;
    if (depth != 0) return 0;
    // The layout copies these, and writes the others as they are written when they fit.
    if (copied || comment) return newline + 1;
    if (trailing_comma || code_[newline - 1] == ' ') return 0;
    const std::string_view text = code_.substr(start_, newline - start_);
    const std::size_t width = ascii_ ? text.size() : static_cast<std::size_t>(text_width(text));
    return width <= line_length ? newline + 1 : 0;
  }

 private:
  // Whether `c` may be copied without a closer look (it is not a control character); notes
  // characters that are not ASCII, which may be wide.
  bool plain(char c) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii_ = false;
    return static_cast<unsigned char>(c) >= 0x20 && c != 0x7F;
  }

  bool starts_with_word(std::size_t pos, std::string_view word) const {
    return code_.substr(pos, word.size()) == word && !is_name_char(code_[pos + word.size()]);
  }

  // Whether the closing bracket at `pos` follows a comma (a magic trailing comma).
  bool follows_comma(std::size_t pos) const {
    while (code_[pos - 1] == ' ') --pos;
    return code_[pos - 1] == ',';
  }

  // The start of the string literal whose quote is at `quote`: its prefix is the name characters
  // before the quote if they are at most three prefix letters (else they are a name).
  std::size_t string_start(std::size_t quote) const {
    std::size_t start = quote;
    while (start > start_ && is_name_char(code_[start - 1])) --start;
    const std::string_view prefix = code_.substr(start, quote - start);
    const bool is_prefix = prefix.size() <= 3 && std::all_of(prefix.begin(), prefix.end(), is_prefix_char);
    return is_prefix ? start : quote;
  }

  // The end of the string literal at `start` if `normalize_string` leaves it as it is and it ends
  // on this line, else 0.
  std::size_t string_end(std::size_t start, std::size_t quote) {
    const std::string_view prefix = code_.substr(start, quote - start);
    for (std::size_t i = 0; i < prefix.size(); ++i) {  // ruff's prefix: lowercase but for R, r first, no u
      const char c = prefix[i];
      if (c == 'u' || c == 'U' || c == 'B' || c == 'F' || c == 'T' || ((c == 'r' || c == 'R') && i > 0)) return 0;
    }
    const bool formatted = prefix.find_first_of("ft") != std::string_view::npos;
    if (code_[quote + 1] == '"' && code_[quote + 2] == '"') return formatted ? 0 : triple_quoted_end(quote + 3);
    for (std::size_t pos = quote + 1;;) {
      while (kPlainInString[static_cast<unsigned char>(code_[pos])]) ++pos;
      const char c = code_[pos];
      if (c == '"') return pos + 1;
      if (c == '\\') {
        // Escapes of quotes change, and so may hex and named escapes.
        const char escaped = code_[pos + 1];
        if (!plain(escaped) || std::string_view("'\"xuUN").find(escaped) != std::string_view::npos) return 0;
        pos += 2;
      } else if (formatted && c == '{' && code_[pos + 1] != '{') {
        pos = replacement_field_end(pos);
        if (pos == 0) return 0;
      } else if (c == '{' || c == '}') {
        pos += formatted && code_[pos + 1] == c ? 2 : 1;
      } else if (plain(c)) {
        ++pos;
      } else {
        return 0;
      }
    }
  }

  // The end of the triple-quoted string whose body starts at `pos`.
  std::size_t triple_quoted_end(std::size_t pos) {
    while (plain(code_[pos])) {
      if (code_[pos] == '"' && code_[pos + 1] == '"' && code_[pos + 2] == '"') return pos + 3;
      if (code_[pos] == '\\' && !plain(code_[pos + 1])) return 0;
      pos += code_[pos] == '\\' ? 2 : 1;
    }
    return 0;
  }

  // The end of the f-string replacement field at `pos`, if it holds no quote or backslash (as
  // `Scanner::interpolation_end` finds it).
  std::size_t replacement_field_end(std::size_t pos) {
    for (int depth = 0; plain(code_[pos]); ++pos) {
      const char c = code_[pos];
      if (c == '"' || c == '\'' || c == '\\') return 0;
      if (c == '{' || c == '(' || c == '[') ++depth;
      if ((c == '}' || c == ')' || c == ']') && --depth == 0) return pos + 1;
    }
    return 0;
  }

  std::string_view code_;
  std::size_t start_;
  bool ascii_ = true;
};

// Splits source code into logical lines and the text between them (blank and comment lines).
class Scanner {
 public:
  Scanner(std::string_view code, std::size_t line_length) : code_(code), line_length_(line_length) {}

  // Calls `on_text` with text to copy and `on_line` with each logical line that may change, in
  // order.
  template <class OnText, class OnLine>
  void scan(OnText&& on_text, OnLine&& on_line) {
    const std::size_t newlines_end = code_.rfind('\n') + 1;  // after the last newline; 0 if none
    std::size_t copied = 0;  // where the text not yet passed to `on_text` starts
    LogicalLine line;
    while (pos_ < code_.size()) {
      const std::size_t start = pos_;
      std::size_t first = start;
      while (first < code_.size() && (code_[first] == ' ' || code_[first] == '\t')) ++first;
      if (first == code_.size() || code_[first] == '\n' || code_[first] == '\r' || code_[first] == '#') {
        pos_ = line_end(first);
        continue;
      }
      if (start < newlines_end) {
        if (const std::size_t end = UnchangedLine(code_, start).end(line_length_); end != 0) {
          pos_ = end;
          continue;
        }
      }
      on_text(code_.substr(copied, start - copied));
      line.tokens.clear();
      line.indent = first - start;
      line.spans_lines = false;
      line.unsupported = code_.substr(start, line.indent).find('\t') != std::string_view::npos;
      if (!read_line(line, first)) {
        pos_ = code_.size();  // unterminated string or bracket: leave the rest alone
        copied = start;
        break;
      }
      line.source = code_.substr(start, pos_ - start);
      on_line(line);
      copied = pos_;
    }
    on_text(code_.substr(copied));
  }

 private:
  std::size_t line_end(std::size_t from) const {
    const std::size_t newline = code_.find('\n', from);
    return newline == std::string_view::npos ? code_.size() : newline + 1;
  }

  // Reads the tokens of the logical line starting at `pos`, leaving `pos_` after its newline.
  bool read_line(LogicalLine& line, std::size_t pos) {
    int depth = 0;
    std::size_t gap_start = pos;
    while (true) {
      while (pos < code_.size() && (code_[pos] == ' ' || code_[pos] == '\t' || code_[pos] == '\f')) ++pos;
      if (pos == code_.size()) {
        pos_ = pos;
        return depth == 0;
      }
      const char c = code_[pos];
      if (c == '\\' && pos + 1 < code_.size() && (code_[pos + 1] == '\n' || code_[pos + 1] == '\r')) {
        line.unsupported = true;
        pos = line_end(pos);
        gap_start = pos;
        continue;
      }
      if (c == '\n' || c == '\r') {
        pos = line_end(pos);
        if (depth == 0) {
          pos_ = pos;
          return true;
        }
        line.spans_lines = true;
        gap_start = pos;
        continue;
      }
      TokenKind kind = TokenKind::Operator;
      bool multiline = false;
      const std::size_t start = pos;
      if (c == '#') {
        kind = TokenKind::Comment;
        pos = code_.find_first_of("\r\n", pos);
        if (pos == std::string_view::npos) pos = code_.size();
      } else if (std::size_t end = c == '"' || c == '\'' || is_prefix_char(c) ? string_end(pos) : 0; end != 0) {
        kind = TokenKind::String;
        pos = end;
        multiline = code_.substr(start, end - start).find('\n') != std::string_view::npos;
      } else if (is_name_char(c) && !(c >= '0' && c <= '9')) {
        kind = TokenKind::Name;
        while (pos < code_.size() && is_name_char(code_[pos])) ++pos;
      } else if ((c >= '0' && c <= '9') || (c == '.' && pos + 1 < code_.size() && code_[pos + 1] >= '0' &&
                                            code_[pos + 1] <= '9')) {
        kind = TokenKind::Number;
        while (pos < code_.size() && (is_name_char(code_[pos]) || code_[pos] == '.' ||
                                      ((code_[pos] == '+' || code_[pos] == '-') &&
                                       (code_[pos - 1] == 'e' || code_[pos - 1] == 'E') && code_[start + 1] != 'x' &&
                                       code_[start + 1] != 'X'))) {
          ++pos;
        }
      } else {
        const std::size_t length = operator_length(code_.substr(pos));
        if (length == 0) return false;
        pos += length;
        if (length == 1 && (c == '(' || c == '[' || c == '{')) ++depth;
        if (length == 1 && (c == ')' || c == ']' || c == '}') && --depth < 0) return false;
      }
      append(line.tokens, kind, multiline, code_.substr(start, pos - start),
             code_.substr(gap_start, start - gap_start));
      gap_start = pos;
    }
  }

  // The end of the string literal (with its prefix) starting at `pos`, or 0 when none starts
  // there or it is unterminated (which `read_line` then reports through the operator lookup).
  std::size_t string_end(std::size_t pos) const {
    std::size_t quote = pos;
    while (quote < code_.size() && quote - pos < 3 && is_prefix_char(code_[quote])) ++quote;
    if (quote == code_.size() || (code_[quote] != '"' && code_[quote] != '\'')) return 0;
    const std::string_view prefix = code_.substr(pos, quote - pos);
    const bool formatted = prefix.find_first_of("fFtT") != std::string_view::npos;
    const std::size_t end = string_body_end(quote, formatted);
    return end == std::string_view::npos ? 0 : end;
  }

  // The end of the string whose opening quote is at `quote`.
  std::size_t string_body_end(std::size_t quote, bool formatted) const {
    const char q = code_[quote];
    const std::string_view triple_quote = q == '"' ? R"(""")" : "'''";
    const bool triple = code_.substr(quote, 3) == triple_quote;
    std::size_t pos = quote + (triple ? 3 : 1);
    while (pos < code_.size()) {
      const char c = code_[pos];
      if (c == '\\') {
        pos += 2;
      } else if (c == q && (!triple || code_.substr(pos, 3) == triple_quote)) {
        return pos + (triple ? 3 : 1);
      } else if (!triple && c == '\n') {
        return std::string_view::npos;
      } else if (formatted && c == '{' && code_.substr(pos, 2) != "{{") {
        pos = interpolation_end(pos);
        if (pos == std::string_view::npos) return pos;
      } else {
        pos += formatted && (code_.substr(pos, 2) == "{{" || code_.substr(pos, 2) == "}}") ? 2 : 1;
      }
    }
    return std::string_view::npos;
  }

  // The end of the f-string replacement field opened at `pos`: its strings may use any quotes.
  std::size_t interpolation_end(std::size_t pos) const {
    int depth = 0;
    while (pos < code_.size()) {
      const char c = code_[pos];
      if (const std::size_t end = string_end(pos); end != 0) {
        pos = end;
        continue;
      }
      if (c == '{' || c == '(' || c == '[') ++depth;
      if ((c == '}' || c == ')' || c == ']') && --depth == 0) return pos + 1;
      ++pos;
    }
    return std::string_view::npos;
  }

  std::string_view code_;
  std::size_t line_length_;
  std::size_t pos_ = 0;
};

// ---------------------------------------------------------------------------------------------
// String literals get ruff's quotes: double quotes unless the text holds more double quotes than
// single ones, no escapes for the other quote, lowercase hex escapes and uppercase \N{...} names,
// a normalized prefix. Triple-quoted strings, and f-strings with quotes or backslashes in their
// replacement fields, are left as they are.

// Lowercases \x, \u and \U hex digits and uppercases \N{name} at `escape` (the letter after the
// backslash); returns the length consumed after that letter.
std::size_t normalize_unicode_escape(std::string_view body, std::size_t escape, bool bytes, std::string& out) {
  const char kind = body[escape];
  const std::size_t hex_digits = kind == 'x' ? 2 : kind == 'u' && !bytes ? 4 : kind == 'U' && !bytes ? 8 : 0;
  if (hex_digits != 0) {
    const std::string_view digits = body.substr(escape + 1, hex_digits);
    if (digits.size() < hex_digits || !std::all_of(digits.begin(), digits.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c));
        })) {
      return 0;
    }
    for (char c : digits) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return hex_digits;
  }
  if (kind != 'N' || bytes || body.substr(escape + 1, 1) != "{") return 0;
  const std::size_t close = body.find('}', escape + 2);
  if (close == std::string_view::npos) return 0;
  const std::string_view name = body.substr(escape + 2, close - escape - 2);
  if (name.size() < 2 || !std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-';
      })) {
    return 0;
  }
  out += '{';
  for (char c : name) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out += '}';
  return close - escape;
}

// Whether an f-string body has quotes or backslashes inside its replacement fields, where
// changing the string's quotes is unsafe before Python 3.12.
bool has_quotes_in_replacement_fields(std::string_view body) {
  int depth = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (depth == 0 && (c == '{' || c == '}') && i + 1 < body.size() && body[i + 1] == c) {
      ++i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      depth = std::max(depth - 1, 0);
    } else if (depth > 0 && (c == '"' || c == '\'' || c == '\\')) {
      return true;
    }
  }
  return false;
}

// The string literal `token` with ruff's quotes: `token` itself if it has them, else written to `out`.
std::string_view normalize_string(std::string_view token, std::string& out) {
  // Most strings are in double quotes, without a prefix or an escape.
  if (token.starts_with('"') && !token.starts_with(R"(""")") && token.find('\\') == std::string_view::npos) {
    return token;
  }
  const std::size_t quote = token.find_first_of("\"'");
  const char source_quote = token[quote];
  if (token.size() - quote >= 6 && token.find_first_not_of(source_quote, quote) >= quote + 3) return token;
  const std::string_view body = token.substr(quote + 1, token.size() - quote - 2);
  std::string prefix;  // lowercase but for R, without u, r first
  for (char c : token.substr(0, quote)) {
    if (c == 'r' || c == 'R') prefix.insert(prefix.begin(), c);
    else if (c != 'u' && c != 'U') prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (prefix.find_first_of("ft") != std::string::npos && has_quotes_in_replacement_fields(body)) return token;
  const bool raw = prefix.find_first_of("rR") != std::string::npos;
  const bool bytes = prefix.find('b') != std::string::npos;

  char new_quote = '"';
  if (raw) {
    for (std::size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\') ++i;
      else if (body[i] == '"') new_quote = source_quote;
    }
  } else if (std::count(body.begin(), body.end(), '\'') < std::count(body.begin(), body.end(), '"')) {
    new_quote = '\'';
  }
  const char other_quote = new_quote == '"' ? '\'' : '"';

  out.assign(prefix);
  out += new_quote;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (raw) {
      out.append(body);
      break;
    }
    if (c == '\\' && i + 1 < body.size()) {
      const char next = body[++i];
      if (next != other_quote) out += c;
      out += next;
      i += normalize_unicode_escape(body, i, bytes, out);
    } else if (c == new_quote) {
      out += '\\';
      out += c;
    } else {  // `c` and the characters up to the next backslash or quote, as they are
      std::size_t end = i + 1;
      while (end < body.size() && body[end] != '\\' && body[end] != new_quote) ++end;
      out.append(body.substr(i, end - i));
      i = end - 1;
    }
  }
  out += new_quote;
  return out == token ? token : out;
}

// ---------------------------------------------------------------------------------------------
// The syntax tree of a logical line.

enum class Kind : std::uint8_t {
  Name, Number, String, Constant,  // atoms; Constant: None, True, False, ...
  Attribute, Call, Subscript, Slice,
  List, Tuple, Set, Dict, DictItem, ListComp, SetComp, DictComp, Generator, Comprehension,
  BinOp, Compare, BoolOp, UnaryOp, IfExp, Lambda, Await, Starred, DoubleStarred, Keyword,
};

// What a node is made of but its vectors (NodePool resets it when it reuses the node).
struct NodeFields {
  std::string_view text;  // atom text, operator, attribute or keyword name, `async` of a comprehension, lambda
                          // parameters
  Kind kind;
  std::uint16_t parens = 0;     // grouping parentheses around the expression (at most 200, as `test` checks)
  bool parenthesized = false;   // a Tuple or Generator written with its own parentheses
  bool trailing_comma = false;  // a comma before the closing bracket (a magic trailing comma)
  std::uint8_t colons = 0;      // of a Slice
};

// An expression. Children by kind: Attribute [value]; Call [function, arguments...]; Subscript
// [value, slice]; Slice [lower, upper, step] (null when absent); List, Tuple, Set [elements];
// Dict [DictItem [key, value] or DoubleStarred]; ListComp, SetComp, Generator [element,
// Comprehension...]; DictComp [key, value, Comprehension...]; Comprehension [target, iterable,
// conditions...]; BinOp [left, right]; Compare [left, comparators...]; BoolOp [values...];
// UnaryOp, Await, Starred, DoubleStarred, Keyword [operand]; IfExp [body, test, orelse]; Lambda
// [body]. The vectors keep their storage when NodePool reuses the node.
struct Node : NodeFields {
  std::vector<const Node*> children;
  std::vector<std::string_view> operators;  // of a Compare
};

enum class StatementKind : std::uint8_t {
  Expression, Assign, AugAssign, AnnAssign, Return, Raise, Assert, Decorator, Def, Class, Condition, For, With,
};

// A parameter of a `def`; `name` is "/" or "*" for the separators.
struct Parameter {
  std::string_view prefix;  // "*" or "**"
  std::string_view name;
  const Node* annotation = nullptr;
  const Node* default_value = nullptr;
};

struct WithItem {
  const Node* context;
  const Node* target;
};

struct Statement {
  StatementKind kind;
  std::string keyword;  // `if`/`elif`/`while`, `for`/`async for`, `with`/`async with`, `def`/`async def`,
                        // an augmented assignment's operator
  std::string_view name;  // of a def or class
  const Node* target = nullptr;  // assigned target, loop target
  const Node* value = nullptr;   // assigned value, expression, test, iterable, decorator, returned value,
                                 // exception, assertion, the bases of a class (a Call)
  const Node* annotation = nullptr;  // of an annotated assignment, the return annotation of a def
  const Node* cause = nullptr;       // `raise ... from cause`
  const Node* message = nullptr;     // `assert ..., message`
  std::vector<Parameter> parameters;
  bool parameters_trailing_comma = false;
  std::vector<WithItem> items;
};

constexpr std::array<std::string_view, 35> kKeywords{
    "False", "None",   "True",  "and",    "as",   "assert", "async",    "await", "break",
    "class", "continue", "def", "del",    "elif", "else",   "except",   "finally", "for",
    "from",  "global", "if",    "import", "in",   "is",     "lambda",   "nonlocal", "not",
    "or",    "pass",   "raise", "return", "try",  "while",  "with",     "yield"};

// The keywords by their first character (the parser asks about every name).
constexpr auto kKeywordsByFirstChar = [] {
  std::array<std::array<std::string_view, 5>, 128> table{};
  for (std::string_view keyword : kKeywords) {
    auto& candidates = table[static_cast<unsigned char>(keyword[0])];
    *std::find(candidates.begin(), candidates.end(), std::string_view()) = keyword;
  }
  return table;
}();

bool is_keyword(std::string_view word) {
  if (word.empty()) return false;
  const auto first = static_cast<unsigned char>(word[0]);
  if (first >= kKeywordsByFirstChar.size()) return false;
  const auto& candidates = kKeywordsByFirstChar[first];
  return std::any_of(candidates.begin(), candidates.end(),
                     [&](std::string_view keyword) { return same_text(keyword, word); });
}

// The nodes of a line's tree. They are kept for the next line, with the storage of their children.
class NodePool {
 public:
  Node* make(Kind kind, std::initializer_list<const Node*> children, std::string_view text) {
    if (used_ == chunks_.size() * kChunkSize) chunks_.push_back(std::make_unique<Node[]>(kChunkSize));
    Node& node = chunks_[used_ / kChunkSize][used_ % kChunkSize];
    ++used_;
    static_cast<NodeFields&>(node) = NodeFields{text, kind};
    node.children.assign(children);
    node.operators.clear();
    return &node;
  }
  void clear() { used_ = 0; }

 private:
  static constexpr std::size_t kChunkSize = 1024;
  std::vector<std::unique_ptr<Node[]>> chunks_;  // stable addresses
  std::size_t used_ = 0;
};

// A recursive-descent parser for one logical line (Python's grammar, without the statements and
// expressions the backend never emits: those throw Unsupported).
class Parser {
 public:
  // `texts` keeps the texts that the tree refers to and the tokens do not hold.
  Parser(std::span<const Token> tokens, NodePool& nodes, std::deque<std::string>& texts)
      : tokens_(tokens), nodes_(nodes), texts_(texts) {}

  Statement statement() {
    Statement s{StatementKind::Expression};
    if (accept("@")) {
      s.kind = StatementKind::Decorator;
      s.value = test();
    } else if (at("async") && (at("def", 1) || at("for", 1) || at("with", 1))) {
      ++pos_;
      compound(s, "async ");
    } else if (at("def") || at("class") || at("if") || at("elif") || at("while") || at("for") || at("with")) {
      compound(s, "");
    } else if (accept("return")) {
      s.kind = StatementKind::Return;
      if (!at_end()) s.value = star_expressions();
    } else if (accept("raise")) {
      s.kind = StatementKind::Raise;
      if (!at_end()) s.value = test();
      if (accept("from")) s.cause = test();
    } else if (accept("assert")) {
      s.kind = StatementKind::Assert;
      s.value = test();
      if (accept(",")) s.message = test();
    } else {
      simple_statement(s);
    }
    if (!at_end()) throw Unsupported{};
    return s;
  }

 private:
  // --- tokens (inlined: the parser asks for the next token dozens of times per token)
  [[gnu::always_inline]] const Token* peek(std::size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? &tokens_[pos_ + ahead] : nullptr;
  }
  bool at_end() const { return pos_ == tokens_.size(); }
  // Whether the token `ahead` is the operator or keyword `text`.
  [[gnu::always_inline]] bool at(std::string_view text, std::size_t ahead = 0) const {
    const Token* token = peek(ahead);
    return token != nullptr && same_text(token->text, text) &&
           (token->kind == TokenKind::Operator || (token->kind == TokenKind::Name && is_keyword(text)));
  }
  [[gnu::always_inline]] bool accept(std::string_view text) {
    if (!at(text)) return false;
    ++pos_;
    return true;
  }
  void expect(std::string_view text) {
    if (!accept(text)) throw Unsupported{};
  }
  std::string_view name() {
    const Token* token = peek();
    if (token == nullptr || token->kind != TokenKind::Name || is_keyword(token->text)) throw Unsupported{};
    ++pos_;
    return token->text;
  }
  Node* make(Kind kind, std::initializer_list<const Node*> children = {}, std::string_view text = {}) {
    return nodes_.make(kind, children, text);
  }

  // --- statements
  void compound(Statement& s, std::string keyword) {
    keyword += tokens_[pos_++].text;
    s.keyword = keyword;
    if (keyword.ends_with("def")) {
      s.kind = StatementKind::Def;
      s.name = name();
      expect("(");
      parameters(s);
      if (accept("->")) s.annotation = test();
    } else if (keyword == "class") {
      s.kind = StatementKind::Class;
      s.name = name();
      if (at("(")) s.value = call(make(Kind::Name, {}, s.name));
    } else if (keyword.ends_with("for")) {
      s.kind = StatementKind::For;
      s.target = targets();
      expect("in");
      s.value = star_expressions();
    } else if (keyword.ends_with("with")) {
      s.kind = StatementKind::With;
      if (at("(")) throw Unsupported{};  // parenthesized context managers
      do {
        Node* context = test();
        s.items.push_back({context, accept("as") ? target() : nullptr});
      } while (accept(","));
    } else {
      s.kind = StatementKind::Condition;
      s.value = test();
    }
    expect(":");
  }

  // An expression, an assignment or an augmented or annotated assignment.
  void simple_statement(Statement& s) {
    Node* expression = star_expressions();
    static constexpr std::array<std::string_view, 13> kAugmented{"+=", "-=", "*=", "/=", "//=", "%=", "@=",
                                                                 "&=", "|=", "^=", ">>=", "<<=", "**="};
    if (accept(":")) {
      s.kind = StatementKind::AnnAssign;
      s.target = expression;
      s.annotation = test();
      if (accept("=")) s.value = star_expressions();
    } else if (const Token* op = peek();
               op != nullptr && op->kind == TokenKind::Operator &&
               std::find(kAugmented.begin(), kAugmented.end(), op->text) != kAugmented.end()) {
      ++pos_;
      s.kind = StatementKind::AugAssign;
      s.keyword = op->text;
      s.target = expression;
      s.value = star_expressions();
    } else if (accept("=")) {
      s.kind = StatementKind::Assign;
      s.target = expression;
      s.value = star_expressions();
      if (at("=")) throw Unsupported{};  // chained assignment
    } else {
      s.value = expression;
    }
  }

  void parameters(Statement& s) {
    while (!accept(")")) {
      Parameter p;
      if (accept("/")) {
        p.name = "/";
      } else if (at("*") && (at(",", 1) || at(")", 1))) {
        ++pos_;
        p.name = "*";
      } else {
        if (accept("**")) p.prefix = "**";
        else if (accept("*")) p.prefix = "*";
        p.name = name();
        if (accept(":")) p.annotation = test();
        if (accept("=")) p.default_value = test();
      }
      s.parameters.push_back(std::move(p));
      if (!accept(",")) {
        expect(")");
        return;
      }
      s.parameters_trailing_comma = at(")");
    }
  }

  // --- expressions
  // `a, *b, c` (a Tuple when there is a comma).
  Node* star_expressions() {
    Node* first = star_expression();
    if (!at(",")) return first;
    Node* tuple = make(Kind::Tuple, {first});
    while (accept(",")) {
      if (at_end() || at("=") || at(":") || at(")")) {
        tuple->trailing_comma = true;
        break;
      }
      tuple->children.push_back(star_expression());
    }
    return tuple;
  }

  Node* star_expression() { return accept("*") ? make(Kind::Starred, {bitwise_or()}) : test(); }

  // Assignment and loop targets: `a`, `a, b`, `*a`, `a[i].b`.
  Node* target() { return accept("*") ? make(Kind::Starred, {bitwise_or()}) : bitwise_or(); }
  Node* targets() {
    Node* first = target();
    if (!at(",")) return first;
    Node* tuple = make(Kind::Tuple, {first});
    while (accept(",")) {
      if (at("in") || at("=")) {
        tuple->trailing_comma = true;
        break;
      }
      tuple->children.push_back(target());
    }
    return tuple;
  }

  Node* test() {
    // Python itself refuses more than 200 nested brackets; deeper input would exhaust the stack.
    if (++depth_ > 200) throw Unsupported{};
    Node* node = conditional_expression();
    --depth_;
    return node;
  }

  Node* conditional_expression() {
    if (at("lambda")) return lambda(true);
    if (at("yield")) throw Unsupported{};
    Node* body = or_test();
    if (at(":=")) throw Unsupported{};
    if (!accept("if")) return body;
    Node* condition = or_test();
    expect("else");
    return make(Kind::IfExp, {body, condition, test()});
  }

  // The condition of a comprehension: no conditional expression.
  Node* test_no_condition() { return at("lambda") ? lambda(false) : or_test(); }

  Node* lambda(bool allow_condition) {
    expect("lambda");
    // The parameters, spaced as ruff spaces them: `a, b=1, *args, **kwargs`.
    std::string parameters;
    for (int depth = 0; !(depth == 0 && at(":")); ++pos_) {
      const Token* token = peek();
      if (token == nullptr) throw Unsupported{};
      if (at("(") || at("[") || at("{")) ++depth;
      if (at(")") || at("]") || at("}")) --depth;
      const bool glued = token->text == "," || token->text == "=" || parameters.ends_with("=") ||
                         parameters.ends_with("*") || token->gap.empty();
      if (parameters.ends_with(",") || (!parameters.empty() && !glued)) parameters += ' ';
      parameters += token->text;
    }
    expect(":");
    return make(Kind::Lambda, {allow_condition ? test() : test_no_condition()}, texts_.emplace_back(parameters));
  }

  Node* or_test() { return bool_op("or", [this] { return and_test(); }); }
  Node* and_test() { return bool_op("and", [this] { return not_test(); }); }
  Node* bool_op(std::string_view op, FunctionRef<Node*()> operand) {
    Node* first = operand();
    if (!at(op)) return first;
    Node* node = make(Kind::BoolOp, {first}, op);
    while (accept(op)) node->children.push_back(operand());
    return node;
  }

  Node* not_test() { return accept("not") ? make(Kind::UnaryOp, {not_test()}, "not") : comparison(); }

  Node* comparison() {
    Node* first = bitwise_or();
    Node* node = nullptr;
    while (true) {
      std::string_view op;
      if (at("<") || at(">") || at("==") || at(">=") || at("<=") || at("!=") || at("in")) {
        op = tokens_[pos_++].text;
      } else if (at("not") && at("in", 1)) {
        pos_ += 2;
        op = "not in";
      } else if (accept("is")) {
        op = accept("not") ? "is not" : "is";
      } else {
        return node == nullptr ? first : node;
      }
      if (node == nullptr) node = make(Kind::Compare, {first});
      node->operators.push_back(op);
      node->children.push_back(bitwise_or());
    }
  }

  // Binary operators from `|` (level 0) to `*` (level 5), parsed by precedence climbing: the tree
  // is the one that a function per level builds.
  Node* bitwise_or(int min_level = 0) {
    Node* left = factor();
    for (int level = binary_operator_level(); level >= min_level; level = binary_operator_level()) {
      const std::string_view op = tokens_[pos_++].text;
      left = make(Kind::BinOp, {left, bitwise_or(level + 1)}, op);
    }
    return left;
  }

  // The level of the binary operator at the current token, or -1.
  int binary_operator_level() const {
    struct BinaryOperator {
      std::string_view text;
      int level;
    };
    static constexpr std::array<BinaryOperator, 12> kBinaryOperators{{
        {"|", 0}, {"^", 1}, {"&", 2}, {"<<", 3}, {">>", 3}, {"+", 4}, {"-", 4},
        {"*", 5}, {"/", 5}, {"//", 5}, {"%", 5}, {"@", 5},
    }};
    const Token* token = peek();
    if (token == nullptr || token->kind != TokenKind::Operator) return -1;
    for (const BinaryOperator& op : kBinaryOperators) {
      if (same_text(token->text, op.text)) return op.level;
    }
    return -1;
  }

  Node* factor() {
    static constexpr std::array<std::string_view, 3> kUnaryOperators{"-", "+", "~"};
    for (std::string_view op : kUnaryOperators) {
      if (accept(op)) return make(Kind::UnaryOp, {factor()}, op);
    }
    Node* base = accept("await") ? make(Kind::Await, {primary()}) : primary();
    return accept("**") ? make(Kind::BinOp, {base, factor()}, "**") : base;
  }

  Node* primary() {
    Node* node = atom();
    while (true) {
      if (accept(".")) {
        node = make(Kind::Attribute, {node}, name());
      } else if (at("(")) {
        node = call(node);
      } else if (accept("[")) {
        node = make(Kind::Subscript, {node, subscript()});
      } else {
        return node;
      }
    }
  }

  Node* call(Node* function) {
    expect("(");
    Node* node = make(Kind::Call, {function});
    while (!accept(")")) {
      if (accept("*")) {
        node->children.push_back(make(Kind::Starred, {test()}));
      } else if (accept("**")) {
        node->children.push_back(make(Kind::DoubleStarred, {test()}));
      } else if (peek() != nullptr && peek()->kind == TokenKind::Name && at("=", 1)) {
        const std::string_view keyword = name();
        ++pos_;
        node->children.push_back(make(Kind::Keyword, {test()}, keyword));
      } else {
        Node* argument = test();
        node->children.push_back(at("for") || at("async") ? comprehension(Kind::Generator, {argument}) : argument);
      }
      if (!accept(",")) {
        expect(")");
        break;
      }
      node->trailing_comma = at(")");
    }
    return node;
  }

  Node* subscript() {
    Node* first = slice();
    if (accept("]")) return first;
    Node* tuple = make(Kind::Tuple, {first});
    elements(tuple, "]", [this] { return slice(); });
    return tuple;
  }

  Node* slice() {
    if (accept("*")) return make(Kind::Starred, {bitwise_or()});
    Node* lower = at(":") ? nullptr : test();
    if (!accept(":")) return lower;
    const auto bound = [&] { return at(":") || at(",") || at("]") ? nullptr : test(); };
    Node* node = make(Kind::Slice, {lower, bound(), nullptr});
    node->colons = 1;
    if (accept(":")) {
      node->colons = 2;
      node->children[2] = bound();
    }
    return node;
  }

  // [element] followed by its `for` clauses.
  Node* comprehension(Kind kind, std::initializer_list<const Node*> elements) {
    Node* node = make(kind, elements);
    while (at("for") || at("async")) {
      Node* clause = make(Kind::Comprehension, {}, accept("async") ? "async" : "");
      expect("for");
      clause->children.push_back(targets());
      expect("in");
      clause->children.push_back(or_test());
      while (accept("if")) clause->children.push_back(test_no_condition());
      node->children.push_back(clause);
    }
    return node;
  }

  // The elements of a bracketed sequence after its first, up to and including `close`.
  void elements(Node* node, std::string_view close, FunctionRef<Node*()> element) {
    while (accept(",")) {
      if (at(close)) {
        node->trailing_comma = true;
        break;
      }
      node->children.push_back(element());
    }
    expect(close);
  }

  Node* atom() {
    const Token* token = peek();
    if (token == nullptr) throw Unsupported{};
    if (accept("(")) {
      Node* tuple = make(Kind::Tuple);
      tuple->parenthesized = true;
      if (accept(")")) return tuple;
      Node* first = star_expression();
      if (at("for") || at("async")) {
        Node* generator = comprehension(Kind::Generator, {first});
        generator->parenthesized = true;
        expect(")");
        return generator;
      }
      if (accept(")")) {
        ++first->parens;
        return first;
      }
      tuple->children.push_back(first);
      elements(tuple, ")", [this] { return star_expression(); });
      return tuple;
    }
    if (accept("[")) {
      if (accept("]")) return make(Kind::List);
      Node* first = star_expression();
      if (at("for") || at("async")) {
        Node* list = comprehension(Kind::ListComp, {first});
        expect("]");
        return list;
      }
      Node* list = make(Kind::List, {first});
      elements(list, "]", [this] { return star_expression(); });
      return list;
    }
    if (accept("{")) return dict_or_set();
    ++pos_;
    switch (token->kind) {
      case TokenKind::Name:
        if (token->text == "None" || token->text == "True" || token->text == "False") {
          return make(Kind::Constant, {}, token->text);
        }
        if (is_keyword(token->text)) throw Unsupported{};
        return make(Kind::Name, {}, token->text);
      case TokenKind::Number:
        return make(Kind::Number, {}, token->text);
      case TokenKind::String:
        if (peek() != nullptr && peek()->kind == TokenKind::String) throw Unsupported{};  // implicit concatenation
        return make(Kind::String, {}, token->text);
      case TokenKind::Operator:
        if (token->text == "...") return make(Kind::Constant, {}, "...");
        break;
      case TokenKind::Comment:
        break;
    }
    throw Unsupported{};
  }

  Node* dict_or_set() {
    if (accept("}")) return make(Kind::Dict);
    const auto dict_item = [this]() -> Node* {
      if (accept("**")) return make(Kind::DoubleStarred, {bitwise_or()});
      Node* key = test();
      expect(":");
      return make(Kind::DictItem, {key, test()});
    };
    Node* first = nullptr;
    if (accept("**")) {
      first = make(Kind::DoubleStarred, {bitwise_or()});
    } else {
      first = star_expression();
      if (!accept(":")) {
        Node* set = comprehension(Kind::SetComp, {first});
        if (set->children.size() == 1) {
          set->kind = Kind::Set;
          elements(set, "}", [this] { return star_expression(); });
        } else {
          expect("}");
        }
        return set;
      }
      first = make(Kind::DictItem, {first, test()});
    }
    if (first->kind == Kind::DictItem && (at("for") || at("async"))) {
      Node* dict = comprehension(Kind::DictComp, {first->children[0], first->children[1]});
      expect("}");
      return dict;
    }
    Node* dict = make(Kind::Dict, {first});
    elements(dict, "}", dict_item);
    return dict;
  }

  std::span<const Token> tokens_;
  NodePool& nodes_;
  std::deque<std::string>& texts_;
  std::size_t pos_ = 0;
  int depth_ = 0;  // of nested `test`s
};

// ---------------------------------------------------------------------------------------------
// Documents: the format elements of ruff_formatter, as a flat list with start and end tags.

enum class PrintMode : std::uint8_t { Flat, Expanded };

// Whether a group expands: never forced, forced (`should_expand`), or forced by its content.
enum class GroupMode : std::uint8_t { Flat, Expand, Propagated };

enum class Op : std::uint8_t {
  Text, Space, SoftLine, SoftLineOrSpace, HardLine, ExpandParent, Interned, BestFitting,
  StartGroup, EndGroup, StartConditionalGroup, EndConditionalGroup, StartConditionalContent,
  EndConditionalContent, StartIndent, EndIndent, StartIndentIfGroupBreaks, EndIndentIfGroupBreaks,
  StartFitsExpanded, EndFitsExpanded, StartBestFitParenthesize, EndBestFitParenthesize, StartEntry, EndEntry,
};

// Content that applies when the group `group` (or, when -1, the enclosing content) prints in `mode`.
struct Condition {
  PrintMode mode;
  int group = -1;
};

// A format element. Its fields are packed, as a large statement has millions of elements: text(),
// width() and condition() read those that they name.
struct Element {
  explicit Element(Op op) : op(op) {}
  // A Text of `width` columns; the line's tokens and tree hold `text`.
  Element(Op op, std::string_view text, int width)
      : text_data(text.data()),
        text_size(static_cast<std::uint32_t>(text.size())),
        op(op),
        wide(width != static_cast<int>(text.size())) {}

  std::string_view text() const { return {text_data, text_size}; }
  int width() const { return wide ? text_width(text()) : static_cast<int>(text_size); }
  // When conditional tags and StartFitsExpanded apply.
  std::optional<Condition> condition() const {
    if (!conditional) return std::nullopt;
    return Condition{condition_mode, condition_group};
  }
  void set_condition(Condition condition) {
    conditional = true;
    condition_mode = condition.mode;
    condition_group = condition.group;
  }

  const char* text_data = nullptr;
  std::uint32_t text_size = 0;
  // The group of StartGroup, StartIndentIfGroupBreaks, ...; the document in `Documents` of Interned;
  // the document of the first variant of BestFitting, the others following it.
  int id = -1;
  int condition_group = -1;
  Op op;
  GroupMode group_mode = GroupMode::Flat;  // StartGroup, StartConditionalGroup
  PrintMode condition_mode = PrintMode::Flat;
  std::uint8_t variants : 4 = 0;      // of BestFitting, most flat first; each is StartEntry ... EndEntry
  bool propagate_expand : 1 = false;  // StartFitsExpanded whose content expands
  bool conditional : 1 = false;
  bool wide : 1 = false;  // a Text whose width is not its size
};

static_assert(sizeof(Element) <= 24);

using Doc = std::vector<Element>;

// The documents that Interned and BestFitting elements refer to, by number. They are kept, with
// their storage, for the next line.
class Documents {
 public:
  // Adds `count` empty documents; returns the number of the first.
  int add(int count = 1) {
    const int first = used_;
    for (; used_ < first + count; ++used_) {
      if (static_cast<std::size_t>(used_) == docs_.size()) docs_.emplace_back();
      docs_[used_].clear();
    }
    return first;
  }
  Doc& operator[](int doc) { return docs_[doc]; }
  const Doc& operator[](int doc) const { return docs_[doc]; }
  int size() const { return used_; }
  void clear() { used_ = 0; }

 private:
  std::deque<Doc> docs_;  // stable addresses
  int used_ = 0;
};

// Whether `doc` is certain to break (ruff's `will_break`).
bool will_break(const Doc& doc, const Documents& documents) {
  return std::any_of(doc.begin(), doc.end(), [&](const Element& e) {
    switch (e.op) {
      case Op::ExpandParent:
      case Op::HardLine:
        return true;
      case Op::StartGroup:
        return e.group_mode != GroupMode::Flat;
      case Op::Interned:
      case Op::BestFitting:  // its first variant
        return will_break(documents[e.id], documents);
      default:
        return false;
    }
  });
}

// Marks the groups that contain a hard line break, an expanded group or an ExpandParent as
// expanded (ruff's `Document::propagate_expand`); best-fitting content does not propagate out.
class ExpandPropagation {
 public:
  void run(Doc& doc, Documents& documents) {
    documents_ = &documents;
    interned_.assign(documents.size(), std::nullopt);
    visit(doc);
  }

 private:
  bool visit(Doc& doc) {
    bool expands = false;
    for (Element& e : doc) {
      bool element_expands = false;
      switch (e.op) {
        case Op::StartGroup:
        case Op::StartConditionalGroup:
        case Op::StartFitsExpanded:
          enclosing_.push_back(&e);
          if (e.op == Op::StartFitsExpanded) saved_.push_back(expands);
          break;
        case Op::EndGroup:
        case Op::EndConditionalGroup:
          element_expands = enclosing_.back()->group_mode != GroupMode::Flat;
          enclosing_.pop_back();
          break;
        case Op::EndFitsExpanded:
        case Op::EndBestFitParenthesize:
          enclosing_.pop_back();
          expands = saved_.back();
          saved_.pop_back();
          break;
        case Op::StartBestFitParenthesize:
          enclosing_.push_back(nullptr);
          saved_.push_back(expands);
          expands = false;
          break;
        case Op::Interned:
          if (!interned_[e.id]) interned_[e.id] = visit((*documents_)[e.id]);
          element_expands = *interned_[e.id];
          break;
        case Op::BestFitting:
          enclosing_.push_back(nullptr);
          for (int variant = e.id; variant < e.id + e.variants; ++variant) visit((*documents_)[variant]);
          enclosing_.pop_back();
          break;
        case Op::ExpandParent:
        case Op::HardLine:
          element_expands = true;
          break;
        default:
          break;
      }
      if (element_expands) {
        expands = true;
        if (!enclosing_.empty() && enclosing_.back() != nullptr) {
          Element& parent = *enclosing_.back();
          if (parent.op == Op::StartFitsExpanded) parent.propagate_expand = true;
          else parent.group_mode = GroupMode::Propagated;
        }
      }
    }
    return expands;
  }

  Documents* documents_ = nullptr;
  std::vector<Element*> enclosing_;  // null for best-fitting content, which does not propagate
  std::vector<bool> saved_;  // `expands` before each open FitsExpanded and BestFitParenthesize
  std::vector<std::optional<bool>> interned_;  // whether each interned document expands, once visited
};

// ---------------------------------------------------------------------------------------------
// The printer: a port of ruff_formatter's Printer for the elements above.

enum class MeasureMode : std::uint8_t { FirstLine, AllLines, AllLinesAllowTextOverflow };

struct PrintArgs {
  int indent = 0;  // levels
  PrintMode mode = PrintMode::Expanded;
  MeasureMode measure = MeasureMode::FirstLine;
};

struct Frame {
  Op kind;  // the start tag that pushed it (Text for the root)
  PrintArgs args;
};

// A stack that may stand on another, which it leaves unchanged: the measurer sees the printer's
// queue and stack through one, without copying them (ruff's StackedStack).
template <class T>
class StackedStack {
 public:
  // Empties it, standing on `below` (which stands on nothing) or on nothing.
  void reset(const StackedStack* below = nullptr) {
    items_.clear();
    below_ = below;
    below_size_ = below == nullptr ? 0 : below->items_.size();
  }
  bool empty() const { return items_.empty() && below_size_ == 0; }
  const T& back() const { return items_.empty() ? below_->items_[below_size_ - 1] : items_.back(); }
  // The top item, to change: one of the stack below is copied first.
  T& mutable_back() {
    if (items_.empty()) items_.push_back(below_->items_[--below_size_]);
    return items_.back();
  }
  void push_back(const T& item) { items_.push_back(item); }
  void pop_back() {
    if (items_.empty()) --below_size_;
    else items_.pop_back();
  }

 private:
  std::vector<T> items_;
  const StackedStack* below_ = nullptr;
  std::size_t below_size_ = 0;  // the items of `below_` that are in this stack
};

// The elements still to print: a stack of ranges, the top one first.
class Queue {
 public:
  // Empties it, standing on `below` (see StackedStack) or on nothing.
  void reset(const Queue* below = nullptr) { ranges_.reset(below == nullptr ? nullptr : &below->ranges_); }
  void push(const Doc& doc) { ranges_.push_back({doc.data(), doc.data() + doc.size()}); }
  void push(const Element* begin, const Element* end) { ranges_.push_back({begin, end}); }
  void pop_range() { ranges_.pop_back(); }
  const Element* pop() {
    while (!ranges_.empty()) {
      auto& [begin, end] = ranges_.mutable_back();
      if (begin != end) return begin++;
      ranges_.pop_back();
    }
    return nullptr;
  }
  // Skips everything up to and including the end tag matching the start tag just popped.
  void skip_content(Op start, Op end) {
    for (int depth = 1; depth > 0;) {
      const Element* e = pop();
      if (e == nullptr) return;
      if (e->op == start) ++depth;
      if (e->op == end) --depth;
    }
  }

 private:
  StackedStack<std::pair<const Element*, const Element*>> ranges_;
};

Op end_of(Op start) { return static_cast<Op>(static_cast<int>(start) + 1); }

class Printer {
 public:
  explicit Printer(int line_width) : line_width_limit_(line_width) {}

  // Appends `doc`, whose elements refer to `documents` and `group_count` groups, to `out`, indented
  // by `indent` levels, with `line_break` between its lines.
  void print(const Doc& doc, const Documents& documents, int group_count, int indent, std::string_view line_break,
             std::string& out) {
    documents_ = &documents;
    line_break_ = line_break;
    out_ = &out;
    line_start_ = out.size();
    line_width_ = 0;
    pending_indent_ = indent;
    measured_group_fits_ = false;
    group_modes_.assign(group_count, PrintMode::Flat);
    stack_.reset();
    stack_.push_back({Op::Text, {indent}});
    queue_.reset();
    queue_.push(doc);
    while (const Element* e = queue_.pop()) print_element(*e);
  }

 private:
  enum class Fits : std::uint8_t { Yes, No, Maybe };

  // Measures whether the queued content fits on the current line (ruff's FitsMeasurer): it works
  // on stacks standing on the printer's queue and stack so that it can look past the current
  // element.
  struct Measurer {
    Printer& printer;
    Queue& queue;
    StackedStack<Frame>& stack;
    std::optional<int> pending_indent;
    int line_width;

    bool fits() {
      while (const Element* e = queue.pop()) {
        switch (fits_element(*e)) {
          case Fits::Yes:
            return true;
          case Fits::No:
            return false;
          case Fits::Maybe:
            break;
        }
      }
      return true;
    }

    Fits fits_element(const Element& e) {
      const PrintArgs args = stack.back().args;
      switch (e.op) {
        case Op::Space:
          return fits_text(1, args);
        case Op::Text:
          return fits_text(e.width(), args);
        case Op::SoftLine:
        case Op::SoftLineOrSpace:
        case Op::HardLine:
          if (args.mode == PrintMode::Flat) {
            if (e.op == Op::SoftLineOrSpace) return fits_text(1, args);
            if (e.op == Op::HardLine) return Fits::Yes;
          } else {
            if (args.measure == MeasureMode::FirstLine) return Fits::Yes;
            line_width = 0;
            pending_indent = args.indent;
          }
          break;
        case Op::ExpandParent:
          break;
        case Op::Interned:
          queue.push((*printer.documents_)[e.id]);
          break;
        case Op::BestFitting: {
          const bool flat = args.mode == PrintMode::Flat;
          const Doc& variant = (*printer.documents_)[flat ? e.id : e.id + e.variants - 1];
          stack.push_back({Op::StartEntry, flat ? PrintArgs{args.indent, args.mode, MeasureMode::FirstLine} : args});
          queue.push(variant.data() + 1, variant.data() + variant.size());
          break;
        }
        case Op::StartIndent:
          stack.push_back({e.op, indented(args)});
          break;
        case Op::StartGroup:
          return fits_group(e.op, e.group_mode, e.id, args);
        case Op::StartConditionalGroup:
          if (printer.applies(*e.condition(), args)) return fits_group(e.op, e.group_mode, -1, args);
          stack.push_back({e.op, args});
          break;
        case Op::StartConditionalContent:
          if (printer.applies(*e.condition(), args)) stack.push_back({e.op, args});
          else queue.skip_content(e.op, end_of(e.op));
          break;
        case Op::StartIndentIfGroupBreaks:
          stack.push_back({e.op, printer.group_mode(e.id) == PrintMode::Expanded ? indented(args) : args});
          break;
        case Op::StartFitsExpanded:
          if (args.mode == PrintMode::Flat && (!e.condition() || printer.applies(*e.condition(), args))) {
            stack.push_back({e.op, {args.indent, PrintMode::Expanded, MeasureMode::AllLinesAllowTextOverflow}});
          } else {
            if (args.mode == PrintMode::Flat && e.propagate_expand) return Fits::No;
            stack.push_back({e.op, args});
          }
          break;
        case Op::StartBestFitParenthesize:
          if (e.id >= 0) printer.group_modes_[e.id] = args.mode;
          stack.push_back({e.op, args});
          break;
        case Op::EndBestFitParenthesize:
          if (args.mode == PrintMode::Expanded && stack.back().kind == Op::StartIndent) {
            stack.pop_back();
            const PrintArgs unindented = stack.back().args;
            stack.pop_back();
            line_width = 0;
            pending_indent = unindented.indent;
            return fits_text(1, unindented);
          }
          stack.pop_back();
          break;
        case Op::StartEntry:
          stack.push_back({e.op, args});
          break;
        default:  // end tags
          stack.pop_back();
          break;
      }
      return Fits::Maybe;
    }

    Fits fits_group(Op kind, GroupMode group_mode, int id, PrintArgs args) {
      args.mode = group_mode == GroupMode::Flat ? args.mode : PrintMode::Expanded;
      stack.push_back({kind, args});
      if (id >= 0) printer.group_modes_[id] = args.mode;
      return Fits::Maybe;
    }

    Fits fits_text(int width, PrintArgs args) {
      if (pending_indent) line_width += *pending_indent * kIndentWidth;
      pending_indent.reset();
      line_width += width;
      return line_width > printer.line_width_limit_ && args.measure != MeasureMode::AllLinesAllowTextOverflow
                 ? Fits::No
                 : Fits::Maybe;
    }
  };

  static PrintArgs indented(PrintArgs args) {
    ++args.indent;
    return args;
  }

  PrintMode group_mode(int id) const { return group_modes_[id]; }

  bool fits() {
    measured_queue_.reset(&queue_);
    measured_stack_.reset(&stack_);
    Measurer measurer{*this, measured_queue_, measured_stack_, pending_indent_, line_width_};
    return measurer.fits();
  }

  // Whether content under `condition` applies, `args` being those of the enclosing content.
  bool applies(const Condition& condition, PrintArgs args) const {
    return condition.mode == (condition.group < 0 ? args.mode : group_mode(condition.group));
  }

  void print_element(const Element& e) {
    const PrintArgs args = stack_.back().args;
    switch (e.op) {
      case Op::Space:
        print_text(" ", 1);
        break;
      case Op::Text:
        print_text(e.text(), e.width());
        break;
      case Op::SoftLine:
      case Op::SoftLineOrSpace:
      case Op::HardLine:
        if (args.mode == PrintMode::Flat && e.op != Op::HardLine) {
          if (e.op == Op::SoftLineOrSpace) print_text(" ", 1);
        } else {
          if (out_->size() > line_start_) {
            *out_ += line_break_;
            line_start_ = out_->size();
            line_width_ = 0;
            measured_group_fits_ = false;
          }
          pending_indent_ = args.indent;
        }
        break;
      case Op::ExpandParent:
        break;
      case Op::Interned:
        queue_.push((*documents_)[e.id]);
        break;
      case Op::BestFitting:
        print_best_fitting(e, args);
        break;
      case Op::StartGroup:
      case Op::StartConditionalGroup: {
        if (e.op == Op::StartConditionalGroup && !applies(*e.condition(), args)) {
          stack_.push_back({e.op, args});
          break;
        }
        const PrintMode mode =
            e.group_mode != GroupMode::Flat ? PrintMode::Expanded : flat_group_print_mode(e.op, e.id, args);
        if (e.id >= 0) group_modes_[e.id] = mode;
        stack_.push_back({e.op, {args.indent, mode, args.measure}});
        break;
      }
      case Op::StartBestFitParenthesize:
        print_best_fit_parenthesize(e, args);
        break;
      case Op::EndBestFitParenthesize:
        if (args.mode == PrintMode::Expanded) {
          stack_.pop_back();  // the indent
          queue_.push(close_parenthesis_);
        }
        stack_.pop_back();
        break;
      case Op::StartConditionalContent:
        if (applies(*e.condition(), args)) stack_.push_back({e.op, args});
        else queue_.skip_content(e.op, end_of(e.op));
        break;
      case Op::StartIndent:
        stack_.push_back({e.op, indented(args)});
        break;
      case Op::StartIndentIfGroupBreaks:
        stack_.push_back({e.op, group_mode(e.id) == PrintMode::Expanded ? indented(args) : args});
        break;
      case Op::StartFitsExpanded:
        if (!e.condition() || applies(*e.condition(), args)) measured_group_fits_ = false;
        stack_.push_back({e.op, args});
        break;
      case Op::StartEntry:
        stack_.push_back({e.op, args});
        break;
      default:  // end tags
        stack_.pop_back();
        break;
    }
  }

  PrintMode flat_group_print_mode(Op kind, int id, PrintArgs args) {
    if (args.mode == PrintMode::Flat && measured_group_fits_) return PrintMode::Flat;
    measured_group_fits_ = true;
    if (id >= 0) group_modes_[id] = PrintMode::Flat;
    stack_.push_back({kind, {args.indent, PrintMode::Flat, args.measure}});
    const bool fit = fits();
    stack_.pop_back();
    return fit ? PrintMode::Flat : PrintMode::Expanded;
  }

  // Prints the content flat if it fits, else parenthesized on its own lines if that fits, else
  // flat anyway.
  void print_best_fit_parenthesize(const Element& e, PrintArgs args) {
    PrintMode mode = flat_group_print_mode(e.op, e.id, args);
    if (mode == PrintMode::Expanded) {
      if (e.id >= 0) group_modes_[e.id] = PrintMode::Expanded;
      stack_.push_back({e.op, {args.indent, args.mode, MeasureMode::AllLines}});
      queue_.push(open_parenthesis_);
      const bool fit = fits();
      queue_.pop_range();
      stack_.pop_back();
      mode = fit ? PrintMode::Expanded : PrintMode::Flat;
    }
    if (e.id >= 0) group_modes_[e.id] = mode;
    if (mode == PrintMode::Expanded) {
      queue_.push(open_parenthesis_);
    }
    stack_.push_back({e.op, {args.indent, mode, args.measure}});
  }

  void print_best_fitting(const Element& e, PrintArgs args) {
    const int last = e.id + e.variants - 1;
    if (args.mode == PrintMode::Flat && measured_group_fits_) {
      print_entry((*documents_)[e.id], args);
      return;
    }
    measured_group_fits_ = true;
    for (int i = e.id; i < last; ++i) {
      const Doc& variant = (*documents_)[i];
      queue_.push(variant.data() + 1, variant.data() + variant.size());
      stack_.push_back({Op::StartEntry, {args.indent, PrintMode::Flat, MeasureMode::FirstLine}});
      const bool fit = fits();
      stack_.pop_back();
      queue_.pop_range();
      if (fit) {
        print_entry(variant, {args.indent, PrintMode::Flat, args.measure});
        return;
      }
    }
    print_entry((*documents_)[last], {args.indent, PrintMode::Expanded, args.measure});
  }

  // Prints a best-fitting variant (StartEntry ... EndEntry) completely.
  void print_entry(const Doc& variant, PrintArgs args) {
    stack_.push_back({Op::StartEntry, args});
    queue_.push(variant.data() + 1, variant.data() + variant.size());
    for (int depth = 1;;) {
      const Element* e = queue_.pop();
      if (e->op == Op::StartEntry) ++depth;
      if (e->op == Op::EndEntry && --depth == 0) {
        stack_.pop_back();
        return;
      }
      print_element(*e);
    }
  }

  void print_text(std::string_view text, int width) {
    if (pending_indent_) {
      out_->append(static_cast<std::size_t>(*pending_indent_ * kIndentWidth), ' ');
      line_width_ += *pending_indent_ * kIndentWidth;
      pending_indent_.reset();
    }
    *out_ += text;
    line_width_ += width;
  }

  const Doc open_parenthesis_{Element{Op::Text, "(", 1}, Element{Op::StartIndent}, Element{Op::HardLine}};
  const Doc close_parenthesis_{Element{Op::HardLine}, Element{Op::Text, ")", 1}};
  int line_width_limit_;
  const Documents* documents_ = nullptr;
  std::string_view line_break_;
  std::string* out_ = nullptr;
  std::vector<PrintMode> group_modes_;
  StackedStack<Frame> stack_;
  Queue queue_;
  StackedStack<Frame> measured_stack_;  // standing on `stack_` and `queue_`, for `fits`
  Queue measured_queue_;
  std::size_t line_start_ = 0;
  int line_width_ = 0;
  std::optional<int> pending_indent_;
  bool measured_group_fits_ = false;
};

// ---------------------------------------------------------------------------------------------
// ruff_python_formatter's rules for the statements and expressions above, building a document.

enum class Parentheses : std::uint8_t { Preserve, Always, Never };

// When a statement wants optional parentheses around an expression.
enum class Parenthesize : std::uint8_t { Optional, IfBreaks, IfBreaksParenthesized, IfBreaksParenthesizedNested };

// When an expression needs optional parentheses.
enum class OptionalParentheses : std::uint8_t { Multiline, Always, BestFit, Never };

// The parent that an expression's need for parentheses depends on.
enum class Parent : std::uint8_t { Other, Await, Annotation, Returns, ReturnsWithoutParameters };

// Fluent call chains (`a.b().c().d()`) break before their dots.
enum class ChainLayout : std::uint8_t { Default, Fluent, NonFluent };

enum class TupleParentheses : std::uint8_t { Default, Preserve, OptionalParentheses, Never, NeverPreserve };

enum class OwnParentheses : std::uint8_t { None, Empty, NonEmpty };

// Operator precedence, from binding tightest to loosest.
enum class Precedence : std::uint8_t {
  None, Attribute, Exponential, BitwiseInversion, Multiplicative, Additive, Shift, BitwiseAnd, BitwiseXor,
  BitwiseOr, Comparator, BooleanOperation, Conditional,
};

Precedence precedence(std::string_view op) {
  if (op == "**") return Precedence::Exponential;
  if (op == "*" || op == "/" || op == "//" || op == "%" || op == "@") return Precedence::Multiplicative;
  if (op == "+" || op == "-") return Precedence::Additive;
  if (op == "<<" || op == ">>") return Precedence::Shift;
  if (op == "&") return Precedence::BitwiseAnd;
  if (op == "^") return Precedence::BitwiseXor;
  if (op == "|") return Precedence::BitwiseOr;
  if (op == "and" || op == "or") return Precedence::BooleanOperation;
  return Precedence::Comparator;
}

bool is_binary_like(const Node& e) {
  return e.kind == Kind::BinOp || e.kind == Kind::Compare || e.kind == Kind::BoolOp;
}

// An attribute, call or subscript: a link of a call chain.
bool is_chain_link(const Node& e) {
  return e.kind == Kind::Attribute || e.kind == Kind::Call || e.kind == Kind::Subscript;
}

// `a + b` and the like, which an expression statement parenthesizes when they break.
bool is_arithmetic_like(const Node& e) {
  static constexpr std::array<std::string_view, 6> kOperators{"|", "^", "<<", ">>", "+", "-"};
  return e.kind == Kind::BinOp && std::find(kOperators.begin(), kOperators.end(), e.text) != kOperators.end();
}

bool is_atom(const Node& e) {
  return e.kind == Kind::Name || e.kind == Kind::Number || e.kind == Kind::String || e.kind == Kind::Constant;
}

OwnParentheses own_parentheses(const Node& e) {
  const auto by_content = [](bool non_empty) { return non_empty ? OwnParentheses::NonEmpty : OwnParentheses::Empty; };
  switch (e.kind) {
    case Kind::ListComp:
    case Kind::SetComp:
    case Kind::DictComp:
    case Kind::Subscript:
      return OwnParentheses::NonEmpty;
    case Kind::Generator:
      return e.parenthesized ? OwnParentheses::NonEmpty : OwnParentheses::None;
    case Kind::Tuple:
      return e.parenthesized ? by_content(!e.children.empty()) : OwnParentheses::None;
    case Kind::List:
    case Kind::Set:
    case Kind::Dict:
      return by_content(!e.children.empty());
    case Kind::Call:
      return by_content(e.children.size() > 1);
    default:
      return OwnParentheses::None;
  }
}

// Own parentheses, or grouping parentheses around it.
OwnParentheses has_parentheses(const Node& e) {
  const OwnParentheses own = own_parentheses(e);
  return own != OwnParentheses::NonEmpty && e.parens > 0 ? OwnParentheses::NonEmpty : own;
}

ChainLayout chain_layout_of(const Node& e) {
  int called_values = 0;
  bool root_parenthesized = false;
  for (const Node* node = &e;;) {
    if (node->kind == Kind::Attribute) {
      const Node& value = *node->children[0];
      if (value.parens > 0) {
        root_parenthesized = true;
        break;
      }
      if (value.kind == Kind::Call || value.kind == Kind::Subscript) ++called_values;
      node = &value;
    } else if ((node->kind == Kind::Call || node->kind == Kind::Subscript) && node->children[0]->parens == 0) {
      node = node->children[0];
    } else {
      break;
    }
  }
  return called_values + (root_parenthesized ? 1 : 0) >= 2 ? ChainLayout::Fluent : ChainLayout::NonFluent;
}

OptionalParentheses needs_parentheses(const Node& e, Parent parent) {
  const bool in_await = parent == Parent::Await;
  switch (e.kind) {
    case Kind::Name:
    case Kind::Number:
    case Kind::String:
    case Kind::Constant:
      return OptionalParentheses::BestFit;
    case Kind::Attribute:
    case Kind::Call:
    case Kind::Subscript: {
      if (chain_layout_of(e) == ChainLayout::Fluent) return OptionalParentheses::Multiline;
      const Node& inner = *e.children[0];
      if (inner.parens > 0) return OptionalParentheses::Never;
      const OptionalParentheses result = needs_parentheses(inner, Parent::Other);
      if (e.kind == Kind::Subscript && result == OptionalParentheses::BestFit) {
        if (parent == Parent::Returns) return OptionalParentheses::Never;
        if (parent == Parent::ReturnsWithoutParameters) return OptionalParentheses::Multiline;
      }
      return result;
    }
    case Kind::List:
    case Kind::Tuple:
    case Kind::Set:
    case Kind::Dict:
    case Kind::ListComp:
    case Kind::SetComp:
    case Kind::DictComp:
      return OptionalParentheses::Never;
    case Kind::Generator:
      return in_await ? OptionalParentheses::Always : OptionalParentheses::Never;
    case Kind::UnaryOp:
      if (in_await) return OptionalParentheses::Always;
      if (e.children[0]->parens > 0) return OptionalParentheses::Never;
      return needs_parentheses(*e.children[0], Parent::Other);
    case Kind::Await:
      if (parent != Parent::Other) return OptionalParentheses::Always;
      if (e.children[0]->parens > 0) return OptionalParentheses::Never;
      return needs_parentheses(*e.children[0], Parent::Await);
    default:
      return in_await ? OptionalParentheses::Always : OptionalParentheses::Multiline;
  }
}

bool is_splittable(const Node& e) {
  switch (e.kind) {
    case Kind::Compare:
    case Kind::BinOp:
    case Kind::BoolOp:
    case Kind::IfExp:
    case Kind::Generator:
    case Kind::Subscript:
    case Kind::Await:
    case Kind::ListComp:
    case Kind::SetComp:
    case Kind::DictComp:
      return true;
    case Kind::Tuple:
    case Kind::Dict:
    case Kind::Set:
    case Kind::List:
      return !e.children.empty();
    case Kind::UnaryOp:
      return is_splittable(*e.children[0]);
    case Kind::Call:
      return e.children.size() > 1 || e.children[0]->parens > 0;
    case Kind::Lambda:
    case Kind::Starred:
    case Kind::Attribute:
      return e.children[0]->parens > 0 || is_splittable(*e.children[0]);
    default:
      return false;
  }
}

// Whether optional parentheses can be left out because the expression's first or last part
// brings brackets to split instead (black's `_maybe_split_omitting_optional_parens`).
class OmitParenthesesVisitor {
 public:
  bool can_omit(const Node& e) {
    visit_subexpression(e);
    if (!any_parenthesized_ || max_precedence_count_ > 1) return false;
    if (max_precedence_ == Precedence::None || max_precedence_ == Precedence::Attribute) return true;
    const auto is_parenthesized = [](const Node* node) {
      return node != nullptr && node->kind != Kind::Subscript && has_parentheses(*node) == OwnParentheses::NonEmpty;
    };
    return is_parenthesized(last_) || is_parenthesized(first_);
  }

 private:
  void update(Precedence precedence, int count = 1) {
    if (precedence > max_precedence_) {
      max_precedence_ = precedence;
      max_precedence_count_ = count;
    } else if (precedence == max_precedence_) {
      max_precedence_count_ += count;
    }
  }

  void first_is_token() { first_set_ = true; }

  void visit(const Node* e) {
    if (e == nullptr) return;
    last_ = e;
    if (e->parens > 0) any_parenthesized_ = true;
    else visit_subexpression(*e);
    if (!first_set_) {
      first_set_ = true;
      first_ = e;
    }
  }

  void visit_subexpression(const Node& e) {
    switch (e.kind) {
      case Kind::Dict:
      case Kind::List:
      case Kind::Set:
      case Kind::ListComp:
      case Kind::SetComp:
      case Kind::DictComp:
        any_parenthesized_ = true;
        return;
      case Kind::Tuple:
      case Kind::Generator:
        if (e.parenthesized) {
          any_parenthesized_ = true;
          return;
        }
        break;
      case Kind::BoolOp:
        update(Precedence::BooleanOperation, static_cast<int>(e.children.size()) - 1);
        break;
      case Kind::BinOp:
        update(precedence(e.text));
        break;
      case Kind::IfExp:
        update(Precedence::Conditional, 2);
        break;
      case Kind::Compare:
        update(Precedence::Comparator, static_cast<int>(e.operators.size()));
        break;
      case Kind::Call:
      case Kind::Subscript:
        any_parenthesized_ = true;
        visit(e.children[0]);
        last_ = &e;
        return;
      case Kind::Attribute:
        visit(e.children[0]);
        if (has_parentheses(*e.children[0]) != OwnParentheses::None) update(Precedence::Attribute);
        last_ = &e;
        return;
      case Kind::UnaryOp:
        if (e.text == "~") update(Precedence::BitwiseInversion);
        if (!first_set_) first_is_token();
        break;
      case Kind::Lambda:
      case Kind::Await:
      case Kind::Starred:
      case Kind::DoubleStarred:
        if (!first_set_) first_is_token();
        break;
      default:
        return;
    }
    for (const Node* child : e.children) visit(child);
  }

  Precedence max_precedence_ = Precedence::None;
  int max_precedence_count_ = 0;
  bool any_parenthesized_ = false;
  const Node* last_ = nullptr;
  const Node* first_ = nullptr;  // null when the expression starts with a token (`not`, `lambda`...)
  bool first_set_ = false;
};

bool can_omit_optional_parentheses(const Node& e) { return OmitParenthesesVisitor().can_omit(e); }

bool is_simple_power_operand(const Node& e) {
  if (e.kind == Kind::UnaryOp) return e.text != "not" && is_simple_power_operand(*e.children[0]);
  if (e.kind == Kind::Attribute) return is_simple_power_operand(*e.children[0]);
  return e.kind == Kind::Name || e.kind == Kind::Number || (e.kind == Kind::Constant && e.text != "...");
}

bool is_simple_slice_bound(const Node* e) {
  if (e == nullptr) return true;
  if (e->kind == Kind::UnaryOp && e->text != "not") return is_simple_slice_bound(e->children[0]);
  return is_atom(*e);
}

// Where an expression is: outside brackets, inside the optional parentheses of group `group`, or
// inside brackets.
struct Level {
  enum Kind : std::uint8_t { Plain, Optional, Parenthesized } kind = Plain;
  int group = -1;
};

using Content = FunctionRef<void()>;

class Formatter {
 public:
  // The document of `s`, of `token_count` tokens, whose elements refer to `documents()`. It and
  // they are valid until the next call.
  Doc& format(const Statement& s, std::size_t token_count) {
    out_ = &doc_;  // as an Unsupported statement may have left them
    level_ = Level{};
    doc_.clear();
    // Statements take about three elements per token: a large one is then not copied as it grows.
    doc_.reserve(3 * token_count);
    documents_.clear();
    group_count_ = 0;
    statement(s);
    return doc_;
  }
  Documents& documents() { return documents_; }
  int group_count() const { return group_count_; }

 private:
  // --- document construction (ruff_formatter's builders)
  void push(const Element& e) { out_->push_back(e); }
  void push(Op op) { out_->push_back(Element{op}); }
  void token(std::string_view text) { out_->push_back(Element{Op::Text, text, static_cast<int>(text.size())}); }
  void text(std::string_view text) { out_->push_back(Element{Op::Text, text, text_width(text)}); }
  void space() { push(Op::Space); }
  void soft_line() { push(Op::SoftLine); }
  void soft_line_or_space() { push(Op::SoftLineOrSpace); }
  void hard_line() { push(Op::HardLine); }
  int new_group() { return group_count_++; }

  void tagged(const Element& start, const Content& content) {
    push(start);
    content();
    push(end_of(start.op));
  }
  void group(const Content& content, int id = -1, bool expand = false) {
    Element start{Op::StartGroup};
    start.id = id;
    start.group_mode = expand ? GroupMode::Expand : GroupMode::Flat;
    tagged(start, content);
  }
  void conditional(Op op, Condition condition, const Content& content) {
    Element start{op};
    start.set_condition(condition);
    tagged(start, content);
  }
  void if_group_breaks(const Content& content, int group = -1) {
    conditional(Op::StartConditionalContent, {PrintMode::Expanded, group}, content);
  }
  void if_group_fits(const Content& content, int group) {
    conditional(Op::StartConditionalContent, {PrintMode::Flat, group}, content);
  }
  void indent(const Content& content) { tagged(Element{Op::StartIndent}, content); }
  void indent_if_group_breaks(int group, const Content& content) {
    Element start{Op::StartIndentIfGroupBreaks};
    start.id = group;
    tagged(start, content);
  }
  void soft_block_indent(const Content& content) {
    indent([&] {
      soft_line();
      content();
    });
    soft_line();
  }
  void block_indent(const Content& content) {
    indent([&] {
      hard_line();
      content();
    });
    hard_line();
  }
  // Builds `content` into the document `doc` of `documents_`.
  void capture(int doc, const Content& content) {
    Doc* saved = std::exchange(out_, &documents_[doc]);
    content();
    out_ = saved;
  }
  // `content` as a document that Interned elements can refer to.
  int memoize(const Content& content) {
    const int doc = documents_.add();
    capture(doc, content);
    return doc;
  }
  void interned(int doc) {
    Element e{Op::Interned};
    e.id = doc;
    push(e);
  }
  // The first variant that fits (measured on its first line), else the last.
  void best_fitting(std::initializer_list<Content> variants) {
    Element e{Op::BestFitting};
    e.variants = static_cast<std::uint8_t>(variants.size());
    e.id = documents_.add(e.variants);
    int doc = e.id;
    for (const Content& variant : variants) capture(doc++, [&] { tagged(Element{Op::StartEntry}, variant); });
    push(e);
  }
  void with_level(Level level, const Content& content) {
    const Level saved = std::exchange(level_, level);
    content();
    level_ = saved;
  }

  // --- parentheses (ruff's parentheses.rs)
  bool in_parentheses() const { return level_.kind != Level::Plain; }

  // `content` in brackets, on one line or indented on its own lines (ruff's `parenthesized`).
  void parenthesized(std::string_view open, const Content& content, std::string_view close) {
    const Level outer = level_;
    with_level({Level::Parenthesized}, [&] {
      token(open);
      const auto indented = [&] { group([&] { soft_block_indent(content); }); };
      if (outer.kind == Level::Optional) {
        Element start{Op::StartFitsExpanded};
        start.set_condition({PrintMode::Flat, outer.group});
        tagged(start, indented);
      } else {
        indented();
      }
      token(close);
    });
  }

  // Parentheses only if the content does not fit even after splitting its own brackets.
  void optional_parentheses(const Content& content) {
    const int id = new_group();
    with_level({Level::Optional, id}, [&] { parentheses_if_group_breaks(id, content); });
  }

  void parenthesize_if_expands(const Content& content) {
    with_level({Level::Parenthesized}, [&] { parentheses_if_group_breaks(new_group(), content); });
  }

  void parentheses_if_group_breaks(int id, const Content& content) {
    group(
        [&] {
          if_group_breaks([&] { token("("); });
          indent_if_group_breaks(id, [&] {
            soft_line();
            content();
          });
          soft_line();
          if_group_breaks([&] { token(")"); });
        },
        id);
  }

  void in_parentheses_only_group(const Content& content) {
    if (level_.kind == Level::Optional) {
      conditional(Op::StartConditionalGroup, {PrintMode::Expanded, level_.group}, content);
    } else if (level_.kind == Level::Parenthesized) {
      group(content);
    } else {
      content();
    }
  }
  void in_parentheses_only_soft_line(bool or_space) {
    if (level_.kind == Level::Optional) {
      if_group_breaks([&] { or_space ? soft_line_or_space() : soft_line(); }, level_.group);
      if (or_space) if_group_fits([&] { space(); }, level_.group);
    } else if (level_.kind == Level::Parenthesized) {
      or_space ? soft_line_or_space() : soft_line();
    } else if (or_space) {
      space();
    }
  }
  void in_parentheses_only_if_group_breaks(const Content& content) {
    if (level_.kind == Level::Optional) if_group_breaks(content, level_.group);
    else if (level_.kind == Level::Parenthesized) if_group_breaks(content);
  }

  void maybe_parenthesize(const Node& e, Parent parent, Parenthesize mode) {
    if (mode == Parenthesize::Optional && e.parens > 0) return expr(e, Parentheses::Always);
    const OptionalParentheses needs = needs_parentheses(e, parent);
    const auto unparenthesized = [&] { expr(e, Parentheses::Never); };
    if (needs != OptionalParentheses::Always && in_parentheses()) {
      if (mode == Parenthesize::IfBreaksParenthesizedNested) parenthesize_if_expands(unparenthesized);
      else unparenthesized();
      return;
    }
    const auto optional_or_if_expands = [&] {
      if (can_omit_optional_parentheses(e)) optional_parentheses(unparenthesized);
      else parenthesize_if_expands(unparenthesized);
    };
    switch (needs) {
      case OptionalParentheses::Multiline:
        optional_or_if_expands();
        break;
      case OptionalParentheses::BestFit:
        if (mode == Parenthesize::IfBreaksParenthesized || mode == Parenthesize::IfBreaksParenthesizedNested) {
          optional_or_if_expands();
        } else if (mode == Parenthesize::IfBreaks) {
          const int id = new_group();
          with_level({Level::Optional, id}, [&] { best_fit_parenthesize(id, unparenthesized); });
        } else {
          unparenthesized();
        }
        break;
      case OptionalParentheses::Never:
        unparenthesized();
        break;
      case OptionalParentheses::Always:
        expr(e, Parentheses::Always);
        break;
    }
  }

  // Parentheses and an indent only if that makes the content fit.
  void best_fit_parenthesize(int id, const Content& content) {
    Element start{Op::StartBestFitParenthesize};
    start.id = id;
    tagged(start, content);
  }

  // --- expressions
  void expr(const Node& e, Parentheses parentheses = Parentheses::Preserve) {
    if (parentheses == Parentheses::Always || (parentheses == Parentheses::Preserve && e.parens > 0)) {
      parenthesized("(", [&] { fields(e); }, ")");
    } else {
      fields(e);
    }
  }

  void fields(const Node& e, ChainLayout chain = ChainLayout::Default) {
    switch (e.kind) {
      case Kind::Name:
      case Kind::Number:
      case Kind::String:
      case Kind::Constant:
        return text(e.text);
      case Kind::Attribute:
        return attribute(e, chain);
      case Kind::Call:
        return call(e, chain);
      case Kind::Subscript:
        return subscript(e, chain);
      case Kind::Slice:
        return slice(e);
      case Kind::List:
        return sequence("[", e, "]");
      case Kind::Set:
        return sequence("{", e, "}");
      case Kind::Tuple:
        return tuple(e, TupleParentheses::Default);
      case Kind::Dict:
        return dict(e);
      case Kind::ListComp:
        return comprehension("[", e, "]");
      case Kind::SetComp:
        return comprehension("{", e, "}");
      case Kind::DictComp:
        return comprehension("{", e, "}");
      case Kind::Generator:
        return generator(e, false);
      case Kind::BinOp:
      case Kind::Compare:
      case Kind::BoolOp:
        return binary_like(e);
      case Kind::UnaryOp:
        return unary(e);
      case Kind::IfExp:
        return conditional_expression(e, false);
      case Kind::Lambda:
        return lambda(e, false);
      case Kind::Await:
        token("await");
        space();
        return maybe_parenthesize(*e.children[0], Parent::Await, Parenthesize::IfBreaks);
      case Kind::Starred:
        token("*");
        return expr(*e.children[0]);
      case Kind::DoubleStarred:
        token("**");
        return expr(*e.children[0]);
      case Kind::Keyword:
        text(e.text);
        token("=");
        return expr(*e.children[0]);
      case Kind::DictItem:
      case Kind::Comprehension:
        break;
    }
    throw Unsupported{};
  }

  ChainLayout apply_chain_layout(ChainLayout chain, const Node& e) const {
    if (chain != ChainLayout::Default) return chain;
    return in_parentheses() ? chain_layout_of(e) : ChainLayout::NonFluent;
  }

  // The function of a call, or the value of an attribute or subscript.
  void chain_value(const Node& value, ChainLayout layout) {
    if (value.parens > 0) expr(value, Parentheses::Always);
    else if (is_chain_link(value)) fields(value, layout);
    else expr(value, Parentheses::Never);
  }

  // A call chain's root is a group, so that a fluent chain breaks before its dots as a whole.
  void chain_part(ChainLayout chain, ChainLayout layout, const Content& content) {
    if (chain == ChainLayout::Default && layout == ChainLayout::Fluent) group(content);
    else content();
  }

  void attribute(const Node& e, ChainLayout chain) {
    const ChainLayout layout = apply_chain_layout(chain, e);
    chain_part(chain, layout, [&] {
      const Node& value = *e.children[0];
      const std::string_view base = std::string_view(value.text).substr(0, 2);
      const bool number = value.kind == Kind::Number && base != "0x" && base != "0o" && base != "0b" &&
                          !value.text.ends_with('j');
      if (number) expr(value, Parentheses::Always);
      else if (layout == ChainLayout::Fluent) chain_value(value, layout);
      else expr(value, value.parens > 0 ? Parentheses::Always : Parentheses::Never);
      if (layout == ChainLayout::Fluent &&
          (number || value.parens > 0 || value.kind == Kind::Call || value.kind == Kind::Subscript)) {
        soft_line();
      }
      token(".");
      text(e.text);
    });
  }

  void call(const Node& e, ChainLayout chain) {
    const ChainLayout layout = apply_chain_layout(chain, e);
    chain_part(chain, layout, [&] {
      chain_value(*e.children[0], layout);
      arguments(e);
    });
  }

  void arguments(const Node& call) {
    const std::span<const Node* const> arguments = std::span(call.children).subspan(1);
    if (arguments.empty()) return token("()");
    const bool single = arguments.size() == 1 && arguments[0]->kind != Kind::Keyword &&
                        arguments[0]->kind != Kind::DoubleStarred;
    parenthesized(
        "(",
        [&] {
          group([&] {
            comma_separated(arguments, call.trailing_comma, [&](const Node& argument) {
              if (!single) expr(argument);
              else if (argument.kind == Kind::Generator) generator(argument, true);
              else expr(argument, argument.parens > 0 ? Parentheses::Always : Parentheses::Never);
            });
          });
        },
        ")");
  }

  void subscript(const Node& e, ChainLayout chain) {
    const ChainLayout layout = apply_chain_layout(chain, e);
    chain_part(chain, layout, [&] {
      chain_value(*e.children[0], layout);
      const Node& slice = *e.children[1];
      parenthesized(
          "[",
          [&] {
            if (slice.kind == Kind::Tuple) tuple(slice, TupleParentheses::Preserve);
            else expr(slice);
          },
          "]");
    });
  }

  void slice(const Node& e) {
    const Node* lower = e.children[0];
    const Node* upper = e.children[1];
    const Node* step = e.children[2];
    const bool all_simple = is_simple_slice_bound(lower) && is_simple_slice_bound(upper) && is_simple_slice_bound(step);
    if (lower != nullptr) expr(*lower);
    if (!all_simple && lower != nullptr) space();
    token(":");
    if (!all_simple && upper != nullptr) space();
    if (upper != nullptr) expr(*upper);
    if (e.colons == 2) {
      if (!all_simple && (upper != nullptr || step == nullptr)) space();
      token(":");
      if (!all_simple && step != nullptr) space();
      if (step != nullptr) expr(*step);
    }
  }

  // Elements separated by commas and soft line breaks, with a trailing comma when they break
  // (unless there is only one) and a forced break for a magic trailing comma.
  void comma_separated(std::span<const Node* const> items, bool magic_trailing_comma,
                       FunctionRef<void(const Node&)> entry) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) {
        token(",");
        soft_line_or_space();
      }
      entry(*items[i]);
    }
    if (items.empty()) return;
    if (magic_trailing_comma || items.size() > 1) if_group_breaks([&] { token(","); });
    if (magic_trailing_comma) push(Op::ExpandParent);
  }

  void elements(const Node& e) {
    comma_separated(e.children, e.trailing_comma, [&](const Node& element) { expr(element); });
  }

  void sequence(std::string_view open, const Node& e, std::string_view close) {
    if (e.children.empty()) {
      token(open);
      return token(close);
    }
    parenthesized(open, [&] { elements(e); }, close);
  }

  void tuple(const Node& e, TupleParentheses mode) {
    if (e.children.empty()) return token("()");
    if (e.children.size() == 1) {
      if (mode == TupleParentheses::Preserve && !e.parenthesized) {
        expr(*e.children[0]);
        if (e.trailing_comma) token(",");
        return;
      }
      return parenthesized(
          "(",
          [&] {
            expr(*e.children[0]);
            token(",");
          },
          ")");
    }
    const auto content = [&] { elements(e); };
    if (e.parenthesized && mode != TupleParentheses::NeverPreserve) return parenthesized("(", content, ")");
    switch (mode) {
      case TupleParentheses::Never:
        for (std::size_t i = 0; i < e.children.size(); ++i) {
          if (i > 0) {
            group([&] {
              token(",");
              space();
            });
          }
          expr(*e.children[i]);
        }
        break;
      case TupleParentheses::Preserve:
        group(content);
        break;
      case TupleParentheses::NeverPreserve:
        optional_parentheses(content);
        break;
      case TupleParentheses::OptionalParentheses:
        if (e.children.size() == 2) {
          optional_parentheses(content);
          break;
        }
        [[fallthrough]];
      case TupleParentheses::Default:
        parenthesize_if_expands(content);
        break;
    }
  }

  void dict(const Node& e) {
    if (e.children.empty()) return token("{}");
    parenthesized(
        "{",
        [&] {
          comma_separated(e.children, e.trailing_comma, [&](const Node& item) {
            group([&] {
              if (item.kind == Kind::DoubleStarred) {
                token("**");
                return expr(*item.children[0]);
              }
              expr(*item.children[0]);
              token(":");
              space();
              expr(*item.children[1]);
            });
          });
        },
        "}");
  }

  // A list, set or dict comprehension.
  void comprehension(std::string_view open, const Node& e, std::string_view close) {
    const bool dict = e.kind == Kind::DictComp;
    parenthesized(
        open,
        [&] {
          group([&] {
            group([&] { expr(*e.children[0]); });
            if (dict) {
              token(":");
              space();
              expr(*e.children[1]);
            }
            soft_line_or_space();
            comprehension_clauses(e, dict ? 2 : 1);
          });
        },
        close);
  }

  void generator(const Node& e, bool preserve_parentheses) {
    const auto content = [&] {
      group([&] { expr(*e.children[0]); });
      soft_line_or_space();
      comprehension_clauses(e, 1);
    };
    if (preserve_parentheses && !e.parenthesized) content();
    else parenthesized("(", [&] { group(content); }, ")");
  }

  void comprehension_clauses(const Node& e, std::size_t first) {
    for (std::size_t i = first; i < e.children.size(); ++i) {
      if (i > first) soft_line_or_space();
      const Node& clause = *e.children[i];
      if (!clause.text.empty()) {
        token("async");
        space();
      }
      token("for");
      space();
      const Node& target = *clause.children[0];
      if (target.kind == Kind::Tuple) tuple(target, TupleParentheses::Never);
      else expr(target);
      space();
      token("in");
      space();
      expr(*clause.children[1]);
      for (std::size_t k = 2; k < clause.children.size(); ++k) {
        soft_line_or_space();
        token("if");
        space();
        expr(*clause.children[k]);
      }
    }
  }

  // A chain of binary, comparison and boolean operators, split before the operators of the
  // lowest precedence first (ruff's binary_like.rs).
  struct OperatorChain {
    std::vector<const Node*> operands;
    std::vector<std::string_view> operators;  // operators[i] is between operands i and i + 1
  };

  static void flatten(const Node& e, OperatorChain& chain) {
    const auto operand = [&](const Node& o) {
      if (o.parens == 0 && is_binary_like(o)) flatten(o, chain);
      else chain.operands.push_back(&o);
    };
    operand(*e.children[0]);
    for (std::size_t i = 1; i < e.children.size(); ++i) {
      chain.operators.push_back(e.kind == Kind::Compare ? std::string_view(e.operators[i - 1]) : e.text);
      operand(*e.children[i]);
    }
  }

  void binary_like(const Node& e) {
    OperatorChain chain;
    flatten(e, chain);
    in_parentheses_only_group([&] { operands(chain, 0, chain.operands.size() - 1); });
  }

  void operand(const Node& o) { expr(o, o.parens > 0 ? Parentheses::Always : Parentheses::Never); }

  // Operands `first` to `last` (inclusive) of `chain`.
  void operands(const OperatorChain& chain, std::size_t first, std::size_t last) {
    if (first == last) return operand(*chain.operands[first]);
    Precedence lowest = Precedence::None;
    for (std::size_t i = first; i < last; ++i) lowest = std::max(lowest, precedence(chain.operators[i]));
    const auto part = [&](std::size_t from, std::size_t to) {
      if (from == to) operand(*chain.operands[from]);
      else in_parentheses_only_group([&] { operands(chain, from, to); });
    };
    std::size_t start = first;
    for (std::size_t i = first; i < last; ++i) {
      if (precedence(chain.operators[i]) != lowest) continue;
      const Node& left = *chain.operands[i];
      const Node& right = *chain.operands[i + 1];
      const bool is_pow = chain.operators[i] == "**" && left.parens == 0 && right.parens == 0 &&
                          is_simple_power_operand(left) && is_simple_power_operand(right);
      part(start, i);
      in_parentheses_only_soft_line(!is_pow);
      token(chain.operators[i]);
      if (is_pow) in_parentheses_only_if_group_breaks([&] { space(); });
      else space();
      start = i + 1;
    }
    part(start, last);
  }

  void unary(const Node& e) {
    token(e.text);
    if (e.text == "not") space();
    const Node& operand = *e.children[0];
    expr(operand, operand.kind == Kind::BinOp && operand.text == "**" ? Parentheses::Always : Parentheses::Preserve);
  }

  void conditional_expression(const Node& e, bool nested) {
    const auto content = [&] {
      expr(*e.children[0]);
      in_parentheses_only_soft_line(true);
      token("if");
      space();
      expr(*e.children[1]);
      in_parentheses_only_soft_line(true);
      token("else");
      space();
      const Node& orelse = *e.children[2];
      if (orelse.kind == Kind::IfExp && orelse.parens == 0) conditional_expression(orelse, true);
      else in_parentheses_only_group([&] { expr(orelse); });
    };
    if (nested) content();
    else in_parentheses_only_group(content);
  }

  // `in_assignment`: the value of an assignment, whose body may overflow rather than break.
  void lambda(const Node& e, bool in_assignment) {
    token("lambda");
    if (!e.text.empty()) {
      space();
      text(e.text);
    }
    token(":");
    space();
    const Node& body = *e.children[0];
    const auto format_body = [&] {
      const OptionalParentheses needs = needs_parentheses(body, Parent::Other);
      const auto unparenthesized_body = [&] { expr(body, Parentheses::Never); };
      if (needs == OptionalParentheses::Always) {
        expr(body, Parentheses::Always);
      } else if (needs == OptionalParentheses::Multiline) {
        parenthesize_if_expands(unparenthesized_body);
      } else if (body.kind == Kind::Call || body.kind == Kind::Subscript) {
        const auto unparenthesized = memoize(unparenthesized_body);
        // A body that must break expands the brackets around the lambda, but not optional
        // parentheses (observed in ruff 0.17; ruff 0.16's source expands those too).
        if (level_.kind == Level::Parenthesized && will_break(documents_[unparenthesized], documents_)) {
          push(Op::ExpandParent);
        }
        best_fitting({[&] { interned(unparenthesized); },
                      [&] { group([&] { interned(unparenthesized); }, -1, true); },
                      [&] {
                        token("(");
                        block_indent([&] { interned(unparenthesized); });
                        token(")");
                      }});
      } else if (own_parentheses(body) != OwnParentheses::None) {
        expr(body);
      } else {
        parenthesize_if_expands(unparenthesized_body);
      }
    };
    if (!in_assignment) return format_body();
    tagged(Element{Op::StartFitsExpanded}, format_body);
  }

  // --- statements
  void statement(const Statement& s) {
    switch (s.kind) {
      case StatementKind::Expression:
        if (is_arithmetic_like(*s.value)) maybe_parenthesize(*s.value, Parent::Other, Parenthesize::Optional);
        else expr(*s.value);
        break;
      case StatementKind::Assign:
        assignment(*s.target, "=", *s.value);
        break;
      case StatementKind::AugAssign:
        assignment(*s.target, s.keyword, *s.value);
        break;
      case StatementKind::AnnAssign:
        annotated_assignment(s);
        break;
      case StatementKind::Return:
        token("return");
        if (s.value == nullptr) break;
        space();
        if (s.value->kind == Kind::Tuple) tuple(*s.value, TupleParentheses::OptionalParentheses);
        else last_expression(*s.value);
        break;
      case StatementKind::Raise:
        token("raise");
        if (s.value != nullptr) {
          space();
          maybe_parenthesize(*s.value, Parent::Other, Parenthesize::Optional);
        }
        if (s.cause != nullptr) {
          space();
          token("from");
          space();
          maybe_parenthesize(*s.cause, Parent::Other, Parenthesize::Optional);
        }
        break;
      case StatementKind::Assert:
        token("assert");
        space();
        maybe_parenthesize(*s.value, Parent::Other, Parenthesize::IfBreaks);
        if (s.message != nullptr) {
          token(",");
          space();
          maybe_parenthesize(*s.message, Parent::Other, Parenthesize::IfBreaksParenthesized);
        }
        break;
      case StatementKind::Decorator:
        token("@");
        maybe_parenthesize(*s.value, Parent::Other, Parenthesize::Optional);
        break;
      case StatementKind::Def:
        function_header(s);
        token(":");
        break;
      case StatementKind::Class:
        token("class");
        space();
        text(s.name);
        if (s.value != nullptr && s.value->children.size() > 1) arguments(*s.value);
        token(":");
        break;
      case StatementKind::Condition:
        token(s.keyword);
        space();
        maybe_parenthesize(*s.value, Parent::Other, Parenthesize::IfBreaks);
        token(":");
        break;
      case StatementKind::For:
        token(s.keyword);
        space();
        if (s.target->kind == Kind::Tuple) tuple(*s.target, TupleParentheses::NeverPreserve);
        else maybe_parenthesize(*s.target, Parent::Other, Parenthesize::IfBreaks);
        space();
        token("in");
        space();
        maybe_parenthesize(*s.value, Parent::Other, Parenthesize::IfBreaks);
        token(":");
        break;
      case StatementKind::With:
        with_header(s);
        token(":");
        break;
    }
  }

  // `target op value`, for `=` and the augmented assignments.
  void assignment(const Node& target, std::string_view op, const Node& value) {
    if ((target.kind == Kind::Tuple || own_parentheses(target) != OwnParentheses::None) && target.parens == 0) {
      return right_to_left(target, op, value);
    }
    expr(target);
    space();
    token(op);
    space();
    last_expression(value);
  }

  void annotated_assignment(const Statement& s) {
    expr(*s.target);
    token(":");
    space();
    const Node& annotation = *s.annotation;
    const OptionalParentheses needs = needs_parentheses(annotation, Parent::Annotation);
    if (s.value == nullptr) {
      if (needs == OptionalParentheses::Always) expr(annotation, Parentheses::Always);
      else last_expression(annotation);
    } else if (needs != OptionalParentheses::Always && is_splittable(annotation)) {
      right_to_left(annotation, "=", *s.value);
    } else {
      expr(annotation, needs == OptionalParentheses::Always ? Parentheses::Always : Parentheses::Never);
      space();
      token("=");
      space();
      last_expression(*s.value);
    }
  }

  // The value at the end of a statement (ruff's FormatStatementsLastExpression::LeftToRight). A
  // value that cannot split (a name, a string...) gets parentheses only if that makes it fit.
  void last_expression(const Node& value) {
    if (is_atom(value)) {
      const int id = new_group();
      return best_fit_parenthesize(id, [&] { expr(value, Parentheses::Never); });
    }
    assigned_value(value);
  }

  void assigned_value(const Node& value) {
    if (value.kind == Kind::Lambda) return parenthesize_if_expands([&] { lambda(value, true); });
    maybe_parenthesize(value, Parent::Other, Parenthesize::IfBreaks);
  }

  // What is left of an assignment operator.
  void before_operator(const Node& target) {
    const auto is_attribute_with_parenthesized_value = [](const Node& e, const auto& self) -> bool {
      if (e.kind == Kind::Attribute) {
        return has_parentheses(*e.children[0]) != OwnParentheses::None || self(*e.children[0], self);
      }
      return e.kind == Kind::Subscript || (e.kind == Kind::Call && e.children.size() > 1);
    };
    const bool own = target.kind == Kind::Tuple || own_parentheses(target) != OwnParentheses::None;
    const auto unparenthesized = [&] { expr(target, Parentheses::Never); };
    if (own || is_attribute_with_parenthesized_value(target, is_attribute_with_parenthesized_value)) {
      unparenthesized();
    } else if (can_omit_optional_parentheses(target)) {
      optional_parentheses(unparenthesized);
    } else {
      parenthesize_if_expands(unparenthesized);
    }
  }

  // An assignment that prefers splitting or parenthesizing the value over splitting what is left
  // of the operator (ruff's FormatStatementsLastExpression::RightToLeft).
  void right_to_left(const Node& before, std::string_view op, const Node& value) {
    const bool value_is_chain = is_chain_link(value);
    const auto operator_ = [&] {
      space();
      token(op);
      space();
    };
    if (!is_atom(value) &&
        !(value_is_chain && needs_parentheses(value, Parent::Other) == OptionalParentheses::BestFit)) {
      before_operator(before);
      operator_();
      return assigned_value(value);
    }
    const auto last_target = memoize([&] { before_operator(before); });
    if (will_break(documents_[last_target], documents_)) {
      interned(last_target);
      operator_();
      return expr(value, Parentheses::Never);
    }
    const auto format_value = memoize([&] { expr(value, Parentheses::Never); });
    const auto single_line = [&] {
      interned(last_target);
      operator_();
      interned(format_value);
    };
    const auto split_value = [&] {
      interned(last_target);
      operator_();
      group([&] { interned(format_value); }, -1, true);
    };
    const auto parenthesize_value = [&] {
      interned(last_target);
      operator_();
      token("(");
      group([&] { soft_block_indent([&] { interned(format_value); }); }, -1, true);
      token(")");
    };
    const auto split_target = [&] {
      group([&] { interned(last_target); }, -1, true);
      operator_();
      interned(format_value);
    };
    if (value_is_chain) best_fitting({single_line, split_value, parenthesize_value, split_target});
    else best_fitting({single_line, parenthesize_value, split_target});
  }

  void function_header(const Statement& s) {
    token(s.keyword);
    space();
    text(s.name);
    group([&] {
      parameters(s);
      if (s.annotation == nullptr) return;
      space();
      token("->");
      space();
      const Node& returns = *s.annotation;
      const bool none = s.parameters.empty();
      if (returns.kind == Kind::Tuple) expr(returns, Parentheses::Never);
      else maybe_parenthesize(returns, none ? Parent::ReturnsWithoutParameters : Parent::Returns,
                              none ? Parenthesize::IfBreaksParenthesized : Parenthesize::IfBreaks);
    });
  }

  void parameters(const Statement& s) {
    const auto& parameters = s.parameters;
    std::size_t count = 0;
    bool positional_only = false;
    bool keyword_only = false;
    bool after_star = false;
    for (const Parameter& p : parameters) {
      positional_only = positional_only || p.name == "/";
      if (p.name != "/" && p.name != "*") ++count;
      if (after_star && p.prefix.empty() && p.name != "/") keyword_only = true;
      after_star = after_star || p.name == "*" || p.prefix == "*";
    }
    with_level({Level::Parenthesized}, [&] {
      if (count == 0) return token("()");
      const auto content = [&] {
        for (std::size_t i = 0; i < parameters.size(); ++i) {
          if (i > 0) {
            token(",");
            soft_line_or_space();
          }
          parameter(parameters[i]);
        }
        if_group_breaks([&] { token(","); });
        if (s.parameters_trailing_comma) hard_line();
      };
      token("(");
      if (count == 1 && !positional_only && !keyword_only) soft_block_indent(content);
      else soft_block_indent([&] { group(content); });
      token(")");
    });
  }

  void parameter(const Parameter& p) {
    token(p.prefix);
    text(p.name);
    if (p.annotation != nullptr) {
      token(":");
      space();
      expr(*p.annotation);
    }
    if (p.default_value != nullptr) {
      if (p.annotation != nullptr) space();
      token("=");
      if (p.annotation != nullptr) space();
      expr(*p.default_value);
    }
  }

  void with_header(const Statement& s) {
    token(s.keyword);
    space();
    const auto item = [&](const WithItem& i, bool single) {
      if (!single && i.context->parens > 0) {
        maybe_parenthesize(*i.context, Parent::Other, Parenthesize::IfBreaksParenthesizedNested);
      } else {
        expr(*i.context, Parentheses::Never);
      }
      if (i.target == nullptr) return;
      space();
      token("as");
      space();
      expr(*i.target);
    };
    if (s.items.size() == 1) {
      const WithItem& single = s.items[0];
      if (single.context->parens > 0) throw Unsupported{};
      if (single.target == nullptr) return maybe_parenthesize(*single.context, Parent::Other, Parenthesize::IfBreaks);
      if (can_omit_optional_parentheses(*single.context)) return optional_parentheses([&] { item(single, true); });
      return parenthesize_if_expands([&] { item(single, true); });
    }
    parenthesize_if_expands([&] {
      for (std::size_t i = 0; i < s.items.size(); ++i) {
        if (i > 0) {
          token(",");
          soft_line_or_space();
        }
        item(s.items[i], false);
      }
      if_group_breaks([&] { token(","); });
    });
  }

  Doc doc_;
  Documents documents_;
  Doc* out_ = &doc_;
  int group_count_ = 0;
  Level level_;
};

// ---------------------------------------------------------------------------------------------
// Logical lines.

// +1 for an opening bracket, -1 for a closing one, else 0.
int bracket_depth_change(const Token& token) {
  if (token.kind != TokenKind::Operator || token.text.size() != 1) return 0;
  const char c = token.text[0];
  return c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
}

bool is_closing_bracket(const Token& token) {
  return token.kind == TokenKind::Operator && token.text.size() == 1 &&
         (token.text[0] == ')' || token.text[0] == ']' || token.text[0] == '}');
}

// Lines the layout leaves alone: docstrings and other multi-line strings, imports (the backend
// wraps them itself), backslash continuations, tab indents and comments inside a statement.
bool copied_unchanged(const LogicalLine& line) {
  const Token& first = line.tokens.front();
  if (line.unsupported || line.indent % kIndentWidth != 0 || first.kind == TokenKind::String ||
      (first.kind == TokenKind::Name && (first.text == "import" || first.text == "from"))) {
    return true;
  }
  return std::any_of(line.tokens.begin(), line.tokens.end(), [&](const Token& token) {
    return token.multiline || (token.kind == TokenKind::Comment && &token != &line.tokens.back());
  });
}

// Appends the line as written, on one line, without the space of `(x, )`, to `out`.
void append_as_written(const LogicalLine& line, std::string& out) {
  out.append(line.indent, ' ');
  for (std::size_t i = 0; i < line.tokens.size(); ++i) {
    const Token& token = line.tokens[i];
    if (i > 0 && !(is_closing_bracket(token) && same_text(line.tokens[i - 1].text, ","))) out += token.gap;
    out += token.text;
  }
}

// Lays out logical lines, keeping its storage from one line to the next.
class LineLayout {
 public:
  explicit LineLayout(std::size_t line_length)
      : line_length_(line_length), printer_(static_cast<int>(line_length)) {}

  // Appends `line`, laid out, to `out`.
  void lay_out(LogicalLine& line, std::string& out) {
    if (line.tokens.empty() || copied_unchanged(line)) {  // no tokens: a form feed, a continuation at the end
      out += line.source;
      return;
    }
    texts_.clear();
    bool trailing_comma = false;
    for (std::size_t i = 0; i < line.tokens.size(); ++i) {
      Token& token = line.tokens[i];
      if (token.kind == TokenKind::String) {
        const std::string_view text = normalize_string(token.text, normalized_);
        if (text.data() != token.text.data()) token.text = texts_.emplace_back(text);
      }
      trailing_comma =
          trailing_comma || (i > 0 && is_closing_bracket(token) && same_text(line.tokens[i - 1].text, ","));
    }
    const std::string_view line_break = line.source.ends_with("\r\n") ? "\r\n" : "\n";
    const std::string_view newline = line.source.ends_with('\n') ? line_break : "";
    if (!line.spans_lines && !trailing_comma) {
      const std::size_t start = out.size();
      append_as_written(line, out);
      if (static_cast<std::size_t>(text_width(std::string_view(out).substr(start))) <= line_length_) {
        out += newline;
        return;
      }
      out.resize(start);
    }
    if (line.tokens.back().kind == TokenKind::Comment) {
      out += line.source;
      return;
    }
    const std::size_t start = out.size();
    const int indent = static_cast<int>(line.indent) / kIndentWidth;
    try {
      if (const std::size_t head_end = exploded_collection_head_end(line.tokens);
          head_end != 0 && split_elements(line.tokens, head_end)) {
        lay_out_elements(line.tokens, head_end, indent, line_break, out);
      } else {
        lay_out_statement(line.tokens, indent, line_break, out);
      }
      out += newline;
    } catch (const Unsupported&) {
      out.resize(start);
      out += line.source;
    }
  }

 private:
  // Appends the statement of `tokens`, laid out at `indent` levels, to `out`; returns its value.
  const Node* lay_out_statement(std::span<const Token> tokens, int indent, std::string_view line_break,
                                std::string& out) {
    nodes_.clear();
    const Statement statement = Parser(tokens, nodes_, texts_).statement();
    Doc& doc = formatter_.format(statement, tokens.size());
    expand_propagation_.run(doc, formatter_.documents());
    printer_.print(doc, formatter_.documents(), formatter_.group_count(), indent, line_break, out);
    return statement.value;
  }

  // Large statements are mostly tables: `name = [...]` or `name: annotation = {...}` whose bracket
  // has a magic trailing comma. Ruff writes their head up to the bracket, then each element on its
  // own lines, then the closing bracket; each element is printed as it is alone in such a
  // collection, which is then the expression statement `[element,]` or `{element,}`: the bracket's
  // group expands (the comma forces it), its elements start on a new line at one more indent, and
  // what follows an element (a comma then a line break) measures and prints alike. So such a
  // statement is laid out as its head with its first element, then each other element alone: the
  // tree and document of one element are in memory rather than of the whole table.

  // The end of the head `name =` or `name: annotation =` and the bracket of `tokens` if that
  // bracket closes at the end with a magic trailing comma, else 0.
  static std::size_t exploded_collection_head_end(std::span<const Token> tokens) {
    const auto is = [&](std::size_t i, std::string_view text) {
      return tokens[i].kind == TokenKind::Operator && same_text(tokens[i].text, text);
    };
    if (tokens.size() < 5 || tokens[0].kind != TokenKind::Name || is_keyword(tokens[0].text)) return 0;
    std::size_t equals = 1;
    if (is(1, ":")) {
      for (int depth = 0; equals < tokens.size() && !(depth == 0 && is(equals, "=")); ++equals) {
        depth += bracket_depth_change(tokens[equals]);
      }
    }
    if (equals + 3 >= tokens.size() || !is(equals, "=") || !(is(equals + 1, "[") || is(equals + 1, "{")) ||
        !is(tokens.size() - 2, ",")) {
      return 0;
    }
    int depth = 0;
    for (std::size_t i = equals + 1; i + 1 < tokens.size(); ++i) {
      depth += bracket_depth_change(tokens[i]);
      if (depth == 0) return 0;  // the bracket closes before the end
    }
    return equals + 2;
  }

  // Sets `element_ends_` to the comma after each element of the exploded collection of `tokens`
  // whose elements start at `head_end`; false if a lambda's parameters (whose commas do not end an
  // element) are among them.
  bool split_elements(std::span<const Token> tokens, std::size_t head_end) {
    element_ends_.clear();
    int depth = 0;
    for (std::size_t i = head_end; i + 1 < tokens.size(); ++i) {
      const bool top = depth == 0;
      depth += bracket_depth_change(tokens[i]);
      if (!top) continue;
      if (tokens[i].kind == TokenKind::Name && same_text(tokens[i].text, "lambda")) return false;
      if (tokens[i].kind == TokenKind::Operator && same_text(tokens[i].text, ",")) element_ends_.push_back(i);
    }
    return true;
  }

  // Lays out the statement of `tokens`, an exploded collection whose elements start at `head_end`
  // and end at `element_ends_`, an element at a time (see above).
  void lay_out_elements(std::span<const Token> tokens, std::size_t head_end, int indent,
                        std::string_view line_break, std::string& out) {
    const Token& open = tokens[head_end - 1];
    const std::span<const Token> close = tokens.last(2);  // the trailing comma and the bracket
    // The head and the first element, without the closing bracket's line.
    piece_.assign(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(element_ends_.front()));
    piece_.insert(piece_.end(), close.begin(), close.end());
    const Kind kind = lay_out_statement(piece_, indent, line_break, out)->kind;
    const std::size_t closing_line = out.rfind(line_break) + line_break.size();
    closing_line_.assign(out, closing_line);
    out.resize(closing_line);
    for (std::size_t i = 1; i < element_ends_.size(); ++i) {
      const auto element = tokens.begin() + static_cast<std::ptrdiff_t>(element_ends_[i - 1] + 1);
      // The parser refuses what alone would parse: a dict's key after the first starred (only a
      // first may be `*key: value`) and a mix of dict and set elements (a piece of another kind).
      if (kind == Kind::Dict && element->kind == TokenKind::Operator && same_text(element->text, "*")) {
        throw Unsupported{};
      }
      piece_.assign({open});
      piece_.insert(piece_.end(), element, tokens.begin() + static_cast<std::ptrdiff_t>(element_ends_[i]));
      piece_.insert(piece_.end(), close.begin(), close.end());
      element_text_.clear();
      if (lay_out_statement(piece_, indent, line_break, element_text_)->kind != kind) throw Unsupported{};
      const std::size_t first = element_text_.find(line_break) + line_break.size();
      out.append(element_text_, first, element_text_.rfind(line_break) + line_break.size() - first);
    }
    out += closing_line_;
  }

  std::size_t line_length_;
  std::string normalized_;          // a string literal with ruff's quotes
  std::deque<std::string> texts_;   // the line's texts that its source does not hold
  NodePool nodes_;
  Formatter formatter_;
  ExpandPropagation expand_propagation_;
  Printer printer_;
  // For `lay_out_elements`.
  std::vector<std::size_t> element_ends_;  // the comma after each element
  std::vector<Token> piece_;              // the tokens of a statement with one element
  std::string element_text_;
  std::string closing_line_;
};

}  // namespace

std::string wrap_long_lines(std::string_view code, std::size_t line_length) {
  std::string out;
  out.reserve(code.size() + code.size() / 8);
  LineLayout layout(line_length);
  Scanner(code, line_length)
      .scan([&](std::string_view text) { out += text; }, [&](LogicalLine& line) { layout.lay_out(line, out); });
  return out;
}

}  // namespace bpc::backends::python
