// src/workflows.ts: each workflow's transitions, one function per trigger, shared by the API
// routes that serve the trigger and the event handlers that fire it (`handler h on E triggers t
// on ...`). A function runs inside its caller's transaction: it reads the record, picks the
// transition from the record's state (409 from a state without one), checks the guard (409) and
// the arguments that name records (409), writes the state and the `sets` fields, and raises the
// transition's events and the record's `updated` event.

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backends/support/naming.h"
#include "backends/support/printer.h"
#include "backends/typescript/emitters.h"

namespace bpc::backends::typescript {

namespace {

// Whether an event field of a transition's event is filled from a trigger argument (language
// reference, section 9: the record first, then an argument of the same name and type).
bool filled_from_argument(const TsContext& ctx, const ir::Field& event_field, const ir::Transition& t, const ir::Workflow& w) {
  const ir::Type& type = ctx.base(event_field.type);
  if (type.kind == ir::Type::Kind::Entity && type.declaration == w.entity.index) return false;
  return std::any_of(t.parameters.begin(), t.parameters.end(), [&](ir::FieldId p) {
    return ctx.module().field(p).name == event_field.name && ctx.module().field(p).type == event_field.type;
  });
}

}  // namespace

bool trigger_reads_arguments(const TsContext& ctx, ir::WorkflowId workflow, const std::string& trigger) {
  const ir::Module& m = ctx.module();
  const ir::Workflow& w = m.workflows[workflow.index];
  const std::vector<std::uint32_t>& indices = ctx.service().transitions_with_trigger(workflow, trigger);
  for (ir::FieldId f : w.transitions[indices.front()].parameters) {
    if (!ctx.service().referenced_entity(f).is_none()) return true;  // checked to name records
  }
  for (std::uint32_t index : indices) {
    const ir::Transition& t = w.transitions[index];
    if (!t.guard.empty()) return true;
    for (const ir::Assignment& a : t.sets) {
      if (a.source == ir::Assignment::Source::Parameter) return true;
    }
    for (ir::EventId e : t.emits) {
      for (ir::FieldId f : m.events[e.index].fields) {
        if (filled_from_argument(ctx, m.field(f), t, w)) return true;
      }
    }
  }
  return false;
}

namespace {

class WorkflowWriter {
 public:
  explicit WorkflowWriter(const TsContext& ctx) : ctx_(ctx), m_(ctx.module()) {}

  std::string write() {
    (void)ctx_.take_helpers();
    Printer body;
    Printer schemas;
    for (std::uint32_t i = 0; i < m_.workflows.size(); ++i) workflow(body, schemas, ir::WorkflowId{i});
    const ZodHelpers helpers = ctx_.take_helpers();
    const bool any = !m_.workflows.empty();
    Printer p;
    print_generated_header(p);
    p.print(R"(
      // The transitions of each workflow, one function per trigger, shared by the API routes and the
      // event handlers that fire triggers. Each runs inside its caller's transaction on the record
      // with this id and returns the record after the transition: an unknown record is 404; a
      // trigger from a state without it, a guard's refusal and an argument naming no record are 409.
    )");
    if (!any) {
      p.print("export {};\n");
      return p.take_output();
    }
    p.print("import { z } from 'zod';\n\n");
    if (uses_guards_) p.print("import * as guards from './handlers/guards.js';\n");
    p.print("import * as model from './model.js';\n");
    std::vector<std::string_view> crud;
    if (uses_check_) crud.push_back("checkReferences");
    crud.push_back("getOrNotFound");
    if (uses_load_) crud.push_back("mustGet");
    crud.insert(crud.end(), {"present", "touch", "writing"});
    p.print("import { $names$ } from './runtime/crud.js';\n", {{"names", fmt::format("{}", fmt::join(crud, ", "))}});
    p.print("import type { PendingEvents } from './runtime/events.js';\n");
    p.print("import { conflict } from './runtime/problem.js';\n");
    if (uses_load_) p.print("import { unscoped } from './runtime/scope.js';\n");
    p.print("import type { Id, Store } from './runtime/store.js';\n");
    print_helper_imports(p, helpers, "./runtime");  // the helpers the argument schemas use
    p.print(R"(

      // The arguments of each trigger, by workflow: what its routes validate and its functions take.
      export const transitionArguments = {
        $schemas$
      };
    )", {{"schemas", schemas.take_output()}});
    return p.take_output() + body.take_output();
  }

 private:
  void workflow(Printer& body, Printer& schemas, ir::WorkflowId id) {
    const ir::Workflow& w = m_.workflows[id.index];
    if (w.entity.is_none() || w.state_field.is_none()) return;
    // Each trigger once, in the order of its first transition.
    std::vector<std::string> triggers;
    for (const ir::Transition& t : w.transitions) {
      if (std::find(triggers.begin(), triggers.end(), t.trigger) == triggers.end()) triggers.push_back(t.trigger);
    }
    const std::string name = ctx_.workflow_name(id);
    schemas.print("$name$: {\n", {{"name", TsContext::key(name)}});
    for (const std::string& trigger : triggers) {
      const ir::Transition& first = w.transitions[ctx_.service().transitions_with_trigger(id, trigger).front()];
      std::vector<std::string> members;
      for (ir::FieldId f : first.parameters) {
        members.push_back(fmt::format("{}: {}", TsContext::field_key(m_.field(f).name), ctx_.zod_field(f, EntityForm::Id, true, false, "model.")));
      }
      schemas.print("  $trigger$: z.strictObject({ $members$ }),\n",
                    {{"trigger", TsContext::key(trigger)}, {"members", fmt::format("{}", fmt::join(members, ", "))}});
    }
    schemas.print("},\n");
    body.print(R"(

      // The triggers of workflow $wire$ (on $entity_wire$).
      export const $name$ = {
        $functions$
      };
    )", {{"wire", w.name}, {"entity_wire", m_.entity(w.entity).name}, {"name", name}, {"functions", [&] {
            for (const std::string& trigger : triggers) function(body, id, trigger);
          }}});
  }

  void function(Printer& p, ir::WorkflowId id, const std::string& trigger) {
    const ir::Workflow& w = m_.workflows[id.index];
    const ir::Enum& states = m_.enums[w.states.index];
    const std::vector<std::uint32_t>& indices = ctx_.service().transitions_with_trigger(id, trigger);
    const ir::Transition& first = w.transitions[indices.front()];
    const std::string type = "model." + ctx_.type_name("entity", w.entity.index);
    const std::string entity = "model." + ctx_.derived("entity", w.entity.index, "Entity");
    const std::string state = TsContext::field_member("current", m_.field(w.state_field).name);
    const std::string arguments_type = fmt::format("z.output<(typeof transitionArguments){}{}>",
                                                   index_type(ctx_.workflow_name(id)), index_type(trigger));
    p.print(R"(
      $key$(store: Store, events: PendingEvents<model.EventMap>, id: Id$input$): $type$ {
        const repository = store.repository<$type$>($entity$);
        const current = getOrNotFound(repository, $entity$, id);
        $check_arguments$
        let updated: $type$;
        switch ($state$) {
          $cases$
          default:
            throw conflict($illegal$ + $state$);
        }
        writing(() => {
          repository.replace(updated);
        });
        events.raise($updated_event$, present($entity$, updated));
        return updated;
      },
    )", {{"key", TsContext::key(trigger)},
         {"input", trigger_reads_arguments(ctx_, id, trigger) ? ", input: " + arguments_type : std::string()}, {"type", type}, {"entity", entity}, {"check_arguments", argument_references(first)},
         {"state", state}, {"illegal", TsContext::string(fmt::format("illegal transition: {} is not allowed from state ", trigger))},
         {"updated_event", TsContext::string(ctx_.service().record_event(w.entity, service::RecordChange::Updated))},
         {"cases", [&] {
            for (std::uint32_t index : indices) {
              const ir::Transition& t = w.transitions[index];
              std::vector<std::string> labels;
              for (std::uint32_t from : t.from) labels.push_back(fmt::format("case {}:", TsContext::string(ir::wire_name(states.values[from]))));
              p.print(R"(
                $labels$ {
                  $guard$
                  updated = touch($entity$, { ...current, $field$: $to$$sets$ });
                  $emits$
                  break;
                }
              )", {{"labels", fmt::format("{}", fmt::join(labels, " "))}, {"guard", guard_check(id, t)}, {"entity", entity},
                   {"field", TsContext::field_key(m_.field(w.state_field).name)}, {"to", TsContext::string(ir::wire_name(states.values[t.to]))},
                   {"sets", assignments(t)},
                   {"emits", [&] {
                      for (ir::EventId e : t.emits) {
                        std::vector<std::string> fields;
                        for (ir::FieldId f : m_.events[e.index].fields) {
                          fields.push_back(fmt::format("{}: {}", TsContext::field_key(m_.field(f).name), payload_value(m_.field(f), t, w, m_.events[e.index])));
                        }
                        p.print("events.raise($name$, { $fields$ });\n",
                                {{"name", TsContext::string(m_.events[e.index].name)}, {"fields", fmt::format("{}", fmt::join(fields, ", "))}});
                      }
                    }}});
            }
          }}});
  }

  // `['name']` in a type: an indexed access that works for every key, `__proto__` included.
  static std::string index_type(std::string_view key) { return fmt::format("[{}]", TsContext::string(key)); }

  // `checkReferences(...)` over the trigger's arguments that name records (409 when one does not
  // exist), or "" when none does.
  std::string argument_references(const ir::Transition& t) {
    std::vector<std::string> references;
    for (ir::FieldId f : t.parameters) {
      const ir::EntityId target = ctx_.service().referenced_entity(f);
      if (target.is_none()) continue;
      references.push_back(fmt::format("{{ field: {}, target: {} }}", TsContext::string(TsContext::property(m_.field(f).name)),
                                       TsContext::string(m_.entity(target).name)));
    }
    if (references.empty()) return {};
    uses_check_ = true;
    return fmt::format("checkReferences(store, model.entities, [{}], input);", fmt::join(references, ", "));
  }

  enum class PayloadSource : std::uint8_t { Record, Argument, Field, Null, None };

  // Where an event field's value comes from when a transition raises the event (language
  // reference, section 9): the record itself, else a trigger argument, else a field of the record,
  // with the same name and type; else null for an optional field.
  PayloadSource payload_source(const ir::Field& event_field, const ir::Transition& t, const ir::Workflow& w,
                               const ir::Field** source = nullptr) const {
    const ir::Type& type = ctx_.base(event_field.type);
    if (type.kind == ir::Type::Kind::Entity && type.declaration == w.entity.index) return PayloadSource::Record;
    for (ir::FieldId param : t.parameters) {
      if (m_.field(param).name == event_field.name && m_.field(param).type == event_field.type) {
        if (source != nullptr) *source = &m_.field(param);
        return PayloadSource::Argument;
      }
    }
    for (ir::FieldId f : ctx_.service().stored_fields(w.entity)) {
      if (m_.field(f).name == event_field.name && m_.field(f).type == event_field.type) {
        if (source != nullptr) *source = &m_.field(f);
        return PayloadSource::Field;
      }
    }
    return ctx_.is_optional(event_field.type) ? PayloadSource::Null : PayloadSource::None;
  }

  // An event field's value when a transition raises the event; an entity-typed value is loaded as
  // a whole record.
  std::string payload_value(const ir::Field& event_field, const ir::Transition& t, const ir::Workflow& w,
                            const ir::Event& event) {
    const ir::Field* field = nullptr;
    const PayloadSource source = payload_source(event_field, t, w, &field);
    if (source == PayloadSource::Record) return fmt::format("present(model.{}, updated)", ctx_.derived("entity", w.entity.index, "Entity"));
    if (source == PayloadSource::Null) return "null";
    if (source == PayloadSource::None) {
      throw BackendLimitation(fmt::format("the typescript backend cannot fill field `{}` of event `{}` raised by `{}`",
                                           event_field.name, event.name, t.trigger));
    }
    const std::string value = TsContext::field_member(source == PayloadSource::Argument ? "input" : "updated", field->name);
    if (ctx_.base(event_field.type).kind == ir::Type::Kind::Entity) uses_load_ = true;
    return ctx_.payload_member(event_field.type, *field, value);
  }

  // `, shippedAt: new Date().toISOString(), trackingCode: input.trackingCode` for a transition's
  // `sets`, else "". An optional parameter left out leaves the field as it was.
  std::string assignments(const ir::Transition& t) const {
    std::string out;
    for (const ir::Assignment& a : t.sets) {
      const std::string key = TsContext::field_key(m_.field(a.field).name);
      switch (a.source) {
        case ir::Assignment::Source::Now: out += fmt::format(", {}: new Date().toISOString()", key); break;
        case ir::Assignment::Source::Null: out += fmt::format(", {}: null", key); break;
        case ir::Assignment::Source::Parameter: {
          const std::string argument = TsContext::field_member("input", m_.field(a.parameter).name);
          out += ctx_.service().is_optional(m_.field(a.parameter).type)
                     ? fmt::format(", ...({} === undefined ? {{}} : {{ {}: {} }})", argument, key, argument)
                     : fmt::format(", {}: {}", key, argument);
          break;
        }
      }
    }
    return out;
  }

  // `if (!guard(current, input)) throw conflict(...)` for a guarded transition, else "".
  std::string guard_check(ir::WorkflowId id, const ir::Transition& t) {
    if (t.guard.empty()) return {};
    uses_guards_ = true;
    return fmt::format("if (!{}(current, input)) throw conflict({});",
                       TsContext::member("guards." + ctx_.workflow_name(id), t.guard),
                       TsContext::string(fmt::format("guard {} does not allow {}", t.guard, t.trigger)));
  }

  const TsContext& ctx_;
  const ir::Module& m_;
  bool uses_guards_ = false;
  bool uses_check_ = false;
  bool uses_load_ = false;
};

}  // namespace

void emit_workflows(const TsContext& ctx, OutputDirectory& out) { out.add("src/workflows.ts", WorkflowWriter(ctx).write()); }

}  // namespace bpc::backends::typescript
