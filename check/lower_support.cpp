// Shared helpers of the lowering: positions, doc comments, names, symbol lookup.

#include <algorithm>

#include "base/suggest.h"
#include "frontend/limits.h"
#include "frontend/literals/string_literal.h"
#include "check/lowerer.h"

namespace bpc::lowering {

Lowerer::Lowerer(const Program& program, DiagnosticEngine& diagnostics, const LowerOptions& options)
    : program_(program), diagnostics_(diagnostics), options_(options), types_(module_) {}

ir::Module Lowerer::run() {
  for (const ProgramFile& file : program_.files) module_.files.push_back(file.path);
  for (void (Lowerer::*phase)() : {&Lowerer::collect_broken_constructs, &Lowerer::collect, &Lowerer::lower_enums, &Lowerer::lower_aliases,
                                    &Lowerer::lower_records, &Lowerer::check_struct_cycles, &Lowerer::lower_relations, &Lowerer::lower_keys, &Lowerer::check_scopes,
                                    &Lowerer::lower_workflows, &Lowerer::lower_apis, &Lowerer::lower_handlers, &Lowerer::lower_policies,
                                    &Lowerer::lower_product, &Lowerer::check_style}) {
    poll();
    (this->*phase)();
  }
  finish_index();
  return std::move(module_);
}

ir::Module lower(const Program& program, DiagnosticEngine& diagnostics, const LowerOptions& options) {
  return Lowerer(program, diagnostics, options).run();
}

// A node the parser could not build (none, after a syntax error) has an empty span at the start
// of its file; reports at it are dropped (lowerer.h, report).
SourceSpan Lowerer::span(Site site) const {
  const Tree& t = tree(site.file);
  if (site.node.is_none()) return SourceSpan{t.tokens().file(), 0, 0};
  return SourceSpan{t.tokens().file(), t.begin_offset(site.node), t.end_offset(site.node)};
}

ir::Location Lowerer::location(Site site) const {
  const Tree& t = tree(site.file);
  if (site.node.is_none()) return ir::Location{site.file, 0, 0};
  return ir::Location{site.file, t.begin_offset(site.node), t.end_offset(site.node)};
}

std::string Lowerer::doc(Site site) const {
  if (site.node.is_none()) return {};
  const Tree& t = tree(site.file);
  return t.tokens().doc_comment_before(t.begin_offset(site.node));
}

NodeId Lowerer::name_node(Site site) const { return tree(site.file).child(site.node, NodeKind::Name); }

std::string_view Lowerer::name_of(Site site) const {
  const NodeId name = name_node(site);
  return name.is_none() ? std::string_view() : tree(site.file).text(name);
}

std::string Lowerer::string_value(Site site) const {
  return decode_string_literal(tree(site.file).text(site.node), span(site), nullptr);
}

SourceSpan Lowerer::span_in_string(Site literal, std::size_t begin, std::size_t end) const {
  const std::string_view text = tree(literal.file).text(literal.node);
  const SourceSpan whole = span(literal);
  const auto at = [&](std::size_t offset) {
    return whole.begin + static_cast<std::uint32_t>(string_literal_source_offset(text, offset));
  };
  return SourceSpan{whole.file, at(begin), std::max(at(begin) + 1, at(end))};
}

std::string Lowerer::cycle_chain(const std::vector<std::uint32_t>& cycle,
                                 const std::function<std::string_view(std::uint32_t)>& name) {
  std::string chain;
  for (std::size_t i = 0; i < cycle.size() && i < kCycleMembersShown; ++i) chain += fmt::format("`{}` -> ", name(cycle[i]));
  if (cycle.size() > kCycleMembersShown) chain += fmt::format("... ({} more) -> ", cycle.size() - kCycleMembersShown);
  return chain + fmt::format("`{}`", name(cycle.front()));
}

const base::Pattern& Lowerer::compiled_pattern(const std::string& pattern) {
  std::unique_ptr<base::Pattern>& slot = patterns_[pattern];
  if (slot == nullptr) slot = std::make_unique<base::Pattern>(pattern);
  return *slot;
}

DiagnosticBuilder Lowerer::report_unknown(std::string_view what, std::string_view name, Site site,
                                         const std::vector<std::string_view>& candidates) {
  if (broken_names_.count(name) != 0) return DiagnosticBuilder::discarded();
  DiagnosticBuilder builder = report<DiagnosticKind::UnknownName>(site, what, name);
  if (auto match = closest_match(name, candidates)) {
    builder.note(fmt::format("did you mean `{}`?", *match))
        .fix(fmt::format("replace with `{}`", *match), {TextEdit{span(site), std::string(*match)}});
  }
  return builder;
}

std::string_view Lowerer::describe(SymbolKind kind) const {
  switch (kind) {
    case SymbolKind::Alias: return "a type alias";
    case SymbolKind::Enum: return "an enum";
    case SymbolKind::Struct: return "a struct";
    case SymbolKind::Mixin: return "a mixin";
    case SymbolKind::Entity: return "an entity";
    case SymbolKind::Event: return "an event";
    case SymbolKind::Role: return "a role";
    case SymbolKind::Policy: return "a policy";
    case SymbolKind::Workflow: return "a workflow";
    case SymbolKind::Api: return "an API";
  }
  return "a declaration";
}

std::uint32_t Lowerer::name_hash(std::string_view name) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a: names are short
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return ir::mix_hash(hash);
}

const Symbol* Lowerer::find(std::string_view name) const {
  const std::uint32_t index = symbol_table_.find(
      name_hash(name), [&](std::uint32_t i) { return symbol_name(symbols_[i]) == name; });
  return index == ir::IndexHashTable::kNone ? nullptr : &symbols_[index].symbol;
}

std::vector<std::string_view> Lowerer::names_of_kind(std::initializer_list<SymbolKind> kinds) const {
  std::vector<std::string_view> names;
  for (const NamedSymbol& named : symbols_) {
    if (std::find(kinds.begin(), kinds.end(), named.symbol.kind) != kinds.end()) names.push_back(symbol_name(named));
  }
  std::sort(names.begin(), names.end());  // suggestions must not depend on hash order
  return names;
}

const Symbol* Lowerer::resolve(std::string_view name, Site site,
                               std::initializer_list<SymbolKind> kinds, std::string_view what) {
  const Symbol* symbol = resolve_unindexed(name, site, kinds, what);
  if (symbol != nullptr) index_symbol_reference(site, *symbol);
  return symbol;
}

const Symbol* Lowerer::resolve_unindexed(std::string_view name, Site site,
                                         std::initializer_list<SymbolKind> kinds, std::string_view what) {
  const Symbol* symbol = find(name);
  if (symbol == nullptr) {
    // A file that could not be imported may have declared it.
    if (!program_.has_missing_imports) {
      (void)report_unknown(fmt::format("unknown {}", what), name, site, names_of_kind(kinds));
    }
    return nullptr;
  }
  if (std::find(kinds.begin(), kinds.end(), symbol->kind) == kinds.end()) {
    if (!refused_duplicate_of(name, kinds)) {
      (void)report<DiagnosticKind::WrongKindOfName>(site, name, describe(symbol->kind),
                   fmt::format("{} {}", what.starts_with('e') || what.starts_with('a') ? "an" : "a", what))
          .label(span(Site{symbol->file, symbol->node}), "declared here");
    }
    return nullptr;
  }
  return symbol;
}

bool Lowerer::refused_duplicate_of(std::string_view name, std::initializer_list<SymbolKind> kinds) const {
  return std::any_of(refused_duplicates_.begin(), refused_duplicates_.end(), [&](const auto& refused) {
    return refused.first == name && std::find(kinds.begin(), kinds.end(), refused.second) != kinds.end();
  });
}

ir::TypeId Lowerer::underlying(ir::TypeId type, bool through_optional) const {
  return ir::underlying(module_, type, through_optional);
}

ir::Constraints Lowerer::alias_constraints(ir::TypeId type) const { return ir::alias_constraints(module_, type); }

bool Lowerer::secret_alias(ir::TypeId type) const {
  // Through `?` and aliases of aliases; no allocation, as it runs for every field.
  for (int depth = 0; depth <= kMaxTypeDepth && !type.is_none(); ++depth) {
    const ir::Type& t = module_.type(type);
    if (t.kind == ir::Type::Kind::Optional) {
      type = t.element;
    } else if (t.kind == ir::Type::Kind::Alias) {
      const ir::Alias& alias = module_.aliases[t.declaration];
      if (alias.constraints.secret) return true;
      type = alias.target;
    } else {
      return false;
    }
  }
  return false;
}

ir::FieldId Lowerer::entity_field(const ir::Entity& entity, std::string_view name, Site site) {
  const auto field = std::find_if(entity.fields.begin(), entity.fields.end(),
                                  [&](ir::FieldId f) { return module_.field(f).name == name; });
  if (field != entity.fields.end()) {
    index_field_reference(site, *field);
    return *field;
  }
  std::vector<std::string_view> names;
  for (ir::FieldId f : entity.fields) names.push_back(module_.field(f).name);
  (void)report_unknown(fmt::format("entity `{}` has no field", entity.name), name, site, names);
  return ir::FieldId::none();
}

}  // namespace bpc::lowering
