#pragma once

// The syntax tree: a compact, preorder array of nodes. Each node is 8 bytes and records its
// kind, flags, first token and the size of its subtree (itself included); its last token is one
// more byte, the distance from the first (the few nodes spanning 255 tokens or more keep theirs
// in a side table), so a node costs 9 bytes in all, and:
//   - the first child of node N is N+1, and its next sibling is child + child.subtree_size;
//   - a whole declaration is a contiguous slice of the array;
//   - nodes are referred to by NodeId, a typed index, which serializes trivially.
// Nodes exist for constructs, names and literals; punctuation lives only in the token buffer and
// is reached through the token range. Every node carries an error bit: the parser sets it on the
// node where it recovered, so later phases can skip broken declarations without re-reporting.
// The tree views a TokenizedBuffer (for token text and comments), which must outlive it.

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/lex/token.h"

namespace bpc {

enum class NodeKind : std::uint8_t {
#define BPC_NODE(name) name,
#include "frontend/parse/node_kinds.def"
#undef BPC_NODE
};

inline constexpr int kNodeKindCount = 0
#define BPC_NODE(name) +1
#include "frontend/parse/node_kinds.def"
#undef BPC_NODE
    ;
static_assert(kNodeKindCount <= 64, "node kinds are stored in 6 bits");

std::string_view node_kind_name(NodeKind kind);

struct NodeId {
  std::uint32_t index = UINT32_MAX;
  static constexpr NodeId none() { return NodeId{}; }
  bool is_none() const { return index == UINT32_MAX; }
  friend bool operator==(NodeId, NodeId) = default;
};

enum NodeFlags : std::uint8_t {
  kNodeHasError = 1 << 0,
  kNodeOptional = 1 << 1,  // TypeRef written with a trailing `?`
};

// Subtree sizes take 24 bits. Only the root may be larger; its size is the tree's size, and the
// parser reports a declaration that would exceed the limit (kMaxNodesPerDeclaration).
inline constexpr std::uint32_t kMaxSubtreeSize = (1u << 24) - 1;

struct Node {
  TokenIndex first_token;
  std::uint32_t kind_bits : 6;
  std::uint32_t flag_bits : 2;
  std::uint32_t subtree_bits : 24;

  NodeKind kind() const { return static_cast<NodeKind>(kind_bits); }
  std::uint8_t flags() const { return static_cast<std::uint8_t>(flag_bits); }
  bool has_error() const { return flag_bits & kNodeHasError; }
  bool is_optional() const { return flag_bits & kNodeOptional; }
};
static_assert(sizeof(Node) == 8, "nodes are kept compact");

class Tree {
 public:
  explicit Tree(const TokenizedBuffer& tokens) : tokens_(&tokens) {}

  const TokenizedBuffer& tokens() const { return *tokens_; }
  const Node& node(NodeId id) const { return nodes_[id.index]; }
  TokenIndex first_token(NodeId id) const { return nodes_[id.index].first_token; }
  TokenIndex last_token(NodeId id) const {
    const std::uint8_t span = token_spans_[id.index];
    if (span != kLongSpan) return TokenIndex{nodes_[id.index].first_token.index + span};
    return long_spans_.at(id.index);
  }
  NodeKind kind(NodeId id) const { return nodes_[id.index].kind(); }
  // Number of nodes in the subtree rooted at `id`, itself included.
  std::uint32_t subtree_size(NodeId id) const {
    return id.index == 0 ? size() : nodes_[id.index].subtree_bits;
  }
  NodeId root() const { return NodeId{0}; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(nodes_.size()); }
  // The text of a leaf's main token (the last token: for `-5` that is `5`); empty for none.
  std::string_view text(NodeId id) const { return id.is_none() ? std::string_view() : tokens_->text(last_token(id)); }
  // Byte range [begin, end) covered by the node.
  std::uint32_t begin_offset(NodeId id) const;
  std::uint32_t end_offset(NodeId id) const;

  // Iterates over the direct children of a node, in source order.
  class ChildRange {
   public:
    class Iterator {
     public:
      Iterator(const Tree* tree, std::uint32_t index) : tree_(tree), index_(index) {}
      NodeId operator*() const { return NodeId{index_}; }
      Iterator& operator++() {
        index_ += tree_->subtree_size(NodeId{index_});
        return *this;
      }
      bool operator!=(const Iterator& other) const { return index_ != other.index_; }

     private:
      const Tree* tree_;
      std::uint32_t index_;
    };
    ChildRange(const Tree* tree, std::uint32_t begin, std::uint32_t end)
        : tree_(tree), begin_(begin), end_(end) {}
    Iterator begin() const { return Iterator(tree_, begin_); }
    Iterator end() const { return Iterator(tree_, end_); }

   private:
    const Tree* tree_;
    std::uint32_t begin_;
    std::uint32_t end_;
  };
  // No children for none, so that walks over a tree with syntax errors (where an expected child
  // may be missing) need no check at every step.
  ChildRange children(NodeId id) const {
    if (id.is_none()) return ChildRange(this, 0, 0);
    return ChildRange(this, id.index + 1, id.index + subtree_size(id));
  }
  // The first child of the given kind, or none (also for none).
  NodeId child(NodeId id, NodeKind kind) const;
  std::vector<NodeId> children_of_kind(NodeId id, NodeKind kind) const;
  // The innermost node whose range holds `offset` (its end included, as an editor's cursor just
  // past a name is on it); the root when no declaration does. Iterative: depth costs no stack.
  NodeId innermost_at(std::uint32_t offset) const;

  // Building, used by the parser: open a node, add its children, close it.
  NodeId open(NodeKind kind, TokenIndex first) {
    nodes_.push_back(Node{first, static_cast<std::uint32_t>(kind), 0, 0});
    token_spans_.push_back(0);
    return NodeId{static_cast<std::uint32_t>(nodes_.size() - 1)};
  }
  // Closes a node; returns false (leaving the size saturated) when its subtree is too large.
  bool close(NodeId id, TokenIndex last) {
    Node& n = nodes_[id.index];
    const std::uint32_t span = last.index - n.first_token.index;  // the parser keeps last >= first
    if (last.index >= n.first_token.index && span < kLongSpan) {
      token_spans_[id.index] = static_cast<std::uint8_t>(span);
    } else {
      token_spans_[id.index] = kLongSpan;
      long_spans_[id.index] = last;
    }
    const std::uint32_t size = static_cast<std::uint32_t>(nodes_.size()) - id.index;
    n.subtree_bits = size > kMaxSubtreeSize ? kMaxSubtreeSize : size;
    return id.index == 0 || size <= kMaxSubtreeSize;
  }
  void set_flag(NodeId id, NodeFlags flag) { nodes_[id.index].flag_bits |= flag; }
  void reserve(std::size_t count) {
    nodes_.reserve(count);
    token_spans_.reserve(count);
  }
  // Gives back what the reservation left unused, when it is much (trees are kept while a file is
  // open in the language server).
  void trim() {
    if (nodes_.capacity() > nodes_.size() + nodes_.size() / 8) {
      nodes_.shrink_to_fit();
      token_spans_.shrink_to_fit();
    }
  }
  // Drops every node from `count` on (the parser unwinding members it parsed by mistake).
  void truncate(std::uint32_t count);
  bool has_errors() const { return has_errors_; }
  void mark_has_errors() { has_errors_ = true; }

 private:
  static constexpr std::uint8_t kLongSpan = 255;
  const TokenizedBuffer* tokens_;
  std::vector<Node> nodes_;
  // By node: last token minus first token, or kLongSpan when the last token is in long_spans_.
  std::vector<std::uint8_t> token_spans_;
  std::unordered_map<std::uint32_t, TokenIndex> long_spans_;
  bool has_errors_ = false;
};

}  // namespace bpc
