// src/<package>/workflows.py: each workflow's transitions, one function per trigger. A function
// runs inside its caller's transaction: it reads the record, picks the transition from the
// record's state (409 from a state without one), checks the guard (409) and the arguments that
// name records (409), writes the state and the `sets` fields, and raises the transition's events
// and the record's `updated` event.

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/python/emitters.h"
#include "backends/support/naming.h"

namespace bpc::backends::python {

namespace {

class WorkflowWriter {
 public:
  explicit WorkflowWriter(const PyContext& ctx) : ctx_(ctx), m_(ctx.module()) {}

  std::string write() {
    Printer body(python_printer());
    for (std::uint32_t i = 0; i < m_.workflows.size(); ++i) workflow(body, ir::WorkflowId{i});
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The transitions of each workflow, one function per trigger.

      Each runs inside its caller's transaction on the record with this id and returns the record
      after the transition: an unknown record is 404; a trigger from a state without it, a guard's
      refusal and an argument naming no record are 409. Arguments are the trigger's validated body
      in its wire form (an optional argument left out is absent).
      """

      from __future__ import annotations
    )");
    if (code.empty()) return assemble_module(p.take_output(), "", "# The blueprint declares no workflows.\n");
    using Section = Imports::Section;
    Imports imports;
    imports.from(Section::FirstParty, ctx_.package(), {"model"})
        .from(Section::FirstParty, ctx_.module_path("handlers"), {"guards"})
        .from(Section::FirstParty, ctx_.module_path("runtime.crud"), {"check_references", "get_or_not_found", "must_get", "present", "touch", "writing"})
        .from(Section::FirstParty, ctx_.module_path("runtime.events"), {"PendingEvents", "now"})
        .from(Section::FirstParty, ctx_.module_path("runtime.problem"), {"conflict"})
        .from(Section::FirstParty, ctx_.module_path("runtime.store"), {"Id", "Reference", "Row", "Store"})
        .keep_used(used);
    return assemble_module(p.take_output(), imports.render(), code);
  }

 private:
  void workflow(Printer& p, ir::WorkflowId id) {
    const ir::Workflow& w = m_.workflows[id.index];
    if (w.entity.is_none() || w.state_field.is_none()) return;
    std::vector<std::string> triggers;
    for (const ir::Transition& t : w.transitions) {
      if (std::find(triggers.begin(), triggers.end(), t.trigger) == triggers.end()) triggers.push_back(t.trigger);
    }
    p.print(R"(


      class $name$:
          """The triggers of workflow $wire$ (on $entity$)."""
    )", {{"name", ctx_.workflow_name(id)}, {"wire", w.name}, {"entity", m_.entity(w.entity).name}});
    for (const std::string& trigger : triggers) function(p, id, trigger);
  }

  void function(Printer& p, ir::WorkflowId id, const std::string& trigger) {
    const ir::Workflow& w = m_.workflows[id.index];
    const ir::Enum& states = m_.enums[w.states.index];
    const std::vector<std::uint32_t>& indices = ctx_.service().transitions_with_trigger(id, trigger);
    const ir::Transition& first = w.transitions[indices.front()];
    const std::string entity = "model." + ctx_.derived("entity", w.entity.index, "DESCRIPTOR");
    const std::string state_key = PyContext::string(m_.field(w.state_field).name);
    const IndentScope indent(p);  // a method of the workflow's class
    p.print(R"(

          @staticmethod
          def $name$(store: Store, events: PendingEvents, record_id: Id, args: Row) -> Row:
              """`$wire$`: $summary$."""
              repository = store.repository($entity$)
              current = get_or_not_found(repository, $entity$, record_id)
              $check_arguments$
              state = current.get($state$)
              $cases$
              else:
                  message = $illegal$ + str(state)
                  raise conflict(message)
              with writing():
                  repository.replace(updated)
              events.raise_event($updated_event$, present($entity$, updated))
              return updated
    )", {{"name", ctx_.trigger_name(id, trigger)}, {"wire", trigger}, {"summary", summary(w, indices)}, {"entity", entity},
         {"check_arguments", argument_references(first)}, {"state", state_key},
         {"illegal", PyContext::string(fmt::format("illegal transition: {} is not allowed from state ", trigger))},
         {"updated_event", PyContext::string(ctx_.service().record_event(w.entity, service::RecordChange::Updated))},
         {"cases", [&] {
            bool first_case = true;
            for (std::uint32_t index : indices) {
              const ir::Transition& t = w.transitions[index];
              std::vector<std::string> labels;
              for (std::uint32_t from : t.from) labels.push_back(PyContext::string(ir::wire_name(states.values[from])));
              const std::string test = labels.size() == 1 ? fmt::format("state == {}", labels.front())
                                                          : fmt::format("state in ({})", fmt::join(labels, ", "));
              p.print(R"(
                $keyword$ $test$:
                    $guard$
                    updated = touch($entity$, {**current, $field$: $to$$sets$})
                    $emits$
              )", {{"keyword", first_case ? "if" : "elif"}, {"test", test}, {"guard", guard_check(id, t)}, {"entity", entity},
                   {"field", state_key}, {"to", PyContext::string(ir::wire_name(states.values[t.to]))}, {"sets", assignments(t)},
                   {"emits", [&] {
                      for (ir::EventId e : t.emits) {
                        std::vector<std::string> fields;
                        for (ir::FieldId f : m_.events[e.index].fields) {
                          fields.push_back(fmt::format("{}: {}", PyContext::string(m_.field(f).name), payload_value(m_.field(f), t, w, m_.events[e.index])));
                        }
                        p.print("events.raise_event($name$, {$fields$})\n",
                                {{"name", PyContext::string(m_.events[e.index].name)}, {"fields", fmt::format("{}", fmt::join(fields, ", "))}});
                      }
                    }}});
              first_case = false;
            }
          }}});
  }

  std::string summary(const ir::Workflow& w, const std::vector<std::uint32_t>& indices) const {
    const ir::Enum& states = m_.enums[w.states.index];
    std::vector<std::string> parts;
    for (std::uint32_t index : indices) {
      const ir::Transition& t = w.transitions[index];
      std::vector<std::string> from;
      for (std::uint32_t f : t.from) from.emplace_back(ir::wire_name(states.values[f]));
      parts.push_back(fmt::format("{} -> {}", fmt::join(from, ", "), ir::wire_name(states.values[t.to])));
    }
    // Blueprint names in a docstring: escaped as the docstring's text.
    const std::string text = fmt::format("{}", fmt::join(parts, "; "));
    const std::string doc = doc_comment(text, Target::Python);
    return doc.size() >= 6 ? doc.substr(3, doc.size() - 6) : text;
  }

  // `check_references(...)` over the trigger's arguments that name records (409 when one does not
  // exist), or "" when none does.
  std::string argument_references(const ir::Transition& t) const {
    std::vector<std::string> references;
    for (ir::FieldId f : t.parameters) {
      const ir::EntityId target = ctx_.service().referenced_entity(f);
      if (target.is_none()) continue;
      references.push_back(fmt::format("Reference({}, {}, many={}, on_delete=\"restrict\")", PyContext::string(m_.field(f).name),
                                       PyContext::string(m_.entity(target).name),
                                       ctx_.service().is_reference_list(f) ? "True" : "False"));
    }
    if (references.empty()) return {};
    return fmt::format("check_references(store, model.ENTITIES, [{}], args)", fmt::join(references, ", "));
  }

  // An event field's value when a transition raises the event (language reference, section 9):
  // the record itself, else a trigger argument, else a field of the record, with the same name
  // and type; else None for an optional field. An entity-typed value is loaded as a whole record.
  std::string payload_value(const ir::Field& event_field, const ir::Transition& t, const ir::Workflow& w,
                            const ir::Event& event) const {
    const ir::Type& type = ctx_.base(event_field.type);
    // Records are snapshots as answers show them: without their `@secret` fields.
    if (type.kind == ir::Type::Kind::Entity && type.declaration == w.entity.index) {
      return fmt::format("present(model.{}, updated)", ctx_.derived("entity", w.entity.index, "DESCRIPTOR"));
    }
    const auto value = [&](std::string_view source, const ir::Field& field) {
      const std::string read = fmt::format("{}.get({})", source, PyContext::string(field.name));
      if (type.kind != ir::Type::Kind::Entity) return read;
      const std::string entity = "model." + ctx_.derived("entity", type.declaration, "DESCRIPTOR");
      const std::string load = fmt::format("present({0}, must_get(store.repository({0}), {0}, {1}))", entity, read);
      return ctx_.is_optional(field.type) ? fmt::format("None if {} is None else {}", read, load) : load;
    };
    for (ir::FieldId param : t.parameters) {
      if (m_.field(param).name == event_field.name && m_.field(param).type == event_field.type) return value("args", m_.field(param));
    }
    for (ir::FieldId f : ctx_.service().stored_fields(w.entity)) {
      if (m_.field(f).name == event_field.name && m_.field(f).type == event_field.type) return value("updated", m_.field(f));
    }
    if (ctx_.is_optional(event_field.type)) return "None";
    throw BackendLimitation(fmt::format("the python backend cannot fill field `{}` of event `{}` raised by `{}`", event_field.name,
                                        event.name, t.trigger));
  }

  // `, "shippedAt": now()` for a transition's `sets`. An optional argument left out leaves the
  // field as it was.
  std::string assignments(const ir::Transition& t) const {
    std::string out;
    for (const ir::Assignment& a : t.sets) {
      const std::string key = PyContext::string(m_.field(a.field).name);
      switch (a.source) {
        case ir::Assignment::Source::Now: out += fmt::format(", {}: now()", key); break;
        case ir::Assignment::Source::Null: out += fmt::format(", {}: None", key); break;
        case ir::Assignment::Source::Parameter: {
          const std::string argument = PyContext::string(m_.field(a.parameter).name);
          out += ctx_.is_optional(m_.field(a.parameter).type)
                     ? fmt::format(", **({{{}: args[{}]}} if {} in args else {{}})", key, argument, argument)
                     : fmt::format(", {}: args.get({})", key, argument);
          break;
        }
      }
    }
    return out;
  }

  std::string guard_check(ir::WorkflowId id, const ir::Transition& t) const {
    if (t.guard.empty()) return {};
    return fmt::format("if not guards.{}.{}(current, args):\n    message = {}\n    raise conflict(message)", ctx_.workflow_name(id),
                       ctx_.trigger_name(id, t.guard), PyContext::string(fmt::format("guard {} does not allow {}", t.guard, t.trigger)));
  }

  const PyContext& ctx_;
  const ir::Module& m_;
};

}  // namespace

void emit_workflows(const PyContext& ctx, OutputDirectory& out) {
  add_module(out, package_path(ctx, "workflows.py"), WorkflowWriter(ctx).write());
}

}  // namespace bpc::backends::python
