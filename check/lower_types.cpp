// Phase 2a: type references and type aliases. Aliases are lowered in dependency order, so an
// alias's target is complete before anything uses it; aliases on a cycle are reported once and
// left without a target.

#include <algorithm>
#include <array>

#include "base/suggest.h"
#include "frontend/limits.h"
#include "ir/graph/cycles.h"
#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

// Type names of other languages (SQL, TypeScript, Java, Python, Prisma) and the blueprint type
// that means the same: said instead of a "did you mean" that would name an unrelated type.
struct ForeignType {
  std::string_view name;         // compared without case
  std::string_view replacement;  // the blueprint type, or empty when a name alone cannot say it
  std::string_view advice;
};

constexpr ForeignType kForeignTypes[] = {
    {"timestamp", "datetime", "a point in time is `datetime`"},
    {"timestamptz", "datetime", "a point in time is `datetime`"},
    {"instant", "datetime", "a point in time is `datetime`"},
    {"zoneddatetime", "datetime", "a point in time is `datetime`"},
    {"boolean", "bool", "a truth value is `bool`"},
    {"integer", "int", "a whole number is `int` (64 bits)"},
    {"int32", "int", "a whole number is `int` (64 bits); bound it with `@min` and `@max`"},
    {"int64", "int", "a whole number is `int` (64 bits)"},
    {"long", "int", "a whole number is `int` (64 bits)"},
    {"bigint", "int", "a whole number is `int` (64 bits)"},
    {"smallint", "int", "a whole number is `int` (64 bits); bound it with `@min` and `@max`"},
    {"short", "int", "a whole number is `int` (64 bits); bound it with `@min` and `@max`"},
    {"number", "float", "a number is `float`, `int` for whole numbers, `decimal` for exact amounts"},
    {"double", "float", "a floating-point number is `float` (64 bits)"},
    {"float64", "float", "a floating-point number is `float` (64 bits)"},
    {"float32", "float", "a floating-point number is `float` (64 bits)"},
    {"real", "float", "a floating-point number is `float` (64 bits)"},
    {"numeric", "decimal", "an exact amount is `decimal`, with `@precision(digits, scale)`"},
    {"money", "decimal", "an exact amount is `decimal`, with `@precision(digits, scale)`"},
    {"bigdecimal", "decimal", "an exact amount is `decimal`, with `@precision(digits, scale)`"},
    {"str", "string", "a string is `string` (`text` for long prose)"},
    {"varchar", "string", "a string is `string`; its length is `@maxLength(n)`"},
    {"char", "string", "a string is `string`; its length is `@minLength(n)` and `@maxLength(n)`"},
    {"character", "string", "a string is `string`; its length is `@minLength(n)` and `@maxLength(n)`"},
    {"bytea", "bytes", "binary data is `bytes`"},
    {"blob", "bytes", "binary data is `bytes`"},
    {"binary", "bytes", "binary data is `bytes`"},
    {"buffer", "bytes", "binary data is `bytes`"},
    {"jsonb", "json", "any JSON value is `json`"},
    {"object", "json", "any JSON value is `json`; a shape of known fields is a `struct`"},
    {"any", "json", "any JSON value is `json`"},
    {"unknown", "json", "any JSON value is `json`"},
    {"guid", "uuid", "a UUID is `uuid`"},
    {"interval", "duration", "a length of time is `duration`"},
    {"timespan", "duration", "a length of time is `duration`"},
    {"dict", "map", "a map is `map<string, T>`: its keys are strings"},
    {"record", "map", "a map is `map<string, T>`: its keys are strings"},
    {"array", "list", "a list is `list<T>`"},
    {"time", "", "there is no time-of-day type: a point in time is `datetime`, a time of day `string @pattern(\"^[0-2][0-9]:[0-5][0-9]$\")`"},
};

const ForeignType* foreign_type(std::string_view name) {
  const auto found = std::find_if(std::begin(kForeignTypes), std::end(kForeignTypes),
                                  [&](const ForeignType& f) { return same_without_case(f.name, name); });
  return found == std::end(kForeignTypes) ? nullptr : found;
}

// The names a type reference mentions (its own and its arguments'), with their nodes.
void mentioned_names(const Tree& tree, NodeId type_ref, std::vector<NodeId>& out) {
  const NodeId path = tree.child(type_ref, NodeKind::Path);
  if (!path.is_none()) out.push_back(tree.child(path, NodeKind::Name));
  const NodeId arguments = tree.child(type_ref, NodeKind::TypeArguments);
  if (arguments.is_none()) return;
  for (NodeId argument : tree.children(arguments)) mentioned_names(tree, argument, out);
}

}  // namespace

void Lowerer::lower_aliases() {
  std::vector<graph::Edge> edges;
  for (std::uint32_t alias = 0; alias < alias_sites_.size(); ++alias) {
    const Site site = alias_sites_[alias];
    const Tree& t = tree(site.file);
    std::vector<NodeId> names;
    mentioned_names(t, t.child(site.node, NodeKind::TypeRef), names);
    for (NodeId name : names) {
      const Symbol* symbol = find(t.text(name));
      if (symbol != nullptr && symbol->kind == SymbolKind::Alias) edges.emplace_back(alias, symbol->index);
    }
  }
  const auto count = static_cast<std::uint32_t>(alias_sites_.size());
  std::vector<bool> on_cycle(count, false);
  for (const auto& cycle : graph::find_cycles(count, edges)) {
    for (std::uint32_t alias : cycle) on_cycle[alias] = true;
    const std::string chain = cycle_chain(cycle, [&](std::uint32_t alias) { return std::string_view(module_.aliases[alias].name); });
    const Site first = alias_sites_[cycle.front()];
    auto builder = report<DiagnosticKind::AliasCycle>(Site{first.file, name_node(first)}, chain);
    for (std::size_t i = 1; i < cycle.size() && i < kCycleMembersShown; ++i) {
      const Site other = alias_sites_[cycle[i]];
      builder.label(span(Site{other.file, name_node(other)}), "part of the cycle");
    }
    builder.note("an alias must end in a real type; break the cycle");
  }
  // Edges go from an alias to the aliases it uses, so those come first.
  for (std::uint32_t alias : graph::dependency_order(count, edges)) {
    if (on_cycle[alias]) continue;
    const Site site = alias_sites_[alias];
    ir::Alias& lowered = module_.aliases[alias];
    const Site target_site{site.file, tree(site.file).child(site.node, NodeKind::TypeRef)};
    lowered.target = lower_type(target_site);
    if (!lowered.target.is_none()) {
      // An alias may not hide an entity: a relation must be visible where it is declared.
      const ir::Type& target = module_.type(underlying(lowered.target, true));
      const bool entity = target.kind == ir::Type::Kind::Entity ||
                          ((target.kind == ir::Type::Kind::List || target.kind == ir::Type::Kind::Map) &&
                           module_.type(underlying(target.element, true)).kind == ir::Type::Kind::Entity);
      if (entity) {
        (void)report<DiagnosticKind::AliasOfEntity>(target_site, lowered.name);
        lowered.target = ir::TypeId::none();
        continue;
      }
    }
    std::optional<ir::Value> alias_default;
    lower_decorators(site, DecoratorSite::Alias, lowered.target, lowered.constraints,
                     &alias_default, nullptr);
    module_.aliases[alias].default_value = std::move(alias_default);
  }
}

ir::TypeId Lowerer::lower_type(Site site) {
  const Tree& t = tree(site.file);
  if (site.node.is_none() || t.node(site.node).has_error()) return ir::TypeId::none();
  // Called for every field: no allocation. A type takes at most two arguments; more are
  // counted (and reported), not kept.
  const NodeId path = t.child(site.node, NodeKind::Path);
  const NodeId arguments_node = t.child(site.node, NodeKind::TypeArguments);
  std::array<NodeId, 2> arguments{};
  std::size_t argument_count = 0;
  if (!arguments_node.is_none()) {
    for (NodeId argument : t.children(arguments_node)) {
      if (argument_count < arguments.size()) arguments[argument_count] = argument;
      ++argument_count;
    }
  }
  std::array<NodeId, 2> segments{};
  std::size_t segment_count = 0;
  for (NodeId child : t.children(path)) {
    if (t.kind(child) != NodeKind::Name) continue;
    if (segment_count < segments.size()) segments[segment_count] = child;
    ++segment_count;
  }
  const Site name_site{site.file, segments[0]};
  const std::string_view name = t.text(segments[0]);
  if (segment_count > 1) {
    (void)report<DiagnosticKind::UnknownName>(Site{site.file, path}, "unknown type",
                 fmt::format("{}.{}", name, t.text(segments[1])))
        .note("type names are not qualified: all files share one namespace");
    return ir::TypeId::none();
  }
  const auto expect_arguments = [&](std::size_t wanted, std::string_view usage) {
    if (argument_count == wanted) return true;
    (void)report<DiagnosticKind::WrongTypeArguments>(site, name, usage);
    return false;
  };
  const auto expect_no_arguments = [&] {
    if (argument_count == 0) return true;
    (void)report<DiagnosticKind::UnexpectedTypeArguments>(site, name);
    return false;
  };
  ir::TypeId result;
  if (name == "list" || name == "map") {
    const bool is_list = name == "list";
    if (!expect_arguments(is_list ? 1 : 2, is_list ? "list<T>" : "map<string, T>")) {
      return ir::TypeId::none();
    }
    if (!is_list) {
      const ir::TypeId key = lower_type(Site{site.file, arguments[0]});
      if (!key.is_none() && underlying(key, false) != types_.scalar(ir::Scalar::String)) {
        (void)report<DiagnosticKind::NonStringMapKey>(Site{site.file, arguments[0]});
        return ir::TypeId::none();
      }
    }
    const Site element_site{site.file, arguments[argument_count - 1]};
    const ir::TypeId element = lower_type(element_site);
    if (element.is_none()) return element;
    if (module_.type(underlying(element, false)).kind == ir::Type::Kind::Optional) {
      (void)report<DiagnosticKind::OptionalElement>(element_site, name)
          .note("leave the missing elements out instead");
      return ir::TypeId::none();
    }
    result = is_list ? types_.list(element) : types_.map(element);
  } else if (const auto scalar = ir::scalar_from_name(name)) {
    if (!expect_no_arguments()) return ir::TypeId::none();
    result = types_.scalar(*scalar);
  } else {
    const Symbol* symbol = find(name);
    if (symbol == nullptr) {
      if (program_.has_missing_imports) return ir::TypeId::none();  // the missing file may declare it
      if (const ForeignType* foreign = foreign_type(name)) {
        DiagnosticBuilder builder = report<DiagnosticKind::UnknownName>(name_site, "unknown type", name);
        builder.note(std::string(foreign->advice));
        // `list` and `map` replace a name only when its arguments are there already.
        const std::size_t wanted_arguments =
            foreign->replacement == "list" ? 1 : foreign->replacement == "map" ? 2 : 0;
        if (!foreign->replacement.empty() && argument_count == wanted_arguments) {
          builder.fix(fmt::format("replace with `{}`", foreign->replacement),
                      {TextEdit{span(name_site), std::string(foreign->replacement)}});
        }
        return ir::TypeId::none();
      }
      std::vector<std::string_view> candidates =
          names_of_kind({SymbolKind::Alias, SymbolKind::Enum, SymbolKind::Struct, SymbolKind::Entity});
      for (std::string_view builtin : {"string", "text", "int", "float", "decimal", "bool", "uuid",
                                       "date", "datetime", "duration", "bytes", "json", "list", "map"}) {
        candidates.push_back(builtin);
      }
      (void)report_unknown("unknown type", name, name_site, candidates);
      return ir::TypeId::none();
    }
    ir::Type::Kind kind;
    switch (symbol->kind) {
      case SymbolKind::Alias: kind = ir::Type::Kind::Alias; break;
      case SymbolKind::Enum: kind = ir::Type::Kind::Enum; break;
      case SymbolKind::Struct: kind = ir::Type::Kind::Struct; break;
      case SymbolKind::Entity: kind = ir::Type::Kind::Entity; break;
      default:
        if (!refused_duplicate_of(name, {SymbolKind::Alias, SymbolKind::Enum, SymbolKind::Struct, SymbolKind::Entity})) {
          (void)report<DiagnosticKind::WrongKindOfName>(name_site, name, describe(symbol->kind), "a type")
              .label(span(Site{symbol->file, symbol->node}), "declared here");
        }
        return ir::TypeId::none();
    }
    if (!expect_no_arguments()) return ir::TypeId::none();
    if (kind == ir::Type::Kind::Alias && module_.aliases[symbol->index].target.is_none()) {
      return ir::TypeId::none();  // a broken or cyclic alias, reported at the alias
    }
    result = types_.declared(kind, symbol->index);
    index_symbol_reference(name_site, *symbol);
  }
  if (t.node(site.node).is_optional() && module_.type(underlying(result, false)).kind != ir::Type::Kind::Optional) {
    result = types_.optional(result);
  }
  // The innermost reference that is too deep is reported; the references around it (and the
  // aliases that use it) get none and stay quiet.
  if (type_depth(result) > static_cast<std::size_t>(kMaxTypeDepth)) {
    std::string name = ir::type_name(module_, result);
    if (name.size() > 48) name = name.substr(0, 45) + "...";
    (void)report<DiagnosticKind::TypeTooDeep>(site, name, kMaxTypeDepth)
        .note("each alias, `?`, `list` and `map` is a level; flatten the chain of aliases");
    return ir::TypeId::none();
  }
  return result;
}

std::size_t Lowerer::type_depth(ir::TypeId type) const {
  // At most one step past the limit: a caller only compares the result with it.
  std::size_t depth = 0;
  while (!type.is_none() && depth <= static_cast<std::size_t>(kMaxTypeDepth)) {
    ++depth;
    const ir::Type& t = module_.type(type);
    if (t.kind == ir::Type::Kind::Alias) {
      type = module_.aliases[t.declaration].target;
    } else if (t.kind == ir::Type::Kind::Optional || t.kind == ir::Type::Kind::List || t.kind == ir::Type::Kind::Map) {
      type = t.element;
    } else {
      break;
    }
  }
  return depth;
}

}  // namespace bpc::lowering
