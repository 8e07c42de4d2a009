// Folding ranges: every construct that spans lines (declarations, resources, operations, lists
// and objects written over several lines), runs of two or more line comments, block comments,
// and runs of imports.

#include <algorithm>

#include "lsp/features.h"

namespace bpc::lsp {

namespace {

bool foldable(NodeKind kind) {
  switch (kind) {
    case NodeKind::BlueprintDecl: case NodeKind::TargetDecl: case NodeKind::IntentDecl: case NodeKind::EnumDecl:
    case NodeKind::StructDecl: case NodeKind::EntityDecl: case NodeKind::MixinDecl: case NodeKind::EventDecl:
    case NodeKind::PolicyDecl: case NodeKind::WorkflowDecl: case NodeKind::Transition: case NodeKind::ApiDecl:
    case NodeKind::Resource: case NodeKind::Operation: case NodeKind::ListLiteral: case NodeKind::ObjectLiteral:
    case NodeKind::Parameters:
      return true;
    default:
      return false;
  }
}

Json fold(std::uint32_t start, std::uint32_t end, const char* kind) {
  Json range = {{"startLine", start}, {"endLine", end}};
  if (kind != nullptr) range["kind"] = kind;
  return range;
}

}  // namespace

Json folding_ranges(const FileView& view) {
  Json result = Json::array();
  if (view.parsed == nullptr) return result;
  const Tree& tree = *view.parsed->tree;
  const TokenizedBuffer& tokens = *view.parsed->tokens;
  const SourceFile& source = view.source;
  std::uint32_t last_start = UINT32_MAX;
  for (std::uint32_t i = 1; i < tree.size(); ++i) {
    const NodeId node{i};
    if (!foldable(tree.kind(node))) continue;
    const std::uint32_t begin = tree.begin_offset(node), end = tree.end_offset(node);
    const std::uint32_t first = source.line_index(begin);
    std::uint32_t last = source.line_index(end == 0 ? 0 : end - 1);
    // Keep a closing bracket that starts its line visible.
    const TokenKind closing = tokens.token(tree.last_token(node)).kind();
    if ((closing == TokenKind::RightBrace || closing == TokenKind::RightBracket || closing == TokenKind::RightParen) &&
        tokens.starts_line(tree.last_token(node)) && last > first) {
      --last;
    }
    if (last <= first || first == last_start) continue;
    last_start = first;
    result.push_back(fold(first, last, nullptr));
  }
  // Comments: a block comment over lines, or a run of line comments on consecutive lines.
  const std::vector<Comment>& comments = tokens.comments();
  for (std::size_t i = 0; i < comments.size();) {
    const std::uint32_t first = source.line_index(comments[i].offset);
    if (comments[i].kind == CommentKind::Block) {
      const std::uint32_t last = source.line_index(comments[i].offset + comments[i].length - 1);
      if (last > first) result.push_back(fold(first, last, "comment"));
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    std::uint32_t last = first;
    while (j < comments.size() && comments[j].kind != CommentKind::Block &&
           source.line_index(comments[j].offset) == last + 1) {
      const std::uint32_t line = source.line_index(comments[j].offset);
      // Only comments alone on their lines join a run.
      if (source.line_text(line).find_first_not_of(" \t") != comments[j].offset - source.line_start(line)) break;
      last = line;
      ++j;
    }
    if (last > first) result.push_back(fold(first, last, "comment"));
    i = j;
  }
  // Runs of imports.
  std::uint32_t run_first = UINT32_MAX, run_last = 0;
  const auto flush = [&] {
    if (run_first != UINT32_MAX && run_last > run_first) result.push_back(fold(run_first, run_last, "imports"));
    run_first = UINT32_MAX;
  };
  for (NodeId node : tree.children(tree.root())) {
    if (tree.kind(node) != NodeKind::ImportDecl) {
      flush();
      continue;
    }
    const std::uint32_t line = source.line_index(tree.begin_offset(node));
    if (run_first == UINT32_MAX) run_first = line;
    run_last = source.line_index(tree.end_offset(node));
  }
  flush();
  return result;
}

}  // namespace bpc::lsp
