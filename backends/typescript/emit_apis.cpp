// The HTTP side of a generated project: per API a schemas module (what each operation takes and
// returns), a router (access check, validation, the store, events) and the hand-written handlers
// of custom operations; the hooks for workflow guards and policy conditions.

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "backends/support/naming.h"
#include "backends/support/printer.h"
#include "backends/support/routes.h"
#include "backends/typescript/emitters.h"
#include "ir/list_query.h"

namespace bpc::backends::typescript {

namespace {

using Kind = ir::Operation::Kind;

// Files with user-code regions, in `//` comments.
const FileOptions kUserCode{FileKind::Generated, CommentSyntax::line("//")};

std::string doc(std::string_view text) { return doc_comment(text, Target::TypeScript); }

// A blueprint route as an Express 5 path: `{id}` becomes `:id`; characters path-to-regexp gives a
// meaning are escaped in literal text.
std::string express_path(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      const std::size_t close = path.find('}', i);
      out += ':';
      out += path.substr(i + 1, close - i - 1);
      i = close;
    } else if (std::string_view("()[]?+!*:{}\\").find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out.empty() ? "/" : out;
}

class ApiWriter {
 public:
  ApiWriter(const TsContext& ctx, const ir::Api& api, ir::ApiId id) : ctx_(ctx), m_(ctx.module()), api_(api), id_(id) {}

  void write(OutputDirectory& out) {
    const std::string folder = fmt::format("src/api/{}", ctx_.api_names(id_).folder);
    out.add(folder + "/schemas.ts", schemas());
    out.add(folder + "/handlers.ts", handlers(), kUserCode);
    out.add(folder + "/router.ts", router());
  }

 private:
  const ir::Operation& op(ir::OperationId id) const { return m_.operations[id.index]; }
  std::string entity_type(const ir::Operation& o) const { return ctx_.type_name("entity", o.entity.index); }
  std::string entity_derived(const ir::Operation& o, std::string_view suffix) const {
    return ctx_.derived("entity", o.entity.index, suffix);
  }

  std::string object_schema(const std::vector<ir::FieldId>& fields) const {
    if (fields.empty()) return "z.strictObject({})";
    std::vector<std::string> members;
    for (ir::FieldId f : fields) {
      members.push_back(fmt::format("{}: {}", TsContext::field_key(m_.field(f).name), ctx_.zod_field(f, EntityForm::Id, true, false, "model.")));
    }
    return fmt::format("z.strictObject({{ {} }})", fmt::join(members, ", "));
  }

  std::string kinds(const std::vector<ir::FieldId>& fields) const {
    std::vector<std::string> entries;
    for (ir::FieldId f : fields) {
      const std::string& name = m_.field(f).name;
      entries.push_back(fmt::format("{}: {}", TsContext::key(name),
                                    TsContext::literal_member_value(name, ctx_.service().parameter_kind(m_.field(f).type))));
    }
    return fmt::format("{{ {} }}", fmt::join(entries, ", "));
  }

  std::string schemas() {
    (void)ctx_.take_helpers();
    Printer body;
    for (ir::OperationId id : api_.operations) {
      const ir::Operation& o = op(id);
      auto [path, rest] = ctx_.service().split_parameters(id);
      std::string input = object_schema(rest);
      if (o.kind == Kind::Create) input = "model." + entity_derived(o, "CreateSchema");
      if (o.kind == Kind::Update) input = "model." + entity_derived(o, "UpdateSchema");
      std::string result = "z.void()";
      if (!o.result.is_none()) {
        result = o.kind == Kind::List ? fmt::format("z.strictObject({{ items: z.array(model.{}), total: z.number().int() }})",
                                                    entity_derived(o, "Schema"))
                                      : model_zod(o.result);
      }
      body.print(R"(

        $doc$
        export const $name$ = {
          path: $path$,
          input: $input$,
          result: $result$,
        };
      )", {{"doc", doc(*o.doc)}, {"name", ctx_.operation_name(id)}, {"path", object_schema(path)}, {"input", input},
           {"result", result}});
    }
    const ZodHelpers helpers = ctx_.take_helpers();
    const bool uses_model = helpers.model || std::any_of(api_.operations.begin(), api_.operations.end(),
                                                         [&](ir::OperationId id) { return !op(id).entity.is_none(); });
    Printer p;
    print_generated_header(p);
    p.print(R"(
      // What each operation of $api$ takes (`path`: the route's placeholders; `input`: the query
      // string or the JSON body) and returns (`result`).
      import { z } from 'zod';

      import type { OperationContext } from '../../context.js';
    )", {{"api", api_.name}});
    if (uses_model) p.print("import * as model from '../../model.js';\n");
    print_helper_imports(p, helpers, "../../runtime");
    p.print(R"(

      // An empty strict object's output is Record<string, never>: it adds nothing to the arguments.
      type Known<T> = string extends keyof T ? unknown : T;
      export type Args<Operation extends { path: z.ZodType; input: z.ZodType }> = Known<z.output<Operation['path']>> &
        Known<z.output<Operation['input']>>;
      export type Result<Operation extends { result: z.ZodType }> = z.output<Operation['result']>;
      // A hand-written operation (handlers.ts).
      export type Handler<Operation extends { path: z.ZodType; input: z.ZodType; result: z.ZodType }> = (
        args: Args<Operation>,
        context: OperationContext,
      ) => Promise<Result<Operation>>;
    )");
    return p.take_output() + body.take_output();
  }

  // A result type's schema, with entities as whole records.
  std::string model_zod(ir::TypeId type) const { return ctx_.zod(type, nullptr, EntityForm::Record, "model."); }

  std::string handlers() {
    Printer p;
    print_generated_header(p);
    p.print(R"(
      // The custom operations of $api$, written by hand inside the user-code regions: each is a
      // function of the operation's arguments and context (`async ({ query }, { store }) => ...`),
      // typed from its schemas. bpc keeps what is between the markers when it regenerates this
      // file; until an operation is written it answers 501 Not Implemented.
      $imports$
    )", {{"api", api_.name}, {"imports", std::none_of(api_.operations.begin(), api_.operations.end(),
                                                       [&](ir::OperationId id) { return op(id).kind == Kind::Custom; })
                                            ? "export {};"
                                            : "import { notImplemented } from '../../runtime/problem.js';\n"
                                              "import * as schemas from './schemas.js';\n\n"
                                              "// Exported, so the import stays used once every operation is written.\n"
                                              "export { notImplemented };"}});
    for (ir::OperationId id : api_.operations) {
      const ir::Operation& o = op(id);
      if (o.kind != Kind::Custom) continue;
      const std::string& name = ctx_.operation_name(id);
      p.print(R"(

        $doc$
        export const $name$: schemas.Handler<typeof schemas.$name$> = (
          $begin$
          () => Promise.reject(notImplemented($wire$))
          $end$
        );
      )", {{"doc", doc(*o.doc)}, {"name", name}, {"wire", TsContext::string(o.name)},
           {"begin", fmt::format("// bpc:begin-user-code {}.{}", api_.name, o.name)},
           {"end", fmt::format("// bpc:end-user-code {}.{}", api_.name, o.name)}});
    }
    return p.take_output();
  }

  std::string access_literal(const OperationAccess& access) const {
    const auto roles = [&](const RoleSet& set) {
      if (set.every) return std::string("'*'");
      std::vector<std::string> names;
      for (ir::RoleId r : set.roles) names.push_back(TsContext::string(m_.roles[r.index].name));
      return fmt::format("[{}]", fmt::join(names, ", "));
    };
    std::vector<std::string> grants;
    for (const ConditionalRule& g : access.conditional_grants) {
      grants.push_back(fmt::format("{{ roles: {}, condition: {} }}", roles(g.roles), TsContext::string(g.condition)));
    }
    std::vector<std::string> denials;
    for (const ConditionalRule& d : access.denials) {
      denials.push_back(d.condition.empty() ? fmt::format("{{ roles: {} }}", roles(d.roles))
                                            : fmt::format("{{ roles: {}, condition: {} }}", roles(d.roles), TsContext::string(d.condition)));
    }
    return fmt::format("{{ granted: {}, conditionalGrants: [{}], denials: [{}] }}", roles(access.granted),
                       fmt::join(grants, ", "), fmt::join(denials, ", "));
  }

  std::string router() {
    // The routes first: they note what they use, and the file imports exactly that.
    Printer routes;
    const std::vector<ir::OperationId>& order = ctx_.service().route_order(id_);
    for (std::size_t i = 0; i < order.size(); ++i) {
      route(routes, order[i]);
      // After the last method of a path: the others are 405, before a later route's placeholder
      // could take the path.
      if (i + 1 == order.size() || op(order[i + 1]).path != op(order[i]).path) not_allowed(routes, order, i);
    }
    const bool secured = ctx_.service().secured();
    if (secured) use({"authorize"});
    const auto imported = [&](std::initializer_list<std::string_view> names) {
      std::vector<std::string_view> used;
      for (std::string_view name : names) {
        if (uses_.contains(name)) used.push_back(name);
      }
      return used;
    };
    Printer p;
    print_generated_header(p);
    p.print("// The routes of $api$ (served under $base$).\n",
            {{"api", api_.name}, {"base", api_.base_path.empty() ? "/" : api_.base_path}});
    if (uses_.contains("randomUUID")) p.print("import { randomUUID } from 'node:crypto';\n\n");
    p.print("import { Router } from 'express';\n\nimport type { Services } from '../../context.js';\n");
    if (uses_.contains("guards")) p.print("import * as guards from '../../handlers/guards.js';\n");
    if (uses_.contains("model")) p.print("import * as model from '../../model.js';\n");
    if (secured) p.print("import type { Access } from '../../runtime/access.js';\n");
    const auto from = [&](std::initializer_list<std::string_view> names, std::string_view module) {
      const std::vector<std::string_view> used = imported(names);
      if (used.empty()) return;
      p.print("import { $names$ } from '$module$';\n", {{"names", fmt::format("{}", fmt::join(used, ", "))}, {"module", std::string(module)}});
    };
    from({"checkReferences", "deleteRecord", "getOrNotFound", "merged", "mustGet", "present", "presentRemoved", "restoreRecord", "touch", "writing"},
         "../../runtime/crud.js");
    from({"nowDatetime"}, "../../runtime/datetime.js");
    from({"PendingEvents"}, "../../runtime/events.js");
    from({"authorize", "methodNotAllowed", "own", "parameters", "parse", "requireJson"}, "../../runtime/http.js");
    from({"conditions", "searchFor", "sortOrder"}, "../../runtime/query.js");
    from({"HttpProblem", "conflict"}, "../../runtime/problem.js");
    from({"readUpload"}, "../../runtime/upload.js");
    from({"ScopedStore", "claimFor", "unscoped"}, "../../runtime/scope.js");
    from({"internalKey", "toWire"}, "../../runtime/wire.js");
    if (uses_.contains("workflows")) p.print("import * as workflows from '../../workflows.js';\n");
    if (uses_.contains("handlers")) p.print("import * as handlers from './handlers.js';\n");
    if (uses_.contains("schemas")) p.print("import * as schemas from './schemas.js';\n");
    if (secured) {
      p.print(R"(

        // Who may call each operation, from the blueprint's policies and `by` clauses.
        const access = {
          $access$
        } satisfies Readonly<Record<string, Access>>;
      )", {{"access", [&] {
              for (ir::OperationId id : api_.operations) {
                p.print("$key$: $rule$,\n", {{"key", TsContext::key(op(id).name)}, {"rule", access_literal(ctx_.service().access(id))}});
              }
            }}});
    }
    p.print(R"(

      export function $router$($services$: Services): Router {
        const router = Router();
        $store$
        $routes$
        return router;
      }
    )", {{"router", ctx_.api_names(id_).router}, {"services", uses_.contains("services") ? "services" : "_services"},
         {"store", uses_.contains("store") && !ctx_.service().any_hidden() ? "const { store } = services;" : ""},
         {"routes", routes.take_output()}});
    return p.take_output();
  }

  // `router.all(path, methodNotAllowed(...))` for the path of order[last], naming the methods its
  // operations (order[first..last], adjacent in route order) serve.
  void not_allowed(Printer& p, const std::vector<ir::OperationId>& order, std::size_t last) {
    std::size_t first = last;
    while (first > 0 && op(order[first - 1]).path == op(order[last]).path) --first;
    std::vector<std::string_view> methods;
    for (std::size_t i = first; i <= last; ++i) methods.push_back(ir::http_method_name(op(order[i]).method));
    use({"methodNotAllowed"});
    p.print("router.all($route$, methodNotAllowed($allowed$));\n",
            {{"route", TsContext::string(express_path(op(order[last]).path))},
             {"allowed", TsContext::string(fmt::format("{}", fmt::join(methods, ", ")))}});
  }

  // Notes that the routes use these identifiers (imports, `services`, `store`).
  void use(std::initializer_list<std::string_view> names) { uses_.insert(names.begin(), names.end()); }

  void route(Printer& p, ir::OperationId id) {
    const ir::Operation& o = op(id);
    auto [path, rest] = ctx_.service().split_parameters(id);
    const std::string& name = ctx_.operation_name(id);
    const std::vector<std::string> names = route_placeholders(o.path);
    const bool with_id = std::find(names.begin(), names.end(), "id") != names.end();
    // Each variable is declared only where the operation's code reads it (noUnusedLocals); the
    // parses run either way, for validation.
    // With scoped or soft-deleted entities every route works on the store as its caller sees it
    // (scope.ts); a restore sees the deleted records too.
    const bool hidden = ctx_.service().any_hidden();
    const bool reads_principal = o.kind == Kind::Custom || (hidden && ctx_.service().secured());
    const bool reads_path = o.kind != Kind::Create && o.kind != Kind::List;
    const bool reads_input = o.kind == Kind::List || o.kind == Kind::Related || o.kind == Kind::Create || o.kind == Kind::Update ||
                             o.kind == Kind::Custom ||
                             (o.kind == Kind::Transition &&
                              trigger_reads_arguments(ctx_, o.workflow, m_.workflows[o.workflow.index].transitions[o.transition].trigger));
    use({"parse", "parameters", "schemas"});
    if (reads_principal || ctx_.service().secured()) use({"services"});
    std::string authorize_call;
    if (ctx_.service().secured()) {
      authorize_call = fmt::format("{}authorize(res, access[{}], {}, services.conditions{});",
                                   reads_principal ? "const principal = " : "", TsContext::string(o.name),
                                   TsContext::string(o.name), with_id ? ", req.params['id']" : "");
    } else if (reads_principal) {
      authorize_call = "const principal = undefined;";
    }
    if (hidden) {
      use({"ScopedStore", "services"});
      authorize_call += fmt::format("\nconst store = new ScopedStore(services.store, {}{});", reads_principal ? "principal" : "undefined",
                                    o.kind == Kind::Restore ? ", { deleted: true }" : "");
    }
    const std::string path_parse = fmt::format("{}parse(schemas.{}.path, parameters([req.params], {}), 'path');",
                                               reads_path ? "const path = " : "", name, kinds(path));
    const std::string input_source =
        o.kind == Kind::Create || o.kind == Kind::Update ? "req.body"
        : method_has_body(o.method)                      ? "req.body ?? {}"
                                                         : fmt::format("parameters([req.query], {})", kinds(rest));
    // An upload's body is the multipart file (runtime/upload.ts), not JSON.
    const bool upload = o.kind == Kind::Upload;
    const std::string input_parse =
        upload ? std::string()
               : fmt::format("{}parse(schemas.{}.input, {}, '{}');", reads_input ? "const input = " : "", name, input_source,
                             method_has_body(o.method) ? "body" : "query");
    if (method_has_body(o.method) && !upload) use({"requireJson"});
    p.print(R"(

      $doc$
      router.$method$($route$, $async$(req, res) => {
        $authorize$
        $require_json$
        $path_parse$
        $input_parse$
        $body$
      });
    )", {{"doc", doc(fmt::format("{} {}", ir::http_method_name(o.method), ctx_.service().full_path(id)))},
         {"method", lowercase_method(o.method)}, {"route", TsContext::string(express_path(o.path))},
         {"authorize", authorize_call}, {"path_parse", path_parse}, {"input_parse", input_parse},
         {"async", o.kind == Kind::Custom || upload ? "async " : ""},  // hand-written handlers and uploads are awaited
         {"require_json", method_has_body(o.method) && !upload ? "requireJson(req);" : ""},
         {"body", [&] { body(p, id); }}});
  }

  void body(Printer& p, ir::OperationId id) {
    const ir::Operation& o = op(id);
    if (o.kind == Kind::Custom) {
      use({"services", "store", "PendingEvents", "handlers"});
      if (!o.result.is_none()) use({"toWire"});
      return custom(p, id);
    }
    use({"store", "model"});
    switch (o.kind) {
      case Kind::List: use({"conditions", "own", "sortOrder", "internalKey", "present", "toWire"}); break;
      case Kind::Related: use({"conditions", "getOrNotFound", "present", "toWire"}); break;
      case Kind::Get: use({"getOrNotFound", "present", "toWire"}); break;
      case Kind::Create: use({"services", "PendingEvents", "checkReferences", "writing", "present", "toWire"}); break;
      case Kind::Update: use({"services", "PendingEvents", "getOrNotFound", "merged", "touch", "checkReferences", "writing", "present", "toWire"}); break;
      case Kind::Delete: use({"services", "PendingEvents", "deleteRecord", "presentRemoved"}); break;
      case Kind::Transition: use({"services", "PendingEvents", "present", "toWire"}); break;
      case Kind::Restore: use({"services", "PendingEvents", "restoreRecord", "present", "toWire"}); break;
      case Kind::Download: use({"getOrNotFound", "own"}); break;
      case Kind::Upload: use({"services", "PendingEvents", "readUpload", "getOrNotFound", "merged", "touch", "writing", "present", "toWire"}); break;
      case Kind::Custom: break;
    }
    const std::string descriptor = "model." + entity_derived(o, "Entity");
    VariableScope scope(p, {{"entity", descriptor}, {"type", "model." + entity_type(o)}});
    switch (o.kind) {
      case Kind::List:
        return list(p, o);
      case Kind::Related: return related(p, o);
      case Kind::Get:
        p.print(R"(
          const record = getOrNotFound(store.repository<$type$>($entity$), $entity$, path.id);
          res.json(toWire(present($entity$, record)));
        )");
        return;
      case Kind::Create: return create(p, id);
      case Kind::Update:
        p.print(R"(
          const events = new PendingEvents(services.bus);
          const record = store.transaction(() => {
            const repository = store.repository<$type$>($entity$);
            const current = getOrNotFound(repository, $entity$, path.id);
            const updated: $type$ = touch($entity$, merged(current, input));
            checkReferences(store, model.entities, $entity$.references, updated);
            writing(() => {
              repository.replace(updated);
            });
            events.raise($updated_event$, present($entity$, updated));
            $declared$
            return updated;
          });
          events.publishAll();
          res.json(toWire(present($entity$, record)));
        )", {{"updated_event", TsContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Updated))},
             {"declared", declared_events(id, "updated")}});
        return;
      case Kind::Delete:
        p.print(R"(
          const events = new PendingEvents(services.bus);
          store.transaction(() => {
            // Every record the delete removes raises its entity's `deleted` event.
            const removed = deleteRecord(store, model.entities, $entity$, path.id);
            for (const gone of removed) {
              events.raiseRecordEvent(gone.entity + '.deleted', presentRemoved(model.entities, gone));
            }
            $declared$
          });
          events.publishAll();
          res.status(204).end();
        )", {{"declared", ctx_.service().emits(id).empty()
                               ? std::string()
                               : fmt::format("// The addressed record comes first.\n"
                                             "const [first] = removed;\n"
                                             "if (first === undefined) throw new Error('a delete removes the record it addresses');\n"
                                             "const deleted = first.record as model.{};\n{}",
                                             entity_type(o), declared_events(id, "deleted"))}});
        return;
      case Kind::Transition: return transition(p, o);
      case Kind::Download:
        p.print(R"(
          const record = getOrNotFound(store.repository<$type$>($entity$), $entity$, path.id);
          const bytes = own(record, $field$);
          // A record without the bytes has nothing to send.
          if (typeof bytes !== 'string') res.status(204).end();
          else res.type('application/octet-stream').send(Buffer.from(bytes, 'base64'));
        )", {{"field", TsContext::string(TsContext::property(m_.field(o.via).name))}});
        return;
      case Kind::Upload:
        // The field's constraints (`@maxLength`) apply through the entity's update schema.
        p.print(R"(
          const bytes = await readUpload(req);
          const events = new PendingEvents(services.bus);
          const record = store.transaction(() => {
            const repository = store.repository<$type$>($entity$);
            const current = getOrNotFound(repository, $entity$, path.id);
            const changes = parse(model.$update_schema$, { $key$: bytes.toString('base64') }, 'body');
            const updated: $type$ = touch($entity$, merged(current, changes));
            writing(() => {
              repository.replace(updated);
            });
            events.raise($updated_event$, present($entity$, updated));
            return updated;
          });
          events.publishAll();
          res.json(toWire(present($entity$, record)));
        )", {{"update_schema", entity_derived(o, "UpdateSchema")}, {"key", TsContext::key(m_.field(o.via).name)},
             {"updated_event", TsContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Updated))}});
        return;
      case Kind::Restore:
        p.print(R"(
          const events = new PendingEvents(services.bus);
          const record = store.transaction(() => {
            const restored = restoreRecord(store.repository<$type$>($entity$), $entity$, path.id);
            events.raise($updated_event$, present($entity$, restored));
            return restored;
          });
          events.publishAll();
          res.json(toWire(present($entity$, record)));
        )", {{"updated_event", TsContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Updated))}});
        return;
      case Kind::Custom: return;
    }
  }

  // A list route: the conditions, search and order of its query (ir/list_query.h), from the
  // parameters desugaring declared for the entity's filters, ranges, sort keys and search.
  void list(Printer& p, const ir::Operation& o) {
    const service::EntityFacts& facts = ctx_.service().entity(o.entity);
    const auto input_of = [](std::string_view parameter) {
      return fmt::format("own(input, {})", TsContext::string(TsContext::property(parameter)));
    };
    std::vector<std::string> entries;
    for (ir::FieldId f : facts.filters) {
      const std::string& name = m_.field(f).name;
      const bool any_of = ir::list_role(m_, f).any_of;
      entries.push_back(fmt::format("[{}, '{}', {}]", TsContext::string(TsContext::property(name)), any_of ? "in" : "eq", input_of(name)));
    }
    for (ir::FieldId f : facts.ranges) {
      const std::string& name = m_.field(f).name;
      for (ir::RangeBound bound : ir::kRangeBounds) {
        entries.push_back(fmt::format("[{}, '{}', {}]", TsContext::string(TsContext::property(name)), ir::range_bound_name(bound),
                                      input_of(ir::range_parameter(name, bound))));
      }
    }
    std::string search = "undefined";
    if (!facts.searchable.empty()) {
      std::vector<std::string> fields;
      for (ir::FieldId f : facts.searchable) fields.push_back(TsContext::string(TsContext::property(m_.field(f).name)));
      const std::string text = input_of(ir::kSearchParameter);
      search = fmt::format("searchFor([{}], {})", fmt::join(fields, ", "), text);
      use({"searchFor"});
    }
    p.print(R"(
      const page = store.repository<$type$>($entity$).list({
        where: conditions([$entries$]),
        search: $search$,
        order: sortOrder($sort$, internalKey),
        limit: input.limit,
        offset: input.offset,
      });
      res.json(toWire({ items: page.items.map((record) => present($entity$, record)), total: page.total }));
    )", {{"entries", fmt::format("{}", fmt::join(entries, ", "))}, {"search", search}, {"sort", input_of(ir::kSortParameter)}});
  }

  // `GET /customers/{id}/orders`: 404 unless the customer exists, then a page of the records its
  // relation field holds: those whose reference names it (an inverse side), or those whose ids
  // its own list holds (an owned many-to-many).
  void related(Printer& p, const ir::Operation& o) {
    const ir::Field& via = m_.field(o.via);
    const ir::EntityId owner{via.owner.index};
    const ir::Relation& relation = m_.relations[via.relation.index];
    std::string condition;
    const bool owned = relation.field == o.via;  // the ids are in the owner's record
    // The owner's id, from the route's one placeholder (`{id}`, or a name the API already uses).
    const std::string owner_id = fmt::format("path[{}]", TsContext::string(TsContext::property(m_.field(o.parameters.front()).name)));
    if (owned) {
      use({"own"});
      condition = fmt::format("[{}, 'in', own(owner, {}) ?? []]", TsContext::string(TsContext::property(m_.field(m_.entity(o.entity).id_field).name)),
                              TsContext::string(TsContext::property(via.name)));
    } else {
      condition = fmt::format("[{}, '{}', {}]", TsContext::string(TsContext::property(m_.field(relation.field).name)),
                              relation.many ? "has" : "eq", owner_id);
    }
    p.print(R"(
      $keep$getOrNotFound(store.repository<model.$owner_type$>(model.$owner$), model.$owner$, $owner_id$);
      const page = store.repository<$type$>($entity$).list({
        where: conditions([$condition$]),
        search: undefined,
        order: [],
        limit: input.limit,
        offset: input.offset,
      });
      res.json(toWire({ items: page.items.map((record) => present($entity$, record)), total: page.total }));
    )", {{"owner_type", ctx_.type_name("entity", owner.index)}, {"owner", ctx_.derived("entity", owner.index, "Entity")},
         {"condition", condition}, {"keep", owned ? "const owner = " : ""}, {"owner_id", owner_id}});
  }

  // The value of a generated field on create, as the service model says to fill it.
  std::string generated_value(ir::FieldId f) {
    if (const auto how = ctx_.service().generated_value(f)) {
      switch (*how) {
        case service::GeneratedValue::RandomUuid: use({"randomUUID"}); return "randomUUID()";
        case service::GeneratedValue::NextInteger: return "repository.nextId()";
        case service::GeneratedValue::Now: use({"nowDatetime"}); return "nowDatetime()";
      }
    }
    const ir::Field& field = m_.field(f);
    throw BackendLimitation(fmt::format("the typescript backend cannot generate values for `{}` of type {}", field.name,
                                         ir::type_name(m_, field.type)));
  }

  // `events.raise('OrderPlaced', { order: created, total: created.total, note: null });` for each
  // event the action declares (`create emits OrderPlaced`): a field of the entity's type gets the
  // record, one with the name and type of a stored field of the entity its value, any other null.
  std::string declared_events(ir::OperationId id, std::string_view record) {
    const ir::Operation& o = op(id);
    std::string out;
    for (ir::EventId e : ctx_.service().emits(id)) {
      const ir::Event& event = m_.events[e.index];
      std::vector<std::string> fields;
      for (ir::FieldId f : event.fields) {
        const ir::Field& event_field = m_.field(f);
        std::string value = "null";
        const ir::Type& shape = ctx_.service().base(event_field.type);
        if (shape.kind == ir::Type::Kind::Entity && shape.declaration == o.entity.index) {
          value = fmt::format("present(model.{}, {})", entity_derived(o, "Entity"), record);
        } else {
          for (ir::FieldId g : ctx_.service().stored_fields(o.entity)) {
            if (m_.field(g).name == event_field.name && m_.field(g).type == event_field.type) {
              if (shape.kind == ir::Type::Kind::Entity) use({"mustGet", "unscoped"});
              value = ctx_.payload_member(event_field.type, m_.field(g), TsContext::field_member(record, event_field.name));
            }
          }
        }
        fields.push_back(fmt::format("{}: {}", TsContext::field_key(event_field.name), value));
      }
      out += fmt::format("events.raise({}, {{ {} }});\n", TsContext::string(event.name), fmt::join(fields, ", "));
    }
    return out;
  }

  void create(Printer& p, ir::OperationId id) {
    const ir::Operation& o = op(id);
    std::vector<std::string> assigned;
    for (ir::FieldId f : ctx_.service().stored_fields(o.entity)) {
      const ir::Field& field = m_.field(f);
      if (field.constraints->generated) {
        assigned.push_back(fmt::format("{}: {}", TsContext::field_key(field.name), generated_value(f)));
      } else if (field.constraints->deleted_at) {
        assigned.push_back(fmt::format("{}: null", TsContext::field_key(field.name)));
      } else if (field.constraints->tenant || field.constraints->owner) {
        // The caller's claim, of the kind the descriptor declares for the field.
        use({"claimFor"});
        assigned.push_back(fmt::format("{}: claimFor(model.{}, principal, '{}') as {}", TsContext::field_key(field.name),
                                       entity_derived(o, "Entity"),
                                       field.constraints->tenant ? "tenant" : "subject",
                                       ctx_.service().parameter_kind(field.type) == "number" ? "number" : "string"));
      } else if (ctx_.service().is_workflow_state(f)) {
        const ir::Workflow* workflow = ctx_.service().workflow_of(o.entity);
        const std::string initial(ir::wire_name(m_.enums[workflow->states.index].values[workflow->initial]));
        assigned.push_back(fmt::format("{}: {}", TsContext::field_key(field.name), TsContext::string(initial)));
      }
    }
    const std::string extra = assigned.empty() ? "" : fmt::format(", {}", fmt::join(assigned, ", "));
    p.print(R"(
      const events = new PendingEvents(services.bus);
      const record = store.transaction(() => {
        const repository = store.repository<$type$>($entity$);
        const created: $type$ = { ...input$extra$ };
        checkReferences(store, model.entities, $entity$.references, created);
        writing(() => {
          repository.insert(created);
        });
        events.raise($created_event$, present($entity$, created));
        $declared$
        return created;
      });
      events.publishAll();
      res.status(201).json(toWire(present($entity$, record)));
    )", {{"extra", extra}, {"created_event", TsContext::string(ctx_.service().record_event(o.entity, service::RecordChange::Created))},
         {"declared", declared_events(id, "created")}});
  }

  // A transition's route: the workflow's function for the trigger (src/workflows.ts) in a
  // transaction, then its events.
  void transition(Printer& p, const ir::Operation& o) {
    const ir::Workflow& w = m_.workflows[o.workflow.index];
    use({"workflows"});
    p.print(R"(
      const events = new PendingEvents(services.bus);
      const record = store.transaction(() => $function$(store, events, path.id$input$));
      events.publishAll();
      res.json(toWire(present($entity$, record)));
    )", {{"function", TsContext::member("workflows." + ctx_.workflow_name(o.workflow), w.transitions[o.transition].trigger)},
         {"input", trigger_reads_arguments(ctx_, o.workflow, w.transitions[o.transition].trigger) ? ", input" : ""}});
  }

  // Calls the hand-written handler; a result is checked against the operation's result schema
  // (a handler's bug is a 500, not an invalid answer).
  void custom(Printer& p, ir::OperationId id) {
    const ir::Operation& o = op(id);
    const std::string& name = ctx_.operation_name(id);
    const int status = static_cast<int>(ctx_.service().success(id));
    if (o.result.is_none()) {
      p.print(R"(
        const events = new PendingEvents(services.bus);
        await handlers.$name$({ ...path, ...input }, { principal, store, events });
        events.publishAll();
        res.status($status$).end();
      )", {{"name", name}, {"status", status}});
      return;
    }
    use({"HttpProblem"});
    p.print(R"(
      const events = new PendingEvents(services.bus);
      const result = await handlers.$name$({ ...path, ...input }, { principal, store, events });
      const checked = schemas.$name$.result.safeParse(result);
      if (!checked.success) {
        throw new HttpProblem(500, 'Internal error', $invalid$ + checked.error.message);
      }
      events.publishAll();
      res.status($status$).json(toWire(checked.data));
    )", {{"name", name}, {"status", status}, {"invalid", TsContext::string(fmt::format("the handler of {} returned an invalid result: ", o.name))}});
  }

  const TsContext& ctx_;
  const ir::Module& m_;
  const ir::Api& api_;
  ir::ApiId id_;
  std::set<std::string_view, std::less<>> uses_;  // what the routes written so far use
};

std::string workflow_guards(const TsContext& ctx) {
  const ir::Module& m = ctx.module();
  const bool any_guard = std::any_of(m.workflows.begin(), m.workflows.end(), [](const ir::Workflow& w) { return !w.guards.empty(); });
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // Workflow guards, written by hand inside the user-code regions: a guard decides whether a
    // transition may happen to this record with these arguments. Until written, a guard allows it.
    $import$
  )", {{"import", any_guard ? "import type * as model from '../model.js';\n\n"
                             "// A guard: whether a transition may happen to the record with these arguments.\n"
                             "type Guard<Row> = (record: Row, args: Readonly<Record<string, unknown>>) => boolean;"
                           : "export {};"}});
  for (std::uint32_t i = 0; i < m.workflows.size(); ++i) {
    const ir::Workflow& w = m.workflows[i];
    if (w.guards.empty()) continue;
    const std::string record = ctx.type_name("entity", w.entity.index);
    p.print(R"(

      // The guards of workflow $wire$ (on $entity_wire$): each decides from the record and the
      // trigger's arguments whether the transition may happen.
      export const $name$: { $members$ } = {
        $guards$
      };
    )", {{"wire", w.name}, {"entity_wire", m.entity(w.entity).name}, {"name", ctx.workflow_name(ir::WorkflowId{i})},
         {"members", [&] {
            std::vector<std::string> members;
            for (const std::string& guard : w.guards) members.push_back(fmt::format("readonly {}: Guard<model.{}>", TsContext::key(guard), record));
            return fmt::format("{};", fmt::join(members, "; "));
          }()},
         {"guards", [&] {
            for (const std::string& guard : w.guards) {
              p.print(R"(
                $key$: (
                  $begin$
                  (): boolean => true
                  $end$
                ),
              )", {{"key", TsContext::key(guard)},
                   {"begin", fmt::format("// bpc:begin-user-code {}.guards.{}", w.name, guard)},
                   {"end", fmt::format("// bpc:end-user-code {}.guards.{}", w.name, guard)}});
            }
          }}});
  }
  return p.take_output();
}

std::string policy_conditions(const TsContext& ctx) {
  const ir::Module& m = ctx.module();
  std::vector<std::string> names;
  for (const ir::Policy& policy : m.policies) {
    for (const ir::PolicyRule& rule : policy.rules) {
      if (!rule.guard.empty() && std::find(names.begin(), names.end(), rule.guard) == names.end()) names.push_back(rule.guard);
    }
  }
  std::sort(names.begin(), names.end());
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // Policy conditions (`when NAME` in a policy rule), written by hand inside the user-code
    // regions. A condition left `undefined` fails closed: its allow rules do not apply and its deny
    // rules do.
    import type { Conditions } from '../runtime/access.js';

    export const conditions: Conditions = {
      $entries$
    };
  )", {{"entries", [&] {
          for (const std::string& name : names) {
            p.print(R"(
              $begin$
              $key$: undefined,
              $end$
            )", {{"key", TsContext::key(name)}, {"begin", fmt::format("// bpc:begin-user-code conditions.{}", name)},
                 {"end", fmt::format("// bpc:end-user-code conditions.{}", name)}});
          }
        }}});
  return p.take_output();
}

}  // namespace

// The body of a handler that fires a trigger (`handler h on E triggers t on a.b`): follow the
// path from the event's record to the target's id, then run the workflow's function in a
// transaction. A record that is gone, a state without the trigger and a guard's refusal (404,
// 409) mean nothing happens.
std::string trigger_handler_body(const TsContext& ctx, const ir::Event& event, const ir::Handler& handler) {
  const ir::Module& m = ctx.module();
  const service::ServiceModel& model = ctx.service();
  Printer p;
  const ir::Field& first = m.field(handler.path.front());
  const ir::EntityId first_entity{model.base(first.type).declaration};
  // Optional links may be missing: then there is no record to fire the trigger on.
  p.print(R"(
    // The service's view: every tenant's records, not the deleted ones.
    const visible = new ScopedStore(store, undefined, { everyTenant: true });
    const start = $start$;
    $start_check$
    $let$ id: Id = $start_id$;
  )", {{"start", TsContext::field_member("event.payload", first.name)},
       {"start_check", model.is_optional(first.type) ? "if (start === undefined || start === null) return;" : ""},
       {"let", handler.path.size() > 1 ? "let" : "const"},
       {"start_id", TsContext::field_member("start", m.field(m.entity(first_entity).id_field).name)}});
  ir::EntityId current = first_entity;
  for (std::size_t i = 1; i < handler.path.size(); ++i) {
    const ir::Field& step = m.field(handler.path[i]);
    p.print(R"(
      const step$n$ = visible.repository<model.$type$>(model.$descriptor$).get(id);
      if (step$n$ === undefined) return;
      const next$n$ = $next$;
      $next_check$
      id = next$n$;
    )", {{"n", std::to_string(i)}, {"type", ctx.type_name("entity", current.index)},
         {"next_check", model.is_optional(step.type) ? fmt::format("if (next{0} === undefined || next{0} === null) return;", i) : ""},
         {"descriptor", ctx.derived("entity", current.index, "Entity")}, {"next", TsContext::field_member(fmt::format("step{}", i), step.name)}});
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
      std::string value = TsContext::field_member("event.payload", field.name);
      const ir::Type& shape = model.base(field.type);
      if (shape.kind == ir::Type::Kind::Entity) {
        const std::string id_name = TsContext::property(m.field(m.entity(ir::EntityId{shape.declaration}).id_field).name);
        value = model.is_optional(field.type) ? fmt::format("{}?.{}", value, id_name) : TsContext::member(value, id_name);
      }
      arguments.push_back(fmt::format("{}: {}", TsContext::field_key(param.name), value));
    }
  }
  p.print(R"(
    const events = new PendingEvents(bus);
    try {
      visible.transaction(() => $function$(visible, events, id$arguments$));
    } catch (error) {
      // Gone, or its state or guard refuses the trigger: nothing happens.
      if (error instanceof HttpProblem && (error.status === 404 || error.status === 409)) return;
      throw error;
    }
    events.publishAll();
  )", {{"function", TsContext::member("workflows." + ctx.workflow_name(handler.workflow), handler.trigger)},
       {"arguments", trigger_reads_arguments(ctx, handler.workflow, handler.trigger)
                         ? (arguments.empty() ? std::string(", {}") : fmt::format(", {{ {} }}", fmt::join(arguments, ", ")))
                         : std::string()}});
  return p.take_output();
}

// Whether a handler fires a trigger; with `min_path` 2, one whose path follows a reference (its
// body reads records through model.ts).
bool any_trigger_handler(const ir::Module& m, std::size_t min_path = 1) {
  return std::any_of(m.events.begin(), m.events.end(), [&](const ir::Event& e) {
    return std::any_of(e.handlers.begin(), e.handlers.end(),
                       [&](const ir::Handler& h) { return !h.trigger.empty() && h.path.size() >= min_path; });
  });
}

// src/handlers/events.ts: the event handlers: those written by hand in user-code regions
// (`handler notifyWarehouse on OrderPlaced`), those that fire a trigger (`... triggers pay on
// payment.order`), and the function app.ts calls to subscribe them to the bus.
std::string event_handlers(const TsContext& ctx) {
  const ir::Module& m = ctx.module();
  const bool triggers = any_trigger_handler(m);
  Printer p;
  print_generated_header(p);
  p.print(R"(
    // Event handlers. Each runs after its event is published, once the write that raised it has
    // committed, and after the request's answer is decided; it sees the whole store (every
    // tenant's records), and one that throws or rejects is logged and never fails the request.
    // Those written by hand live in the user-code regions and do nothing until written; those
    // that fire a workflow trigger are generated, and do nothing when the record is gone or its
    // state or guard refuses the trigger.
    $model_import$
    import type { DomainEvent, EventBus } from '../runtime/events.js';
    $runtime_imports$
    import type { $store_imports$ } from '../runtime/store.js';
    $workflows_import$

    // What a handler gets besides its event: the whole store, and the bus to raise events on.
    export interface HandlerContext {
      readonly store: Store;
      readonly bus: EventBus<EventMap>;
    }

    // A handler of the event `Name`.
    export type EventHandler<Name extends keyof EventMap> = (
      event: DomainEvent<string, EventMap[Name]>,
      context: HandlerContext,
    ) => void | Promise<void>;
  )", {{"model_import", any_trigger_handler(m, 2) ? "import * as model from '../model.js';\nimport type { EventMap } from '../model.js';"
                                                  : "import type { EventMap } from '../model.js';"},
       {"runtime_imports", triggers ? "import { PendingEvents } from '../runtime/events.js';\nimport { HttpProblem } from '../runtime/problem.js';\n"
                                    "import { ScopedStore } from '../runtime/scope.js';"
                                  : ""},
       {"store_imports", triggers ? "Id, Store" : "Store"},
       {"workflows_import", triggers ? "import * as workflows from '../workflows.js';" : ""}});
  std::vector<std::pair<std::string, std::string>> subscriptions;  // event name literal, handler identifier
  // The module's own names are taken: a handler named like one gets `_` appended.
  std::set<std::string> taken = {"EventMap", "DomainEvent", "EventBus", "Store", "HandlerContext", "EventHandler",
                                 "subscribeHandlers", "model", "workflows", "PendingEvents", "HttpProblem", "Id",
                                 "ScopedStore"};
  for (const ir::Event& event : m.events) {
    for (const ir::Handler& handler : event.handlers) {
      std::string identifier = backends::identifier(handler.name, Target::TypeScript, Case::AsIs, NameKind::Value);
      while (!taken.insert(identifier).second) identifier += '_';
      subscriptions.emplace_back(TsContext::string(event.name), identifier);
      if (!handler.trigger.empty()) {
        const ir::Workflow& w = m.workflows[handler.workflow.index];
        std::vector<std::string> path;
        for (ir::FieldId f : handler.path) path.push_back(m.field(f).name);
        p.print(R"(

          $doc$
          // Fires `$trigger$` of workflow $workflow$ on the record `$path$` of the event leads to.
          export const $name$: EventHandler<$event$> = (event, { store, bus }) => {
            $body$
          };
        )", {{"doc", handler.doc.empty() ? std::string() : doc(handler.doc)}, {"name", identifier},
             {"event", TsContext::string(event.name)}, {"trigger", handler.trigger}, {"workflow", w.name},
             {"path", fmt::format("{}", fmt::join(path, "."))}, {"body", trigger_handler_body(ctx, event, handler)}});
        continue;
      }
      p.print(R"(

        $doc$
        export const $name$: EventHandler<$event$> = (
          $begin$
          () => undefined
          $end$
        );
      )", {{"doc", handler.doc.empty() ? std::string() : doc(handler.doc)}, {"name", identifier},
           {"event", TsContext::string(event.name)},
           {"begin", fmt::format("// bpc:begin-user-code handlers.{}", handler.name)},
           {"end", fmt::format("// bpc:end-user-code handlers.{}", handler.name)}});
    }
  }
  if (subscriptions.empty()) return p.take_output();  // app.ts subscribes nothing
  p.print(R"(

    // Subscribes every handler to its event; a handler runs after the publishing code returns.
    export function subscribeHandlers(bus: EventBus<EventMap>, context: HandlerContext): void {
      $subscriptions$
    }
  )", {{"subscriptions", [&] {
          for (const auto& [event, name] : subscriptions) {
            p.print(R"(
              bus.subscribe($event$, (event) => {
                void Promise.resolve()
                  .then(() => $name$(event, context))
                  .catch((error: unknown) => {
                    console.error($failed$, error);
                  });
              });
            )", {{"event", event}, {"name", name}, {"failed", TsContext::string(fmt::format("event handler {} failed:", name))}});
          }
        }}});
  return p.take_output();
}

void emit_apis(const TsContext& ctx, OutputDirectory& out) {
  for (std::uint32_t i = 0; i < ctx.module().apis.size(); ++i) {
    ApiWriter(ctx, ctx.module().apis[i], ir::ApiId{i}).write(out);
  }
  out.add("src/handlers/guards.ts", workflow_guards(ctx), kUserCode);
  out.add("src/handlers/conditions.ts", policy_conditions(ctx), kUserCode);
  out.add("src/handlers/events.ts", event_handlers(ctx), kUserCode);
}

}  // namespace bpc::backends::typescript
