#include "frontend/lex/token.h"

#include <cstring>

namespace bpc {

namespace {

struct KindInfo {
  std::string_view name;
  std::string_view spelling;
  std::string_view description;
};

constexpr KindInfo kKindInfos[] = {
#define BPC_TOKEN(name, description) {#name, "", description},
#define BPC_KEYWORD(name, spelling) {"Keyword" #name, spelling, "`" spelling "`"},
#define BPC_PUNCT(name, spelling) {#name, spelling, "`" spelling "`"},
#include "frontend/lex/token_kinds.def"
#undef BPC_TOKEN
#undef BPC_KEYWORD
#undef BPC_PUNCT
};

}  // namespace

std::string_view describe(TokenKind kind) { return kKindInfos[int(kind)].description; }
std::string_view spelling(TokenKind kind) { return kKindInfos[int(kind)].spelling; }
std::string_view token_kind_name(TokenKind kind) { return kKindInfos[int(kind)].name; }

bool TokenizedBuffer::starts_line(TokenIndex index) const {
  if (index.index == 0) return true;
  const std::uint32_t from = tokens_[index.index - 1].end();
  const std::uint32_t to = tokens_[index.index].offset;
  return std::memchr(text_.data() + from, '\n', to - from) != nullptr;
}

}  // namespace bpc
