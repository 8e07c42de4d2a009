// src/<package>/handlers/events.py: the event handlers, those written by hand in user-code regions
// (`handler notifyWarehouse on OrderPlaced`) and those that fire a workflow trigger (`... triggers
// pay on payment.order`), and the function app.py calls to subscribe them to the bus.

#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/python/emitters.h"
#include "backends/support/naming.h"

namespace bpc::backends::python {

namespace {

std::string docstring(std::string_view text) { return doc_comment(text, Target::Python); }

// The body of a handler that fires a trigger: follow the path from the event's record to the
// target's id, then run the workflow's function in a transaction. A record that is gone, a state
// without the trigger and a guard's refusal (404, 409) mean nothing happens.
void trigger_handler_body(Printer& p, const PyContext& ctx, const ir::Event& event, const ir::Handler& handler) {
  const ir::Module& m = ctx.module();
  const service::ServiceModel& model = ctx.service();
  const ir::Field& first = m.field(handler.path.front());
  const ir::EntityId first_entity{model.base(first.type).declaration};
  p.print(R"(
    # The service's view: every tenant's records, not the deleted ones.
    visible = ScopedStore(store, None, every_tenant=True)
    start = event.payload.get($start$)
    if not isinstance(start, dict):
        return  # an optional record the event does not hold
    record_id = id_of(start, $start_id$)
  )", {{"start", PyContext::string(first.name)}, {"start_id", PyContext::string(m.field(m.entity(first_entity).id_field).name)}});
  ir::EntityId current = first_entity;
  for (std::size_t i = 1; i < handler.path.size(); ++i) {
    const ir::Field& step = m.field(handler.path[i]);
    p.print(R"(
      step = visible.repository(model.$descriptor$).get(record_id)
      if step is None or step.get($next$) is None:
          return  # gone, or an optional link that is missing
      record_id = id_of(step, $next$)
    )", {{"descriptor", ctx.derived("entity", current.index, "DESCRIPTOR")}, {"next", PyContext::string(step.name)}});
    current = ir::EntityId{model.base(step.type).declaration};
  }
  // The trigger's arguments: the event's fields of the same name and type (records by id).
  const ir::Workflow& w = m.workflows[handler.workflow.index];
  const ir::Transition& transition = w.transitions[model.transitions_with_trigger(handler.workflow, handler.trigger).front()];
  std::vector<std::string> arguments;
  for (ir::FieldId parameter : transition.parameters) {
    const ir::Field& param = m.field(parameter);
    for (ir::FieldId f : event.fields) {
      const ir::Field& field = m.field(f);
      if (field.name != param.name || field.type != param.type) continue;
      std::string value = fmt::format("event.payload.get({})", PyContext::string(field.name));
      const ir::Type& shape = model.base(field.type);
      if (shape.kind == ir::Type::Kind::Entity) {
        value = fmt::format("record_id_in(event.payload, {}, {})", PyContext::string(field.name),
                            PyContext::string(m.field(m.entity(ir::EntityId{shape.declaration}).id_field).name));
      }
      arguments.push_back(fmt::format("{}: {}", PyContext::string(param.name), value));
    }
  }
  p.print(R"(
    target = record_id
    given: Row = {$arguments$}
    events = PendingEvents(bus)
    try:
        visible.transaction(lambda: workflows.$workflow$.$trigger$(visible, events, target, given))
    except HttpProblem as error:
        # Gone, or its state or guard refuses the trigger: nothing happens.
        if error.status in (HTTPStatus.NOT_FOUND, HTTPStatus.CONFLICT):
            return
        raise
    events.publish_all()
  )", {{"arguments", fmt::format("{}", fmt::join(arguments, ", "))}, {"workflow", ctx.workflow_name(handler.workflow)},
       {"trigger", ctx.trigger_name(handler.workflow, handler.trigger)}});
}

}  // namespace

void emit_event_handlers(const PyContext& ctx, OutputDirectory& out) {
  const ir::Module& m = ctx.module();
  if (!declares_handlers(m)) return;
  Printer p(python_printer());
  print_generated_header(p);
  p.print(R"(
    """Event handlers.

    Each runs after its event is published, once the write that raised it has committed; it sees the
    whole store (every tenant's records), and one that raises is logged and never fails the request.
    Those written by hand live in the user-code regions and do nothing until written; those that fire
    a workflow trigger are generated, and do nothing when the record is gone or its state or guard
    refuses the trigger.
    """

    from __future__ import annotations
  )");
  const std::string head = p.take_output();
  std::vector<std::pair<std::string, std::string>> subscriptions;  // event name literal, function
  std::vector<std::string> names;
  for (const ir::Event& event : m.events) {
    for (const ir::Handler& handler : event.handlers) names.push_back(handler.name);
  }
  Namer namer(Target::Python);
  static constexpr std::string_view kModuleIdentifiers[] = {
      "annotations", "logging", "logger", "model", "workflows", "DomainEvent", "EventBus", "PendingEvents", "HttpProblem",
      "HTTPStatus",  "ScopedStore", "Row", "Store", "id_of", "record_id_in", "subscribe_handlers", "guarded"};
  namer.define("handlers", names, Case::Snake, NameKind::Value, kModuleIdentifiers);
  for (const ir::Event& event : m.events) {
    for (const ir::Handler& handler : event.handlers) {
      const std::string& name = namer.get("handlers", handler.name);
      subscriptions.emplace_back(PyContext::string(event.name), name);
      std::string doc = handler.doc;
      if (!handler.trigger.empty()) {
        std::vector<std::string> path;
        for (ir::FieldId f : handler.path) path.push_back(m.field(f).name);
        doc += fmt::format("{}Fires `{}` of workflow {} on the record `{}` of the event leads to.", doc.empty() ? "" : "\n\n",
                           handler.trigger, m.workflows[handler.workflow.index].name, fmt::join(path, "."));
      } else if (doc.empty()) {
        doc = fmt::format("Runs after each {} event (written by hand).", event.name);
      }
      p.print(R"(


        def $name$(event: DomainEvent, store: Store, bus: EventBus) -> None:
            $doc$
      )", {{"name", name}, {"doc", docstring(doc)}});
      const IndentScope indent(p);
      if (!handler.trigger.empty()) {
        trigger_handler_body(p, ctx, event, handler);
      } else {
        p.print(R"(
          # bpc:begin-user-code handlers.$key$
          return
          # bpc:end-user-code handlers.$key$
        )", {{"key", handler.name}});
      }
    }
  }
  p.print(R"(


    def subscribe_handlers(bus: EventBus, store: Store) -> None:
        """Subscribes every handler to its event."""
        $subscriptions$


    def guarded(name: str, handler: Callable[[DomainEvent, Store, EventBus], None], store: Store, bus: EventBus) -> Handler:
        """The handler as the bus calls it: a failure is logged, never raised into the publishing code."""

        def run(event: DomainEvent) -> None:
            try:
                handler(event, store, bus)
            except Exception:
                logger.exception("event handler %s failed", name)

        return run


    logger = logging.getLogger(__name__)
  )", {{"subscriptions", [&] {
         for (const auto& [event, name] : subscriptions) {
           p.print("bus.subscribe($event$, guarded($wire$, $name$, store, bus))\n",
                   {{"event", event}, {"wire", PyContext::string(name)}, {"name", name}});
         }
       }}});
  const std::string code = p.take_output();
  using Section = Imports::Section;
  Imports imports;
  imports.module(Section::Standard, "logging")
      .from(Section::Standard, "collections.abc", {"Callable"})
      .from(Section::Standard, "http", {"HTTPStatus"})
      .from(Section::FirstParty, ctx.package(), {"model", "workflows"})
      .from(Section::FirstParty, ctx.module_path("runtime.events"), {"DomainEvent", "EventBus", "Handler", "PendingEvents"})
      .from(Section::FirstParty, ctx.module_path("runtime.http"), {"id_of", "record_id_in"})
      .from(Section::FirstParty, ctx.module_path("runtime.problem"), {"HttpProblem"})
      .from(Section::FirstParty, ctx.module_path("runtime.scope"), {"ScopedStore"})
      .from(Section::FirstParty, ctx.module_path("runtime.store"), {"Row", "Store"})
      .keep_used(PyContext::identifiers_in(code));
  add_module(out, package_path(ctx, "handlers/events.py"), assemble_module(head, imports.render(), code),
          FileOptions{FileKind::Generated, CommentSyntax::line("#")});
}

}  // namespace bpc::backends::python
