// src/<package>/api/<api>/{schemas,router,handlers}.py for every API, and the hand-written hooks:
// handlers/guards.py (workflow guards) and handlers/conditions.py (policy conditions).

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "backends/python/emitters.h"
#include "backends/support/naming.h"
#include "backends/support/routes.h"
#include "ir/list_query.h"

namespace bpc::backends::python {

namespace {

using Kind = ir::Operation::Kind;

const FileOptions kUserCode{FileKind::Generated, CommentSyntax::line("#")};

std::string docstring(std::string_view text) { return doc_comment(text, Target::Python); }

std::string roles(const ir::Module& m, const RoleSet& set) {
  if (set.every) return "\"*\"";
  std::vector<std::string> names;
  for (ir::RoleId r : set.roles) names.push_back(PyContext::string(m.roles[r.index].name));
  return PyContext::tuple(names);
}

// `Access(granted=(...), ...)` for an operation.
std::string access_rule(const ir::Module& m, const OperationAccess& access) {
  std::string out = fmt::format("Access(granted={}", roles(m, access.granted));
  const auto rules = [&](const std::vector<ConditionalRule>& list) {
    std::vector<std::string> items;
    for (const ConditionalRule& rule : list) {
      items.push_back(rule.condition.empty() ? fmt::format("ConditionalRule({})", roles(m, rule.roles))
                                             : fmt::format("ConditionalRule({}, {})", roles(m, rule.roles), PyContext::string(rule.condition)));
    }
    return PyContext::tuple(items);
  };
  if (!access.conditional_grants.empty()) out += fmt::format(", conditional_grants={}", rules(access.conditional_grants));
  if (!access.denials.empty()) out += fmt::format(", denials={}", rules(access.denials));
  return out + ")";
}

// `{"limit": "number", ...}`: how each parameter converts before validation.
std::string kinds(const PyContext& ctx, const std::vector<ir::FieldId>& fields) {
  std::vector<std::string> entries;
  for (ir::FieldId f : fields) {
    entries.push_back(fmt::format("{}: \"{}\"", PyContext::string(ctx.module().field(f).name),
                                  ctx.service().parameter_kind(ctx.module().field(f).type)));
  }
  return fmt::format("{{{}}}", fmt::join(entries, ", "));
}

class ApiWriter {
 public:
  ApiWriter(const PyContext& ctx, const ir::Api& api, ir::ApiId id) : ctx_(ctx), m_(ctx.module()), api_(api), id_(id) {}

  void write(OutputDirectory& out) {
    const std::string folder = package_path(ctx_, fmt::format("api/{}", ctx_.api_names(id_).module));
    out.add(folder + "/__init__.py", fmt::format("{}\n\"\"\"The {} API.\"\"\"\n", kGeneratedHeader, api_.name));
    add_module(out, folder + "/schemas.py", schemas());
    add_module(out, folder + "/handlers.py", handlers(), kUserCode);
    add_module(out, folder + "/router.py", router());
  }

 private:
  const ir::Operation& op(ir::OperationId id) const { return m_.operations[id.index]; }
  std::string entity_class(const ir::Operation& o, std::string_view suffix = {}) const {
    return "model." + (suffix.empty() ? ctx_.type_name("entity", o.entity.index) : ctx_.derived("entity", o.entity.index, suffix));
  }
  std::string descriptor(ir::EntityId e) const { return "model." + ctx_.derived("entity", e.index, "DESCRIPTOR"); }
  std::string path_class(ir::OperationId id) const { return ctx_.operation_class(id) + "Path"; }
  // What an operation takes besides its route parameters: creates and updates (and uploads,
  // checked as updates) the entity's classes in model.py, others their `...Input` in schemas.py.
  std::string input_class(ir::OperationId id) const {
    const ir::Operation& o = op(id);
    if (o.kind == Kind::Create) return entity_class(o, "Create");
    if (o.kind == Kind::Update || o.kind == Kind::Upload) return entity_class(o, "Update");
    return "schemas." + ctx_.operation_class(id) + "Input";
  }
  std::string result_adapter(ir::OperationId id) const { return ctx_.operation_class(id) + "Result"; }

  void parameter_class(Printer& p, const std::string& name, std::string_view doc, const std::vector<ir::FieldId>& fields) {
    p.print(R"(


      class $name$(BaseModel):
          $doc$

          model_config = ConfigDict($config$)
    )", {{"name", name}, {"config", model_config(ctx_, fields)}, {"doc", docstring(doc)}});
    if (!fields.empty()) p.print("\n");
    for (ir::FieldId f : fields) {
      const ir::Field& field = m_.field(f);
      const std::string type = ctx_.annotation(field.type, &*field.constraints, EntityForm::Id, "model.");
      std::string value;
      if (const ir::Value* d = ctx_.service().default_of(field)) {
        const std::string literal = ctx_.literal(*d, field.type, "model.");
        value = literal == "[]" ? "Field(default_factory=list)" : literal == "{}" ? "Field(default_factory=dict)" : literal;
        const ir::Type& resolved = ctx_.base(field.type);
        if (resolved.kind == ir::Type::Kind::Scalar && resolved.scalar == ir::Scalar::DateTime) {
          value = fmt::format("Field(default={}, validate_default=True)", literal);  // held in UTC like input
        }
        if (literal != "[]" && literal != "{}" &&
            (resolved.kind == ir::Type::Kind::List || resolved.kind == ir::Type::Kind::Map || resolved.kind == ir::Type::Kind::Struct)) {
          value = fmt::format("Field(default={})", literal);  // Pydantic copies it for each instance
        }
      } else if (ctx_.is_optional(field.type)) {
        value = "None";
      }
      const std::string& identifier = ctx_.field_name(f);
      std::string line = identifier == field.name
                             ? fmt::format("{}: {}", identifier, type)
                             : fmt::format("{}: Annotated[{}, Field(alias={})]", identifier, type, PyContext::string(field.name));
      if (!value.empty()) line += " = " + value;
      p.print("    $line$\n", {{"line", line}});
    }
  }

  std::string schemas() {
    Printer body;
    for (ir::OperationId id : api_.operations) {
      const ir::Operation& o = op(id);
      auto [path, rest] = ctx_.service().split_parameters(id);
      const std::string route = fmt::format("{} {}", ir::http_method_name(o.method), ctx_.service().full_path(id));
      // Operations bpc writes whole need no class for what they do not take (routes.py's
      // NoParameters refuses anything given); a hand-written one's function takes both.
      const bool custom = o.kind == Kind::Custom;
      if (custom || !path.empty()) parameter_class(body, path_class(id), fmt::format("The route parameters of {}.", route), path);
      if (o.kind != Kind::Create && o.kind != Kind::Update && o.kind != Kind::Upload && (custom || !rest.empty())) {
        const bool query = !method_has_body(o.method);
        parameter_class(body, ctx_.operation_class(id) + "Input",
                        fmt::format("The {} of {}.", query ? "query parameters" : "JSON body", route), rest);
      }
      if (o.kind == Kind::Custom && !o.result.is_none()) {
        const std::string type = ctx_.annotation(o.result, nullptr, EntityForm::Record, "model.");
        body.print(R"(


          # What $name$ answers.
          $adapter$: TypeAdapter[$type$] = TypeAdapter($type$)
        )", {{"name", o.name}, {"adapter", result_adapter(id)}, {"type", type}});
      }
    }
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """What each operation of $api$ takes: its route parameters (`...Path`) and its query string or
      JSON body (`...Input`; creates and updates take the entity's classes in model.py), and what its
      hand-written operations answer (`...Result`)."""

      from __future__ import annotations
    )", {{"api", api_.name}});
    Imports imports;
    add_annotation_imports(imports, ctx_)
        .from(Imports::Section::ThirdParty, "pydantic", {"BaseModel", "ConfigDict", "TypeAdapter"})
        .from(Imports::Section::FirstParty, ctx_.package(), {"model"})
        .keep_used(used);
    return assemble_module(p.take_output(), imports.render(), code);
  }

  std::string handlers() {
    Printer body;
    for (ir::OperationId id : api_.operations) {
      const ir::Operation& o = op(id);
      if (o.kind != Kind::Custom) continue;
      const std::string key = fmt::format("{}.{}", api_.name, o.name);
      const std::string result = o.result.is_none() ? "None" : ctx_.annotation(o.result, nullptr, EntityForm::Record, "model.");
      body.print(R"(


        def $name$(path: schemas.$path$, args: $input$, context: OperationContext) -> $result$:
            $doc$
            # bpc:begin-user-code $key$
            raise not_implemented($wire$)
            # bpc:end-user-code $key$
      )", {{"name", ctx_.operation_name(id)}, {"path", path_class(id)}, {"input", input_class(id)}, {"result", result},
           {"doc", docstring(o.doc->empty() ? fmt::format("{} {}.", ir::http_method_name(o.method), ctx_.service().full_path(id)) : *o.doc)},
           {"key", key}, {"wire", PyContext::string(o.name)}});
    }
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The custom operations of $api$, written by hand inside the user-code regions.

      Each is a function of the operation's route parameters, its query or body and the context (the
      caller, the store and the events to raise), and answers the operation's result. bpc keeps what
      is between the markers when it regenerates this file; until an operation is written it answers
      501 Not Implemented.
      """

      from __future__ import annotations
    )", {{"api", api_.name}});
    Imports imports;
    add_annotation_imports(imports, ctx_)
        .from(Imports::Section::FirstParty, ctx_.package(), {"model"})
        .from(Imports::Section::FirstParty, ctx_.module_path("api." + ctx_.api_names(id_).module), {"schemas"})
        .from(Imports::Section::FirstParty, ctx_.module_path("runtime.problem"), {"HttpProblem", "not_implemented"})
        .from(Imports::Section::FirstParty, ctx_.module_path("runtime.services"), {"OperationContext"})
        .keep_used(used);
    if (code.empty()) return assemble_module(p.take_output(), imports.render(), fmt::format("# {} has no custom operations.\n", api_.name));
    // Exported, so the import stays used once every operation is written.
    return assemble_module(p.take_output(), imports.render(), "__all__ = [\"not_implemented\"]\n" + code);
  }

  std::string router() {
    std::string rows;
    for (ir::OperationId id : ctx_.service().route_order(id_)) rows += row(id);
    Printer body;
    body.print(R"(


      # Every operation in the order its route must be tried (literal segments first, a path's
      # routes together): what it is, who may call it, what it takes and what it does.
      OPERATIONS: tuple[Operation, ...] = (
          $rows$
      )


      @cache
      def $router$() -> APIRouter:
          """The routes of $api$, made once: they serve every application of the process (each
          request finds its application's services in the application's state)."""
          return router_for(model.ENTITIES, OPERATIONS, prefix=$prefix$, hidden=$hidden$)
    )", {{"rows", rows}, {"router", ctx_.api_names(id_).router}, {"api", api_.name},
         {"prefix", PyContext::string(ctx_.service().route_prefix(id_))},
         {"hidden", ctx_.service().any_hidden() ? "True" : "False"}});
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The routes of $api$ (served under $base$), as rows the runtime serves (runtime/routes.py)."""

      from __future__ import annotations
    )", {{"api", api_.name}, {"base", api_.base_path.empty() ? "/" : api_.base_path}});
    using Section = Imports::Section;
    Imports imports;
    imports.from(Section::Standard, "functools", {"cache"})
        .from(Section::ThirdParty, "fastapi", {"APIRouter"})
        .from(Section::FirstParty, ctx_.package(), {"model", "workflows"})
        .from(Section::FirstParty, ctx_.module_path("api." + ctx_.api_names(id_).module), {"handlers", "schemas"})
        .from(Section::FirstParty, ctx_.module_path("runtime.access"), {"Access", "ConditionalRule"})
        .from(Section::FirstParty, ctx_.module_path("runtime.routes"),
              {"RECORD", "Create", "Custom", "Delete", "Download", "Emit", "Fixed", "Get", "List", "Loaded", "Operation", "Related",
               "Restore", "Transition", "Update", "Upload", "router_for"})
        .keep_used(used);
    return assemble_module(p.take_output(), imports.render(), code);
  }

  // The row class of an operation's kind (runtime/routes.py).
  static std::string_view row_class(Kind kind) {
    switch (kind) {
      case Kind::List: return "List";
      case Kind::Related: return "Related";
      case Kind::Get: return "Get";
      case Kind::Create: return "Create";
      case Kind::Update: return "Update";
      case Kind::Delete: return "Delete";
      case Kind::Transition: return "Transition";
      case Kind::Custom: return "Custom";
      case Kind::Restore: return "Restore";
      case Kind::Download: return "Download";
      case Kind::Upload: return "Upload";
    }
    return "Custom";
  }

  // One row of OPERATIONS: `Get("getPatient", "GET", "/patients/{id}", access=..., ...),`.
  std::string row(ir::OperationId id) {
    const ir::Operation& o = op(id);
    auto [path, rest] = ctx_.service().split_parameters(id);
    const bool custom = o.kind == Kind::Custom;
    std::vector<std::string> args{PyContext::string(o.name), fmt::format("\"{}\"", ir::http_method_name(o.method)), PyContext::string(o.path)};
    const auto arg = [&](std::string_view name, const std::string& value) { args.push_back(fmt::format("{}={}", name, value)); };
    if (ctx_.service().secured()) arg("access", access_rule(m_, ctx_.service().access(id)));
    if (!custom) arg("entity", descriptor(o.entity));
    if (!path.empty() || custom) {
      arg("path_model", "schemas." + path_class(id));
      if (!path.empty()) arg("path_kinds", kinds(ctx_, path));
    }
    const bool entity_input = o.kind == Kind::Create || o.kind == Kind::Update || o.kind == Kind::Upload;
    if (entity_input || !rest.empty() || custom) arg("given", input_class(id));
    if (!entity_input && !method_has_body(o.method) && !rest.empty()) arg("given_kinds", kinds(ctx_, rest));
    switch (o.kind) {
      case Kind::List: list_arguments(o, arg); break;
      case Kind::Related: related_arguments(o, arg); break;
      case Kind::Create:
        if (const std::vector<std::string> assigned = assigned_fields(o); !assigned.empty()) {
          arg("assigned", fmt::format("{{{}}}", fmt::join(assigned, ", ")));
        }
        break;
      case Kind::Transition: {
        const ir::Workflow& w = m_.workflows[o.workflow.index];
        arg("trigger", fmt::format("workflows.{}.{}", ctx_.workflow_name(o.workflow),
                                   ctx_.trigger_name(o.workflow, w.transitions[o.transition].trigger)));
        break;
      }
      case Kind::Download:
      case Kind::Upload: arg("file_field", PyContext::string(m_.field(o.via).name)); break;
      case Kind::Custom:
        arg("handler", "handlers." + ctx_.operation_name(id));
        if (!o.result.is_none()) arg("result", "schemas." + result_adapter(id));
        break;
      default: break;
    }
    const int status = static_cast<int>(ctx_.service().success(id));
    const int usual = o.kind == Kind::Create ? 201 : 200;
    if ((o.kind == Kind::Create || custom) && status != usual) arg("status", std::to_string(status));
    if (const std::string emits = declared_events(id); !emits.empty()) arg("emits", emits);
    return fmt::format("{}({}),\n", row_class(o.kind), fmt::join(args, ", "));
  }

  // A list's filters (`(field, operator, parameter)`) and searched fields (ir/list_query.h).
  template <typename Arg>
  void list_arguments(const ir::Operation& o, const Arg& arg) const {
    const service::EntityFacts& facts = ctx_.service().entity(o.entity);
    std::vector<std::string> entries;
    for (ir::FieldId f : facts.filters) {
      const std::string name = PyContext::string(m_.field(f).name);
      entries.push_back(fmt::format("({}, \"{}\", {})", name, ir::list_role(m_, f).any_of ? "in" : "eq", name));
    }
    for (ir::FieldId f : facts.ranges) {
      const std::string& name = m_.field(f).name;
      for (ir::RangeBound bound : ir::kRangeBounds) {
        entries.push_back(fmt::format("({}, \"{}\", {})", PyContext::string(name), ir::range_bound_name(bound),
                                      PyContext::string(ir::range_parameter(name, bound))));
      }
    }
    if (!entries.empty()) arg("filters", PyContext::tuple(entries));
    std::vector<std::string> fields;
    for (ir::FieldId f : facts.searchable) fields.push_back(PyContext::string(m_.field(f).name));
    if (!fields.empty()) arg("search", PyContext::tuple(fields));
  }

  // `GET /customers/{id}/orders`: the owner, and how its records are found.
  template <typename Arg>
  void related_arguments(const ir::Operation& o, const Arg& arg) const {
    const ir::Field& via = m_.field(o.via);
    const ir::Relation& relation = m_.relations[via.relation.index];
    arg("owner", descriptor(ir::EntityId{via.owner.index}));
    if (relation.field == o.via) {
      arg("owned", PyContext::string(via.name));  // the ids are in the owner's record
    } else {
      arg("referring", fmt::format("({}, \"{}\")", PyContext::string(m_.field(relation.field).name), relation.many ? "has" : "eq"));
    }
  }

  // What a create fills itself (`"field": how` entries): generated values, the caller's tenant or
  // subject, a soft-delete field's None, a workflow's initial state.
  std::vector<std::string> assigned_fields(const ir::Operation& o) const {
    std::vector<std::string> assigned;
    for (ir::FieldId f : ctx_.service().stored_fields(o.entity)) {
      const ir::Field& field = m_.field(f);
      const std::string key = PyContext::string(field.name);
      if (field.constraints->generated) {
        assigned.push_back(fmt::format("{}: \"{}\"", key, generated_value(f)));
      } else if (field.constraints->deleted_at) {
        assigned.push_back(fmt::format("{}: \"null\"", key));
      } else if (field.constraints->tenant || field.constraints->owner) {
        assigned.push_back(fmt::format("{}: \"{}\"", key, field.constraints->tenant ? "tenant" : "subject"));
      } else if (ctx_.service().is_workflow_state(f)) {
        const ir::Workflow* workflow = ctx_.service().workflow_of(o.entity);
        assigned.push_back(fmt::format("{}: Fixed({})", key,
                                       PyContext::string(ir::wire_name(m_.enums[workflow->states.index].values[workflow->initial]))));
      }
    }
    return assigned;
  }

  std::string_view generated_value(ir::FieldId f) const {
    if (const auto how = ctx_.service().generated_value(f)) {
      switch (*how) {
        case service::GeneratedValue::RandomUuid: return "uuid";
        case service::GeneratedValue::NextInteger: return "next";
        case service::GeneratedValue::Now: return "now";
      }
    }
    const ir::Field& field = m_.field(f);
    throw BackendLimitation(fmt::format("the python backend cannot generate values for `{}` of type {}", field.name,
                                        ir::type_name(m_, field.type)));
  }

  // `(Emit("OrderPlaced", {"order": RECORD, ...}),)` for the events the action declares (`create
  // emits OrderPlaced`): a field of the entity's type holds the record, one with the name and type
  // of a stored field of the entity its value (a reference loaded as the record it names, from the
  // whole store), any other None. Empty when it declares none.
  std::string declared_events(ir::OperationId id) const {
    const ir::Operation& o = op(id);
    std::vector<std::string> emits;
    for (ir::EventId e : ctx_.service().emits(id)) {
      const ir::Event& event = m_.events[e.index];
      std::vector<std::string> fields;
      for (ir::FieldId f : event.fields) {
        const ir::Field& event_field = m_.field(f);
        std::string value = "None";
        const ir::Type& shape = ctx_.base(event_field.type);
        if (shape.kind == ir::Type::Kind::Entity && shape.declaration == o.entity.index) {
          value = "RECORD";
        } else {
          for (ir::FieldId g : ctx_.service().stored_fields(o.entity)) {
            const ir::Field& source = m_.field(g);
            if (source.name != event_field.name || source.type != event_field.type) continue;
            value = shape.kind == ir::Type::Kind::Entity
                        ? fmt::format("Loaded({}, {})", PyContext::string(source.name), descriptor(ir::EntityId{shape.declaration}))
                        : PyContext::string(source.name);
          }
        }
        fields.push_back(fmt::format("{}: {}", PyContext::string(event_field.name), value));
      }
      emits.push_back(fmt::format("Emit({}, {{{}}})", PyContext::string(event.name), fmt::join(fields, ", ")));
    }
    return emits.empty() ? std::string() : PyContext::tuple(emits);
  }

  const PyContext& ctx_;
  const ir::Module& m_;
  const ir::Api& api_;
  ir::ApiId id_;
};

// handlers/guards.py: one function per workflow guard, the body a user-code region.
std::string workflow_guards(const PyContext& ctx) {
  const ir::Module& m = ctx.module();
  Printer p(python_printer());
  print_generated_header(p);
  p.print(R"(
    """Workflow guards, written by hand inside the user-code regions.

    A guard decides from the record and the trigger's arguments whether a transition may happen.
    Until written, a guard allows it.
    """

    from __future__ import annotations
  )");
  const std::string head = p.take_output();
  for (std::uint32_t i = 0; i < m.workflows.size(); ++i) {
    const ir::Workflow& w = m.workflows[i];
    if (w.guards.empty()) continue;
    p.print(R"(


      class $name$:
          """The guards of workflow $wire$ (on $entity$)."""
    )", {{"name", ctx.workflow_name(ir::WorkflowId{i})}, {"wire", w.name}, {"entity", m.entity(w.entity).name}});
    for (const std::string& guard : w.guards) {
      const IndentScope indent(p);  // a method of the workflow's class
      p.print(R"(

            @staticmethod
            def $guard$(record: Row, args: Row) -> bool:
                """Whether the transition guarded by `$wire$` may happen."""
                # bpc:begin-user-code $key$
                return True
                # bpc:end-user-code $key$
      )", {{"guard", ctx.trigger_name(ir::WorkflowId{i}, guard)}, {"wire", guard}, {"key", fmt::format("{}.guards.{}", w.name, guard)}});
    }
  }
  const std::string code = p.take_output();
  Imports imports;
  imports.from(Imports::Section::FirstParty, ctx.module_path("runtime.store"), {"Row"}).keep_used(PyContext::identifiers_in(code));
  return assemble_module(head, imports.render(), code.empty() ? "# The blueprint's workflows have no guards.\n" : code);
}

// handlers/conditions.py: policy conditions (`when NAME`), in user-code regions.
std::string policy_conditions(const PyContext& ctx) {
  const ir::Module& m = ctx.module();
  std::vector<std::string> names;
  for (const ir::Policy& policy : m.policies) {
    for (const ir::PolicyRule& rule : policy.rules) {
      if (!rule.guard.empty() && std::find(names.begin(), names.end(), rule.guard) == names.end()) names.push_back(rule.guard);
    }
  }
  Namer namer(Target::Python);
  static constexpr std::string_view kModuleIdentifiers[] = {"CONDITIONS", "AccessRequest", "Condition", "annotations"};
  namer.define("conditions", names, Case::Snake, NameKind::Value, kModuleIdentifiers);
  Printer p;
  print_generated_header(p);
  p.print(R"(
    """Policy conditions (`allow Role to action when NAME`), written by hand inside the user-code regions.

    A condition answers whether its rule applies to a request. Until written it answers None, which
    fails closed: its allow rules do not apply and its deny rules do.
    """

    from __future__ import annotations
  )");
  const std::string head = p.take_output();
  if (names.empty()) p.print("# The blueprint's policies name no conditions.\n");
  for (const std::string& name : names) {
    p.print(R"(


      def $name$(request: AccessRequest) -> bool | None:
          """Whether rules `when $wire$` apply to this request."""
          # bpc:begin-user-code conditions.$wire$
          return None
          # bpc:end-user-code conditions.$wire$
    )", {{"name", namer.get("conditions", name)}, {"wire", name}});
  }
  p.print(R"(


    # Every condition, by the name the policies use.
    CONDITIONS: dict[str, Condition] = {
        $entries$
    }
  )", {{"entries", [&] {
         for (const std::string& name : names) {
           p.print("$wire$: $name$,\n", {{"wire", PyContext::string(name)}, {"name", namer.get("conditions", name)}});
         }
       }}});
  const std::string code = p.take_output();
  Imports imports;
  imports.from(Imports::Section::FirstParty, ctx.module_path("runtime.access"), {"AccessRequest", "Condition"})
      .keep_used(PyContext::identifiers_in(code));
  return assemble_module(head, imports.render(), code);
}

}  // namespace

void emit_apis(const PyContext& ctx, OutputDirectory& out) {
  for (std::uint32_t i = 0; i < ctx.module().apis.size(); ++i) {
    ApiWriter(ctx, ctx.module().apis[i], ir::ApiId{i}).write(out);
  }
  out.add(package_path(ctx, "api/__init__.py"), fmt::format("{}\n\"\"\"The APIs of the blueprint, one package each.\"\"\"\n", kGeneratedHeader));
  out.add(package_path(ctx, "handlers/__init__.py"),
          fmt::format("{}\n\"\"\"Code written by hand: workflow guards and policy conditions.\"\"\"\n", kGeneratedHeader));
  add_module(out, package_path(ctx, "handlers/guards.py"), workflow_guards(ctx), kUserCode);
  add_module(out, package_path(ctx, "handlers/conditions.py"), policy_conditions(ctx), kUserCode);
  emit_event_handlers(ctx, out);
}

}  // namespace bpc::backends::python
