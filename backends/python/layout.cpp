#include "backends/python/layout.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace bpc::backends::python {

namespace {

constexpr int kIndentWidth = 4;

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
  for (std::size_t i = 0; i < text.size();) width += char_width(decode_utf8(text, i));
  return width;
}

// ---------------------------------------------------------------------------------------------
// Tokens and logical lines.

// Thrown for code the layout does not handle; the line is then copied unchanged.
struct Unsupported {};

enum class TokenKind : std::uint8_t { Name, Number, String, Operator, Comment };

struct Token {
  TokenKind kind;
  std::string text;       // for strings, with ruff's quotes
  std::string_view gap;   // the whitespace before it on its physical line
  bool multiline = false;  // a string spanning lines
};

struct LogicalLine {
  std::string_view source;  // its physical lines, with the final newline
  std::size_t indent = 0;   // columns before the first token
  std::vector<Token> tokens;
  bool spans_lines = false;
  bool unsupported = false;  // a backslash continuation or a tab indent
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_prefix_char(char c) { return std::string_view("rRbBuUfFtT").find(c) != std::string_view::npos; }

// The operators, longest first so that the first match is the longest.
constexpr std::array<std::string_view, 47> kOperators{
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=",
    "-=",  "*=",  "/=",  "%=",  "&=",  "|=", "^=", "@=", "+",  "-",  "*",  "/",  "%",  "@",  "&",  "|",
    "^",   "~",   "<",   ">",   "(",   ")",  "[",  "]",  "{",  "}",  ",",  ":",  ".",  ";",  "="};

// Splits source code into logical lines and the text between them (blank and comment lines).
class Scanner {
 public:
  explicit Scanner(std::string_view code) : code_(code) {}

  // Calls `on_text` with text to copy and `on_line` with each logical line, in order.
  void scan(const std::function<void(std::string_view)>& on_text,
            const std::function<void(LogicalLine&)>& on_line) {
    while (pos_ < code_.size()) {
      const std::size_t start = pos_;
      std::size_t first = start;
      while (first < code_.size() && (code_[first] == ' ' || code_[first] == '\t')) ++first;
      if (first == code_.size() || code_[first] == '\n' || code_[first] == '\r' || code_[first] == '#') {
        pos_ = line_end(first);
        on_text(code_.substr(start, pos_ - start));
        continue;
      }
      LogicalLine line;
      line.indent = first - start;
      if (code_.substr(start, line.indent).find('\t') != std::string_view::npos) line.unsupported = true;
      if (!read_line(line, first)) {
        on_text(code_.substr(start));  // unterminated string or bracket: leave the rest alone
        return;
      }
      line.source = code_.substr(start, pos_ - start);
      on_line(line);
    }
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
      Token token{TokenKind::Operator, "", code_.substr(gap_start, pos - gap_start)};
      const std::size_t start = pos;
      if (c == '#') {
        token.kind = TokenKind::Comment;
        pos = code_.find_first_of("\r\n", pos);
        if (pos == std::string_view::npos) pos = code_.size();
      } else if (std::size_t end = string_end(pos); end != 0) {
        token.kind = TokenKind::String;
        pos = end;
        token.multiline = code_.substr(start, end - start).find('\n') != std::string_view::npos;
      } else if (is_name_char(c) && !(c >= '0' && c <= '9')) {
        token.kind = TokenKind::Name;
        while (pos < code_.size() && is_name_char(code_[pos])) ++pos;
      } else if ((c >= '0' && c <= '9') || (c == '.' && pos + 1 < code_.size() && code_[pos + 1] >= '0' &&
                                            code_[pos + 1] <= '9')) {
        token.kind = TokenKind::Number;
        while (pos < code_.size() && (is_name_char(code_[pos]) || code_[pos] == '.' ||
                                      ((code_[pos] == '+' || code_[pos] == '-') &&
                                       (code_[pos - 1] == 'e' || code_[pos - 1] == 'E') && code_[start + 1] != 'x' &&
                                       code_[start + 1] != 'X'))) {
          ++pos;
        }
      } else {
        const auto op = std::find_if(kOperators.begin(), kOperators.end(),
                                     [&](std::string_view o) { return code_.substr(pos, o.size()) == o; });
        if (op == kOperators.end()) return false;
        pos += op->size();
        if (*op == "(" || *op == "[" || *op == "{") ++depth;
        if (*op == ")" || *op == "]" || *op == "}") {
          if (--depth < 0) return false;
        }
      }
      token.text = std::string(code_.substr(start, pos - start));
      line.tokens.push_back(std::move(token));
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
    const bool triple = code_.substr(quote, 3) == std::string(3, q);
    std::size_t pos = quote + (triple ? 3 : 1);
    while (pos < code_.size()) {
      const char c = code_[pos];
      if (c == '\\') {
        pos += 2;
      } else if (triple ? code_.substr(pos, 3) == std::string(3, q) : c == q) {
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

std::string normalize_string(const std::string& token) {
  const std::size_t quote = token.find_first_of("\"'");
  const char source_quote = token[quote];
  if (token.size() - quote >= 6 && token.compare(quote, 3, std::string(3, source_quote)) == 0) return token;
  const std::string_view body = std::string_view(token).substr(quote + 1, token.size() - quote - 2);
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

  std::string out = prefix + new_quote;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (raw) {
      out += c;
    } else if (c == '\\' && i + 1 < body.size()) {
      const char next = body[++i];
      if (next != other_quote) out += c;
      out += next;
      i += normalize_unicode_escape(body, i, bytes, out);
    } else if (c == new_quote) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out + new_quote;
}

// ---------------------------------------------------------------------------------------------
// The syntax tree of a logical line.

enum class Kind : std::uint8_t {
  Name, Number, String, Constant,  // atoms; Constant: None, True, False, ...
  Attribute, Call, Subscript, Slice,
  List, Tuple, Set, Dict, DictItem, ListComp, SetComp, DictComp, Generator, Comprehension,
  BinOp, Compare, BoolOp, UnaryOp, IfExp, Lambda, Await, Starred, DoubleStarred, Keyword,
};

// An expression. Children by kind: Attribute [value]; Call [function, arguments...]; Subscript
// [value, slice]; Slice [lower, upper, step] (null when absent); List, Tuple, Set [elements];
// Dict [DictItem [key, value] or DoubleStarred]; ListComp, SetComp, Generator [element,
// Comprehension...]; DictComp [key, value, Comprehension...]; Comprehension [target, iterable,
// conditions...]; BinOp [left, right]; Compare [left, comparators...]; BoolOp [values...];
// UnaryOp, Await, Starred, DoubleStarred, Keyword [operand]; IfExp [body, test, orelse]; Lambda
// [body].
struct Node {
  Kind kind;
  std::string text;  // atom text, operator, attribute or keyword name, `async` of a comprehension, lambda parameters
  std::vector<const Node*> children;
  std::vector<std::string> operators;  // of a Compare
  int parens = 0;                      // grouping parentheses around the expression
  bool parenthesized = false;          // a Tuple or Generator written with its own parentheses
  bool trailing_comma = false;         // a comma before the closing bracket (a magic trailing comma)
  int colons = 0;                      // of a Slice
};

enum class StatementKind : std::uint8_t {
  Expression, Assign, AugAssign, AnnAssign, Return, Raise, Assert, Decorator, Def, Class, Condition, For, With,
};

// A parameter of a `def`; `name` is "/" or "*" for the separators.
struct Parameter {
  std::string prefix;  // "*" or "**"
  std::string name;
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
  std::string name;     // of a def or class
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

bool is_keyword(std::string_view word) {
  static constexpr std::array<std::string_view, 35> kKeywords{
      "False", "None",   "True",  "and",    "as",   "assert", "async",    "await", "break",
      "class", "continue", "def", "del",    "elif", "else",   "except",   "finally", "for",
      "from",  "global", "if",    "import", "in",   "is",     "lambda",   "nonlocal", "not",
      "or",    "pass",   "raise", "return", "try",  "while",  "with",     "yield"};
  return std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end();
}

// A recursive-descent parser for one logical line (Python's grammar, without the statements and
// expressions the backend never emits: those throw Unsupported).
class Parser {
 public:
  Parser(const std::vector<Token>& tokens, std::deque<Node>& nodes) : tokens_(tokens), nodes_(nodes) {}

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
  // --- tokens
  const Token* peek(std::size_t ahead = 0) const {
    return pos_ + ahead < tokens_.size() ? &tokens_[pos_ + ahead] : nullptr;
  }
  bool at_end() const { return pos_ == tokens_.size(); }
  // Whether the token `ahead` is the operator or keyword `text`.
  bool at(std::string_view text, std::size_t ahead = 0) const {
    const Token* token = peek(ahead);
    return token != nullptr && token->text == text &&
           (token->kind == TokenKind::Operator || (token->kind == TokenKind::Name && is_keyword(text)));
  }
  bool accept(std::string_view text) {
    if (!at(text)) return false;
    ++pos_;
    return true;
  }
  void expect(std::string_view text) {
    if (!accept(text)) throw Unsupported{};
  }
  std::string name() {
    const Token* token = peek();
    if (token == nullptr || token->kind != TokenKind::Name || is_keyword(token->text)) throw Unsupported{};
    ++pos_;
    return token->text;
  }
  Node* make(Kind kind, std::vector<const Node*> children = {}, std::string text = "") {
    return &nodes_.emplace_back(Node{kind, std::move(text), std::move(children)});
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
    return make(Kind::Lambda, {allow_condition ? test() : test_no_condition()}, parameters);
  }

  Node* or_test() { return bool_op("or", [this] { return and_test(); }); }
  Node* and_test() { return bool_op("and", [this] { return not_test(); }); }
  Node* bool_op(std::string_view op, const std::function<Node*()>& operand) {
    Node* first = operand();
    if (!at(op)) return first;
    Node* node = make(Kind::BoolOp, {first}, std::string(op));
    while (accept(op)) node->children.push_back(operand());
    return node;
  }

  Node* not_test() { return accept("not") ? make(Kind::UnaryOp, {not_test()}, "not") : comparison(); }

  Node* comparison() {
    Node* first = bitwise_or();
    Node* node = nullptr;
    while (true) {
      std::string op;
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

  // Binary operators from `|` (level 0) to `*` (level 5).
  Node* bitwise_or(std::size_t level = 0) {
    static const std::array<std::vector<std::string_view>, 6> kLevels{
        {{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}}};
    const auto operand = [&] { return level + 1 < kLevels.size() ? bitwise_or(level + 1) : factor(); };
    Node* left = operand();
    while (true) {
      const auto& ops = kLevels[level];
      const auto op = std::find_if(ops.begin(), ops.end(), [&](std::string_view o) { return at(o); });
      if (op == ops.end()) return left;
      ++pos_;
      left = make(Kind::BinOp, {left, operand()}, std::string(*op));
    }
  }

  Node* factor() {
    for (std::string_view op : {"-", "+", "~"}) {
      if (accept(op)) return make(Kind::UnaryOp, {factor()}, std::string(op));
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
        std::string keyword = name();
        ++pos_;
        node->children.push_back(make(Kind::Keyword, {test()}, std::move(keyword)));
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
  Node* comprehension(Kind kind, std::vector<const Node*> elements) {
    Node* node = make(kind, std::move(elements));
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
  void elements(Node* node, std::string_view close, const std::function<Node*()>& element) {
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
      Node* dict = comprehension(Kind::DictComp, first->children);
      expect("}");
      return dict;
    }
    Node* dict = make(Kind::Dict, {first});
    elements(dict, "}", dict_item);
    return dict;
  }

  const std::vector<Token>& tokens_;
  std::deque<Node>& nodes_;
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

struct Element;
using Doc = std::vector<Element>;

struct Element {
  Op op;
  std::string text;
  int width = 0;
  int id = -1;                           // the group of StartGroup, StartIndentIfGroupBreaks, ...
  GroupMode group_mode = GroupMode::Flat;  // StartGroup, StartConditionalGroup
  std::optional<Condition> condition;      // conditional tags, StartFitsExpanded
  bool propagate_expand = false;           // StartFitsExpanded whose content expands
  std::shared_ptr<Doc> content;            // Interned
  std::shared_ptr<std::vector<Doc>> variants;  // BestFitting, most flat first; each StartEntry ... EndEntry
};

// Whether `doc` is certain to break (ruff's `will_break`).
bool will_break(const Doc& doc) {
  return std::any_of(doc.begin(), doc.end(), [](const Element& e) {
    switch (e.op) {
      case Op::ExpandParent:
      case Op::HardLine:
        return true;
      case Op::StartGroup:
        return e.group_mode != GroupMode::Flat;
      case Op::Interned:
        return will_break(*e.content);
      case Op::BestFitting:
        return will_break(e.variants->front());
      default:
        return false;
    }
  });
}

// Marks the groups that contain a hard line break, an expanded group or an ExpandParent as
// expanded (ruff's `Document::propagate_expand`); best-fitting content does not propagate out.
class ExpandPropagation {
 public:
  void run(Doc& doc) { visit(doc); }

 private:
  bool visit(Doc& doc) {
    bool expands = false;
    std::vector<bool> saved;  // `expands` before each FitsExpanded and BestFitParenthesize
    for (Element& e : doc) {
      bool element_expands = false;
      switch (e.op) {
        case Op::StartGroup:
        case Op::StartConditionalGroup:
        case Op::StartFitsExpanded:
          enclosing_.push_back(&e);
          if (e.op == Op::StartFitsExpanded) saved.push_back(expands);
          break;
        case Op::EndGroup:
        case Op::EndConditionalGroup:
          element_expands = enclosing_.back()->group_mode != GroupMode::Flat;
          enclosing_.pop_back();
          break;
        case Op::EndFitsExpanded:
        case Op::EndBestFitParenthesize:
          enclosing_.pop_back();
          expands = saved.back();
          saved.pop_back();
          break;
        case Op::StartBestFitParenthesize:
          enclosing_.push_back(nullptr);
          saved.push_back(expands);
          expands = false;
          break;
        case Op::Interned:
          if (const auto known = interned_.find(e.content.get()); known != interned_.end()) {
            element_expands = known->second;
          } else {
            element_expands = visit(*e.content);
            interned_[e.content.get()] = element_expands;
          }
          break;
        case Op::BestFitting:
          enclosing_.push_back(nullptr);
          for (Doc& variant : *e.variants) visit(variant);
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

  std::vector<Element*> enclosing_;  // null for best-fitting content, which does not propagate
  std::unordered_map<const Doc*, bool> interned_;  // whether each interned document expands
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

// The elements still to print: a stack of ranges, the top one first.
class Queue {
 public:
  void push(const Doc& doc) { ranges_.emplace_back(doc.data(), doc.data() + doc.size()); }
  void push(const Element* begin, const Element* end) { ranges_.emplace_back(begin, end); }
  void pop_range() { ranges_.pop_back(); }
  const Element* pop() {
    while (!ranges_.empty()) {
      auto& [begin, end] = ranges_.back();
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
  std::vector<std::pair<const Element*, const Element*>> ranges_;
};

Op end_of(Op start) { return static_cast<Op>(static_cast<int>(start) + 1); }

class Printer {
 public:
  Printer(int line_width, int group_count) : line_width_limit_(line_width), group_modes_(group_count) {}

  std::string print(const Doc& doc, int indent) {
    pending_indent_ = indent;
    stack_.push_back({Op::Text, {indent}});
    queue_.push(doc);
    while (const Element* e = queue_.pop()) print_element(*e);
    return std::move(out_);
  }

 private:
  enum class Fits : std::uint8_t { Yes, No, Maybe };

  // Measures whether the queued content fits on the current line (ruff's FitsMeasurer): it works
  // on copies of the printer's queue and stack so that it can look past the current element.
  struct Measurer {
    Printer& printer;
    Queue queue;
    std::vector<Frame> stack;
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
          return fits_text(e.width, args);
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
          queue.push(*e.content);
          break;
        case Op::BestFitting: {
          const bool flat = args.mode == PrintMode::Flat;
          const Doc& variant = flat ? e.variants->front() : e.variants->back();
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
          if (printer.applies(*e.condition, args)) return fits_group(e.op, e.group_mode, -1, args);
          stack.push_back({e.op, args});
          break;
        case Op::StartConditionalContent:
          if (printer.applies(*e.condition, args)) stack.push_back({e.op, args});
          else queue.skip_content(e.op, end_of(e.op));
          break;
        case Op::StartIndentIfGroupBreaks:
          stack.push_back({e.op, printer.group_mode(e.id) == PrintMode::Expanded ? indented(args) : args});
          break;
        case Op::StartFitsExpanded:
          if (args.mode == PrintMode::Flat && (!e.condition || printer.applies(*e.condition, args))) {
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
    Measurer measurer{*this, queue_, stack_, pending_indent_, line_width_};
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
        print_text(e.text, e.width);
        break;
      case Op::SoftLine:
      case Op::SoftLineOrSpace:
      case Op::HardLine:
        if (args.mode == PrintMode::Flat && e.op != Op::HardLine) {
          if (e.op == Op::SoftLineOrSpace) print_text(" ", 1);
        } else {
          if (out_.size() > line_start_) {
            out_ += '\n';
            line_start_ = out_.size();
            line_width_ = 0;
            measured_group_fits_ = false;
          }
          pending_indent_ = args.indent;
        }
        break;
      case Op::ExpandParent:
        break;
      case Op::Interned:
        queue_.push(*e.content);
        break;
      case Op::BestFitting:
        print_best_fitting(e, args);
        break;
      case Op::StartGroup:
      case Op::StartConditionalGroup: {
        if (e.op == Op::StartConditionalGroup && !applies(*e.condition, args)) {
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
        if (applies(*e.condition, args)) stack_.push_back({e.op, args});
        else queue_.skip_content(e.op, end_of(e.op));
        break;
      case Op::StartIndent:
        stack_.push_back({e.op, indented(args)});
        break;
      case Op::StartIndentIfGroupBreaks:
        stack_.push_back({e.op, group_mode(e.id) == PrintMode::Expanded ? indented(args) : args});
        break;
      case Op::StartFitsExpanded:
        if (!e.condition || applies(*e.condition, args)) measured_group_fits_ = false;
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
    const std::vector<Doc>& variants = *e.variants;
    if (args.mode == PrintMode::Flat && measured_group_fits_) {
      print_entry(variants.front(), args);
      return;
    }
    measured_group_fits_ = true;
    for (std::size_t i = 0; i + 1 < variants.size(); ++i) {
      const Doc& variant = variants[i];
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
    print_entry(variants.back(), {args.indent, PrintMode::Expanded, args.measure});
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
      out_.append(static_cast<std::size_t>(*pending_indent_ * kIndentWidth), ' ');
      line_width_ += *pending_indent_ * kIndentWidth;
      pending_indent_.reset();
    }
    out_ += text;
    line_width_ += width;
  }

  const Doc open_parenthesis_{Element{Op::Text, "(", 1}, Element{Op::StartIndent}, Element{Op::HardLine}};
  const Doc close_parenthesis_{Element{Op::HardLine}, Element{Op::Text, ")", 1}};
  int line_width_limit_;
  std::vector<PrintMode> group_modes_;
  std::vector<Frame> stack_;
  Queue queue_;
  std::string out_;
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

using Content = std::function<void()>;

class Formatter {
 public:
  Doc format(const Statement& s) {
    statement(s);
    return std::move(doc_);
  }
  int group_count() const { return group_count_; }

 private:
  // --- document construction (ruff_formatter's builders)
  void push(Element e) { out_->push_back(std::move(e)); }
  void push(Op op) { out_->push_back(Element{op}); }
  void token(std::string_view text) { push(Element{Op::Text, std::string(text), static_cast<int>(text.size())}); }
  void text(std::string_view text) { push(Element{Op::Text, std::string(text), text_width(text)}); }
  void space() { push(Op::Space); }
  void soft_line() { push(Op::SoftLine); }
  void soft_line_or_space() { push(Op::SoftLineOrSpace); }
  void hard_line() { push(Op::HardLine); }
  int new_group() { return group_count_++; }

  void tagged(Element start, const Content& content) {
    const Op end = end_of(start.op);
    push(std::move(start));
    content();
    push(end);
  }
  void group(const Content& content, int id = -1, bool expand = false) {
    Element start{Op::StartGroup};
    start.id = id;
    start.group_mode = expand ? GroupMode::Expand : GroupMode::Flat;
    tagged(std::move(start), content);
  }
  void conditional(Op op, Condition condition, const Content& content) {
    Element start{op};
    start.condition = condition;
    tagged(std::move(start), content);
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
    tagged(std::move(start), content);
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
  Doc capture(const Content& content) {
    Doc doc;
    Doc* saved = std::exchange(out_, &doc);
    content();
    out_ = saved;
    return doc;
  }
  std::shared_ptr<Doc> memoize(const Content& content) { return std::make_shared<Doc>(capture(content)); }
  void interned(const std::shared_ptr<Doc>& doc) {
    Element e{Op::Interned};
    e.content = doc;
    push(std::move(e));
  }
  // The first variant that fits (measured on its first line), else the last.
  void best_fitting(const std::vector<Content>& variants) {
    Element e{Op::BestFitting};
    e.variants = std::make_shared<std::vector<Doc>>();
    for (const Content& variant : variants) {
      e.variants->push_back(capture([&] { tagged(Element{Op::StartEntry}, variant); }));
    }
    push(std::move(e));
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
      const Content indented = [&] { group([&] { soft_block_indent(content); }); };
      if (outer.kind == Level::Optional) {
        Element start{Op::StartFitsExpanded};
        start.condition = Condition{PrintMode::Flat, outer.group};
        tagged(std::move(start), indented);
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
    const Content unparenthesized = [&] { expr(e, Parentheses::Never); };
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
    tagged(std::move(start), content);
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
                       const std::function<void(const Node&)>& entry) {
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
    const Content content = [&] { elements(e); };
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
    const Content content = [&] {
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
    const Content content = [&] {
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
    const Content format_body = [&] {
      const OptionalParentheses needs = needs_parentheses(body, Parent::Other);
      const Content unparenthesized_body = [&] { expr(body, Parentheses::Never); };
      if (needs == OptionalParentheses::Always) {
        expr(body, Parentheses::Always);
      } else if (needs == OptionalParentheses::Multiline) {
        parenthesize_if_expands(unparenthesized_body);
      } else if (body.kind == Kind::Call || body.kind == Kind::Subscript) {
        const auto unparenthesized = memoize(unparenthesized_body);
        // A body that must break expands the brackets around the lambda, but not optional
        // parentheses (observed in ruff 0.17; ruff 0.16's source expands those too).
        if (level_.kind == Level::Parenthesized && will_break(*unparenthesized)) push(Op::ExpandParent);
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
    const Content unparenthesized = [&] { expr(target, Parentheses::Never); };
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
    if (will_break(*last_target)) {
      interned(last_target);
      operator_();
      return expr(value, Parentheses::Never);
    }
    const auto format_value = memoize([&] { expr(value, Parentheses::Never); });
    const Content single_line = [&] {
      interned(last_target);
      operator_();
      interned(format_value);
    };
    const Content split_value = [&] {
      interned(last_target);
      operator_();
      group([&] { interned(format_value); }, -1, true);
    };
    const Content parenthesize_value = [&] {
      interned(last_target);
      operator_();
      token("(");
      group([&] { soft_block_indent([&] { interned(format_value); }); }, -1, true);
      token(")");
    };
    const Content split_target = [&] {
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
      const Content content = [&] {
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
  Doc* out_ = &doc_;
  int group_count_ = 0;
  Level level_;
};

// ---------------------------------------------------------------------------------------------
// Logical lines.

bool is_closing_bracket(const Token& token) {
  return token.kind == TokenKind::Operator && (token.text == ")" || token.text == "]" || token.text == "}");
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

// The line as written, on one line, without the space of `(x, )`.
std::string as_written(const LogicalLine& line) {
  std::string text(line.indent, ' ');
  for (std::size_t i = 0; i < line.tokens.size(); ++i) {
    const Token& token = line.tokens[i];
    if (i > 0 && !(is_closing_bracket(token) && line.tokens[i - 1].text == ",")) text += token.gap;
    text += token.text;
  }
  return text;
}

std::string lay_out(LogicalLine& line, std::size_t line_length) {
  if (copied_unchanged(line)) return std::string(line.source);
  bool trailing_comma = false;
  for (std::size_t i = 0; i < line.tokens.size(); ++i) {
    Token& token = line.tokens[i];
    if (token.kind == TokenKind::String) token.text = normalize_string(token.text);
    trailing_comma = trailing_comma || (i > 0 && is_closing_bracket(token) && line.tokens[i - 1].text == ",");
  }
  const std::string_view line_break = line.source.ends_with("\r\n") ? "\r\n" : "\n";
  const std::string_view newline = line.source.ends_with('\n') ? line_break : "";
  if (!line.spans_lines && !trailing_comma) {
    std::string text = as_written(line);
    if (static_cast<std::size_t>(text_width(text)) <= line_length) return text += newline;
  }
  if (line.tokens.back().kind == TokenKind::Comment) return std::string(line.source);
  try {
    std::deque<Node> nodes;
    const Statement statement = Parser(line.tokens, nodes).statement();
    Formatter formatter;
    Doc doc = formatter.format(statement);
    ExpandPropagation().run(doc);
    const std::string text = Printer(static_cast<int>(line_length), formatter.group_count())
                                 .print(doc, static_cast<int>(line.indent) / kIndentWidth);
    std::string lines;
    for (std::size_t start = 0, end = 0; start < text.size(); start = end + 1) {
      end = std::min(text.find('\n', start), text.size());
      lines.append(text, start, end - start).append(end < text.size() ? line_break : "");
    }
    return lines += newline;
  } catch (const Unsupported&) {
    return std::string(line.source);
  }
}

}  // namespace

std::string wrap_long_lines(std::string_view code, std::size_t line_length) {
  std::string out;
  out.reserve(code.size() + code.size() / 8);
  Scanner(code).scan([&](std::string_view text) { out += text; },
                     [&](LogicalLine& line) { out += lay_out(line, line_length); });
  return out;
}

}  // namespace bpc::backends::python
