// Go to definition and type definition, references, document highlight and rename: all answered
// from the symbol index (check/symbol_index.h), which knows every declaration and every name that
// resolved to one, across the unit's files.

#include <algorithm>
#include <optional>

#include "lsp/features.h"

namespace bpc::lsp {

namespace {

using lowering::DeclarationKind;
using lowering::SymbolIndex;

std::optional<NameAt> target_at(const FileView& view, Position position) { return name_at(view, view.offset(position)); }

bool is_type_declaration(DeclarationKind kind) {
  return kind == DeclarationKind::Alias || kind == DeclarationKind::Enum || kind == DeclarationKind::Struct ||
         kind == DeclarationKind::Entity || kind == DeclarationKind::Event;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

Json definition(const FileView& view, Position position) {
  const std::optional<NameAt> target = target_at(view, position);
  if (!target) return nullptr;
  return Json::array({span_location(view.compilation.sources, view.index->declaration(target->declaration).name_span, view.encoding)});
}

Json type_definition(const FileView& view, Position position) {
  const std::optional<NameAt> target = target_at(view, position);
  if (!target) return nullptr;
  const SymbolIndex::Declaration& declaration = view.index->declaration(target->declaration);
  if (is_type_declaration(declaration.kind)) {
    return Json::array({span_location(view.compilation.sources, declaration.name_span, view.encoding)});
  }
  // A field's or parameter's type: the first type name its declaration refers to.
  for (const SymbolIndex::Reference& reference : view.index->references_in(declaration.span)) {
    const SymbolIndex::Declaration& type = view.index->declaration(reference.declaration);
    if (is_type_declaration(type.kind)) return Json::array({span_location(view.compilation.sources, type.name_span, view.encoding)});
  }
  return nullptr;
}

Json references(const FileView& view, Position position, bool include_declaration) {
  const std::optional<NameAt> target = target_at(view, position);
  if (!target) return nullptr;
  Json result = Json::array();
  if (include_declaration) {
    result.push_back(span_location(view.compilation.sources, view.index->declaration(target->declaration).name_span, view.encoding));
  }
  for (const SymbolIndex::Reference& reference : view.index->references_to(target->declaration)) {
    result.push_back(span_location(view.compilation.sources, reference.span, view.encoding));
  }
  return result;
}

Json document_highlight(const FileView& view, Position position) {
  const std::optional<NameAt> target = target_at(view, position);
  if (!target) return nullptr;
  constexpr int kRead = 2, kWrite = 3;
  Json result = Json::array();
  const SymbolIndex::Declaration& declaration = view.index->declaration(target->declaration);
  if (declaration.name_span.file == view.file) {
    result.push_back({{"range", to_json(view.range(declaration.name_span.begin, declaration.name_span.end))}, {"kind", kWrite}});
  }
  for (const SymbolIndex::Reference& reference : view.index->references_to(target->declaration)) {
    if (reference.span.file != view.file) continue;
    result.push_back({{"range", to_json(view.range(reference.span.begin, reference.span.end))}, {"kind", kRead}});
  }
  return result;
}

Json prepare_rename(const FileView& view, Position position) {
  const std::optional<NameAt> target = target_at(view, position);
  if (!target) return nullptr;
  return {{"range", to_json(view.range(target->span.begin, target->span.end))},
          {"placeholder", view.index->declaration(target->declaration).name}};
}

Json rename(const FileView& view, Position position, const std::string& new_name) {
  const std::optional<NameAt> target = target_at(view, position);
  if (!target) throw ProtocolError(ErrorCode::RequestFailed, "there is no declared name here to rename");
  if (!is_identifier(new_name)) {
    throw ProtocolError(ErrorCode::InvalidParams, "`" + new_name + "` is not a name: use letters, digits and `_`, not starting with a digit");
  }
  const SymbolIndex::Declaration& declaration = view.index->declaration(target->declaration);
  for (const SymbolIndex::Declaration& other : view.index->declarations()) {
    if (&other != &declaration && other.name == new_name && other.parent == declaration.parent &&
        (other.parent != SymbolIndex::kNone || is_type_declaration(other.kind) == is_type_declaration(declaration.kind))) {
      throw ProtocolError(ErrorCode::RequestFailed,
                          "`" + new_name + "` already names the " + std::string(lowering::declaration_kind_name(other.kind)) +
                              " declared at " + view.compilation.sources.file(other.name_span.file).path() + ":" +
                              std::to_string(view.compilation.sources.file(other.name_span.file).line_column(other.name_span.begin).line));
    }
  }
  std::vector<TextEdit> edits{TextEdit{declaration.name_span, new_name}};
  for (const SymbolIndex::Reference& reference : view.index->references_to(target->declaration)) {
    edits.push_back(TextEdit{reference.span, new_name});
  }
  return workspace_edit_json(view.compilation.sources, edits, view.encoding);
}

}  // namespace bpc::lsp
