#include "lsp/file_view.h"

#include <algorithm>

namespace bpc::lsp {

std::optional<FileView> view_of(const Unit& unit, std::string_view path, PositionEncoding encoding) {
  if (!unit.compilation) return std::nullopt;
  const driver::Compilation& compilation = *unit.compilation;
  for (const lowering::ProgramFile& file : compilation.program.files) {
    if (file.path != path) continue;
    const ParsedFile* parsed = file.parsed.tree ? &file.parsed : nullptr;
    return FileView{compilation, file.parsed.file, compilation.sources.file(file.parsed.file), parsed,
                    compilation.index ? &*compilation.index : nullptr, encoding};
  }
  return std::nullopt;
}

std::optional<NameAt> name_at(const FileView& view, std::uint32_t offset) {
  if (view.index == nullptr) return std::nullopt;
  const std::optional<std::uint32_t> found = view.index->at(view.file, offset);
  if (!found) return std::nullopt;
  const auto holds = [&](SourceSpan span) { return span.file == view.file && span.begin <= offset && offset <= span.end; };
  const lowering::SymbolIndex::Declaration& declaration = view.index->declaration(*found);
  if (holds(declaration.name_span)) return NameAt{*found, declaration.name_span};
  for (const lowering::SymbolIndex::Reference& reference : view.index->references_to(*found)) {
    if (holds(reference.span)) return NameAt{*found, reference.span};
  }
  return NameAt{*found, declaration.name_span};
}

const ParsedFile* parsed_file(const driver::Compilation& compilation, FileId file) {
  for (const lowering::ProgramFile& program_file : compilation.program.files) {
    if (program_file.parsed.file == file) return program_file.parsed.tree ? &program_file.parsed : nullptr;
  }
  return nullptr;
}

TokenIndex token_at(const TokenizedBuffer& tokens, std::uint32_t offset) {
  const std::vector<Token>& all = tokens.tokens();
  // The first token that ends at or after the offset.
  const auto it = std::lower_bound(all.begin(), all.end(), offset, [](const Token& token, std::uint32_t at) {
    return token.end() < at;
  });
  if (it == all.end() || it->kind() == TokenKind::EndOfFile || it->offset > offset) return TokenIndex::none();
  // At a boundary between two tokens (`a.b` at the dot), prefer a name to punctuation.
  const auto next = std::next(it);
  if (it->end() == offset && next != all.end() && next->offset == offset && is_name(next->kind()) &&
      !is_name(it->kind())) {
    return TokenIndex{static_cast<std::uint32_t>(next - all.begin())};
  }
  return TokenIndex{static_cast<std::uint32_t>(it - all.begin())};
}

TokenIndex token_before(const TokenizedBuffer& tokens, std::uint32_t offset) {
  const std::vector<Token>& all = tokens.tokens();
  const auto it = std::upper_bound(all.begin(), all.end(), offset, [](std::uint32_t at, const Token& token) {
    return at < token.end();
  });
  if (it == all.begin()) return TokenIndex::none();
  const auto previous = std::prev(it);
  if (previous->kind() == TokenKind::EndOfFile) return TokenIndex::none();
  return TokenIndex{static_cast<std::uint32_t>(previous - all.begin())};
}

std::vector<NodeId> ancestors_at(const Tree& tree, std::uint32_t offset) {
  std::vector<NodeId> chain;
  if (tree.size() == 0) return chain;
  NodeId current = tree.root();
  chain.push_back(current);
  for (;;) {
    NodeId inner = NodeId::none();
    for (NodeId child : tree.children(current)) {
      if (tree.begin_offset(child) <= offset && offset <= tree.end_offset(child)) {
        inner = child;
        // A later sibling that also holds the offset (one ends where the next starts) wins.
      }
    }
    if (inner.is_none()) break;
    chain.push_back(inner);
    current = inner;
  }
  return chain;
}

}  // namespace bpc::lsp
