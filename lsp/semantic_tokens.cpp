// Semantic tokens: what each word of a file is, for highlighting that knows more than a grammar.
// Names are classified by what they resolve to in the symbol index (an entity, a field, an enum
// value...), with the `declaration` modifier where they are declared; keywords are keywords only
// where they act as keywords (they are contextual: `type` may name a field); built-in types,
// decorators, strings, numbers and comments come from the tokens. Block comments are split per
// line, as clients without multi-line token support need.

#include <algorithm>
#include <unordered_map>

#include "lsp/builtin_types.h"
#include "lsp/common_ends.h"
#include "lsp/features.h"

namespace bpc::lsp {

namespace {

using lowering::DeclarationKind;

enum TokenType : std::uint32_t {
  kNamespace, kType, kClass, kEnum, kInterface, kStruct, kTypeParameter, kParameter, kVariable, kProperty,
  kEnumMember, kEvent, kFunction, kMethod, kKeyword, kComment, kString, kNumber, kOperator, kDecorator
};
constexpr const char* kTokenTypes[] = {
    "namespace", "type", "class", "enum", "interface", "struct", "typeParameter", "parameter", "variable", "property",
    "enumMember", "event", "function", "method", "keyword", "comment", "string", "number", "operator", "decorator"};

enum TokenModifier : std::uint32_t {
  kDeclaration = 1u << 0, kReadonly = 1u << 1, kDocumentation = 1u << 2, kDefaultLibrary = 1u << 3
};
constexpr const char* kTokenModifiers[] = {"declaration", "readonly", "documentation", "defaultLibrary"};

struct Item {
  std::uint32_t begin;
  std::uint32_t end;
  std::uint32_t type;
  std::uint32_t modifiers;
};

TokenType type_of(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::Alias: return kType;
    case DeclarationKind::Enum: return kEnum;
    case DeclarationKind::Struct: return kStruct;
    case DeclarationKind::Entity: return kClass;
    case DeclarationKind::Event: return kEvent;
    case DeclarationKind::Role: return kVariable;
    case DeclarationKind::Policy: case DeclarationKind::Workflow: case DeclarationKind::Api: return kNamespace;
    case DeclarationKind::Mixin: return kInterface;
    case DeclarationKind::Field: return kProperty;
    case DeclarationKind::EnumValue: return kEnumMember;
    case DeclarationKind::Operation: return kMethod;
    case DeclarationKind::Guard: case DeclarationKind::Trigger: return kFunction;
  }
  return kVariable;
}

// For every Name node's token: the kinds of its parent and grandparent nodes.
struct NameContext {
  NodeKind parent;
  NodeKind grandparent;
};

std::unordered_map<std::uint32_t, NameContext> name_contexts(const Tree& tree) {
  std::unordered_map<std::uint32_t, NameContext> contexts;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> open;  // (node, end index)
  for (std::uint32_t i = 0; i < tree.size(); ++i) {
    while (!open.empty() && open.back().second <= i) open.pop_back();
    const NodeId node{i};
    if (tree.kind(node) == NodeKind::Name && !open.empty()) {
      const NodeKind parent = tree.kind(NodeId{open.back().first});
      const NodeKind grandparent = open.size() > 1 ? tree.kind(NodeId{open[open.size() - 2].first}) : NodeKind::File;
      contexts.emplace(tree.first_token(node).index, NameContext{parent, grandparent});
    }
    open.emplace_back(i, i + tree.subtree_size(node));
  }
  return contexts;
}

}  // namespace

Json semantic_tokens_legend() {
  return {{"tokenTypes", kTokenTypes}, {"tokenModifiers", kTokenModifiers}};
}

std::vector<std::uint32_t> semantic_tokens(const FileView& view) {
  std::vector<std::uint32_t> data;
  if (view.parsed == nullptr) return data;
  const TokenizedBuffer& tokens = *view.parsed->tokens;
  std::unordered_map<std::uint32_t, std::pair<std::uint32_t, bool>> names;  // offset -> (declaration, declared here)
  if (view.index != nullptr) {
    for (const lowering::SymbolIndex::Reference& reference : view.index->references()) {
      if (reference.span.file == view.file) names.emplace(reference.span.begin, std::pair(reference.declaration, false));
    }
    for (const std::uint32_t id : view.index->declarations_in(view.file)) {
      names.insert_or_assign(view.index->declaration(id).name_span.begin, std::pair(id, true));
    }
  }
  const std::unordered_map<std::uint32_t, NameContext> contexts = name_contexts(*view.parsed->tree);

  std::vector<Item> items;
  const std::vector<Token>& all = tokens.tokens();
  for (std::uint32_t i = 0; i < all.size(); ++i) {
    const Token& token = all[i];
    const TokenKind kind = token.kind();
    if (kind == TokenKind::EndOfFile) break;
    if (kind == TokenKind::String) {
      items.push_back({token.offset, token.end(), kString, 0});
    } else if (kind == TokenKind::Integer || kind == TokenKind::Float) {
      items.push_back({token.offset, token.end(), kNumber, 0});
    } else if (kind == TokenKind::At_ && i + 1 < all.size() && is_name(all[i + 1].kind()) && all[i + 1].offset == token.end()) {
      items.push_back({token.offset, all[i + 1].end(), kDecorator, 0});
      ++i;
    } else if (kind == TokenKind::Arrow) {
      items.push_back({token.offset, token.end(), kOperator, 0});
    } else if (is_name(kind)) {
      if (const auto found = names.find(token.offset); found != names.end()) {
        const DeclarationKind declared = view.index->declaration(found->second.first).kind;
        std::uint32_t modifiers = found->second.second ? std::uint32_t{kDeclaration} : 0u;
        if (declared == DeclarationKind::Role || declared == DeclarationKind::EnumValue) modifiers |= kReadonly;
        items.push_back({token.offset, token.end(), type_of(declared), modifiers});
        continue;
      }
      const auto context = contexts.find(i);
      if (context == contexts.end()) {
        if (is_keyword(kind)) items.push_back({token.offset, token.end(), kKeyword, 0});
        continue;
      }
      if (context->second.parent == NodeKind::Path && context->second.grandparent == NodeKind::TypeRef &&
          find_builtin_type(tokens.text(TokenIndex{i})) != nullptr) {
        items.push_back({token.offset, token.end(), kType, kDefaultLibrary});
      } else if (context->second.parent == NodeKind::Property) {
        items.push_back({token.offset, token.end(), kProperty, 0});
      } else if (context->second.parent == NodeKind::Parameters || context->second.parent == NodeKind::Field) {
        items.push_back({token.offset, token.end(), kProperty, kDeclaration});
      }
    }
  }
  // Comments, one item per line they cover.
  const SourceFile& source = view.source;
  for (const Comment& comment : tokens.comments()) {
    const std::uint32_t modifiers = comment.kind == CommentKind::Doc ? std::uint32_t{kDocumentation} : 0u;
    std::uint32_t begin = comment.offset;
    const std::uint32_t end = comment.offset + comment.length;
    while (begin < end) {
      const std::uint32_t line = source.line_index(begin);
      const std::uint32_t line_end = source.line_start(line) + static_cast<std::uint32_t>(source.line_text(line).size());
      const std::uint32_t piece_end = std::min(end, line_end);
      if (piece_end > begin) items.push_back({begin, piece_end, kComment, modifiers});
      if (line + 1 >= source.line_count()) break;
      begin = std::max(piece_end, source.line_start(line + 1));
    }
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.begin < b.begin; });

  const PositionMapper mapper = view.mapper();
  Position previous{0, 0};
  data.reserve(items.size() * 5);
  for (const Item& item : items) {
    const Position start = mapper.position(item.begin);
    const Position end = mapper.position(item.end);
    if (end.line != start.line || end.character <= start.character) continue;
    data.push_back(start.line - previous.line);
    data.push_back(start.line == previous.line ? start.character - previous.character : start.character);
    data.push_back(end.character - start.character);
    data.push_back(item.type);
    data.push_back(item.modifiers);
    previous = start;
  }
  return data;
}

Json semantic_tokens_edits(const std::vector<std::uint32_t>& before, const std::vector<std::uint32_t>& after) {
  const auto [prefix, suffix] = common_ends(before, after);
  if (prefix == before.size() && prefix == after.size()) return Json::array();
  return Json::array({{{"start", prefix},
                       {"deleteCount", before.size() - prefix - suffix},
                       {"data", std::vector<std::uint32_t>(after.begin() + static_cast<std::ptrdiff_t>(prefix),
                                                           after.end() - static_cast<std::ptrdiff_t>(suffix))}}});
}

}  // namespace bpc::lsp
