#include "frontend/lex/lexer.h"

#include <array>
#include <cstring>

#include "frontend/limits.h"
#include "base/utf8.h"

namespace bpc {

namespace {

constexpr std::array<bool, 256> make_table(bool (*predicate)(int)) {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = predicate(c);
  return table;
}
constexpr auto kIdentStart = make_table(
    [](int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; });
constexpr auto kIdentContinue = make_table([](int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
});
constexpr auto kWhitespace =
    make_table([](int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_hex(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

struct Keyword {
  std::string_view spelling;
  TokenKind kind;
};
constexpr Keyword kKeywords[] = {
#define BPC_TOKEN(name, description)
#define BPC_PUNCT(name, spelling)
#define BPC_KEYWORD(name, spelling) {spelling, TokenKind::Keyword##name},
#include "frontend/lex/token_kinds.def"
#undef BPC_TOKEN
#undef BPC_PUNCT
#undef BPC_KEYWORD
};
constexpr std::size_t kKeywordCount = std::size(kKeywords);

// For each first letter a-z, the keywords that start with it (indices into kKeywords, at most
// kPerLetter of them), so a word is compared with at most a handful of candidates.
constexpr std::size_t kPerLetter = 6;
struct KeywordsByLetter {
  std::array<std::array<std::uint8_t, kPerLetter>, 26> index{};
  std::array<std::uint8_t, 26> count{};
};
constexpr KeywordsByLetter kKeywordsByLetter = [] {
  KeywordsByLetter table;
  for (std::size_t i = 0; i < kKeywordCount; ++i) {
    const int letter = kKeywords[i].spelling[0] - 'a';
    table.index[letter][table.count[letter]++] = static_cast<std::uint8_t>(i);
  }
  return table;
}();
static_assert([] {
  for (std::uint8_t n : kKeywordsByLetter.count) {
    if (n > kPerLetter) return false;
  }
  return true;
}(), "raise kPerLetter");

TokenKind classify_word(const char* word, std::size_t length) {
  if (length < 2 || length > 9 || word[0] < 'a' || word[0] > 'z') return TokenKind::Identifier;
  const int letter = word[0] - 'a';
  const std::string_view text(word, length);
  for (std::uint8_t k = 0; k < kKeywordsByLetter.count[letter]; ++k) {
    const Keyword& keyword = kKeywords[kKeywordsByLetter.index[letter][k]];
    if (keyword.spelling == text) return keyword.kind;
  }
  return TokenKind::Identifier;
}

class Lexer {
 public:
  Lexer(const SourceFile& file, FileId id, DiagnosticEngine& diagnostics)
      : text_(file.text()),
        data_(reinterpret_cast<const unsigned char*>(text_.data())),
        size_(static_cast<std::uint32_t>(text_.size())),
        file_(id),
        diagnostics_(diagnostics),
        buffer_(id, text_) {}

  TokenizedBuffer run() {
    buffer_.reserve(size_ / 4 + 16);  // typical blueprints have a token per 4 to 5 bytes
    // A leading byte-order mark is not part of the text (the grammar's runtime drops it too).
    if (text_.starts_with("\xEF\xBB\xBF")) position_ = 3;
    while (position_ < size_) {
      if (buffer_.size() >= kMaxTokens) {
        (void)diagnostics_.report<DiagnosticKind::TooManyTokens>(span(position_, position_),
                            kMaxTokens);
        break;
      }
      lex_one();
    }
    buffer_.add_token(TokenKind::EndOfFile, size_, 0);
    buffer_.trim();
    return std::move(buffer_);
  }

 private:
  SourceSpan span(std::uint32_t begin, std::uint32_t end) const {
    return SourceSpan{file_, begin, end};
  }

  void add(TokenKind kind, std::uint32_t begin) {
    std::uint32_t length = position_ - begin;
    if (length > kMaxTokenBytes) {
      (void)diagnostics_.report<DiagnosticKind::TokenTooLong>(span(begin, begin + 1), length,
                          kMaxTokenBytes);
      length = kMaxTokenBytes;
    }
    buffer_.add_token(kind, begin, length);
  }

  void lex_one() {
    const std::uint32_t begin = position_;
    const unsigned char c = data_[position_];
    switch (c) {
      case ' ': case '\t': case '\r': case '\n':
        ++position_;
        while (position_ < size_ && kWhitespace[data_[position_]]) ++position_;
        return;
      case '"': return lex_string();
      case '/': return lex_slash();
      case '{': return punct(TokenKind::LeftBrace);
      case '}': return punct(TokenKind::RightBrace);
      case '(': return punct(TokenKind::LeftParen);
      case ')': return punct(TokenKind::RightParen);
      case '[': return punct(TokenKind::LeftBracket);
      case ']': return punct(TokenKind::RightBracket);
      case '<': return punct(TokenKind::Less);
      case '>': return punct(TokenKind::Greater);
      case ',': return punct(TokenKind::Comma);
      case ':': return punct(TokenKind::Colon);
      case '=': return punct(TokenKind::Equal);
      case '@': return punct(TokenKind::At_);
      case '?': return punct(TokenKind::Question);
      case '.': return punct(TokenKind::Dot);
      case '*': return punct(TokenKind::Star);
      case '-':
        if (position_ + 1 < size_ && data_[position_ + 1] == '>') {
          position_ += 2;
          add(TokenKind::Arrow, begin);
          return;
        }
        return punct(TokenKind::Minus);
      default: break;
    }
    if (kIdentStart[c]) {
      ++position_;
      while (position_ < size_ && kIdentContinue[data_[position_]]) ++position_;
      add(classify_word(text_.data() + begin, position_ - begin), begin);
      return;
    }
    if (is_digit(c)) return lex_number();
    lex_stray_character();
  }

  void punct(TokenKind kind) {
    buffer_.add_token(kind, position_, 1);
    ++position_;
  }

  void skip_name_characters() {
    while (position_ < size_ && kIdentContinue[data_[position_]]) ++position_;
  }

  // Numbers follow the grammar's INT, FLOAT and BAD_NUMBER rules exactly (longest match), so the
  // hand-written lexer and the normative grammar split the same input into the same tokens.
  void lex_number() {
    const std::uint32_t begin = position_;
    bool malformed = false;
    bool is_float = false;
    auto digits = [&] { while (position_ < size_ && is_digit(data_[position_])) ++position_; };
    digits();
    if (position_ < size_ && data_[position_] == '.') {
      if (position_ + 1 < size_ && is_digit(data_[position_ + 1])) {
        ++position_;
        digits();
        is_float = true;
      } else {
        ++position_;  // `1.` or `1.x`: malformed, and it swallows a glued name
        skip_name_characters();
        return malformed_number(begin);
      }
    }
    if (position_ < size_ && (data_[position_] == 'e' || data_[position_] == 'E')) {
      std::uint32_t cursor = position_ + 1;
      const bool has_sign = cursor < size_ && (data_[cursor] == '+' || data_[cursor] == '-');
      if (has_sign) ++cursor;
      if (cursor < size_ && is_digit(data_[cursor])) {
        position_ = cursor;
        digits();
        is_float = true;
      } else if (has_sign) {
        position_ = cursor;  // `1e+`: malformed, ends at the sign
        return malformed_number(begin);
      } else {
        malformed = true;  // `1e` or `1ex`: the name characters below complete it
      }
    }
    if (position_ < size_ && kIdentStart[data_[position_]]) malformed = true;
    if (malformed) {
      skip_name_characters();
      return malformed_number(begin);
    }
    add(is_float ? TokenKind::Float : TokenKind::Integer, begin);
  }

  void malformed_number(std::uint32_t begin) {
    diagnostics_.report<DiagnosticKind::MalformedNumber>(span(begin, position_),
                        text_.substr(begin, position_ - begin))
        .note("numbers are decimal, like `42`, `3.14` or `2.5e-3`; a unit or suffix belongs in "
              "a name or a string");
    add(TokenKind::MalformedNumber, begin);
  }

  void lex_string() {
    const std::uint32_t begin = position_;
    ++position_;
    while (position_ < size_) {
      const unsigned char c = data_[position_];
      if (c == '"') {
        ++position_;
        add(TokenKind::String, begin);
        return;
      }
      if (c == '\n' || c == '\r') break;
      if (c == '\\') {
        lex_escape();
        continue;
      }
      ++position_;
    }
    diagnostics_.report<DiagnosticKind::UnterminatedString>(span(begin, position_))
        .note("strings cannot span lines; write a line break as `\\n`");
    add(TokenKind::String, begin);
  }

  // At a backslash inside a string. Reports malformed escapes and moves past them.
  void lex_escape() {
    const std::uint32_t begin = position_;
    ++position_;
    if (position_ >= size_ || data_[position_] == '\n' || data_[position_] == '\r') return;
    const unsigned char c = data_[position_];
    switch (c) {
      case '"': case '\\': case 'n': case 'r': case 't': case '0':
        ++position_;
        return;
      case 'u': {
        ++position_;
        bool well_formed = position_ < size_ && data_[position_] == '{';
        std::uint32_t hex_digits = 0;
        if (well_formed) {
          ++position_;
          while (position_ < size_ && is_hex(data_[position_]) && hex_digits < 7) {
            ++position_;
            ++hex_digits;
          }
          well_formed = hex_digits >= 1 && hex_digits <= 6 && position_ < size_ &&
                        data_[position_] == '}';
          if (well_formed) ++position_;
        }
        if (!well_formed) {
          diagnostics_.report<DiagnosticKind::MalformedUnicodeEscape>(span(begin, position_),
                              text_.substr(begin, position_ - begin))
              .note("a Unicode escape is `\\u{` followed by one to six hex digits and `}`, "
                    "like `\\u{1F600}`");
        }
        return;
      }
      default: {
        const std::uint32_t length = c < 0x80 ? 1 : utf8::decode(text_, position_).length;
        position_ += length;
        diagnostics_.report<DiagnosticKind::InvalidEscape>(span(begin, position_),
                            text_.substr(begin, position_ - begin))
            .note("the escapes are `\\\"`, `\\\\`, `\\n`, `\\r`, `\\t`, `\\0` and `\\u{...}`")
            .fix("escape the backslash", {TextEdit{span(begin, begin + 1), "\\\\"}});
        return;
      }
    }
  }

  void lex_slash() {
    const std::uint32_t begin = position_;
    if (position_ + 1 < size_ && data_[position_ + 1] == '/') {
      // A line comment ends at the first line break, `\n` or `\r`, as in the grammar.
      std::uint32_t end = position_ + 2;
      while (end < size_ && data_[end] != '\n' && data_[end] != '\r') ++end;
      position_ = end;
      const bool doc = end - begin >= 3 && data_[begin + 2] == '/' &&
                       !(end - begin >= 4 && data_[begin + 3] == '/');
      buffer_.add_comment(doc ? CommentKind::Doc : CommentKind::Line, begin, end - begin);
      return;
    }
    if (position_ + 1 < size_ && data_[position_ + 1] == '*') {
      const std::string_view rest = text_.substr(position_ + 2);
      const std::size_t close = rest.find("*/");
      if (close == std::string_view::npos) {
        (void)diagnostics_.report<DiagnosticKind::UnterminatedBlockComment>(span(begin, begin + 2));
        position_ = size_;
      } else {
        position_ += static_cast<std::uint32_t>(close) + 4;
      }
      buffer_.add_comment(CommentKind::Block, begin, position_ - begin);
      return;
    }
    lex_stray_character();
  }

  void lex_stray_character() {
    const std::uint32_t begin = position_;
    const unsigned char c = data_[position_];
    if (c >= 0x80) {
      const utf8::Decoded decoded = utf8::decode(text_, position_);
      position_ += decoded.length;
      diagnostics_.report<DiagnosticKind::NonAsciiInName>(span(begin, position_),
                          fmt::format("`{}` (U+{:04X})", text_.substr(begin, decoded.length),
                                      static_cast<std::uint32_t>(decoded.code_point)))
          .note("names are ASCII letters, digits and `_`; text in other scripts belongs in "
                "strings and doc comments");
      return;
    }
    ++position_;
    const std::string_view character = text_.substr(begin, 1);
    auto builder = diagnostics_.report<DiagnosticKind::UnexpectedCharacter>(span(begin, position_),
        c < 0x20 || c == 0x7F ? fmt::format("U+{:04X}", unsigned(c))
                              : fmt::format("`{}`", character));
    if (c == ';') {
      builder.note("declarations and members need no terminator")
          .fix("remove the `;`", {TextEdit{span(begin, position_), ""}});
    } else if (c == '\'') {
      builder.note("strings are written in double quotes");
    }
  }

  std::string_view text_;
  const unsigned char* data_;
  std::uint32_t size_;
  FileId file_;
  DiagnosticEngine& diagnostics_;
  TokenizedBuffer buffer_;
  std::uint32_t position_ = 0;
};

}  // namespace

TokenizedBuffer lex(const SourceFile& file, FileId id, DiagnosticEngine& diagnostics) {
  return Lexer(file, id, diagnostics).run();
}

}  // namespace bpc
