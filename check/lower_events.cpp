// Events beyond workflows: a resource action that raises a declared event after its write
// (`create emits OrderPlaced`), and handlers written by hand that run after an event
// (`handler notifyWarehouse on OrderPlaced`). An action's event is filled from the record, like a
// transition's: a field of the entity's type gets the record, a field with the name and type of
// one of the entity's fields gets its value, any other field must be optional (null).

#include <algorithm>
#include <map>

#include "check/lowerer.h"

namespace bpc::lowering {

void Lowerer::lower_action_emit(Site emitting_action, ir::CrudAction action, ir::Resource& resource) {
  const Tree& t = tree(emitting_action.file);
  const NodeId path = t.child(emitting_action.node, NodeKind::Path);
  const NodeId event_name = *t.children(path).begin();
  const std::string_view action_name = ir::crud_action_name(action);
  const Symbol* symbol = resolve(t.text(event_name), Site{emitting_action.file, event_name}, {SymbolKind::Event}, "event");
  if (symbol == nullptr) return;
  const ir::Entity& entity = module_.entity(resource.entity);
  const ir::Event& event = module_.events[symbol->index];
  const auto refuse = [&](const std::string& reason) {
    return report<DiagnosticKind::InvalidActionEmit>(emitting_action, action_name, event.name, entity.name, reason);
  };
  if (action == ir::CrudAction::List || action == ir::CrudAction::Get) {
    (void)refuse("reads change nothing, so they raise no events")
        .note("`create`, `update` and `delete` may raise an event; so may workflow transitions (`emits`)");
    return;
  }
  bool fillable = true;
  for (ir::FieldId event_field_id : event.fields) {
    const ir::Field& event_field = module_.field(event_field_id);
    if (event_field.type.is_none()) continue;  // reported unknown
    const ir::Type& shape = module_.type(underlying(event_field.type, true));
    if (shape.kind == ir::Type::Kind::Entity && shape.declaration == resource.entity.index) continue;
    const bool same_field = std::any_of(entity.fields.begin(), entity.fields.end(), [&](ir::FieldId f) {
      return module_.field(f).name == event_field.name && module_.field(f).type == event_field.type;
    });
    if (same_field || module_.type(underlying(event_field.type, false)).kind == ir::Type::Kind::Optional) continue;
    (void)refuse(fmt::format("nothing fills its required field `{}`", event_field.name))
        .note(fmt::format("an event field is filled from the `{}` record (a field of type `{}`), or from an entity "
                          "field of the same name and type; otherwise it must be optional",
                          entity.name, entity.name));
    fillable = false;
  }
  if (!fillable) return;
  ir::ActionEmit emit;
  emit.action = action;
  emit.event = ir::EventId{symbol->index};
  emit.location = location(emitting_action);
  resource.emits.push_back(emit);
}

void Lowerer::lower_handlers() {
  std::map<std::string_view, Site> seen;  // handler names are one namespace: generated code names them
  std::vector<std::pair<ir::EventId, Site>> trigger_handlers;  // for the cycle check
  for (std::uint32_t file = 0; file < program_.files.size(); ++file) {
    const Tree& t = tree(file);
    for (NodeId declaration : t.children(t.root())) {
      if (t.kind(declaration) != NodeKind::HandlerDecl || t.node(declaration).has_error()) continue;
      const Site site{file, declaration};
      const std::string_view name = name_of(site);
      if (const auto [first, inserted] = seen.emplace(name, site); !inserted) {
        (void)report<DiagnosticKind::DuplicateMember>(Site{file, name_node(site)}, "handler", name, "the blueprint")
            .label(span(Site{first->second.file, name_node(first->second)}), "first here");
        continue;
      }
      const NodeId event_name = *t.children(t.child(declaration, NodeKind::Path)).begin();
      const Symbol* symbol = resolve(t.text(event_name), Site{file, event_name}, {SymbolKind::Event}, "event");
      if (symbol == nullptr) continue;
      ir::Handler handler;
      handler.name = std::string(name);
      handler.doc = doc(site);
      handler.location = location(site);
      const NodeId trigger = t.child(declaration, NodeKind::HandlerTrigger);
      if (!trigger.is_none()) {
        if (!lower_handler_trigger(Site{file, trigger}, name, module_.events[symbol->index], handler)) continue;
        trigger_handlers.emplace_back(ir::EventId{symbol->index}, site);
      }
      module_.events[symbol->index].handlers.push_back(std::move(handler));
    }
  }
  check_handler_cycles(trigger_handlers);
}

bool Lowerer::lower_handler_trigger(Site site, std::string_view handler_name, const ir::Event& event, ir::Handler& handler) {
  const Tree& t = tree(site.file);
  const NodeId trigger_node = t.child(site.node, NodeKind::Name);
  const std::string_view trigger = t.text(trigger_node);
  const auto refuse = [&](NodeId where, const std::string& reason) {
    return report<DiagnosticKind::InvalidHandlerTrigger>(Site{site.file, where}, handler_name, trigger, reason);
  };
  // The path: a field of the event holding a record, then single references.
  ir::EntityId current;
  for (NodeId segment : t.children(t.child(site.node, NodeKind::Path))) {
    const std::string_view name = t.text(segment);
    ir::FieldId field;
    if (current.is_none()) {
      const auto it = std::find_if(event.fields.begin(), event.fields.end(), [&](ir::FieldId f) { return module_.field(f).name == name; });
      if (it == event.fields.end()) {
        std::vector<std::string_view> names;
        for (ir::FieldId f : event.fields) names.push_back(module_.field(f).name);
        (void)report_unknown(fmt::format("event `{}` has no field", event.name), name, Site{site.file, segment}, names);
        return false;
      }
      field = *it;
    } else {
      field = entity_field(module_.entity(current), name, Site{site.file, segment});
      if (field.is_none()) return false;
    }
    const ir::Field& f = module_.field(field);
    if (f.type.is_none()) return false;  // reported unknown
    const ir::Type& shape = module_.type(underlying(f.type, true));
    if (shape.kind != ir::Type::Kind::Entity) {
      (void)refuse(segment, fmt::format("`{}` is a `{}`, not a record", name, ir::type_name(module_, f.type)))
          .note("the path after `on` starts at a field of the event that holds a record and follows single references");
      return false;
    }
    if (is_inverse_side(field)) {
      (void)refuse(segment, fmt::format("`{}` is an inverse side, which records do not store", name));
      return false;
    }
    handler.path.push_back(field);
    current = ir::EntityId{shape.declaration};
  }
  // The trigger: of exactly one workflow on the record's entity.
  std::vector<std::uint32_t> workflows;
  for (std::uint32_t w = 0; w < module_.workflows.size(); ++w) {
    const ir::Workflow& workflow = module_.workflows[w];
    if (workflow.entity != current) continue;
    if (std::any_of(workflow.transitions.begin(), workflow.transitions.end(),
                    [&](const ir::Transition& tr) { return tr.trigger == trigger; })) {
      workflows.push_back(w);
    }
  }
  const ir::Entity& target = module_.entity(current);
  if (workflows.empty()) {
    (void)report<DiagnosticKind::InvalidAction>(Site{site.file, trigger_node}, trigger, target.name);
    return false;
  }
  if (workflows.size() > 1) {
    (void)refuse(trigger_node, fmt::format("workflows `{}` and `{}` on `{}` both have it", module_.workflows[workflows[0]].name,
                                           module_.workflows[workflows[1]].name, target.name));
    return false;
  }
  const ir::Workflow& workflow = module_.workflows[workflows[0]];
  handler.workflow = ir::WorkflowId{workflows[0]};
  handler.trigger = std::string(trigger);
  // Its arguments: the event's fields of the same name and type.
  const ir::Transition& first = *std::find_if(workflow.transitions.begin(), workflow.transitions.end(),
                                              [&](const ir::Transition& tr) { return tr.trigger == trigger; });
  bool filled = true;
  for (ir::FieldId parameter : first.parameters) {
    const ir::Field& p = module_.field(parameter);
    if (p.type.is_none()) continue;
    const bool from_event = std::any_of(event.fields.begin(), event.fields.end(), [&](ir::FieldId f) {
      return module_.field(f).name == p.name && module_.field(f).type == p.type;
    });
    if (from_event || module_.type(underlying(p.type, false)).kind == ir::Type::Kind::Optional || p.default_value) continue;
    (void)report<DiagnosticKind::UnfilledTriggerParameter>(Site{site.file, trigger_node}, handler_name, p.name, trigger)
        .note(fmt::format("a trigger's parameter gets the field of `{}` with its name and type; add `{}: {}` to the event",
                          event.name, p.name, ir::type_name(module_, p.type)));
    filled = false;
  }
  return filled;
}

void Lowerer::check_handler_cycles(const std::vector<std::pair<ir::EventId, Site>>& trigger_handlers) {
  if (trigger_handlers.empty()) return;
  // Event -> the events the transitions its trigger handlers fire raise, with the handler.
  struct Edge {
    std::uint32_t to;
    Site handler;
  };
  std::vector<std::vector<Edge>> edges(module_.events.size());
  std::map<std::string_view, Site> sites;  // handler names are unique in a blueprint
  for (const auto& entry : trigger_handlers) sites.emplace(name_of(entry.second), entry.second);
  for (std::uint32_t e = 0; e < module_.events.size(); ++e) {
    for (const ir::Handler& handler : module_.events[e].handlers) {
      if (handler.trigger.empty()) continue;
      const Site site = sites.at(handler.name);
      for (const ir::Transition& transition : module_.workflows[handler.workflow.index].transitions) {
        if (transition.trigger != handler.trigger) continue;
        for (ir::EventId emitted : transition.emits) edges[e].push_back({emitted.index, site});
      }
    }
  }
  // Depth-first search with colours; the first edge back into the stack closes a cycle.
  enum class Colour : std::uint8_t { White, Grey, Black };
  std::vector<Colour> colour(module_.events.size(), Colour::White);
  std::vector<std::uint32_t> stack_events;
  for (std::uint32_t start = 0; start < module_.events.size(); ++start) {
    if (colour[start] != Colour::White || edges[start].empty()) continue;
    std::vector<std::pair<std::uint32_t, std::size_t>> stack{{start, 0}};  // event, next edge
    colour[start] = Colour::Grey;
    stack_events = {start};
    while (!stack.empty()) {
      auto& [event, next] = stack.back();
      if (next == edges[event].size()) {
        colour[event] = Colour::Black;
        stack.pop_back();
        stack_events.pop_back();
        continue;
      }
      const Edge edge = edges[event][next++];
      if (colour[edge.to] == Colour::Grey) {
        const auto from = std::find(stack_events.begin(), stack_events.end(), edge.to);
        std::vector<std::string> chain;
        for (auto it = from; it != stack_events.end(); ++it) chain.push_back(fmt::format("`{}`", module_.events[*it].name));
        chain.push_back(fmt::format("`{}`", module_.events[edge.to].name));
        (void)report<DiagnosticKind::HandlerCycle>(edge.handler, fmt::format("{}", fmt::join(chain, " -> ")))
            .note("each handler fires a transition that raises the next event; break the chain with another event");
        return;
      }
      if (colour[edge.to] == Colour::White) {
        colour[edge.to] = Colour::Grey;
        stack.emplace_back(edge.to, 0);
        stack_events.push_back(edge.to);
      }
    }
  }
}

}  // namespace bpc::lowering
