// Phase 3: relations. A field referring to an entity stores the reference unless it is declared
// `@inverse(f)`, in which case it is the derived other side of the relation stored by field `f`
// of the target entity. Checks: inverses point back and pair up one to one, delete actions suit
// the reference, and no cycle of required references makes every record impossible to create.

#include <algorithm>

#include "ir/graph/cycles.h"
#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

struct Shape {
  ir::EntityId target;
  bool many = false;
  bool optional = false;
};

}  // namespace

void Lowerer::lower_relations() {
  const auto shape_of = [&](ir::FieldId id) {
    Shape shape;
    ir::TypeId type = underlying(module_.field(id).type, false);
    if (module_.type(type).kind == ir::Type::Kind::Optional) {
      shape.optional = true;
      type = underlying(module_.type(type).element, false);
    }
    if (module_.type(type).kind == ir::Type::Kind::List) {
      shape.many = true;
      type = underlying(module_.type(type).element, true);
    }
    shape.target = ir::EntityId{module_.type(type).declaration};
    return shape;
  };
  const auto option = [](const PendingRelation& pending, std::string_view name) -> const Site* {
    for (const auto& [option_name, site] : pending.options) {
      if (option_name == name) return &site;
    }
    return nullptr;
  };
  const auto argument_site = [&](const Site& decorator) {
    const NodeId arguments = tree(decorator.file).child(decorator.node, NodeKind::DecoratorArguments);
    return Site{decorator.file, *tree(decorator.file).children(arguments).begin()};
  };

  // Stored sides first, so inverses can find their relation.
  module_.relations.reserve(module_.relations.size() + pending_relations_.size());
  for (const PendingRelation& pending : pending_relations_) {
    if (option(pending, "inverse") != nullptr) continue;
    const ir::Field& field = module_.field(pending.field);
    const Shape shape = shape_of(pending.field);
    ir::Relation relation;
    relation.source = ir::EntityId{field.owner.index};
    relation.field = pending.field;
    relation.target = shape.target;
    relation.many = shape.many;
    relation.optional = shape.optional;
    if (const Site* on_delete = option(pending, "onDelete")) {
      const std::string action = module_.field(pending.field).name;  // for messages below
      const std::string_view value = tree(on_delete->file).text(argument_site(*on_delete).node);
      relation.on_delete = value == "cascade" ? ir::OnDelete::Cascade
                           : value == "setNull" ? ir::OnDelete::SetNull
                                                : ir::OnDelete::Restrict;
      if (relation.on_delete == ir::OnDelete::SetNull && !shape.optional) {
        (void)report<DiagnosticKind::SetNullOnRequired>(*on_delete, action);
      }
      if (shape.many) {
        (void)report<DiagnosticKind::OnDeleteOnList>(*on_delete);
      }
    }
    module_.fields[pending.field.index].relation =
        ir::RelationId{static_cast<std::uint32_t>(module_.relations.size())};
    module_.relations.push_back(relation);
  }

  // Inverse sides. Which fields are inverse sides is known before any is paired, so that naming
  // one (BP2119) is told apart from naming a field of another type (BP2106) in any order.
  std::vector<bool> declared_inverse(module_.fields.size(), false);
  for (const PendingRelation& pending : pending_relations_) {
    if (option(pending, "inverse") != nullptr) declared_inverse[pending.field.index] = true;
  }
  for (const PendingRelation& pending : pending_relations_) {
    const Site* inverse = option(pending, "inverse");
    if (inverse == nullptr) continue;
    const ir::Field& field = module_.field(pending.field);
    const ir::EntityId source{field.owner.index};
    const Shape shape = shape_of(pending.field);
    const Site argument = argument_site(*inverse);
    const std::string_view other_name = tree(argument.file).text(argument.node);
    const ir::Entity& target = module_.entity(shape.target);
    if (const Site* on_delete = option(pending, "onDelete")) {
      (void)report<DiagnosticKind::OnDeleteOnInverse>(*on_delete);
    }
    if (!shape.optional && !shape.many) {
      (void)report<DiagnosticKind::RequiredInverse>(pending.site, field.name, target.name, other_name);
      continue;
    }
    const auto other = std::find_if(target.fields.begin(), target.fields.end(), [&](ir::FieldId f) {
      return module_.field(f).name == other_name;
    });
    if (other == target.fields.end()) {
      std::vector<std::string_view> names;
      for (ir::FieldId f : target.fields) names.push_back(module_.field(f).name);
      (void)report_unknown(fmt::format("entity `{}` has no field", target.name), other_name, argument, names);
      continue;
    }
    index_field_reference(argument, *other);
    const ir::Field& other_field = module_.field(*other);
    if (other_field.relation.is_none() ||
        module_.relations[other_field.relation.index].field != *other ||
        module_.relations[other_field.relation.index].target != source) {
      const bool is_inverse_itself = declared_inverse[other->index];
      auto builder = is_inverse_itself
                         ? report<DiagnosticKind::InverseOfInverse>(argument, target.name, other_name)
                         : report<DiagnosticKind::InverseMismatch>(argument, target.name, other_name,
                                                                   module_.entity(source).name);
      builder.label(span(field_sites_[other->index]), "declared here");
      continue;
    }
    ir::Relation& relation = module_.relations[other_field.relation.index];
    if (!relation.inverse.is_none()) {
      (void)report<DiagnosticKind::DuplicateInverse>(argument, target.name, other_name,
                                                     module_.field(relation.inverse).name)
          .label(span(field_sites_[relation.inverse.index]), "the other inverse");
      continue;
    }
    relation.inverse = pending.field;
    module_.fields[pending.field.index].relation = other_field.relation;
  }

  // Cycles of required references: each record would need another to exist first.
  std::vector<graph::Edge> edges;
  std::vector<std::vector<std::uint32_t>> required_from(module_.entities.size());  // relations by source
  for (std::uint32_t r = 0; r < module_.relations.size(); ++r) {
    const ir::Relation& relation = module_.relations[r];
    if (relation.optional || relation.many) continue;
    edges.emplace_back(relation.source.index, relation.target.index);
    required_from[relation.source.index].push_back(r);
  }
  for (const auto& cycle : graph::find_cycles(static_cast<std::uint32_t>(module_.entities.size()), edges)) {
    // The links named: the first kCycleMembersShown (a cycle through thousands of entities is
    // counted, not listed).
    std::string chain;
    std::vector<ir::FieldId> links;
    const std::size_t shown = std::min(cycle.size(), kCycleMembersShown);
    for (std::size_t i = 0; i < shown; ++i) {
      const std::uint32_t from = cycle[i];
      const std::uint32_t to = cycle[(i + 1) % cycle.size()];
      for (std::uint32_t r : required_from[from]) {
        const ir::Relation& relation = module_.relations[r];
        if (relation.target.index == to) {
          links.push_back(relation.field);
          chain += fmt::format("`{}.{}` requires a `{}`", module_.entities[from].name,
                               module_.field(relation.field).name, module_.entities[to].name);
          break;
        }
      }
      if (i + 1 < shown) chain += ", ";
    }
    if (cycle.size() > shown) chain += fmt::format(", ... ({} more links)", cycle.size() - shown);
    auto builder = report<DiagnosticKind::RequiredReferenceCycle>(field_sites_[links.front().index], chain);
    for (std::size_t i = 1; i < links.size(); ++i) builder.label(span(field_sites_[links[i].index]), "next link");
    builder.note("make one of these references optional (`T?`) so a first record can be created");
  }
}

}  // namespace bpc::lowering
