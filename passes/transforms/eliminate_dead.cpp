// eliminate-dead (opt-in: `bpc ir --eliminate-dead`): removes the data declarations nothing
// live uses, and reports each removal as a note (BP2501).
//
// Live are: every API (with its operations and resources), every workflow, what policy rules and
// intents name, and everything those reach in the dependency graph. Aliases, enums, structs,
// entities, events and roles that are not reached are removed, with the fields they own, the
// relations they store and the types only they used; every remaining ID is renumbered.

#include <algorithm>
#include <queue>

#include "passes/analyses/dependency_graph.h"
#include "passes/standard_passes.h"

namespace bpc::passes {

namespace {

using Kind = DeclarationRef::Kind;

// Old index -> new index (UINT32_MAX for removed) of a store that keeps the elements `live`.
std::vector<std::uint32_t> renumbering(const std::vector<bool>& live) {
  std::vector<std::uint32_t> map(live.size(), UINT32_MAX);
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < live.size(); ++i) {
    if (live[i]) map[i] = next++;
  }
  return map;
}

template <typename Store>  // a vector or, for fields, a deque
void compact(Store& store, const std::vector<bool>& live) {
  std::size_t next = 0;
  for (std::size_t i = 0; i < store.size(); ++i) {
    if (live[i]) {
      if (next != i) store[next] = std::move(store[i]);
      ++next;
    }
  }
  store.resize(next);
}

template <typename Tag>
ir::Id<Tag> remap(ir::Id<Tag> id, const std::vector<std::uint32_t>& map) {
  return id.is_none() ? id : ir::Id<Tag>{map[id.index]};
}

template <typename Tag>
void remap_all(std::vector<ir::Id<Tag>>& ids, const std::vector<std::uint32_t>& map) {
  for (auto& id : ids) id = remap(id, map);
  ids.erase(std::remove_if(ids.begin(), ids.end(), [](ir::Id<Tag> id) { return id.is_none(); }), ids.end());
}

class EliminateDead final : public Pass {
 public:
  std::string_view name() const override { return "eliminate-dead"; }
  std::string_view description() const override {
    return "remove declarations nothing live uses, and report them";
  }

  PreservedAnalyses run(PassContext& context) override {
    ir::Module& m = context.module;
    const DependencyGraph& graph = context.analyses.get<DependencyGraphAnalysis>();
    std::vector<bool> reached(graph.nodes.size(), false);
    std::queue<std::uint32_t> frontier;
    const auto root = [&](DeclarationRef ref) {
      const std::uint32_t node = graph.node_of(ref);
      if (!reached[node]) {
        reached[node] = true;
        frontier.push(node);
      }
    };
    for (std::uint32_t i = 0; i < m.apis.size(); ++i) root({Kind::Api, i});
    for (std::uint32_t i = 0; i < m.workflows.size(); ++i) root({Kind::Workflow, i});
    for (const ir::Policy& policy : m.policies) {
      for (const ir::PolicyRule& rule : policy.rules) {
        for (ir::RoleId role : rule.roles) root({Kind::Role, role.index});
        for (ir::EntityId entity : rule.targets) root({Kind::Entity, entity.index});
      }
    }
    for (const ir::Intent& intent : m.intents) {
      for (const std::string& used : intent.uses) root_by_name(m, used.substr(0, used.find('.')), root);
    }
    std::vector<std::vector<std::uint32_t>> successors(graph.nodes.size());
    for (const auto& [from, to] : graph.edges) successors[from].push_back(to);
    while (!frontier.empty()) {
      const std::uint32_t node = frontier.front();
      frontier.pop();
      for (std::uint32_t next : successors[node]) {
        if (!reached[next]) {
          reached[next] = true;
          frontier.push(next);
        }
      }
    }
    const auto live_of = [&](Kind kind, std::size_t count) {
      std::vector<bool> live(count);
      for (std::uint32_t i = 0; i < count; ++i) live[i] = reached[graph.node_of({kind, i})];
      return live;
    };
    const std::vector<bool> aliases = live_of(Kind::Alias, m.aliases.size());
    const std::vector<bool> enums = live_of(Kind::Enum, m.enums.size());
    const std::vector<bool> structs = live_of(Kind::Struct, m.structs.size());
    const std::vector<bool> entities = live_of(Kind::Entity, m.entities.size());
    const std::vector<bool> events = live_of(Kind::Event, m.events.size());
    const std::vector<bool> roles = live_of(Kind::Role, m.roles.size());
    const auto all = [](const std::vector<bool>& live) { return std::all_of(live.begin(), live.end(), [](bool b) { return b; }); };
    if (all(aliases) && all(enums) && all(structs) && all(entities) && all(events) && all(roles)) {
      return PreservedAnalyses::all();
    }

    report(context, m.aliases, aliases, "type alias");
    report(context, m.enums, enums, "enum");
    report(context, m.structs, structs, "struct");
    report(context, m.entities, entities, "entity");
    report(context, m.events, events, "event");
    report(context, m.roles, roles, "role");
    remove(m, aliases, enums, structs, entities, events, roles);
    return PreservedAnalyses::none();
  }

 private:
  template <typename Root>
  static void root_by_name(const ir::Module& m, std::string_view name, Root&& root) {
    const auto find = [&](const auto& store, Kind kind) {
      for (std::uint32_t i = 0; i < store.size(); ++i) {
        if (store[i].name == name) root({kind, i});
      }
    };
    find(m.aliases, Kind::Alias);
    find(m.enums, Kind::Enum);
    find(m.structs, Kind::Struct);
    find(m.entities, Kind::Entity);
    find(m.events, Kind::Event);
    find(m.roles, Kind::Role);
  }

  template <typename Store>
  static void report(PassContext& context, const Store& store, const std::vector<bool>& live, std::string_view what) {
    for (std::size_t i = 0; i < store.size(); ++i) {
      if (live[i]) continue;
      (void)context.diagnostics.report<DiagnosticKind::RemovedDeclaration>(context.span(store[i].location), what,
                                       store[i].name);
    }
  }

  static void remove(ir::Module& m, const std::vector<bool>& aliases, const std::vector<bool>& enums,
                     const std::vector<bool>& structs, const std::vector<bool>& entities,
                     const std::vector<bool>& events, const std::vector<bool>& roles) {
    const auto alias_map = renumbering(aliases), enum_map = renumbering(enums),
               struct_map = renumbering(structs), entity_map = renumbering(entities),
               event_map = renumbering(events), role_map = renumbering(roles);

    // Types: keep those whose declaration and element survive (elements come first, so one pass).
    std::vector<bool> types(m.types.size(), true);
    for (std::size_t i = 0; i < m.types.size(); ++i) {
      const ir::Type& type = m.types[i];
      switch (type.kind) {
        case ir::Type::Kind::Alias: types[i] = aliases[type.declaration]; break;
        case ir::Type::Kind::Enum: types[i] = enums[type.declaration]; break;
        case ir::Type::Kind::Struct: types[i] = structs[type.declaration]; break;
        case ir::Type::Kind::Entity: types[i] = entities[type.declaration]; break;
        case ir::Type::Kind::Scalar: break;
        default: types[i] = types[type.element.index]; break;
      }
    }
    const auto type_map = renumbering(types);

    // Fields: those of removed records go with them.
    std::vector<bool> fields(m.fields.size(), true);
    for (std::size_t i = 0; i < m.fields.size(); ++i) {
      const ir::FieldOwner& owner = m.fields[i].owner;
      switch (owner.kind) {
        case ir::FieldOwner::Kind::Struct: fields[i] = structs[owner.index]; break;
        case ir::FieldOwner::Kind::Entity: fields[i] = entities[owner.index]; break;
        case ir::FieldOwner::Kind::Event: fields[i] = events[owner.index]; break;
        default: break;
      }
    }
    const auto field_map = renumbering(fields);
    std::vector<bool> relations(m.relations.size());
    for (std::size_t i = 0; i < m.relations.size(); ++i) relations[i] = entities[m.relations[i].source.index];
    const auto relation_map = renumbering(relations);

    compact(m.types, types);
    for (ir::Type& type : m.types) {
      switch (type.kind) {
        case ir::Type::Kind::Alias: type.declaration = alias_map[type.declaration]; break;
        case ir::Type::Kind::Enum: type.declaration = enum_map[type.declaration]; break;
        case ir::Type::Kind::Struct: type.declaration = struct_map[type.declaration]; break;
        case ir::Type::Kind::Entity: type.declaration = entity_map[type.declaration]; break;
        case ir::Type::Kind::Scalar: break;
        default: type.element = remap(type.element, type_map); break;
      }
    }
    compact(m.aliases, aliases);
    for (ir::Alias& alias : m.aliases) alias.target = remap(alias.target, type_map);
    compact(m.enums, enums);
    compact(m.structs, structs);
    for (ir::Struct& record : m.structs) remap_all(record.fields, field_map);
    compact(m.entities, entities);
    for (ir::Entity& entity : m.entities) {
      remap_all(entity.fields, field_map);
      entity.id_field = remap(entity.id_field, field_map);
    }
    compact(m.events, events);
    for (ir::Event& event : m.events) remap_all(event.fields, field_map);
    compact(m.roles, roles);
    compact(m.fields, fields);
    for (ir::Field& field : m.fields) {
      field.type = remap(field.type, type_map);
      field.relation = remap(field.relation, relation_map);
      switch (field.owner.kind) {
        case ir::FieldOwner::Kind::Struct: field.owner.index = struct_map[field.owner.index]; break;
        case ir::FieldOwner::Kind::Entity: field.owner.index = entity_map[field.owner.index]; break;
        case ir::FieldOwner::Kind::Event: field.owner.index = event_map[field.owner.index]; break;
        default: break;
      }
    }
    compact(m.relations, relations);
    for (ir::Relation& relation : m.relations) {
      relation.source = remap(relation.source, entity_map);
      relation.target = remap(relation.target, entity_map);
      relation.field = remap(relation.field, field_map);
      relation.inverse = remap(relation.inverse, field_map);
    }
    for (ir::Policy& policy : m.policies) {
      for (ir::PolicyRule& rule : policy.rules) {
        remap_all(rule.roles, role_map);
        remap_all(rule.targets, entity_map);
      }
    }
    for (ir::Workflow& workflow : m.workflows) {
      workflow.entity = remap(workflow.entity, entity_map);
      workflow.state_field = remap(workflow.state_field, field_map);
      workflow.states = remap(workflow.states, enum_map);
      for (ir::Transition& transition : workflow.transitions) {
        remap_all(transition.parameters, field_map);
        remap_all(transition.roles, role_map);
        remap_all(transition.emits, event_map);
      }
    }
    for (ir::Api& api : m.apis) {
      for (ir::Resource& resource : api.resources) resource.entity = remap(resource.entity, entity_map);
    }
    for (ir::Operation& operation : m.operations) {
      operation.entity = remap(operation.entity, entity_map);
      operation.result = remap(operation.result, type_map);
      remap_all(operation.parameters, field_map);
      if (!operation.roles->empty()) remap_all(operation.roles.edit(), role_map);
    }
  }
};

}  // namespace

std::unique_ptr<Pass> make_eliminate_dead() { return std::make_unique<EliminateDead>(); }

}  // namespace bpc::passes
