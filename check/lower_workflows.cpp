// Phase 4a: workflows, state machines over an enum field of an entity. Everything here is linear
// in the size of the workflow (states, guards and transitions are looked up by hash, and
// reachability walks an adjacency list), so a workflow of 100,000 transitions checks at once.

#include <algorithm>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

#include "base/casing.h"
#include "check/lowerer.h"

namespace bpc::lowering {

void Lowerer::lower_workflows() {
  std::map<std::uint32_t, std::uint32_t> workflow_of_field;  // FieldId -> WorkflowId
  for (std::uint32_t index = 0; index < workflow_sites_.size(); ++index) {
    const Site site = workflow_sites_[index];
    const Tree& t = tree(site.file);
    ir::Workflow& workflow = module_.workflows[index];
    const std::string owner = fmt::format("workflow `{}`", workflow.name);

    // `on Entity.field`: an entity's required enum field.
    const NodeId path = t.child(site.node, NodeKind::Path);
    const std::vector<NodeId> segments = t.children_of_kind(path, NodeKind::Name);
    if (segments.size() != 2) {
      (void)report<DiagnosticKind::WorkflowNotOnField>(Site{site.file, path});
      continue;
    }
    const Symbol* entity_symbol = resolve(t.text(segments[0]), Site{site.file, segments[0]},
                                          {SymbolKind::Entity}, "entity");
    if (entity_symbol == nullptr) continue;
    workflow.entity = ir::EntityId{entity_symbol->index};
    const ir::Entity& entity = module_.entity(workflow.entity);
    const std::string_view field_name = t.text(segments[1]);
    const ir::FieldId field = entity_field(entity, field_name, Site{site.file, segments[1]});
    if (field.is_none()) continue;
    const ir::Field& state_field = module_.field(field);
    if (state_field.type.is_none()) continue;
    const ir::Type& state_type = module_.type(underlying(state_field.type, false));
    if (state_type.kind != ir::Type::Kind::Enum) {
      (void)report<DiagnosticKind::InvalidWorkflowField>(Site{site.file, segments[1]}, entity.name,
                                                         field_name, ir::type_name(module_, state_field.type))
          .label(span(field_sites_[field.index]), "declared here");
      continue;
    }
    if (const auto [it, inserted] = workflow_of_field.emplace(field.index, index); !inserted) {
      (void)report<DiagnosticKind::SecondWorkflowOnField>(Site{site.file, path}, entity.name, field_name,
                                                          module_.workflows[it->second].name);
      continue;
    }
    workflow.state_field = field;
    workflow.states = ir::EnumId{state_type.declaration};
    const ir::Enum& states = module_.enums[state_type.declaration];
    std::vector<std::string_view> state_names;
    std::unordered_map<std::string_view, std::uint32_t> state_by_name;
    for (const ir::EnumValue& value : states.values) {
      state_by_name.emplace(value.name, static_cast<std::uint32_t>(state_names.size()));
      state_names.push_back(value.name);
    }
    // By value: `state_type` points into the type store, which grows as transitions are lowered.
    const std::uint32_t states_enum = state_type.declaration;
    const auto state_index = [&](NodeId name) -> std::optional<std::uint32_t> {
      const std::string_view text = t.text(name);
      if (const auto it = state_by_name.find(text); it != state_by_name.end()) {
        const std::uint32_t state = it->second;
        index_enum_value_reference(Site{site.file, name}, states_enum, state);
        return state;
      }
      (void)report_unknown(fmt::format("{} has no state (value of `{}`)", owner, states.name), text,
                     Site{site.file, name}, state_names);
      return std::nullopt;
    };

    // The initial state: `initial X`, or the field's default; both must agree.
    std::optional<std::uint32_t> initial;
    Site initial_site = Site{site.file, name_node(site)};
    for (NodeId item : t.children_of_kind(site.node, NodeKind::InitialState)) {
      if (initial_site.node != name_node(site)) {
        (void)report<DiagnosticKind::DuplicateMember>(Site{site.file, item}, "statement", "initial", owner)
            .label(span(initial_site), "first here");
        continue;
      }
      initial_site = Site{site.file, item};
      initial = state_index(t.child(item, NodeKind::Name));
    }
    const auto& field_default = state_field.default_value;
    if (field_default && field_default->kind == ir::Value::Kind::Name) {
      const auto found = state_by_name.find(field_default->text);
      const bool known = found != state_by_name.end();
      const std::uint32_t default_index = known ? found->second : static_cast<std::uint32_t>(state_names.size());
      if (!t.children_of_kind(site.node, NodeKind::InitialState).empty()) {
        if (initial && *initial != default_index) {
          (void)report<DiagnosticKind::InitialDisagreesWithDefault>(initial_site, state_names[*initial],
                                                                    field_default->text, entity.name, field_name)
              .label(span(field_sites_[field.index]), "default given here");
        }
      } else if (known) {
        initial = default_index;
      }
    }
    if (!initial && t.children_of_kind(site.node, NodeKind::InitialState).empty() && !incomplete(site)) {
      (void)report<DiagnosticKind::MissingInitialState>(Site{site.file, name_node(site)}, workflow.name)
          .note(fmt::format("write `initial STATE` in the workflow, or give `{}.{}` a default",
                            entity.name, field_name));
    }
    workflow.initial = initial.value_or(0);

    // Guards.
    std::vector<Site> guard_sites;
    std::unordered_map<std::string_view, std::size_t> guard_positions;  // source text -> index into guard_sites
    for (NodeId guard : t.children_of_kind(site.node, NodeKind::GuardDecl)) {
      const Site guard_site{site.file, guard};
      const std::string name(name_of(guard_site));
      if (!guard_positions.emplace(name_of(guard_site), guard_sites.size()).second) {
        (void)report<DiagnosticKind::DuplicateMember>(guard_site, "guard", name, owner);
        continue;
      }
      workflow.guards.push_back(name);
      guard_sites.push_back(guard_site);
      index_declaration(DeclarationKind::Guard, guard_site, site);
    }
    std::set<std::string> used_guards;

    // Transitions. Errors in them (an unknown state, guard or role) make the whole-workflow
    // warnings below unreliable, so those are skipped when there were any.
    const std::size_t errors_before_transitions = diagnostics_.error_count();
    std::map<std::pair<std::uint32_t, std::string>, Site> by_state_and_trigger;
    std::map<std::string, std::uint32_t> first_with_trigger;
    std::vector<NodeId> transition_nodes;  // by transition index
    for (NodeId node : t.children_of_kind(site.node, NodeKind::Transition)) {
      if (t.node(node).has_error()) continue;
      const Site transition_site{site.file, node};
      ir::Transition transition;
      transition.doc = doc(transition_site);
      transition.location = location(transition_site);
      auto children = t.children(node).begin();
      const NodeId sources = *children;
      const NodeId target = *++children;
      const NodeId trigger = *++children;
      bool ok = true;
      for (NodeId source : t.children(sources)) {
        if (auto state = state_index(source)) transition.from.push_back(*state); else ok = false;
      }
      if (auto state = state_index(target)) transition.to = *state; else ok = false;
      const Site trigger_name{site.file, t.child(trigger, NodeKind::Name)};
      transition.trigger = std::string(t.text(trigger_name.node));
      const auto transition_index = static_cast<std::uint32_t>(workflow.transitions.size());
      const NodeId parameters = t.child(trigger, NodeKind::Parameters);
      if (!parameters.is_none()) {
        std::set<std::string_view> names;
        for (NodeId parameter : t.children(parameters)) {
          const Site parameter_site{site.file, parameter};
          if (!names.insert(name_of(parameter_site)).second) {
            (void)report<DiagnosticKind::DuplicateMember>(parameter_site, "parameter",
                         name_of(parameter_site), fmt::format("trigger `{}`", transition.trigger));
            continue;
          }
          if (name_of(parameter_site) == "id") {
            (void)report<DiagnosticKind::TriggerParameterNamedId>(Site{site.file, name_node(parameter_site)},
                                                                  transition.trigger, bpc::to_kebab_case(transition.trigger))
                .note(fmt::format("rename it, e.g. `{}Id`", bpc::to_camel_case(module_.entity(workflow.entity).name)));
            continue;
          }
          transition.parameters.push_back(lower_field(
              parameter_site, ir::FieldOwner{ir::FieldOwner::Kind::Transition, transition_index, index},
              DecoratorSite::Parameter));
        }
      }
      const NodeId by = t.child(node, NodeKind::ByClause);
      if (!by.is_none()) {
        granted_by_clause_.insert({index, static_cast<std::uint32_t>(workflow.transitions.size())});
        for (NodeId role : t.children(by)) {
          if (const Symbol* symbol = resolve(t.text(role), Site{site.file, role}, {SymbolKind::Role}, "role")) {
            transition.roles.push_back(ir::RoleId{symbol->index});
          }
        }
      }
      const NodeId when = t.child(node, NodeKind::WhenClause);
      if (!when.is_none()) {
        const NodeId guard = t.child(when, NodeKind::Name);
        transition.guard = std::string(t.text(guard));
        used_guards.insert(transition.guard);
        if (const auto declared = guard_positions.find(transition.guard); declared != guard_positions.end()) {
          index_site_reference(span(Site{site.file, guard}), guard_sites[declared->second]);
        } else {
          std::vector<std::string_view> names(workflow.guards.begin(), workflow.guards.end());
          auto builder = report_unknown(fmt::format("{} has no guard", owner), transition.guard,
                                        Site{site.file, guard}, names);
          if (names.empty()) {
            builder.note(fmt::format("declare it in the workflow first: `guard {}`", transition.guard));
          }
        }
      }
      const NodeId emits = t.child(node, NodeKind::EmitsClause);
      if (!emits.is_none()) {
        for (NodeId event_path : t.children(emits)) {
          const Site event_site{site.file, event_path};
          const std::string_view event_name = tree(site.file).text(*t.children(event_path).begin());
          if (const Symbol* symbol = resolve(event_name, event_site, {SymbolKind::Event}, "event")) {
            transition.emits.push_back(ir::EventId{symbol->index});
          }
        }
      }
      const NodeId sets = t.child(node, NodeKind::SetsClause);
      if (!sets.is_none()) lower_assignments(Site{site.file, sets}, entity, workflow.state_field, transition);
      if (!ok) continue;
      // One transition per (state, trigger); one parameter list per trigger.
      for (std::uint32_t from : transition.from) {
        const auto key = std::make_pair(from, transition.trigger);
        if (const auto [it, inserted] = by_state_and_trigger.emplace(key, transition_site); !inserted) {
          (void)report<DiagnosticKind::DuplicateTrigger>(trigger_name, state_names[from], transition.trigger)
              .label(span(it->second), "the other transition");
        }
      }
      if (options_.index != nullptr) {
        // The first transition with a trigger declares it; the others refer to it.
        if (trigger_sites_.size() <= index) trigger_sites_.resize(index + 1);
        const Site trigger_site{site.file, trigger};
        if (const auto [known, first] = trigger_sites_[index].emplace(transition.trigger, trigger_site); first) {
          index_declaration(DeclarationKind::Trigger, trigger_site, site);
        } else {
          index_site_reference(span(trigger_name), known->second);
        }
      }
      if (const auto [it, inserted] = first_with_trigger.emplace(transition.trigger, transition_index); !inserted) {
        const ir::Transition& first = workflow.transitions[it->second];
        const auto signature = [&](const ir::Transition& tr) {
          std::vector<std::pair<std::string, ir::TypeId>> result;
          for (ir::FieldId p : tr.parameters) result.emplace_back(module_.field(p).name, module_.field(p).type);
          return result;
        };
        if (signature(first) != signature(transition)) {
          (void)report<DiagnosticKind::TriggerParametersDiffer>(trigger_name, transition.trigger)
              .label(span(Site{site.file, transition_nodes[it->second]}), "first transition with it")
              .note("a trigger is one endpoint; all its transitions take the same parameters");
        }
      }
      workflow.transitions.push_back(std::move(transition));
      transition_nodes.push_back(node);
    }

    // Reachability, terminal initial state, unused guards: not for a workflow with a syntax error,
    // whose broken transitions would have been counted.
    const bool whole = !incomplete(site);
    if (initial && whole && diagnostics_.error_count() == errors_before_transitions) {
      std::vector<std::vector<std::uint32_t>> next(states.values.size());  // state -> states it leads to
      for (const ir::Transition& transition : workflow.transitions) {
        for (std::uint32_t from : transition.from) next[from].push_back(transition.to);
      }
      const bool initial_has_exit = !next[*initial].empty();
      std::vector<bool> reached(states.values.size(), false);
      std::queue<std::uint32_t> frontier;
      reached[*initial] = true;
      frontier.push(*initial);
      while (!frontier.empty()) {
        const std::uint32_t state = frontier.front();
        frontier.pop();
        for (std::uint32_t to : next[state]) {
          if (!reached[to]) {
            reached[to] = true;
            frontier.push(to);
          }
        }
      }
      if (!initial_has_exit) {
        (void)report<DiagnosticKind::TerminalInitialState>(initial_site, state_names[*initial])
            .note("records would start in a state they can never leave");
      }
      for (std::uint32_t state = 0; state < states.values.size(); ++state) {
        if (reached[state] || states.values[state].deprecated) continue;
        (void)report<DiagnosticKind::UnreachableState>(Site{site.file, name_node(site)},
                     state_names[state], state_names[*initial])
            .note(fmt::format("add a transition into `{}`, or mark the enum value `@deprecated`",
                              state_names[state]));
      }
    }
    for (std::size_t i = 0; whole && i < guard_sites.size() && diagnostics_.error_count() == errors_before_transitions;
         ++i) {
      if (!used_guards.count(workflow.guards[i])) {
        (void)report<DiagnosticKind::UnusedGuard>(guard_sites[i], workflow.guards[i]);
      }
    }

    // Events must be fillable from the record, the trigger's arguments or nothing (optional).
    std::unordered_map<std::string_view, ir::TypeId> entity_field_types;  // field names are unique
    for (ir::FieldId f : entity.fields) entity_field_types.emplace(module_.field(f).name, module_.field(f).type);
    for (std::size_t i = 0; i < workflow.transitions.size(); ++i) {
      const ir::Transition& transition = workflow.transitions[i];
      for (ir::EventId event_id : transition.emits) {
        const ir::Event& event = module_.events[event_id.index];
        for (ir::FieldId event_field_id : event.fields) {
          const ir::Field& event_field = module_.field(event_field_id);
          if (event_field.type.is_none()) continue;
          const ir::Type& shape = module_.type(underlying(event_field.type, true));
          if (shape.kind == ir::Type::Kind::Entity && shape.declaration == workflow.entity.index) continue;
          const auto same = [&](ir::FieldId f) {
            return module_.field(f).name == event_field.name && module_.field(f).type == event_field.type;
          };
          if (std::any_of(transition.parameters.begin(), transition.parameters.end(), same)) continue;
          if (const auto it = entity_field_types.find(event_field.name);
              it != entity_field_types.end() && it->second == event_field.type) {
            continue;
          }
          if (module_.type(underlying(event_field.type, false)).kind == ir::Type::Kind::Optional) continue;
          (void)diagnostics_
              .report<DiagnosticKind::UnfilledEventField>(
                      SourceSpan{tree(site.file).tokens().file(), transition.location.begin, transition.location.end},
                      transition.trigger, event_field.name, event.name)
              .note(fmt::format("an event field is filled from the `{}` record, a trigger parameter or "
                                "an entity field of the same name and type; otherwise it must be optional",
                                entity.name));
        }
      }
    }
  }
}

// `sets field = value, ...`: each field is a stored field of the record that clients may change
// (not the id, the state, a generated, readonly, scope or inverse field), set once, to a trigger
// parameter of its type, to `now` (a datetime field) or to `null` (an optional field).
void Lowerer::lower_assignments(Site clause, const ir::Entity& entity, ir::FieldId state_field, ir::Transition& transition) {
  const Tree& t = tree(clause.file);
  for (NodeId node : t.children(clause.node)) {
    if (t.node(node).has_error()) continue;
    const std::vector<NodeId> sides = t.children_of_kind(node, NodeKind::Name);
    const Site field_site{clause.file, sides[0]};
    const Site value_site{clause.file, sides[1]};
    const std::string_view field_name = t.text(sides[0]);
    const std::string_view value = t.text(sides[1]);
    const ir::FieldId field = entity_field(entity, field_name, field_site);
    if (field.is_none()) continue;
    const auto refuse = [&](Site where, const std::string& reason) {
      (void)report<DiagnosticKind::InvalidAssignment>(where, transition.trigger, field_name, reason);
    };
    const ir::Constraints& c = *module_.field(field).constraints;
    if (field == state_field) { refuse(field_site, "it is the workflow's state, which the transition sets to its target"); continue; }
    if (c.is_id) { refuse(field_site, "it is the record's id"); continue; }
    if (c.generated) { refuse(field_site, "the service keeps it (`@generated`)"); continue; }
    if (c.readonly) { refuse(field_site, "it is `@readonly`: set on create, never changed"); continue; }
    if (c.deleted_at) { refuse(field_site, "a delete sets it (`@deletedAt`), and a restore clears it"); continue; }
    if (c.tenant || c.owner) {
      refuse(field_site, fmt::format("the service sets it from the caller (`@{}`)", c.tenant ? "tenant" : "owner"));
      continue;
    }
    if (is_inverse_side(field)) { refuse(field_site, "it is an inverse side, which is not stored"); continue; }
    if (std::any_of(transition.sets.begin(), transition.sets.end(), [&](const ir::Assignment& a) { return a.field == field; })) {
      (void)report<DiagnosticKind::DuplicateMember>(field_site, "field", field_name, "`sets`");
      continue;
    }
    const ir::TypeId field_type = module_.field(field).type;
    if (field_type.is_none()) continue;  // its type was reported unknown
    const bool optional = module_.type(underlying(field_type, false)).kind == ir::Type::Kind::Optional;
    ir::Assignment assignment;
    assignment.field = field;
    assignment.location = location(Site{clause.file, node});
    const auto parameter = std::find_if(transition.parameters.begin(), transition.parameters.end(),
                                        [&](ir::FieldId p) { return module_.field(p).name == value; });
    if (parameter != transition.parameters.end()) {
      const ir::TypeId parameter_type = module_.field(*parameter).type;
      if (parameter_type.is_none()) continue;  // reported unknown
      const ir::TypeId required = optional ? module_.type(underlying(field_type, false)).element : field_type;
      if (parameter_type != field_type && parameter_type != required) {
        refuse(value_site, fmt::format("the parameter `{}` is `{}`, and the field is `{}`", value,
                                       ir::type_name(module_, parameter_type), ir::type_name(module_, field_type)));
        continue;
      }
      if (module_.type(underlying(parameter_type, false)).kind == ir::Type::Kind::Optional && !optional) {
        refuse(value_site, fmt::format("the parameter `{}` may be absent, and the field is required", value));
        continue;
      }
      assignment.source = ir::Assignment::Source::Parameter;
      assignment.parameter = *parameter;
    } else if (value == "now") {
      if (module_.type(underlying(field_type, true)).kind != ir::Type::Kind::Scalar ||
          module_.type(underlying(field_type, true)).scalar != ir::Scalar::DateTime) {
        refuse(value_site, fmt::format("`now` is the current time, a `datetime`, and the field is `{}`",
                                       ir::type_name(module_, field_type)));
        continue;
      }
      assignment.source = ir::Assignment::Source::Now;
    } else if (value == "null") {
      if (!optional) {
        refuse(value_site, fmt::format("the field is required (`{}`): only an optional field may be cleared",
                                       ir::type_name(module_, field_type)));
        continue;
      }
      assignment.source = ir::Assignment::Source::Null;
    } else {
      std::vector<std::string_view> names{"now", "null"};
      for (ir::FieldId p : transition.parameters) names.push_back(module_.field(p).name);
      (void)report_unknown(fmt::format("trigger `{}` has no parameter", transition.trigger), value, value_site, names)
          .note("a transition sets a field to one of its trigger's parameters, to `now` (the current time) or to `null`");
      continue;
    }
    transition.sets.push_back(assignment);
  }
}

}  // namespace bpc::lowering
