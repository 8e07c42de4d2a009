#include "frontend/parse/tree.h"

namespace bpc {

std::string_view node_kind_name(NodeKind kind) {
  static constexpr std::string_view kNames[] = {
#define BPC_NODE(name) #name,
#include "frontend/parse/node_kinds.def"
#undef BPC_NODE
  };
  return kNames[static_cast<int>(kind)];
}

std::uint32_t Tree::begin_offset(NodeId id) const {
  return tokens_->token(nodes_[id.index].first_token).offset;
}

void Tree::truncate(std::uint32_t count) {
  nodes_.resize(count);
  token_spans_.resize(count);
  std::erase_if(long_spans_, [&](const auto& entry) { return entry.first >= count; });
}

std::uint32_t Tree::end_offset(NodeId id) const {
  const std::uint32_t begin = begin_offset(id);
  const std::uint32_t end = tokens_->token(last_token(id)).end();
  return end < begin ? begin : end;
}

NodeId Tree::child(NodeId id, NodeKind kind) const {
  for (NodeId c : children(id)) {
    if (this->kind(c) == kind) return c;
  }
  return NodeId::none();
}

NodeId Tree::innermost_at(std::uint32_t offset) const {
  NodeId current = root();
  if (size() == 0) return NodeId::none();
  while (true) {
    NodeId inside = NodeId::none();
    for (NodeId c : children(current)) {
      if (begin_offset(c) <= offset && offset <= end_offset(c)) {
        inside = c;  // the last match wins: at `a.b|` the cursor is on `b`, not between
      }
      if (begin_offset(c) > offset) break;
    }
    if (inside.is_none()) return current;
    current = inside;
  }
}

std::vector<NodeId> Tree::children_of_kind(NodeId id, NodeKind kind) const {
  std::vector<NodeId> result;
  for (NodeId c : children(id)) {
    if (this->kind(c) == kind) result.push_back(c);
  }
  return result;
}

}  // namespace bpc
