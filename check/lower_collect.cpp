// Phase 1: every top-level declaration enters the symbol table and gets its IR ID, in file
// order. Duplicates and redeclared built-in types are reported here.

#include <unordered_map>

#include "frontend/limits.h"
#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

std::optional<SymbolKind> symbol_kind(NodeKind kind) {
  switch (kind) {
    case NodeKind::TypeDecl: return SymbolKind::Alias;
    case NodeKind::EnumDecl: return SymbolKind::Enum;
    case NodeKind::StructDecl: return SymbolKind::Struct;
    case NodeKind::EntityDecl: return SymbolKind::Entity;
    case NodeKind::EventDecl: return SymbolKind::Event;
    case NodeKind::RoleDecl: return SymbolKind::Role;
    case NodeKind::PolicyDecl: return SymbolKind::Policy;
    case NodeKind::WorkflowDecl: return SymbolKind::Workflow;
    case NodeKind::ApiDecl: return SymbolKind::Api;
    case NodeKind::MixinDecl: return SymbolKind::Mixin;
    default: return std::nullopt;
  }
}

std::string folded(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Windows reserves these names, in any case and with any extension, in every directory: CON,
// PRN, AUX, NUL, COM0-COM9 and LPT0-LPT9.
bool is_device_name(std::string_view lower) {
  if (lower == "con" || lower == "prn" || lower == "aux" || lower == "nul") return true;
  return lower.size() == 4 && (lower.starts_with("com") || lower.starts_with("lpt")) && lower[3] >= '0' &&
         lower[3] <= '9';
}

}  // namespace

void Lowerer::check_declaration_names() {
  // Backends write files named after declarations (`Item.schema.json`, `src/api/<api>/`), in
  // the name's own spelling or converted to snake, kebab or Pascal case. Names that no file
  // system can hold apart, or that Windows cannot create, are refused here, where they are
  // written, rather than by each backend.
  std::unordered_map<std::string, std::uint32_t> first_by_folded;
  for (std::uint32_t i = 0; i < symbols_.size(); ++i) {
    const std::string_view name = symbol_name(symbols_[i]);
    const Symbol& symbol = symbols_[i].symbol;
    const Site name_site{symbol.file, name_node(Site{symbol.file, symbol.node})};
    if (name.size() > kMaxDeclarationNameBytes) {
      (void)report<DiagnosticKind::NameTooLong>(name_site, fmt::format("{}...", name.substr(0, 40)), name.size(),
                   kMaxDeclarationNameBytes)
          .note("backends name files after declarations, and file systems allow 255 bytes per name");
      continue;
    }
    std::string lower = folded(name);
    // With its underscores dropped, as PascalCase and camelCase join its words.
    std::string joined;
    for (char c : lower) {
      if (c != '_') joined += c;
    }
    if (is_device_name(lower) || is_device_name(joined)) {
      (void)report<DiagnosticKind::DeviceName>(name_site, name)
          .note(fmt::format("backends write files named after declarations, and Windows cannot create a file "
                            "named `{}` with any extension; rename it",
                            is_device_name(lower) ? lower : joined));
      continue;
    }
    const auto [it, inserted] = first_by_folded.emplace(std::move(lower), i);
    if (!inserted) {
      const Symbol& first = symbols_[it->second].symbol;
      (void)report<DiagnosticKind::NamesDifferOnlyInCase>(name_site, name, symbol_name(symbols_[it->second]))
          .label(span(Site{first.file, name_node(Site{first.file, first.node})}), "the other declaration")
          .note("backends write a file per declaration, and case-insensitive file systems (Windows, macOS) "
                "cannot hold both");
    }
  }
}

void Lowerer::collect() {
  for (std::uint32_t file = 0; file < program_.files.size(); ++file) {
    const Tree& t = tree(file);
    for (NodeId declaration : t.children(t.root())) {
      const Site site{file, declaration};
      const NodeKind kind = t.kind(declaration);
      if (t.node(declaration).has_error()) continue;  // the parser reported it
      if (kind == NodeKind::BlueprintDecl) {
        header_sites_.push_back(site);
        continue;
      }
      if (kind == NodeKind::IntentDecl) {
        intent_sites_.push_back(site);
        continue;
      }
      if (kind == NodeKind::TargetDecl) {
        target_sites_.push_back(site);
        continue;
      }
      const std::optional<SymbolKind> symbol = symbol_kind(kind);
      if (!symbol) continue;  // imports were handled by the loader
      const std::string_view name = name_of(site);
      if (name.empty()) {
        // An anonymous policy: not a symbol, but still lowered.
        if (*symbol == SymbolKind::Policy) policy_sites_.push_back(site);
        continue;
      }
      const Site name_site{file, name_node(site)};
      if ((ir::scalar_from_name(name) || name == "list" || name == "map") && *symbol != SymbolKind::Role &&
          *symbol != SymbolKind::Policy && *symbol != SymbolKind::Workflow &&
          *symbol != SymbolKind::Api) {
        (void)report<DiagnosticKind::RedeclaredBuiltin>(name_site, name);
        continue;
      }
      if (const Symbol* previous = find(name)) {
        (void)report<DiagnosticKind::DuplicateDeclaration>(name_site, name)
            .label(span(Site{previous->file, name_node(Site{previous->file, previous->node})}),
                   "first declared here")
            .note("all files of a blueprint share one namespace");
        refused_duplicates_.emplace_back(name, *symbol);
        continue;
      }
      std::vector<Site>* sites = nullptr;
      switch (*symbol) {
        case SymbolKind::Alias: sites = &alias_sites_; break;
        case SymbolKind::Enum: sites = &enum_sites_; break;
        case SymbolKind::Struct: sites = &struct_sites_; break;
        case SymbolKind::Entity: sites = &entity_sites_; break;
        case SymbolKind::Event: sites = &event_sites_; break;
        case SymbolKind::Role: sites = &role_sites_; break;
        case SymbolKind::Policy: sites = &policy_sites_; break;
        case SymbolKind::Workflow: sites = &workflow_sites_; break;
        case SymbolKind::Api: sites = &api_sites_; break;
        case SymbolKind::Mixin: sites = &mixin_sites_; break;
      }
      symbol_table_.insert(name_hash(name), static_cast<std::uint32_t>(symbols_.size()));
      symbols_.push_back(NamedSymbol{static_cast<std::uint32_t>(symbol_names_.size()),
                                     static_cast<std::uint32_t>(name.size()),
                                     Symbol{*symbol, file, declaration, static_cast<std::uint32_t>(sites->size())}});
      symbol_names_ += name;
      sites->push_back(site);
      // The first ten declaration kinds are the symbol kinds, in the same order.
      static_assert(static_cast<int>(DeclarationKind::Mixin) == static_cast<int>(SymbolKind::Mixin));
      index_declaration(static_cast<DeclarationKind>(*symbol), site, Site{file, NodeId::none()});
    }
  }
  // Give every declaration its slot now, so any declaration can refer to any other.
  const auto basics = [&](auto& store, const std::vector<Site>& sites) {
    store.resize(sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
      store[i].name = std::string(name_of(sites[i]));
      store[i].doc = doc(sites[i]);
      store[i].location = location(sites[i]);
    }
  };
  basics(module_.aliases, alias_sites_);
  basics(module_.enums, enum_sites_);
  basics(module_.structs, struct_sites_);
  basics(module_.entities, entity_sites_);
  basics(module_.events, event_sites_);
  basics(module_.roles, role_sites_);
  basics(module_.policies, policy_sites_);
  basics(module_.workflows, workflow_sites_);
  basics(module_.apis, api_sites_);
  check_declaration_names();
}

}  // namespace bpc::lowering
