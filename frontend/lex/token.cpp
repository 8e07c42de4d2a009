#include "frontend/lex/token.h"

#include <algorithm>
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

std::string TokenizedBuffer::doc_comment_before(std::uint32_t offset) const {
  auto it = std::lower_bound(comments_.begin(), comments_.end(), offset,
                             [](const Comment& c, std::uint32_t at) { return c.offset < at; });
  std::vector<std::string_view> lines;
  std::uint32_t boundary = offset;
  while (it != comments_.begin()) {
    const Comment& comment = *(it - 1);
    if (comment.kind != CommentKind::Doc) break;
    const std::string_view between =
        text_.substr(comment.offset + comment.length, boundary - comment.offset - comment.length);
    if (between.find_first_not_of(" \t\r\n") != std::string_view::npos) break;
    if (std::count(between.begin(), between.end(), '\n') > 1) break;  // a blank line detaches it
    std::string_view line = text(comment).substr(3);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    boundary = comment.offset;
    --it;
  }
  std::string result;
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    if (!result.empty()) result += '\n';
    result += *line;
  }
  return result;
}

}  // namespace bpc
