// Code lens: above each top-level declaration of a file, how many places in its program refer to
// it ("3 references", "no references": a type nothing uses). The lens's command,
// `bpc.showReferences` with the document's URI and the name's position, is the client's to run:
// the VS Code extension opens the references view there (editors/vscode/src/extension.ts).

#include "lsp/features.h"

namespace bpc::lsp {

namespace {

bool has_lens(lowering::DeclarationKind kind) {
  using lowering::DeclarationKind;
  switch (kind) {
    case DeclarationKind::Alias:
    case DeclarationKind::Enum:
    case DeclarationKind::Struct:
    case DeclarationKind::Entity:
    case DeclarationKind::Event:
    case DeclarationKind::Role:
    case DeclarationKind::Workflow:
    case DeclarationKind::Mixin:
      return true;
    default:
      return false;
  }
}

}  // namespace

Json code_lenses(const FileView& view, std::string_view uri) {
  Json lenses = Json::array();
  if (view.index == nullptr) return lenses;
  for (const std::uint32_t id : view.index->declarations_in(view.file)) {
    const lowering::SymbolIndex::Declaration& declaration = view.index->declaration(id);
    if (declaration.parent != lowering::SymbolIndex::kNone || !has_lens(declaration.kind)) continue;
    const std::size_t count = view.index->references_to(id).size();
    const std::string title = count == 0   ? "no references"
                              : count == 1 ? "1 reference"
                                           : std::to_string(count) + " references";
    const Range range = view.mapper().range(declaration.name_span.begin, declaration.name_span.end);
    lenses.push_back({{"range", to_json(range)},
                      {"command", {{"title", title}, {"command", "bpc.showReferences"}, {"arguments", {uri, to_json(range.start)}}}}});
  }
  return lenses;
}

}  // namespace bpc::lsp
