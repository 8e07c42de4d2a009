#pragma once

// Tokens and the tokenized buffer. A token is 8 bytes: its byte offset, its length (24 bits) and
// its kind. Tokens are referred to by TokenIndex, a typed index into the buffer. Comments are not
// tokens; they are kept beside them, in source order, for the formatter and for doc comments.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source/source_manager.h"

namespace bpc {

enum class TokenKind : std::uint8_t {
#define BPC_TOKEN(name, description) name,
#define BPC_KEYWORD(name, spelling) Keyword##name,
#define BPC_PUNCT(name, spelling) name,
#include "frontend/lex/token_kinds.def"
#undef BPC_TOKEN
#undef BPC_KEYWORD
#undef BPC_PUNCT
};

// How a token kind is written in messages: "`{`", "`entity`", "name", "end of file".
std::string_view describe(TokenKind kind);
// The exact spelling of a keyword or punctuation kind; empty for other kinds.
std::string_view spelling(TokenKind kind);
std::string_view token_kind_name(TokenKind kind);  // "LeftBrace", for dumps
inline bool is_keyword(TokenKind kind) {
  return kind >= TokenKind::KeywordBlueprint && kind <= TokenKind::KeywordWith;
}
// A name is an identifier or any keyword: keywords are contextual.
inline bool is_name(TokenKind kind) {
  return kind == TokenKind::Identifier || is_keyword(kind);
}

struct Token {
  std::uint32_t offset;
  std::uint32_t length : 24;
  std::uint32_t kind_bits : 8;

  TokenKind kind() const { return static_cast<TokenKind>(kind_bits); }
  std::uint32_t end() const { return offset + length; }
};
static_assert(sizeof(Token) == 8, "tokens are kept compact");

struct TokenIndex {
  std::uint32_t index = UINT32_MAX;
  static constexpr TokenIndex none() { return TokenIndex{}; }
  bool is_none() const { return index == UINT32_MAX; }
  friend bool operator==(TokenIndex, TokenIndex) = default;
};

enum class CommentKind : std::uint8_t { Line, Block, Doc };

struct Comment {
  std::uint32_t offset;
  std::uint32_t length;
  CommentKind kind;
};

class TokenizedBuffer {
 public:
  TokenizedBuffer(FileId file, std::string_view text) : file_(file), text_(text) {}

  FileId file() const { return file_; }
  std::string_view source() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Comment>& comments() const { return comments_; }
  const Token& token(TokenIndex index) const { return tokens_[index.index]; }
  std::string_view text(TokenIndex index) const {
    const Token& t = tokens_[index.index];
    return text_.substr(t.offset, t.length);
  }
  std::string_view text(const Comment& comment) const {
    return text_.substr(comment.offset, comment.length);
  }
  // True when a line break separates this token from the previous token (or it is the first).
  bool starts_line(TokenIndex index) const;
  // The doc comment of what starts at `offset`: the `///` comments directly above it, separated
  // from it and from each other by blank space without an empty line; each line without its
  // `///` and one following space, joined by "\n". Empty when there is none.
  std::string doc_comment_before(std::uint32_t offset) const;
  std::uint32_t size() const { return static_cast<std::uint32_t>(tokens_.size()); }

  // Building, used by the lexer.
  void add_token(TokenKind kind, std::uint32_t offset, std::uint32_t length) {
    tokens_.push_back(Token{offset, length, static_cast<std::uint32_t>(kind)});
  }
  void add_comment(CommentKind kind, std::uint32_t offset, std::uint32_t length) {
    comments_.push_back(Comment{offset, length, kind});
  }
  void reserve(std::size_t tokens) { tokens_.reserve(tokens); }
  // Gives back what a reservation left unused, when it is much: buffers are kept while a file is
  // open in the language server.
  void trim() {
    if (tokens_.capacity() > tokens_.size() + tokens_.size() / 8) tokens_.shrink_to_fit();
    if (comments_.capacity() > comments_.size() + comments_.size() / 8) comments_.shrink_to_fit();
  }

 private:
  FileId file_;
  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<Comment> comments_;
};

}  // namespace bpc
