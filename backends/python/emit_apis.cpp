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
  if (names.size() == 1) return fmt::format("({},)", names.front());
  return fmt::format("({})", fmt::join(names, ", "));
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
    return items.size() == 1 ? fmt::format("({},)", items.front()) : fmt::format("({})", fmt::join(items, ", "));
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
  std::string input_class(ir::OperationId id) const {
    const ir::Operation& o = op(id);
    if (o.kind == Kind::Create) return entity_class(o, "Create");
    if (o.kind == Kind::Update) return entity_class(o, "Update");
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
      parameter_class(body, path_class(id), fmt::format("The route parameters of {}.", route), path);
      if (o.kind != Kind::Create && o.kind != Kind::Update) {
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
    imports.module(Imports::Section::Standard, "datetime as dt")
        .from(Imports::Section::Standard, "typing", {"Annotated"})
        .from(Imports::Section::ThirdParty, "pydantic", {"AwareDatetime", "BaseModel", "ConfigDict", "Field", "JsonValue", "TypeAdapter"})
        .from(Imports::Section::FirstParty, ctx_.package(), {"model"})
        .from(Imports::Section::FirstParty, ctx_.module_path("runtime"), {"checks"})
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
    imports.module(Imports::Section::Standard, "datetime as dt")
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
    Printer body;
    std::vector<std::string> access;
    for (ir::OperationId id : api_.operations) {
      access.push_back(fmt::format("{}: {},", PyContext::string(op(id).name), access_rule(m_, ctx_.service().access(id))));
    }
    body.print(R"(


      # Who may call each operation, from the blueprint's policies and `by` clauses.
      ACCESS: dict[str, Access] = {
          $access$
      }


      def $router$(services: Services) -> APIRouter:
          """The routes of $api$, in the order they must be tried (literal segments first)."""
          router = APIRouter()
          $store$
          $routes$

          return router
    )", {{"access", fmt::format("{}", fmt::join(access, "\n"))}, {"router", ctx_.api_names(id_).router}, {"api", api_.name},
         // With scoped or soft-deleted entities each route makes its own view of the store.
         {"store", ctx_.service().any_hidden() ? "" : "store = services.store"},
         {"routes", [&] {
            const std::vector<ir::OperationId>& order = ctx_.service().route_order(id_);
            for (std::size_t i = 0; i < order.size(); ++i) {
              route(body, order[i]);
              // Routes of one path are adjacent: after the last, the path's other methods are 405
              // here, before a later route with a placeholder (`/patients/{id}`) can take them.
              if (i + 1 == order.size() || op(order[i + 1]).path != op(order[i]).path) not_allowed(body, order, i);
            }
          }}});
    const std::string code = body.take_output();
    const auto used = PyContext::identifiers_in(code);
    Printer p;
    print_generated_header(p);
    p.print(R"(
      """The routes of $api$ (served under $base$)."""

      from __future__ import annotations
    )", {{"api", api_.name}, {"base", api_.base_path.empty() ? "/" : api_.base_path}});
    using Section = Imports::Section;
    Imports imports;
    imports.module(Section::Standard, "uuid")
        .from(Section::ThirdParty, "fastapi", {"APIRouter", "Request", "Response"})
        .from(Section::FirstParty, ctx_.package(), {"model", "workflows"})
        .from(Section::FirstParty, ctx_.module_path("api." + ctx_.api_names(id_).module), {"handlers", "schemas"})
        .from(Section::FirstParty, ctx_.module_path("runtime.access"), {"Access", "ConditionalRule"})
        .module(Section::Standard, "base64")
        .module(Section::Standard, "json")
        .from(Section::FirstParty, ctx_.module_path("runtime.crud"),
              {"check_references", "delete_record", "get_or_not_found", "merged", "must_get", "present", "restore_record", "touch",
               "writing"})
        .from(Section::FirstParty, ctx_.module_path("runtime.scope"), {"ScopedStore", "claim_for", "unscoped"})
        .from(Section::FirstParty, ctx_.module_path("runtime.upload"), {"bytes_response", "read_upload"})
        .from(Section::FirstParty, ctx_.module_path("runtime.events"), {"PendingEvents", "now"})
        .from(Section::FirstParty, ctx_.module_path("runtime.http"),
              {"arguments", "authorize", "check_result", "id_of", "in_thread", "json_response", "read_body", "read_parameters",
               "require_json", "validate", "wire"})
        .from(Section::FirstParty, ctx_.module_path("runtime.problem"), {"method_not_allowed"})
        .from(Section::FirstParty, ctx_.module_path("runtime.query"), {"ListQuery", "conditions", "search_for", "sort_order"})
        .from(Section::FirstParty, ctx_.module_path("runtime.services"), {"OperationContext", "Services"})
        .from(Section::FirstParty, ctx_.module_path("runtime.store"), {"Row"})
        .keep_used(used);
    return assemble_module(p.take_output(), imports.render(), code);
  }

  // One route: access, validation, the operation's work in a thread, the answer.
  void route(Printer& p, ir::OperationId id) {
    const ir::Operation& o = op(id);
    auto [path, rest] = ctx_.service().split_parameters(id);
    const std::string method = lowercase_method(o.method);
    const std::vector<std::string> placeholders = route_placeholders(o.path);
    const std::string record_placeholder =
        placeholders.empty() ? "" : fmt::format(", request.path_params.get({})", PyContext::string(placeholders.front()));
    // An upload's body is the multipart file (runtime/upload.py), not JSON.
    const bool upload = o.kind == Kind::Upload;
    const bool body = method_has_body(o.method) && !upload;
    const bool reads_input = o.kind != Kind::Get && o.kind != Kind::Delete && o.kind != Kind::Restore && o.kind != Kind::Download;
    // With scoped or soft-deleted entities every route works on the store as its caller sees it
    // (runtime/scope.py); a restore sees the deleted records too.
    const bool hidden = ctx_.service().any_hidden();
    const bool reads_principal = o.kind == Kind::Custom || hidden;
    std::string authorize_call;
    if (ctx_.service().secured()) {
      authorize_call = fmt::format("{}authorize(request, services.verifier, ACCESS[{}], {}, services.conditions{})",
                                   reads_principal ? "principal = " : "", PyContext::string(o.name), PyContext::string(o.name),
                                   record_placeholder);
    } else if (reads_principal) {
      authorize_call = "principal = None";
    }
    if (hidden) {
      authorize_call += fmt::format("\nstore = ScopedStore(services.store, principal{})", o.kind == Kind::Restore ? ", deleted=True" : "");
    }
    p.print(R"(

      @router.$method$($route$)
      async def $name$(request: Request) -> Response:
          $doc$
          $authorize$
          $require_json$
          $path_binding$read_parameters(schemas.$path_class$, request.path_params.items(), $path_kinds$, "path")
          $input$
          $work$
    )", {{"method", method}, {"route", PyContext::string(o.path)}, {"name", ctx_.operation_name(id)},
         {"doc", docstring(fmt::format("{} {}", ir::http_method_name(o.method), ctx_.service().full_path(id)))},
         {"authorize", authorize_call},
         {"require_json", body ? "require_json(request)" : ""},
         {"path_binding", path.empty() ? "" : "path = "}, {"path_class", path_class(id)}, {"path_kinds", kinds(ctx_, path)},
         {"input", [&] {
            const std::string binding = reads_input ? "query = " : "";
            if (upload) {
              p.print("data = await read_upload(request)\n");
            } else if (body) {
              // Creates and updates need a body; other operations read a missing one as `{}`.
              const bool required = o.kind == Kind::Create || o.kind == Kind::Update;
              p.print("$binding$read_body($class$, await request.body()$required$)\n",
                      {{"binding", reads_input ? "body = " : ""}, {"class", input_class(id)}, {"required", required ? ", required=True" : ""}});
            } else {
              p.print("$binding$read_parameters($class$, request.query_params.multi_items(), $kinds$, \"query\")\n",
                      {{"binding", binding}, {"class", input_class(id)}, {"kinds", kinds(ctx_, rest)}});
            }
          }},
         {"work", [&] { work(p, id, path); }}});
  }

  // A route answering 405 for the methods the operations of order[last]'s path do not serve
  // (order[first..last], adjacent in route order), naming those they do in `Allow`.
  void not_allowed(Printer& p, const std::vector<ir::OperationId>& order, std::size_t last) {
    std::size_t first = last;
    while (first > 0 && op(order[first - 1]).path == op(order[last]).path) --first;
    std::vector<std::string> served;
    for (std::size_t i = first; i <= last; ++i) {
      const std::string method(ir::http_method_name(op(order[i]).method));
      if (std::find(served.begin(), served.end(), method) == served.end()) served.push_back(method);
    }
    std::vector<std::string> others;
    for (std::string_view method : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
      if (std::find(served.begin(), served.end(), method) == served.end()) others.push_back(PyContext::string(method));
    }
    if (others.empty()) return;
    p.print(R"(

      @router.api_route($route$, methods=[$others$])
      async def _not_allowed_$n$() -> Response:
          served = $served$
          raise method_not_allowed(served)
    )", {{"route", PyContext::string(op(order[last]).path)}, {"others", fmt::format("{}", fmt::join(others, ", "))},
         {"n", ++not_allowed_count_}, {"served", PyContext::string(fmt::format("{}", fmt::join(served, ", ")))}});
  }

  std::string record_id(const std::vector<ir::FieldId>& path) const {
    return fmt::format("id_of(wire(path), {})", PyContext::string(m_.field(path.front()).name));
  }

  void work(Printer& p, ir::OperationId id, const std::vector<ir::FieldId>& path) {
    const ir::Operation& o = op(id);
    switch (o.kind) {
      case Kind::List: return list(p, o);
      case Kind::Related: return related(p, o, path);
      case Kind::Get:
        p.print(R"(
          record_id = $id$
          record = await in_thread(lambda: get_or_not_found(store.repository($entity$), $entity$, record_id))
          return json_response(present($entity$, record))
        )", {{"id", record_id(path)}, {"entity", descriptor(o.entity)}});
        return;
      case Kind::Create: return create(p, id);
      case Kind::Update:
        p.print(R"(
          record_id = $id$
          changes = wire(body, partial=True)
          events = PendingEvents(services.bus)

          def work() -> Row:
              repository = store.repository($entity$)
              current = get_or_not_found(repository, $entity$, record_id)
              updated = touch($entity$, merged(current, changes))
              check_references(store, model.ENTITIES, $entity$.references, updated)
              with writing():
                  repository.replace(updated)
              events.raise_event($updated_event$, updated)
              $declared$
              return updated

          record = await in_thread(lambda: store.transaction(work))
          events.publish_all()
          return json_response(present($entity$, record))
        )", {{"id", record_id(path)}, {"entity", descriptor(o.entity)},
             {"updated_event", PyContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Updated))},
             {"declared", declared_events(id, "updated")}});
        return;
      case Kind::Delete:
        p.print(R"(
          record_id = $id$
          events = PendingEvents(services.bus)

          def work() -> None:
              # Every record the delete removes raises its entity's `deleted` event.
              removed = delete_record(store, model.ENTITIES, $entity$, record_id)
              for each in removed:
                  events.raise_event(each.entity + ".deleted", each.record)
              $declared$

          await in_thread(lambda: store.transaction(work))
          events.publish_all()
          return Response(status_code=204)
        )", {{"id", record_id(path)}, {"entity", descriptor(o.entity)},
             {"declared", ctx_.service().emits(id).empty()
                              ? std::string()
                              : "deleted = removed[0].record  # the addressed record comes first\n" + declared_events(id, "deleted")}});
        return;
      case Kind::Transition: {
        const ir::Workflow& w = m_.workflows[o.workflow.index];
        const std::string& trigger = w.transitions[o.transition].trigger;
        p.print(R"(
          record_id = $id$
          given = arguments(body)
          events = PendingEvents(services.bus)
          record = await in_thread(
              lambda: store.transaction(lambda: workflows.$workflow$.$trigger$(store, events, record_id, given))
          )
          events.publish_all()
          return json_response(present($entity$, record))
        )", {{"id", record_id(path)}, {"workflow", ctx_.workflow_name(o.workflow)}, {"trigger", ctx_.trigger_name(o.workflow, trigger)},
             {"entity", descriptor(o.entity)}});
        return;
      }
      case Kind::Custom: return custom(p, id, path);
      case Kind::Restore:
        p.print(R"(
          record_id = $id$
          events = PendingEvents(services.bus)

          def work() -> Row:
              restored = restore_record(store.repository($entity$), $entity$, record_id)
              events.raise_event($updated_event$, restored)
              return restored

          record = await in_thread(lambda: store.transaction(work))
          events.publish_all()
          return json_response(present($entity$, record))
        )", {{"id", record_id(path)}, {"entity", descriptor(o.entity)},
             {"updated_event", PyContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Updated))}});
        return;
      case Kind::Download:
        p.print(R"(
          record_id = $id$
          record = await in_thread(lambda: get_or_not_found(store.repository($entity$), $entity$, record_id))
          return bytes_response(record.get($field$))
        )", {{"id", record_id(path)}, {"entity", descriptor(o.entity)}, {"field", PyContext::string(m_.field(o.via).name)}});
        return;
      case Kind::Upload:
        // The field's constraints (`@maxLength`) apply through the entity's update model.
        p.print(R"(
          record_id = $id$
          changes = wire(validate($update$, json.dumps({$key$: base64.b64encode(data).decode()}), "body"), partial=True)
          events = PendingEvents(services.bus)

          def work() -> Row:
              repository = store.repository($entity$)
              current = get_or_not_found(repository, $entity$, record_id)
              updated = touch($entity$, merged(current, changes))
              with writing():
                  repository.replace(updated)
              events.raise_event($updated_event$, updated)
              return updated

          record = await in_thread(lambda: store.transaction(work))
          events.publish_all()
          return json_response(present($entity$, record))
        )", {{"id", record_id(path)}, {"entity", descriptor(o.entity)}, {"update", entity_class(o, "Update")},
             {"key", PyContext::string(m_.field(o.via).name)},
             {"updated_event", PyContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Updated))}});
        return;
    }
  }

  // A list route: the conditions, search and order of its query (ir/list_query.h).
  void list(Printer& p, const ir::Operation& o) {
    const service::EntityFacts& facts = ctx_.service().entity(o.entity);
    const auto input_of = [](std::string_view parameter) { return fmt::format("given.get({})", PyContext::string(parameter)); };
    std::vector<std::string> entries;
    for (ir::FieldId f : facts.filters) {
      const std::string& name = m_.field(f).name;
      entries.push_back(fmt::format("({}, \"{}\", {})", PyContext::string(name), ir::list_role(m_, f).any_of ? "in" : "eq", input_of(name)));
    }
    for (ir::FieldId f : facts.ranges) {
      const std::string& name = m_.field(f).name;
      for (ir::RangeBound bound : ir::kRangeBounds) {
        entries.push_back(fmt::format("({}, \"{}\", {})", PyContext::string(name), ir::range_bound_name(bound),
                                      input_of(ir::range_parameter(name, bound))));
      }
    }
    std::string search = "None";
    if (!facts.searchable.empty()) {
      std::vector<std::string> fields;
      for (ir::FieldId f : facts.searchable) fields.push_back(PyContext::string(m_.field(f).name));
      search = fmt::format("search_for([{}], {})", fmt::join(fields, ", "), input_of(ir::kSearchParameter));
    }
    p.print(R"(
      given = wire(query)
      page_query = ListQuery(
          where=conditions([$entries$]),
          search=$search$,
          order=sort_order(given.get("sort")),
          limit=query.limit,
          offset=query.offset,
      )
      page = await in_thread(lambda: store.repository($entity$).list(page_query))
      return json_response({"items": [present($entity$, r) for r in page.items], "total": page.total})
    )", {{"entries", fmt::format("{}", fmt::join(entries, ", "))}, {"search", search}, {"entity", descriptor(o.entity)}});
  }

  // `GET /customers/{id}/orders`: 404 unless the owner exists, then a page of the related records.
  void related(Printer& p, const ir::Operation& o, const std::vector<ir::FieldId>& path) {
    const ir::Field& via = m_.field(o.via);
    const ir::EntityId owner{via.owner.index};
    const ir::Relation& relation = m_.relations[via.relation.index];
    const bool owned = relation.field == o.via;  // the ids are in the owner's record
    std::string condition;
    if (owned) {
      condition = fmt::format("({}, \"in\", owner.get({}) or [])", PyContext::string(m_.field(m_.entity(o.entity).id_field).name),
                              PyContext::string(via.name));
    } else {
      condition = fmt::format("({}, \"{}\", record_id)", PyContext::string(m_.field(relation.field).name), relation.many ? "has" : "eq");
    }
    p.print(R"(
      record_id = $id$

      def work() -> tuple[list[Row], int]:
          $keep$get_or_not_found(store.repository($owner$), $owner$, record_id)
          page = store.repository($entity$).list(
              ListQuery(where=conditions([$condition$]), limit=query.limit, offset=query.offset)
          )
          return page.items, page.total

      items, total = await in_thread(work)
      return json_response({"items": [present($entity$, r) for r in items], "total": total})
    )", {{"id", record_id(path)}, {"keep", owned ? "owner = " : ""}, {"owner", descriptor(owner)}, {"entity", descriptor(o.entity)},
         {"condition", condition}});
  }

  std::string generated_value(ir::FieldId f) const {
    if (const auto how = ctx_.service().generated_value(f)) {
      switch (*how) {
        case service::GeneratedValue::RandomUuid: return "str(uuid.uuid4())";
        case service::GeneratedValue::NextInteger: return "repository.next_id()";
        case service::GeneratedValue::Now: return "now()";
      }
    }
    const ir::Field& field = m_.field(f);
    throw BackendLimitation(fmt::format("the python backend cannot generate values for `{}` of type {}", field.name,
                                        ir::type_name(m_, field.type)));
  }

  void create(Printer& p, ir::OperationId id) {
    const ir::Operation& o = op(id);
    std::vector<std::string> assigned;
    for (ir::FieldId f : ctx_.service().stored_fields(o.entity)) {
      const ir::Field& field = m_.field(f);
      const std::string key = PyContext::string(field.name);
      if (field.constraints->generated) {
        assigned.push_back(fmt::format("{}: {}", key, generated_value(f)));
      } else if (field.constraints->deleted_at) {
        assigned.push_back(fmt::format("{}: None", key));
      } else if (field.constraints->tenant || field.constraints->owner) {
        // The caller's claim, of the kind the descriptor declares for the field.
        assigned.push_back(fmt::format("{}: claim_for({}, principal, \"{}\")", key, descriptor(o.entity),
                                       field.constraints->tenant ? "tenant" : "subject"));
      } else if (ctx_.service().is_workflow_state(f)) {
        const ir::Workflow* workflow = ctx_.service().workflow_of(o.entity);
        assigned.push_back(fmt::format("{}: {}", key, PyContext::string(ir::wire_name(m_.enums[workflow->states.index].values[workflow->initial]))));
      }
    }
    p.print(R"(
      given = wire(body)
      events = PendingEvents(services.bus)

      def work() -> Row:
          repository = store.repository($entity$)
          created: Row = {**given$extra$}
          check_references(store, model.ENTITIES, $entity$.references, created)
          with writing():
              repository.insert(created)
          events.raise_event($created_event$, created)
          $declared$
          return created

      record = await in_thread(lambda: store.transaction(work))
      events.publish_all()
      return json_response(present($entity$, record), $status$)
    )", {{"entity", descriptor(o.entity)}, {"extra", assigned.empty() ? "" : fmt::format(", {}", fmt::join(assigned, ", "))},
         {"created_event", PyContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Created))},
         {"declared", declared_events(id, "created")},
         {"status", static_cast<int>(ctx_.service().success(id))}});
  }

  // `events.raise_event("OrderPlaced", {"order": created, ...})` for each event the action declares
  // (`create emits OrderPlaced`): a field of the entity's type gets the record, one with the name
  // and type of a stored field of the entity its value (a reference loaded as the record it names,
  // from the whole store), any other None.
  std::string declared_events(ir::OperationId id, std::string_view record) const {
    const ir::Operation& o = op(id);
    std::string out;
    for (ir::EventId e : ctx_.service().emits(id)) {
      const ir::Event& event = m_.events[e.index];
      std::vector<std::string> fields;
      for (ir::FieldId f : event.fields) {
        const ir::Field& event_field = m_.field(f);
        std::string value = "None";
        const ir::Type& shape = ctx_.base(event_field.type);
        if (shape.kind == ir::Type::Kind::Entity && shape.declaration == o.entity.index) {
          value = std::string(record);
        } else {
          for (ir::FieldId g : ctx_.service().stored_fields(o.entity)) {
            const ir::Field& source = m_.field(g);
            if (source.name != event_field.name || source.type != event_field.type) continue;
            const std::string read = fmt::format("{}.get({})", record, PyContext::string(source.name));
            value = read;
            if (shape.kind == ir::Type::Kind::Entity) {
              const std::string target = descriptor(ir::EntityId{shape.declaration});
              const std::string load = fmt::format("must_get(unscoped(store).repository({0}), {0}, {1})", target, read);
              value = ctx_.is_optional(source.type) ? fmt::format("None if {} is None else {}", read, load) : load;
            }
          }
        }
        fields.push_back(fmt::format("{}: {}", PyContext::string(event_field.name), value));
      }
      out += fmt::format("events.raise_event({}, {{{}}})\n", PyContext::string(event.name), fmt::join(fields, ", "));
    }
    return out;
  }

  // Calls the hand-written function; its result is checked against the operation's result type.
  void custom(Printer& p, ir::OperationId id, const std::vector<ir::FieldId>& path) {
    const ir::Operation& o = op(id);
    const int status = static_cast<int>(ctx_.service().success(id));
    const std::string call = fmt::format("handlers.{}({}, {}, OperationContext(principal, store, events))", ctx_.operation_name(id),
                                         path.empty() ? "schemas." + path_class(id) + "()" : "path",
                                         method_has_body(o.method) ? "body" : "query");
    if (o.result.is_none()) {
      p.print(R"(
        events = PendingEvents(services.bus)
        await in_thread(lambda: $call$)
        events.publish_all()
        return Response(status_code=$status$)
      )", {{"call", call}, {"status", status}});
      return;
    }
    p.print(R"(
      events = PendingEvents(services.bus)
      result = await in_thread(lambda: $call$)
      answer = check_result(schemas.$adapter$, result, $wire$)
      events.publish_all()
      return json_response(answer, $status$)
    )", {{"call", call}, {"adapter", result_adapter(id)}, {"wire", PyContext::string(o.name)},
         {"status", status}});
  }

  const PyContext& ctx_;
  const ir::Module& m_;
  const ir::Api& api_;
  ir::ApiId id_;
  int not_allowed_count_ = 0;
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
