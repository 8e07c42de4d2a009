// Phase 2b: enums, and the records (structs, entities, events) with their fields.

#include <algorithm>
#include <cstdlib>
#include <set>

#include "ir/formats.h"
#include "ir/graph/cycles.h"
#include "base/decimal.h"
#include "check/lowerer.h"

namespace bpc::lowering {

namespace {

// Reports the second and later members with the same name; returns, by member, whether it is
// such a duplicate. Small records (nearly all) compare each member with those before it; large
// ones sort. Neither allocates per member, which counts for models of thousands of records.
template <typename NameOf>
std::vector<bool> report_duplicates(Lowerer& lowerer, const std::vector<Lowerer::Site>& members,
                                    NameOf&& name_of, std::string_view what, std::string_view owner) {
  std::vector<std::string_view> names;
  names.reserve(members.size());
  for (const Lowerer::Site& member : members) names.push_back(name_of(member));
  // first[i]: the index of the first member named like member i.
  std::vector<std::size_t> first(names.size());
  if (names.size() <= 32) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      first[i] = static_cast<std::size_t>(std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i),
                                                    names[i]) - names.begin());
    }
  } else {
    std::vector<std::size_t> order(names.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return std::tie(names[a], a) < std::tie(names[b], b); });
    for (std::size_t k = 0; k < order.size(); ++k) {
      first[order[k]] = k > 0 && names[order[k - 1]] == names[order[k]] ? first[order[k - 1]] : order[k];
    }
  }
  std::vector<bool> duplicate(names.size(), false);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (first[i] == i) continue;
    duplicate[i] = true;
    (void)lowerer.report<DiagnosticKind::DuplicateMember>(members[i], what, names[i], owner)
        .label(lowerer.span(members[first[i]]), "first here");
  }
  return duplicate;
}

}  // namespace

void Lowerer::lower_enums() {
  if (options_.index != nullptr) enum_value_ids_.resize(enum_sites_.size());
  for (std::uint32_t index = 0; index < enum_sites_.size(); ++index) {
    const Site site = enum_sites_[index];
    const Tree& t = tree(site.file);
    std::vector<Site> values;
    for (NodeId value : t.children_of_kind(site.node, NodeKind::EnumValue)) {
      values.push_back(Site{site.file, value});
    }
    const std::string owner = fmt::format("enum `{}`", module_.enums[index].name);
    const auto duplicates = report_duplicates(
        *this, values, [&](Site s) { return name_of(s); }, "value", owner);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (duplicates[i]) continue;
      ir::EnumValue value;
      value.name = std::string(name_of(values[i]));
      value.doc = doc(values[i]);
      value.location = location(values[i]);
      ir::Constraints constraints;
      std::vector<std::pair<std::string, Site>> extras;  // `@value("LOW")`
      lower_decorators(values[i], DecoratorSite::EnumValue, ir::TypeId::none(), constraints,
                       nullptr, &extras);
      value.deprecated = constraints.deprecated;
      for (const auto& [decorator, decorator_site] : extras) {
        if (decorator != "value") continue;
        const Tree& dt = tree(decorator_site.file);
        const Site argument{decorator_site.file, *dt.children(dt.child(decorator_site.node, NodeKind::DecoratorArguments)).begin()};
        if (auto wire = lower_value(argument); wire && !wire->text.empty()) {
          value.wire = wire->text;
        } else if (wire) {
          (void)report<DiagnosticKind::DecoratorArguments>(decorator_site, "value", "takes a non-empty string");
        }
      }
      // Two values may not travel alike: wire spellings (names or `@value`s) are unique.
      const auto clash = std::find_if(module_.enums[index].values.begin(), module_.enums[index].values.end(),
                                      [&](const ir::EnumValue& other) { return ir::wire_name(other) == ir::wire_name(value); });
      if (clash != module_.enums[index].values.end()) {
        (void)report<DiagnosticKind::DuplicateMember>(values[i], "wire value", ir::wire_name(value), owner)
            .note(fmt::format("`{}` travels as \"{}\" too; give one of them another `@value`", clash->name, ir::wire_name(*clash)));
      }
      module_.enums[index].values.push_back(std::move(value));
      if (options_.index != nullptr) {
        index_declaration(DeclarationKind::EnumValue, values[i], site);
        enum_value_ids_[index].push_back(index_id(values[i]));
      }
    }
    if (values.empty()) {
      (void)report<DiagnosticKind::EmptyEnum>(Site{site.file, name_node(site)}, module_.enums[index].name);
    }
  }
}

void Lowerer::lower_records() {
  mixin_reported_.assign(mixin_sites_.size(), UINT32_MAX);
  struct Kind {
    std::vector<Site>* sites;
    ir::FieldOwner::Kind owner;
    DecoratorSite decorator_site;
    std::string_view word;
  };
  const Kind kinds[] = {
      {&struct_sites_, ir::FieldOwner::Kind::Struct, DecoratorSite::StructField, "struct"},
      {&entity_sites_, ir::FieldOwner::Kind::Entity, DecoratorSite::EntityField, "entity"},
      {&event_sites_, ir::FieldOwner::Kind::Event, DecoratorSite::EventField, "event"}};
  for (const Kind& kind : kinds) {
    for (std::uint32_t index = 0; index < kind.sites->size(); ++index) {
      const Site site = (*kind.sites)[index];
      const Tree& t = tree(site.file);
      const NodeId block = t.child(site.node, NodeKind::FieldBlock);
      std::vector<Site> members;
      for (NodeId field : t.children(block)) {
        if (t.kind(field) == NodeKind::Field && !t.node(field).has_error()) members.push_back(Site{site.file, field});
      }
      const std::string owner = fmt::format("{} `{}`", kind.word, name_of(site));
      std::vector<bool> duplicates = report_duplicates(
          *this, members, [&](Site s) { return name_of(s); }, "field", owner);
      // An entity's own fields come first, then its mixins', in `with` order.
      const std::size_t own = members.size();
      std::vector<std::uint32_t> origin(own, UINT32_MAX);  // by member: the mixin it comes from
      if (kind.owner == ir::FieldOwner::Kind::Entity) {
        include_mixins(site, index, owner, members, origin, duplicates);
      }
      std::vector<ir::FieldId> fields;
      const auto lower_member = [&](std::size_t i) {
        if (duplicates[i]) return;
        // A mixin's fields are checked where the first entity includes them; their diagnostics
        // are not repeated for every other entity.
        const bool repeat = origin[i] != UINT32_MAX && mixin_reported_[origin[i]] != index;
        const std::size_t reported = diagnostics_.diagnostics().size();
        fields.push_back(lower_field(members[i], ir::FieldOwner{kind.owner, index, UINT32_MAX},
                                     kind.decorator_site));
        if (repeat) diagnostics_.truncate(reported);
        if (origin[i] == UINT32_MAX) index_declaration(DeclarationKind::Field, members[i], site);
      };
      for (std::size_t i = 0; i < members.size(); ++i) lower_member(i);
      switch (kind.owner) {
        case ir::FieldOwner::Kind::Struct: module_.structs[index].fields = fields; break;
        case ir::FieldOwner::Kind::Event: module_.events[index].fields = fields; break;
        default: {
          ir::Entity& entity = module_.entities[index];
          entity.fields = fields;
          std::vector<ir::FieldId> ids;
          for (ir::FieldId field : fields) {
            if (module_.field(field).constraints->is_id) ids.push_back(field);
          }
          // A field that tried to be the id (its `@id` was reported as misapplied) counts.
          const auto attempted_id = [&] {
            return std::any_of(members.begin(), members.end(), [&](Site member) {
              for (NodeId decorator : t.children(member.node)) {
                if (t.kind(decorator) == NodeKind::Decorator && t.text(t.child(decorator, NodeKind::Name)) == "id") {
                  return true;
                }
              }
              return false;
            });
          };
          if (ids.empty() && !attempted_id() && !incomplete(site) && !block.is_none()) {
            const Token& brace = t.tokens().token(t.first_token(block));
            (void)report<DiagnosticKind::MissingId>(Site{site.file, name_node(site)}, entity.name)
                .note("every entity has exactly one identity field")
                .fix("add `id: uuid @id @generated`",
                     {TextEdit{SourceSpan{t.tokens().file(), brace.end(), brace.end()},
                               "\n  id: uuid @id @generated"}});
          } else if (!ids.empty()) {
            entity.id_field = ids.front();
            for (std::size_t i = 1; i < ids.size(); ++i) {
              (void)report<DiagnosticKind::MultipleIds>(field_sites_[ids[i].index], entity.name)
                  .label(span(field_sites_[ids[0].index]), "first `@id` field");
            }
          }
        }
      }
    }
  }
  for (std::uint32_t m = 0; m < mixin_sites_.size(); ++m) {
    if (mixin_reported_[m] != UINT32_MAX) continue;
    (void)report<DiagnosticKind::UnusedMixin>(Site{mixin_sites_[m].file, name_node(mixin_sites_[m])}, name_of(mixin_sites_[m]))
        .note(fmt::format("include it in an entity: `entity Order with {} {{ ... }}`", name_of(mixin_sites_[m])));
  }
}

ir::FieldId Lowerer::lower_field(Site site, ir::FieldOwner owner, DecoratorSite decorator_site) {
  poll();
  const Tree& t = tree(site.file);
  ir::Field field;
  field.name = std::string(name_of(site));
  field.doc = doc(site);
  field.location = location(site);
  field.owner = owner;
  const Site type_site{site.file, t.child(site.node, NodeKind::TypeRef)};
  field.type = lower_type(type_site);
  std::vector<std::pair<std::string, Site>> relation_options;
  ir::Constraints constraints;
  lower_decorators(site, decorator_site, field.type, constraints, nullptr, &relation_options);
  // A field of a `@secret` alias is secret: the backends read the field's own flag.
  if (!constraints.secret && secret_alias(field.type)) constraints.secret = true;
  field.constraints = std::move(constraints);  // kept on the heap only when there are any

  const ir::FieldId id{static_cast<std::uint32_t>(module_.fields.size())};
  const auto decorator_site_of = [&](std::string_view name) -> std::optional<Site> {
    for (const auto& [option, option_site] : relation_options) {
      if (option == name) return option_site;
    }
    return std::nullopt;
  };
  if (field.constraints->generated && !field.constraints->is_id && !field.type.is_none() &&
      module_.type(underlying(field.type, true)).kind == ir::Type::Kind::Scalar &&
      module_.type(underlying(field.type, true)).scalar == ir::Scalar::Int) {
    (void)report<DiagnosticKind::MisappliedDecorator>(site, "generated", "an `int` field that is not the `@id`")
        .note("a generated `int` is the record's sequence number, so it must be its `@id`");
  }
  if (!field.type.is_none()) {
    // Relations: a reference to an entity, directly, optionally or as a list.
    const ir::TypeId shape = underlying(field.type, true);
    const ir::Type& type = module_.type(shape);
    const bool list = type.kind == ir::Type::Kind::List;
    const ir::TypeId target = list ? underlying(type.element, true) : shape;
    const bool to_entity = module_.type(target).kind == ir::Type::Kind::Entity;
    const bool map_of_entity = type.kind == ir::Type::Kind::Map &&
                               module_.type(underlying(type.element, true)).kind == ir::Type::Kind::Entity;
    if (map_of_entity) {
      (void)report<DiagnosticKind::EntityInMap>(type_site);
    } else if (to_entity && decorator_site == DecoratorSite::StructField) {
      (void)report<DiagnosticKind::EntityInStruct>(type_site, ir::type_name(module_, field.type))
          .note("a struct is a value embedded in records; store the entity's id or make this an "
                "entity");
    } else if (to_entity && decorator_site == DecoratorSite::EntityField) {
      pending_relations_.push_back(PendingRelation{id, site, std::move(relation_options)});
    } else {
      for (std::string_view option : {"inverse", "onDelete"}) {
        if (const auto option_site = decorator_site_of(option)) {
          (void)report<DiagnosticKind::MisappliedDecorator>(*option_site, option,
                       fmt::format("a field of type `{}`", ir::type_name(module_, field.type)))
              .note(fmt::format("`@{}` applies to references to entities (`Entity`, `Entity?`, `list<Entity>`)",
                                option));
        }
      }
    }
  }

  const NodeId default_node = t.child(site.node, NodeKind::DefaultValue);
  if (!default_node.is_none()) {
    const Site value_site{site.file, *t.children(default_node).begin()};
    if (auto value = lower_value(value_site)) {
      if (!field.type.is_none() &&
          check_value(*value, field.type, value_site, fmt::format("the default of `{}`", field.name))) {
        // Bounds and lengths of the default, against the field's and its aliases' constraints.
        ir::Constraints bounds = alias_constraints(field.type);
        const ir::Constraints& own = *field.constraints;
        if (own.min) bounds.min = own.min;
        if (own.max) bounds.max = own.max;
        if (own.min_length) bounds.min_length = own.min_length;
        if (own.max_length) bounds.max_length = own.max_length;
        const bool numeric = value->kind == ir::Value::Kind::Integer || value->kind == ir::Value::Kind::Number;
        const std::string number = value->kind == ir::Value::Kind::Integer ? std::to_string(value->integer) : value->text;
        // Exact, by spelling: `@max(0.1)` refuses 0.10000000000000000001, which a double rounds to 0.1.
        const auto below = [](const std::string& a, const std::string& b) { return compare_numbers(a, b) == -1; };
        // The constraint the default breaks, and how, as the message says it: "is below", "@min(0)".
        struct Violation {
          std::string_view relation;
          std::string constraint;
        };
        std::optional<Violation> violation;
        // Contradictory bounds were reported already; measuring the default against them
        // would only repeat that.
        const bool contradictory = (bounds.min && bounds.max && below(*bounds.max, *bounds.min)) ||
                                   (bounds.min_length && bounds.max_length && *bounds.min_length > *bounds.max_length);
        if (!contradictory && numeric && bounds.min && below(number, *bounds.min)) {
          violation = Violation{"is below", fmt::format("@min({})", *bounds.min)};
        }
        if (!contradictory && numeric && bounds.max && below(*bounds.max, number)) {
          violation = Violation{"is above", fmt::format("@max({})", *bounds.max)};
        }
        std::size_t length = 0;
        bool has_length = false;
        if (value->kind == ir::Value::Kind::String) {
          length = base::code_point_count(value->text);  // as JSON Schema counts
          has_length = true;
        } else if (value->kind == ir::Value::Kind::List) {
          length = value->items.size();
          has_length = true;
        }
        if (!contradictory && has_length && bounds.min_length && length < *bounds.min_length) {
          violation = Violation{"is shorter than", fmt::format("@minLength({})", *bounds.min_length)};
        }
        if (!contradictory && has_length && bounds.max_length && length > *bounds.max_length) {
          violation = Violation{"is longer than", fmt::format("@maxLength({})", *bounds.max_length)};
        }
        if (value->kind == ir::Value::Kind::String) {
          const ir::Boxed<std::string>& pattern = field.constraints->pattern ? field.constraints->pattern : bounds.pattern;
          // An invalid or too large pattern was reported where it was written.
          if (pattern && compiled_pattern(*pattern).ok() && !compiled_pattern(*pattern).search(value->text)) {
            violation = Violation{"does not match", fmt::format("@pattern(\"{}\")", *pattern)};
          }
          const ir::Boxed<std::string>& format = field.constraints->format ? field.constraints->format : bounds.format;
          if (format && !ir::matches_format(*format, value->text)) {
            violation = Violation{"is not a valid", *format};
          }
        }
        if (violation) {
          (void)report<DiagnosticKind::DefaultViolatesConstraint>(value_site, field.name,
                                                                  violation->relation,
                                                                  violation->constraint);
        }
        field.default_value = std::move(*value);
      }
    }
  }
  module_.fields.push_back(std::move(field));
  field_sites_.push_back(site);
  check_field_style(id, site);
  return id;
}

void Lowerer::check_struct_cycles() {
  // A struct that contains itself through required struct fields can never be written down.
  std::vector<graph::Edge> edges;
  for (std::uint32_t index = 0; index < module_.structs.size(); ++index) {
    for (ir::FieldId field : module_.structs[index].fields) {
      const ir::TypeId type = module_.field(field).type;
      if (type.is_none()) continue;
      const ir::Type& shape = module_.type(underlying(type, false));
      if (shape.kind == ir::Type::Kind::Struct) edges.emplace_back(index, shape.declaration);
    }
  }
  for (const auto& cycle : graph::find_cycles(static_cast<std::uint32_t>(module_.structs.size()), edges)) {
    const std::string chain = cycle_chain(cycle, [&](std::uint32_t index) { return std::string_view(module_.structs[index].name); });
    const Site first = struct_sites_[cycle.front()];
    (void)report<DiagnosticKind::StructCycle>(Site{first.file, name_node(first)}, chain)
        .note("make one of the fields optional (`T?`) or a list");
  }
}

// `entity E with A, B`: appends the fields of mixins A and B to `members` (recording where each
// comes from in `origin`), marking as duplicates those whose name another field of the entity
// already has (BP2231). Reports unknown and repeated mixins.
void Lowerer::include_mixins(Site entity, std::uint32_t entity_index, const std::string& owner, std::vector<Site>& members,
                             std::vector<std::uint32_t>& origin, std::vector<bool>& duplicates) {
  const Tree& t = tree(entity.file);
  const NodeId list = t.child(entity.node, NodeKind::MixinList);
  if (list.is_none()) return;
  const std::size_t own = members.size();
  std::vector<std::uint32_t> included;
  for (NodeId name : t.children(list)) {
    const Site name_site{entity.file, name};
    const Symbol* symbol = resolve(t.text(name), name_site, {SymbolKind::Mixin}, "mixin");
    if (symbol == nullptr) continue;
    if (std::find(included.begin(), included.end(), symbol->index) != included.end()) {
      (void)report<DiagnosticKind::DuplicateMember>(name_site, "mixin", t.text(name), "`with`");
      continue;
    }
    included.push_back(symbol->index);
    index_site_reference(span(name_site), mixin_sites_[symbol->index]);
    if (mixin_reported_[symbol->index] == UINT32_MAX) mixin_reported_[symbol->index] = entity_index;
    const Site mixin = mixin_sites_[symbol->index];
    const Tree& mt = tree(mixin.file);
    for (NodeId field : mt.children(mt.child(mixin.node, NodeKind::FieldBlock))) {
      if (mt.kind(field) != NodeKind::Field || mt.node(field).has_error()) continue;
      const Site field_site{mixin.file, field};
      const std::string_view field_name = name_of(field_site);
      // The first field of that name: the entity's own, or an earlier mixin's.
      std::size_t other = members.size();
      for (std::size_t i = 0; i < members.size() && other == members.size(); ++i) {
        if (!duplicates[i] && name_of(members[i]) == field_name) other = i;
      }
      members.push_back(field_site);
      origin.push_back(symbol->index);
      duplicates.push_back(other != members.size() - 1);
      if (other == members.size() - 1) continue;
      const bool own_field = other < own;
      (void)report<DiagnosticKind::MixinFieldClash>(own_field ? members[other] : name_site, field_name, owner,
                   own_field ? fmt::format("mixin `{}`", t.text(name))
                             : fmt::format("mixins `{}` and `{}`", name_of(mixin_sites_[origin[other]]), t.text(name)))
          .label(span(field_site), "the mixin's field")
          .note("rename one of them, or leave the field out of the entity or the mixin");
    }
  }
}

}  // namespace bpc::lowering
