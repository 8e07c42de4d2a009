#include "frontend/parse/tree_dump.h"

#include "frontend/literals/string_literal.h"

#include <string>
#include <vector>

#include <fmt/format.h>

namespace bpc {

namespace {

// Token text as a quoted, escaped, length-limited string (dumps stay one line per item).
std::string quoted(std::string_view text) {
  if (text.size() <= 60) return quote_string_literal(text);
  return quote_string_literal(text.substr(0, 60)) + "...";
}

std::string position(const SourceFile& file, std::uint32_t offset) {
  const LineColumn at = file.line_column(offset);
  return fmt::format("{}:{}", at.line, at.column);
}

bool is_leaf(NodeKind kind) {
  return kind == NodeKind::Name || kind == NodeKind::StringLiteral ||
         kind == NodeKind::NumberLiteral || kind == NodeKind::Wildcard;
}

}  // namespace

void dump_tokens(std::ostream& out, const SourceFile& file, const TokenizedBuffer& tokens) {
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens.tokens()[i];
    out << position(file, token.offset) << " " << token_kind_name(token.kind());
    if (token.length > 0) out << " " << quoted(tokens.text(TokenIndex{i}));
    out << "\n";
  }
  for (const Comment& comment : tokens.comments()) {
    out << position(file, comment.offset) << " "
        << (comment.kind == CommentKind::Doc     ? "DocComment"
            : comment.kind == CommentKind::Block ? "BlockComment"
                                                 : "LineComment")
        << " " << quoted(tokens.text(comment)) << "\n";
  }
}

void dump_tree(std::ostream& out, const SourceFile& file, const Tree& tree) {
  // Iterative preorder walk; the depth of each node is tracked with a stack of subtree ends.
  std::vector<std::uint32_t> ends;
  for (std::uint32_t i = 0; i < tree.size(); ++i) {
    while (!ends.empty() && ends.back() <= i) ends.pop_back();
    const NodeId id{i};
    const Node& node = tree.node(id);
    out << std::string(ends.size() * 2, ' ') << node_kind_name(node.kind()) << " "
        << position(file, tree.begin_offset(id)) << "-" << position(file, tree.end_offset(id));
    if (is_leaf(node.kind())) {
      const std::uint32_t begin = tree.begin_offset(id);
      out << " " << quoted(file.text().substr(begin, tree.end_offset(id) - begin));
    }
    if (node.is_optional()) out << " optional";
    if (node.has_error()) out << " error";
    out << "\n";
    ends.push_back(i + tree.subtree_size(id));
  }
}

}  // namespace bpc
