// Document symbols (the outline: declarations with their members nested) and workspace symbols
// (every declaration of every unit whose name matches the query), from the symbol index.

#include <algorithm>
#include <cctype>
#include <set>

#include "lsp/features.h"

namespace bpc::lsp {

namespace {

using lowering::DeclarationKind;
using lowering::SymbolIndex;

// LSP's SymbolKind numbers.
int symbol_kind(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::Alias: return 26;      // TypeParameter
    case DeclarationKind::Enum: return 10;       // Enum
    case DeclarationKind::Struct: return 23;     // Struct
    case DeclarationKind::Entity: return 5;      // Class
    case DeclarationKind::Event: return 24;      // Event
    case DeclarationKind::Role: return 14;       // Constant
    case DeclarationKind::Policy: return 19;     // Object
    case DeclarationKind::Workflow: return 3;    // Namespace
    case DeclarationKind::Api: return 2;         // Module
    case DeclarationKind::Mixin: return 11;      // Interface
    case DeclarationKind::Field: return 8;       // Field
    case DeclarationKind::EnumValue: return 22;  // EnumMember
    case DeclarationKind::Operation: return 6;   // Method
    case DeclarationKind::Guard: return 17;      // Boolean
    case DeclarationKind::Trigger: return 12;    // Function
  }
  return 13;  // Variable
}

// Whether the letters of `query` appear in `name` in order, ignoring case (VS Code's own rule).
bool fuzzy_match(std::string_view query, std::string_view name) {
  std::size_t at = 0;
  for (const char q : query) {
    const auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    while (at < name.size() && lower(name[at]) != lower(q)) ++at;
    if (at == name.size()) return false;
    ++at;
  }
  return true;
}

Json document_symbol(const FileView& view, std::uint32_t id, const std::vector<std::uint32_t>& in_file) {
  const SymbolIndex::Declaration& declaration = view.index->declaration(id);
  Json symbol = {
      {"name", declaration.name.empty() ? std::string(lowering::declaration_kind_name(declaration.kind)) : declaration.name},
      {"detail", lowering::declaration_kind_name(declaration.kind)},
      {"kind", symbol_kind(declaration.kind)},
      {"range", to_json(view.range(declaration.span.begin, std::max(declaration.span.end, declaration.name_span.end)))},
      {"selectionRange", to_json(view.range(declaration.name_span.begin, declaration.name_span.end))},
  };
  Json children = Json::array();
  for (const std::uint32_t member : in_file) {
    if (view.index->declaration(member).parent == id) children.push_back(document_symbol(view, member, in_file));
  }
  if (!children.empty()) symbol["children"] = std::move(children);
  return symbol;
}

}  // namespace

Json document_symbols(const FileView& view) {
  Json result = Json::array();
  if (view.index == nullptr) return result;
  const std::vector<std::uint32_t> in_file = view.index->declarations_in(view.file);
  const std::set<std::uint32_t> here(in_file.begin(), in_file.end());
  for (const std::uint32_t id : in_file) {
    const std::uint32_t parent = view.index->declaration(id).parent;
    // Top level here: no parent, or a parent declared in another file.
    if (parent == SymbolIndex::kNone || !here.contains(parent)) result.push_back(document_symbol(view, id, in_file));
  }
  return result;
}

Json workspace_symbols(const std::vector<const Unit*>& units, std::string_view query, PositionEncoding encoding) {
  constexpr std::size_t kMaxResults = 1000;
  Json result = Json::array();
  std::set<std::tuple<std::string, std::uint32_t, std::string>> seen;  // a file in two units once
  for (const Unit* unit : units) {
    if (!unit->compilation || !unit->compilation->index) continue;
    const driver::Compilation& compilation = *unit->compilation;
    const SymbolIndex& index = *compilation.index;
    for (const SymbolIndex::Declaration& declaration : index.declarations()) {
      if (result.size() >= kMaxResults) return result;
      if (declaration.name.empty() || !fuzzy_match(query, declaration.name)) continue;
      const std::string path = compilation.sources.file(declaration.name_span.file).path();
      if (!seen.emplace(path, declaration.name_span.begin, declaration.name).second) continue;
      Json symbol = {{"name", declaration.name},
                     {"kind", symbol_kind(declaration.kind)},
                     {"location", span_location(compilation.sources, declaration.name_span, encoding)}};
      if (declaration.parent != SymbolIndex::kNone) symbol["containerName"] = index.declaration(declaration.parent).name;
      result.push_back(std::move(symbol));
    }
  }
  return result;
}

}  // namespace bpc::lsp
