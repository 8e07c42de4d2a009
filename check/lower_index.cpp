// Filling the symbol index (symbol_index.h) while names are resolved. Only when asked for: every
// function returns at once when the compilation did not ask for an index.

#include "check/lowerer.h"

namespace bpc::lowering {

std::uint32_t Lowerer::index_id(Site site) const {
  if (site.file >= index_ids_.size() || site.node.index >= index_ids_[site.file].size()) return SymbolIndex::kNone;
  return index_ids_[site.file][site.node.index];
}

void Lowerer::index_declaration(DeclarationKind kind, Site site, Site parent) {
  SymbolIndex* index = options_.index;
  if (index == nullptr || site.node.is_none()) return;
  const NodeId name = name_node(site);
  if (name.is_none()) return;
  const std::uint32_t id = index->add_declaration(
      SymbolIndex::Declaration{kind, std::string(tree(site.file).text(name)), span(Site{site.file, name}), span(site),
                               parent.node.is_none() ? SymbolIndex::kNone : index_id(parent)});
  if (site.file >= index_ids_.size()) index_ids_.resize(site.file + 1);
  std::vector<std::uint32_t>& ids = index_ids_[site.file];
  if (ids.empty()) ids.assign(tree(site.file).size(), SymbolIndex::kNone);
  if (site.node.index < ids.size()) ids[site.node.index] = id;
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

void Lowerer::index_site_reference(SourceSpan name, Site declaration) {
  if (options_.index == nullptr) return;
  const std::uint32_t id = index_id(declaration);
  if (id != SymbolIndex::kNone) options_.index->add_reference(name, id);
}

void Lowerer::index_action_references(Site action, const ir::PolicyRule& rule) {
  if (options_.index == nullptr) return;
  const std::string_view name = tree(action.file).text(action.node);
  const bool any_target = !rule.targets.empty() || !rule.target_apis.empty() || !rule.target_workflows.empty();
  const auto targeted = [&](const auto& targets, auto id) {
    return !any_target || std::find(targets.begin(), targets.end(), id) != targets.end();
  };
  for (std::uint32_t w = 0; w < trigger_sites_.size() && w < module_.workflows.size(); ++w) {
    const ir::Workflow& workflow = module_.workflows[w];
    if (!targeted(rule.target_workflows, ir::WorkflowId{w}) && !targeted(rule.targets, workflow.entity)) continue;
    const auto trigger = trigger_sites_[w].find(std::string(name));
    if (trigger != trigger_sites_[w].end()) index_site_reference(span(action), trigger->second);
  }
  for (std::uint32_t o = 0; o < operation_sites_.size() && o < module_.operations.size(); ++o) {
    const ir::Operation& operation = module_.operations[o];
    if (operation.name == name && targeted(rule.target_apis, operation.api)) {
      index_site_reference(span(action), operation_sites_[o]);
    }
  }
}

void Lowerer::index_intent_use(Site value, std::string_view text) {
  if (options_.index == nullptr) return;
  const SourceSpan whole = span(value);
  // The value is the name as written: `Booking`, or `ClinicApi.searchPatients`.
  if (whole.end - whole.begin != text.size()) return;
  const std::size_t dot = text.find('.');
  const Symbol* symbol = find(text.substr(0, dot));
  if (symbol == nullptr) return;
  index_site_reference(SourceSpan{whole.file, whole.begin, static_cast<std::uint32_t>(whole.begin + std::min(dot, text.size()))},
                       Site{symbol->file, symbol->node});
  if (dot == std::string_view::npos || symbol->kind != SymbolKind::Api) return;
  const std::string_view operation_name = text.substr(dot + 1);
  for (const ir::OperationId operation : module_.apis[symbol->index].operations) {
    if (operation.index < operation_sites_.size() && module_.operations[operation.index].name == operation_name) {
      index_site_reference(SourceSpan{whole.file, static_cast<std::uint32_t>(whole.begin + dot + 1), whole.end},
                           operation_sites_[operation.index]);
    }
  }
}

void Lowerer::finish_index() {
  if (options_.index != nullptr) options_.index->finish();
}

}  // namespace bpc::lowering
