// Filling the symbol index (symbol_index.h) while names are resolved. Only when asked for: every
// function returns at once when the compilation did not ask for an index.

#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

std::uint64_t key(std::uint32_t file, NodeId node) { return (std::uint64_t{file} << 32) | node.index; }

}  // namespace

std::uint32_t Lowerer::index_id(Site site) const {
  const auto found = index_ids_.find(key(site.file, site.node));
  return found == index_ids_.end() ? SymbolIndex::kNone : found->second;
}

void Lowerer::index_declaration(DeclarationKind kind, Site site, Site parent) {
  SymbolIndex* index = options_.index;
  if (index == nullptr || site.node.is_none()) return;
  const NodeId name = name_node(site);
  if (name.is_none()) return;
  const std::uint32_t id = index->add_declaration(
      SymbolIndex::Declaration{kind, std::string(tree(site.file).text(name)), span(Site{site.file, name}), span(site),
                               parent.node.is_none() ? SymbolIndex::kNone : index_id(parent)});
  index_ids_.emplace(key(site.file, site.node), id);
}

void Lowerer::index_symbol_reference(Site name, const Symbol& symbol) {
  if (options_.index == nullptr) return;
  options_.index->add_reference(span(name), index_id(Site{symbol.file, symbol.node}));
}

void Lowerer::index_field_reference(Site name, ir::FieldId field) {
  if (options_.index == nullptr || field.index >= field_sites_.size()) return;
  options_.index->add_reference(span(name), index_id(field_sites_[field.index]));
}

void Lowerer::index_enum_value_reference(Site name, std::uint32_t enumeration, std::uint32_t value) {
  if (options_.index == nullptr || enumeration >= enum_value_ids_.size() ||
      value >= enum_value_ids_[enumeration].size()) {
    return;
  }
  options_.index->add_reference(span(name), enum_value_ids_[enumeration][value]);
}

void Lowerer::finish_index() {
  if (options_.index != nullptr) options_.index->finish();
}

}  // namespace bpc::lowering
