// src/api.cpp: every operation of every API as a row the runtime serves (bpc/runtime/service.h),
// in the order its routes must be tried, each workflow trigger as data, and `make_settings()`;
// include/<ns>/service.h declares it. include/<ns>/handlers.h and src/handlers.cpp: the
// functions written by hand — custom operations (501 until written), policy conditions (fail
// closed until written) and workflow guards (allow until written) — each body a user-code region.

#include <set>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "backends/cpp/emitters.h"
#include "backends/support/routes.h"
#include "ir/list_query.h"

namespace bpc::backends::cpp {

namespace {

using Kind = ir::Operation::Kind;

class ApiWriter {
 public:
  explicit ApiWriter(const CppContext& ctx) : ctx_(ctx), m_(ctx.module()), s_(ctx.service()) {}

  void write(OutputDirectory& out) {
    std::string rows;
    for (std::uint32_t a = 0; a < m_.apis.size(); ++a) {
      for (ir::OperationId id : s_.route_order(ir::ApiId{a})) rows += row(id);
    }
    std::string entities;
    for (std::uint32_t i = 0; i < m_.entities.size(); ++i) {
      entities += fmt::format("      &descriptors::{},\n", ctx_.global(to_snake_case(m_.entities[i].name) + "_entity"));
    }
    std::string conditions;
    for (const auto& [condition, function] : ctx_.conditions()) {
      conditions += fmt::format("      {{{}, handlers::{}}},\n", CppContext::string(condition), function);
    }
    std::string guards;
    for (std::uint32_t w = 0; w < m_.workflows.size(); ++w) {
      for (const std::string& guard : m_.workflows[w].guards) {
        guards += fmt::format("      {{{}, handlers::{}}},\n", CppContext::string(m_.workflows[w].name + "." + guard),
                              ctx_.guard_name(ir::WorkflowId{w}, guard));
      }
    }
    std::string event_handlers = this->event_handlers();
    std::string documents;
    for (std::uint32_t a = 0; a < m_.apis.size(); ++a) {
      documents += fmt::format("      {{{}, openapi_document({})}},\n", CppContext::string(m_.apis[a].name), a);
    }
    std::string source = std::string(kGeneratedHeader) + fmt::format(R"(// The operations of every API as rows the runtime serves (bpc/runtime/service.h), in the order
// their routes must be tried: literal segments before placeholders, a path's routes together.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "{dir}/descriptors.h"
#include "{dir}/handlers.h"
#include "{dir}/service.h"

namespace {0}::routes {{

namespace {{

using bpc::runtime::Access;
using bpc::runtime::Assignment;
using bpc::runtime::ConditionalRule;
using bpc::runtime::Emit;
using bpc::runtime::EventValue;
using bpc::runtime::Filter;
using bpc::runtime::Json;
using bpc::runtime::OnDelete;
using bpc::runtime::Operation;
using bpc::runtime::Operator;
using bpc::runtime::ParameterKind;
using bpc::runtime::Reference;
using bpc::runtime::RoleSet;
using bpc::runtime::TransitionRule;
using bpc::runtime::Trigger;
{1}
}}  // namespace

}}  // namespace {0}::routes

namespace {0} {{

bpc::runtime::ServiceSettings make_settings() {{
  using namespace routes;  // NOLINT(google-build-using-namespace): the rows' names
  bpc::runtime::ServiceSettings settings;
  settings.entities = {2};
  settings.openapi = {3};
  settings.conditions = {4};
  settings.guards = {5};
{6}{8}  return settings;
}}

}}  // namespace {0}
)",
                                                                     ctx_.ns(), triggers_, CppContext::braced_lines(entities, "  "),
                                                                     CppContext::braced_lines(documents, "  "), CppContext::braced_lines(conditions, "  "),
                                                                     CppContext::braced_lines(guards, "  "), rows,
                                                                     "", event_handlers, fmt::arg("dir", ctx_.include_dir()));
    out.add("src/api.cpp", std::move(source));
    out.add(fmt::format("include/{}/service.h", ctx_.include_dir()),
            std::string(kGeneratedHeader) + fmt::format(R"(#pragma once

// The service of {1}: its settings (every operation's row, the entities, the OpenAPI documents,
// the hand-written conditions and guards) for bpc::runtime::Service, and its OpenAPI documents.

#include <cstddef>
#include <string>

#include "bpc/runtime/service.h"

namespace {0} {{

bpc::runtime::ServiceSettings make_settings();

// The OpenAPI document of API number `index` (in the blueprint's order), as the openapi target
// writes it.
std::string openapi_document(std::size_t index);

}}  // namespace {0}
)",
                                                        ctx_.ns(), m_.header.name.empty() ? "the blueprint" : m_.header.name));
    handlers(out);
  }

 private:
  std::string access(ir::OperationId id) const {
    if (!s_.secured()) return "";
    const OperationAccess& rule = s_.access(id);
    const auto roles = [&](const backends::RoleSet& set) {
      std::vector<std::string> names;
      for (ir::RoleId role : set.roles) names.push_back(CppContext::string(m_.roles[role.index].name));
      return fmt::format("RoleSet{{.every = {}, .roles = {{{}}}}}", set.every ? "true" : "false", fmt::join(names, ", "));
    };
    const auto rules = [&](const std::vector<backends::ConditionalRule>& list) {
      std::vector<std::string> items;
      for (const backends::ConditionalRule& r : list) {
        items.push_back(fmt::format("ConditionalRule{{{}, {}}}", roles(r.roles), CppContext::string(r.condition)));
      }
      return fmt::format("{{{}}}", fmt::join(items, ", "));
    };
    return fmt::format("      .access = Access{{.granted = {}, .conditional_grants = {}, .denials = {}}},\n", roles(rule.granted),
                       rules(rule.conditional_grants), rules(rule.denials));
  }

  std::string kinds(const std::vector<ir::FieldId>& fields) const {
    std::vector<std::string> entries;
    for (ir::FieldId f : fields) entries.push_back(fmt::format("{{{}, {}}}", CppContext::string(m_.field(f).name), ctx_.parameter_kind(m_.field(f).type)));
    return fmt::format("{{{}}}", fmt::join(entries, ", "));
  }

  std::string entity_ref(ir::EntityId e) const {
    return "&descriptors::" + ctx_.global(to_snake_case(m_.entities[e.index].name) + "_entity");
  }

  std::string row(ir::OperationId id) {
    const ir::Operation& op = m_.operations[id.index];
    const auto [path, rest] = s_.split_parameters(id);
    const std::string& snake = ctx_.operation_stem(id);
    std::string fields;
    const auto field = [&](std::string_view name, const std::string& value) { fields += fmt::format("      .{} = {},\n", name, value); };
    field("kind", fmt::format("Operation::Kind::{}", kind_name(op.kind)));
    field("name", CppContext::string(op.name));
    field("method", fmt::format("\"{}\"", ir::http_method_name(op.method)));
    field("path", CppContext::string(s_.full_path(id)));
    fields += access(id);
    if (!op.entity.is_none()) field("entity", entity_ref(op.entity));
    if (!path.empty()) {
      field("path_type", "&descriptors::" + ctx_.global(snake + "_path"));
      const std::string& first = m_.field(path.front()).name;
      if (op.kind != Kind::List && op.kind != Kind::Create && op.kind != Kind::Custom && first != "id") {
        field("id_parameter", CppContext::string(first));
      }
      field("path_kinds", kinds(path));
    }
    const bool entity_body = op.kind == Kind::Create || op.kind == Kind::Update;
    const std::string entity_snake = op.entity.is_none() ? "" : to_snake_case(m_.entities[op.entity.index].name);
    if (op.kind == Kind::Create) field("input", "&descriptors::" + ctx_.global(entity_snake + "_create"));
    else if (op.kind == Kind::Update) field("input", "&descriptors::" + ctx_.global(entity_snake + "_update"));
    else if (!rest.empty() || op.kind == Kind::Upload) field("input", "&descriptors::" + ctx_.global(snake + "_input"));
    if (op.kind == Kind::Upload || op.kind == Kind::Download) field("file_field", CppContext::string(m_.field(op.via).name));
    if (!entity_body && !method_has_body(op.method) && !rest.empty()) field("input_kinds", kinds(rest));
    switch (op.kind) {
      case Kind::Create:
        if (const std::string assigned = assigned_fields(op); !assigned.empty()) field("assigned", assigned);
        break;
      case Kind::List: list_arguments(op, field); break;
      case Kind::Related: related_arguments(op, field); break;
      case Kind::Custom: field("handler", "handlers::" + ctx_.operation_name(id)); break;
      case Kind::Transition: field("trigger", "&" + trigger(op)); break;
      default: break;
    }
    if (const std::string emits = declared_events(id); !emits.empty()) field("emits", emits);
    field("success", std::to_string(static_cast<int>(s_.success(id))));
    return fmt::format("  settings.operations.push_back(Operation{{\n{}  }});\n", fields);
  }

  static std::string_view kind_name(Kind kind) {
    switch (kind) {
      case Kind::List: return "List";
      case Kind::Get: return "Get";
      case Kind::Create: return "Create";
      case Kind::Update: return "Update";
      case Kind::Delete: return "Delete";
      case Kind::Transition: return "Transition";
      case Kind::Related: return "Related";
      case Kind::Custom: return "Custom";
      case Kind::Restore: return "Restore";
      case Kind::Download: return "Download";
      case Kind::Upload: return "Upload";
    }
    throw std::logic_error("unknown operation kind");
  }

  template <typename Field>
  void list_arguments(const ir::Operation& op, const Field& field) const {
    const service::EntityFacts& facts = s_.entity(op.entity);
    std::vector<std::string> filters;
    for (ir::FieldId f : facts.filters) {
      const std::string name = CppContext::string(m_.field(f).name);
      filters.push_back(fmt::format("Filter{{{}, Operator::{}, {}}}", name, ir::list_role(m_, f).any_of ? "AnyOf" : "Equal", name));
    }
    for (ir::FieldId f : facts.ranges) {
      const std::string& name = m_.field(f).name;
      for (ir::RangeBound bound : ir::kRangeBounds) {
        const char* op_name = bound == ir::RangeBound::AtLeast ? "AtLeast"
                              : bound == ir::RangeBound::Above ? "Above"
                              : bound == ir::RangeBound::AtMost ? "AtMost"
                                                                : "Below";
        filters.push_back(fmt::format("Filter{{{}, Operator::{}, {}}}", CppContext::string(ir::range_parameter(name, bound)), op_name,
                                      CppContext::string(name)));
      }
    }
    if (!filters.empty()) field("filters", fmt::format("{{{}}}", fmt::join(filters, ", ")));
    std::vector<std::string> search;
    for (ir::FieldId f : facts.searchable) search.push_back(CppContext::string(m_.field(f).name));
    if (!search.empty()) field("search", fmt::format("{{{}}}", fmt::join(search, ", ")));
  }

  template <typename Field>
  void related_arguments(const ir::Operation& op, const Field& field) const {
    const ir::Field& via = m_.field(op.via);
    const ir::Relation& relation = m_.relations[via.relation.index];
    field("owner", entity_ref(ir::EntityId{via.owner.index}));
    if (relation.field == op.via) {
      field("owned", CppContext::string(via.name));
    } else {
      field("referring", CppContext::string(m_.field(relation.field).name));
      if (relation.many) field("referring_many", "true");
    }
  }

  // Values a create fills besides the generated fields and the scope fields (the runtime's): a
  // workflow's initial state.
  std::string assigned_fields(const ir::Operation& op) const {
    std::vector<std::string> assigned;
    for (ir::FieldId f : s_.stored_fields(op.entity)) {
      const ir::Field& field = m_.field(f);
      if (s_.is_workflow_state(f)) {
        const ir::Workflow* workflow = s_.workflow_of(op.entity);
        assigned.push_back(fmt::format("{{{}, Json({})}}", CppContext::string(field.name),
                                       CppContext::string(ir::wire_name(m_.enums[workflow->states.index].values[workflow->initial]))));
      }
    }
    return assigned.empty() ? "" : fmt::format("{{{}}}", fmt::join(assigned, ", "));
  }

  // The declared events of a create, update or delete: a member of the entity's type holds the
  // record, one with the name and type of a stored field its value (a reference loaded as the
  // record it names), any other null.
  std::string declared_events(ir::OperationId id) const {
    const ir::Operation& op = m_.operations[id.index];
    std::vector<std::string> emits;
    for (ir::EventId e : s_.emits(id)) {
      const ir::Event& event = m_.events[e.index];
      std::vector<std::string> members;
      for (ir::FieldId f : event.fields) {
        const ir::Field& event_field = m_.field(f);
        std::string value = "EventValue{.kind = EventValue::Kind::Null}";
        const ir::Type& shape = s_.base(event_field.type);
        if (shape.kind == ir::Type::Kind::Entity && shape.declaration == op.entity.index) {
          value = "EventValue{.kind = EventValue::Kind::Record}";
        } else {
          for (ir::FieldId g : s_.stored_fields(op.entity)) {
            const ir::Field& source = m_.field(g);
            if (source.name != event_field.name || source.type != event_field.type) continue;
            value = event_value("Field", source.name, shape);
          }
        }
        members.push_back(fmt::format("{{{}, {}}}", CppContext::string(event_field.name), value));
      }
      emits.push_back(fmt::format("Emit{{{}, {{{}}}}}", CppContext::string(event.name), fmt::join(members, ", ")));
    }
    return emits.empty() ? "" : fmt::format("{{{}}}", fmt::join(emits, ", "));
  }

  std::string event_value(std::string_view kind, const std::string& field, const ir::Type& shape) const {
    if (shape.kind != ir::Type::Kind::Entity) {
      return fmt::format("EventValue{{.kind = EventValue::Kind::{}, .field = {}}}", kind, CppContext::string(field));
    }
    return fmt::format("EventValue{{.kind = EventValue::Kind::{}, .field = {}, .loaded = {}}}", kind, CppContext::string(field),
                       entity_ref(ir::EntityId{shape.declaration}));
  }

  // The name of the trigger's data in api.cpp, defining it the first time.
  std::string trigger(const ir::Operation& op) {
    return trigger(op.workflow, m_.workflows[op.workflow.index].transitions[op.transition].trigger);
  }

  std::string trigger(ir::WorkflowId workflow, const std::string& name) {
    const ir::Workflow& w = m_.workflows[workflow.index];
    const std::string key = fmt::format("{}.{}", workflow.index, name);
    if (const auto it = trigger_names_.find(key); it != trigger_names_.end()) return it->second;
    const std::string variable = fmt::format("trigger_{}", trigger_names_.size());
    trigger_names_[key] = variable;
    const ir::Enum& states = m_.enums[w.states.index];
    std::vector<std::string> rules;
    const std::vector<std::uint32_t>& indices = s_.transitions_with_trigger(workflow, name);
    for (std::uint32_t index : indices) {
      const ir::Transition& t = w.transitions[index];
      std::vector<std::string> from;
      for (std::uint32_t f : t.from) from.push_back(CppContext::string(ir::wire_name(states.values[f])));
      std::vector<std::string> sets;
      for (const ir::Assignment& a : t.sets) {
        const std::string field = CppContext::string(m_.field(a.field).name);
        switch (a.source) {
          case ir::Assignment::Source::Now: sets.push_back(fmt::format("Assignment{{.field = {}, .source = Assignment::Source::Now}}", field)); break;
          case ir::Assignment::Source::Null: sets.push_back(fmt::format("Assignment{{.field = {}, .source = Assignment::Source::Null}}", field)); break;
          case ir::Assignment::Source::Parameter:
            sets.push_back(fmt::format("Assignment{{.field = {}, .source = Assignment::Source::Argument, .argument = {}, .optional_argument = {}}}",
                                       field, CppContext::string(m_.field(a.parameter).name),
                                       s_.is_optional(m_.field(a.parameter).type) ? "true" : "false"));
            break;
        }
      }
      std::vector<std::string> emits;
      for (ir::EventId e : t.emits) emits.push_back(transition_event(m_.events[e.index], t, w));
      rules.push_back(fmt::format("TransitionRule{{.from = {{{}}}, .to = {}, .guard = {}, .sets = {{{}}}, .emits = {{{}}}}}",
                                  fmt::join(from, ", "), CppContext::string(ir::wire_name(states.values[t.to])),
                                  CppContext::string(t.guard.empty() ? "" : w.name + "." + t.guard), fmt::join(sets, ", "),
                                  fmt::join(emits, ", ")));
    }
    std::vector<std::string> references;
    for (ir::FieldId f : w.transitions[indices.front()].parameters) {
      const ir::EntityId target = s_.referenced_entity(f);
      if (target.is_none()) continue;
      references.push_back(fmt::format("Reference{{{}, {}, {}, OnDelete::Restrict}}", CppContext::string(m_.field(f).name),
                                       CppContext::string(m_.entity(target).name), s_.is_reference_list(f) ? "true" : "false"));
    }
    triggers_ += fmt::format(R"(
// `{1}` of workflow {2}.
const Trigger {0}{{
    .workflow = {3},
    .name = {4},
    .state_field = {5},
    .rules = {{{6}}},
    .argument_references = {{{7}}},
}};
)",
                             variable, name, w.name, CppContext::string(w.name),
                             CppContext::string(name), CppContext::string(m_.field(w.state_field).name), fmt::join(rules, ", "),
                             fmt::join(references, ", "));
    return variable;
  }

  // `settings.handlers` and `settings.trigger_handlers`: every `handler ... on Event`.
  std::string event_handlers() {
    std::string out;
    for (std::uint32_t e = 0; e < m_.events.size(); ++e) {
      const ir::Event& event = m_.events[e];
      for (std::uint32_t h = 0; h < event.handlers.size(); ++h) {
        const ir::Handler& handler = event.handlers[h];
        if (handler.trigger.empty()) {
          out += fmt::format("  settings.handlers.emplace_back({}, handlers::{});\n", CppContext::string(event.name), ctx_.handler_name(e, h));
          continue;
        }
        out += trigger_handler(event, handler);
      }
    }
    return out;
  }

  std::string trigger_handler(const ir::Event& event, const ir::Handler& handler) {
    const ir::Field& first = m_.field(handler.path.front());
    ir::EntityId current{s_.base(first.type).declaration};
    std::vector<std::string> steps;
    for (std::size_t i = 1; i < handler.path.size(); ++i) {
      const ir::Field& step = m_.field(handler.path[i]);
      steps.push_back(fmt::format("{{{}, {}}}", entity_ref(current), CppContext::string(step.name)));
      current = ir::EntityId{s_.base(step.type).declaration};
    }
    const ir::Workflow& w = m_.workflows[handler.workflow.index];
    const ir::Transition& transition = w.transitions[s_.transitions_with_trigger(handler.workflow, handler.trigger).front()];
    std::vector<std::string> arguments;
    for (ir::FieldId parameter : transition.parameters) {
      const ir::Field& param = m_.field(parameter);
      for (ir::FieldId f : event.fields) {
        const ir::Field& field = m_.field(f);
        if (field.name != param.name || field.type != param.type) continue;
        const ir::Type& shape = s_.base(field.type);
        const std::string id_field = shape.kind == ir::Type::Kind::Entity ? m_.field(m_.entity(ir::EntityId{shape.declaration}).id_field).name : "";
        arguments.push_back(fmt::format("{{{}, {}, {}}}", CppContext::string(param.name), CppContext::string(field.name), CppContext::string(id_field)));
      }
    }
    return fmt::format(R"(  settings.trigger_handlers.push_back(bpc::runtime::TriggerHandler{{
      .event = {},
      .trigger = &{},
      .target = {},
      .start = {},
      .start_id = {},
      .steps = {{{}}},
      .arguments = {{{}}},
  }});
)",
                       CppContext::string(event.name), trigger(handler.workflow, handler.trigger), entity_ref(w.entity),
                       CppContext::string(first.name),
                       CppContext::string(m_.field(m_.entity(ir::EntityId{s_.base(first.type).declaration}).id_field).name),
                       fmt::join(steps, ", "), fmt::join(arguments, ", "));
  }

  // An event field's value when a transition raises the event: the record itself, else a trigger
  // argument, else a field of the record, with the same name and type; else null.
  std::string transition_event(const ir::Event& event, const ir::Transition& t, const ir::Workflow& w) const {
    std::vector<std::string> members;
    for (ir::FieldId f : event.fields) {
      const ir::Field& event_field = m_.field(f);
      const ir::Type& shape = s_.base(event_field.type);
      std::string value = "EventValue{.kind = EventValue::Kind::Null}";
      if (shape.kind == ir::Type::Kind::Entity && shape.declaration == w.entity.index) {
        value = "EventValue{.kind = EventValue::Kind::Record}";
      } else {
        bool found = false;
        for (ir::FieldId p : t.parameters) {
          if (m_.field(p).name == event_field.name && m_.field(p).type == event_field.type) {
            value = event_value("Argument", m_.field(p).name, shape);
            found = true;
          }
        }
        for (ir::FieldId g : s_.stored_fields(w.entity)) {
          if (!found && m_.field(g).name == event_field.name && m_.field(g).type == event_field.type) {
            value = event_value("Field", m_.field(g).name, shape);
          }
        }
      }
      members.push_back(fmt::format("{{{}, {}}}", CppContext::string(event_field.name), value));
    }
    return fmt::format("Emit{{{}, {{{}}}}}", CppContext::string(event.name), fmt::join(members, ", "));
  }

  void handlers(OutputDirectory& out) const {
    std::string declarations;
    std::string definitions;
    // A region is named by its operation, and by its API too when an earlier API has an operation
    // of that name (each API of a TypeScript or Python project has a handlers file of its own): a
    // second API never moves the code written for the first.
    std::set<std::string_view> custom_named;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& op = m_.operations[i];
      if (op.kind != Kind::Custom) continue;
      const std::string region = custom_named.insert(op.name).second ? op.name : fmt::format("{}.{}", m_.apis[op.api.index].name, op.name);
      const std::string& function = ctx_.operation_name(ir::OperationId{i});
      const std::string summary = fmt::format("`{}`: {} {}", op.name, ir::http_method_name(op.method), s_.full_path(ir::OperationId{i}));
      declarations += fmt::format("\n{}std::optional<Json> {}(bpc::runtime::Call& call);\n", comment(summary, *op.doc), function);
      definitions += fmt::format(R"(
std::optional<Json> {0}(bpc::runtime::Call& call) {{
  // bpc:begin-user-code handlers.{1}
  (void)call;
  throw bpc::runtime::not_implemented({2});
  // bpc:end-user-code handlers.{1}
}}
)",
                                 function, region, CppContext::string(op.name));
    }
    for (const auto& [condition, function] : ctx_.conditions()) {
      declarations += fmt::format("\n{}std::optional<bool> {}(const bpc::runtime::AccessRequest& request);\n",
                                  comment(fmt::format("Policy condition `{}`: whether the rule applies to the request.", condition), ""), function);
      definitions += fmt::format(R"(
std::optional<bool> {0}(const bpc::runtime::AccessRequest& request) {{
  // bpc:begin-user-code conditions.{1}
  (void)request;
  return std::nullopt;  // not written yet: the rule's allow does not apply, its deny does
  // bpc:end-user-code conditions.{1}
}}
)",
                                 function, condition);
    }
    for (std::uint32_t w = 0; w < m_.workflows.size(); ++w) {
      for (const std::string& guard : m_.workflows[w].guards) {
        const std::string& function = ctx_.guard_name(ir::WorkflowId{w}, guard);
        declarations += fmt::format("\n{}std::optional<bool> {}(const bpc::runtime::GuardRequest& request);\n",
                                    comment(fmt::format("Guard `{}` of workflow {}: whether the transition may happen.", guard, m_.workflows[w].name), ""),
                                    function);
        definitions += fmt::format(R"(
std::optional<bool> {0}(const bpc::runtime::GuardRequest& request) {{
  // bpc:begin-user-code guards.{1}.{2}
  (void)request;
  return std::nullopt;  // not written yet: the transition is allowed
  // bpc:end-user-code guards.{1}.{2}
}}
)",
                                   function, m_.workflows[w].name, guard);
      }
    }
    for (std::uint32_t e = 0; e < m_.events.size(); ++e) {
      for (std::uint32_t h = 0; h < m_.events[e].handlers.size(); ++h) {
        const ir::Handler& handler = m_.events[e].handlers[h];
        if (!handler.trigger.empty()) continue;
        const std::string& function = ctx_.handler_name(e, h);
        declarations += fmt::format("\n{}void {}(const bpc::runtime::Event& event, bpc::runtime::HandlerCall& call);\n",
                                    comment(fmt::format("Handler `{}` of event {}: runs after each is delivered.", handler.name, m_.events[e].name),
                                            handler.doc),
                                    function);
        definitions += fmt::format(R"(
void {0}(const bpc::runtime::Event& event, bpc::runtime::HandlerCall& call) {{
  // bpc:begin-user-code events.{1}.{2}
  (void)event;
  (void)call;  // not written yet: does nothing
  // bpc:end-user-code events.{1}.{2}
}}
)",
                                   function, m_.events[e].name, handler.name);
      }
    }
    out.add(fmt::format("include/{}/handlers.h", ctx_.include_dir()), std::string(kGeneratedHeader) + fmt::format(R"(#pragma once

// The functions written by hand, in src/handlers.cpp: custom operations (501 until written),
// policy conditions (fail closed until written) and workflow guards (allow until written).

#include <optional>

#include "bpc/runtime/access.h"
#include "bpc/runtime/service.h"

namespace {0}::handlers {{

using Json = bpc::runtime::Json;
{1}
}}  // namespace {0}::handlers
)",
                                                                                                            ctx_.ns(), declarations));
    out.add("src/handlers.cpp", std::string(kGeneratedHeader) + fmt::format(R"(// Write each function's body between its bpc:begin-user-code and bpc:end-user-code lines;
// `bpc build` keeps it. `call.input` and `call.path` are checked against the operation's
// descriptors; `call.store` is inside the request's transaction; events pushed to `call.events`
// are delivered after it commits.

#include "{dir}/handlers.h"

#include "bpc/runtime/problem.h"

namespace {0}::handlers {{
{1}
}}  // namespace {0}::handlers
)",
                                                                                ctx_.ns(), definitions, fmt::arg("dir", ctx_.include_dir())),
            FileOptions{.kind = FileKind::Generated, .user_code = CommentSyntax::line("//")});
  }

  static std::string comment(const std::string& summary, const std::string& text) {
    const std::string body = text.empty() ? summary : summary + "\n\n" + text;
    std::string out = doc_comment(body, Target::Cpp);
    return out.empty() ? "" : out + "\n";
  }

  const CppContext& ctx_;
  const ir::Module& m_;
  const service::ServiceModel& s_;
  std::map<std::string, std::string> trigger_names_;
  std::string triggers_;
};

}  // namespace

void emit_api(const CppContext& ctx, OutputDirectory& out) { ApiWriter(ctx).write(out); }

}  // namespace bpc::backends::cpp
