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
      module_.events[symbol->index].handlers.push_back(std::move(handler));
    }
  }
}

}  // namespace bpc::lowering
