// test/*.test.ts: tests generated from the blueprint, run with node:test against the real app on
// a loopback port, with the in-memory and the SQLite store. They cover every constraint (a valid
// record, and a value breaking each constraint: 400 naming the field), CRUD round trips with
// pagination, filters, unique violations (409) and 404, access control (401, 403, allowed),
// legal and illegal workflow transitions (409), the events writes and transitions raise, and
// custom operations answering 501 until written.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "backends/support/printer.h"
#include "backends/support/routes.h"
#include "backends/typescript/emitters.h"
#include "backends/typescript/sample_values.h"

namespace bpc::backends::typescript {

namespace {

using Kind = ir::Operation::Kind;
constexpr int kVariants = 24;  // distinct sample records per entity and service

std::string str(std::string_view text) { return TsContext::string(text); }

class TestWriter {
 public:
  explicit TestWriter(const TsContext& ctx) : ctx_(ctx), m_(ctx.module()), samples_(ctx) {
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& op = m_.operations[i];
      if (op.entity.is_none()) continue;
      auto& slot = crud_[{op.entity.index, op.kind}];
      if (slot.is_none()) slot = ir::OperationId{i};
    }
    find_creatable();
  }

  void write(OutputDirectory& out) {
    out.add("test/fixtures.ts", fixtures());
    out.add("test/constraints.test.ts", constraints());
    out.add("test/crud.test.ts", crud());
    out.add("test/access.test.ts", access());
    out.add("test/workflows.test.ts", workflows());
  }

 private:
  ir::OperationId find(ir::EntityId entity, Kind kind) const {
    const auto it = crud_.find({entity.index, kind});
    return it == crud_.end() ? ir::OperationId::none() : it->second;
  }

  // A role that may always call the operation; "" when the blueprint has no roles; nullopt when
  // no role may call it unconditionally.
  std::optional<std::string> caller(ir::OperationId op) const {
    if (!ctx_.secured()) return std::string();
    for (std::uint32_t r = 0; r < m_.roles.size(); ++r) {
      if (role_always_permitted(ctx_.access(op), ir::RoleId{r})) return m_.roles[r].name;
    }
    return std::nullopt;
  }

  std::optional<std::string> refused_role(ir::OperationId op) const {
    for (std::uint32_t r = 0; r < m_.roles.size(); ++r) {
      const ir::RoleId role{r};
      if (!role_always_permitted(ctx_.access(op), role)) return m_.roles[r].name;
    }
    return std::nullopt;
  }

  std::string full_path(ir::OperationId op) const {
    const ir::Operation& o = m_.operations[op.index];
    const std::string& base = m_.apis[o.api.index].base_path;
    return (base == "/" ? "" : base) + o.path;
  }

  bool required(ir::FieldId f) const {
    const ir::Field& field = m_.field(f);
    return !ctx_.is_optional(field.type) && ctx_.default_of(field) == nullptr;
  }

  bool is_reference(ir::FieldId f) const {
    const ir::Type& type = ctx_.base(m_.field(f).type);
    return type.kind == ir::Type::Kind::Entity ||
           (type.kind == ir::Type::Kind::List && ctx_.base(type.element).kind == ir::Type::Kind::Entity);
  }

  // Entities the tests can create: a create operation a role may always call, and a valid value
  // for every required field (references only to creatable entities). The least set closed under
  // that rule, found with a worklist: an entity waits for the entities its required references
  // need, so a chain of 20,000 entities, each requiring the next, takes one pass, not 20,000.
  void find_creatable() {
    std::vector<std::size_t> waiting_for(m_.entities.size(), 0);  // required references not yet creatable
    std::vector<std::vector<std::uint32_t>> waiters(m_.entities.size());  // entity -> entities waiting for it
    std::vector<std::uint32_t> ready;
    for (std::uint32_t e = 0; e < m_.entities.size(); ++e) {
      const ir::OperationId create = find(ir::EntityId{e}, Kind::Create);
      if (!create.is_none() && !caller(create)) continue;
      bool ok = create.is_none() ? seedable(ir::EntityId{e}) : true;
      std::vector<std::uint32_t> needs;
      for (ir::FieldId f : ctx_.create_fields(ir::EntityId{e})) {
        if (!required(f)) continue;
        const ir::Type& type = ctx_.base(m_.field(f).type);
        if (type.kind == ir::Type::Kind::Entity) needs.push_back(type.declaration);
        if (!samples_.valid(f, 1)) ok = false;
      }
      if (!ok) continue;
      waiting_for[e] = needs.size();
      for (std::uint32_t needed : needs) waiters[needed].push_back(e);
      if (needs.empty()) ready.push_back(e);
    }
    while (!ready.empty()) {
      const std::uint32_t e = ready.back();
      ready.pop_back();
      creatable_.insert(e);
      for (std::uint32_t waiter : waiters[e]) {
        if (--waiting_for[waiter] == 0) ready.push_back(waiter);
      }
    }
  }

  // An entity without a create operation is seeded into the store directly, when the only
  // generated field is a uuid, string or integer id.
  bool seedable(ir::EntityId entity) const {
    for (ir::FieldId f : ctx_.stored_fields(entity)) {
      const ir::Field& field = m_.field(f);
      if (!field.constraints->generated) continue;
      if (!field.constraints->is_id) return false;
      const ir::Type& type = ctx_.base(field.type);
      if (type.kind != ir::Type::Kind::Scalar ||
          (type.scalar != ir::Scalar::Uuid && type.scalar != ir::Scalar::String && type.scalar != ir::Scalar::Int)) {
        return false;
      }
    }
    return true;
  }

  // The fields a sample body sets: required ones, and optional ones with a value that are not
  // references.
  std::vector<ir::FieldId> sample_fields(ir::EntityId entity) const {
    std::vector<ir::FieldId> out;
    for (ir::FieldId f : ctx_.create_fields(entity)) {
      if (required(f) || (!is_reference(f) && samples_.valid(f, 1))) out.push_back(f);
    }
    return out;
  }

  // A value for each of the kVariants records of an entity the tests create, for a unique field.
  std::vector<std::string> variants(ir::FieldId f) const {
    std::vector<std::string> values;
    for (int n = 1; n <= kVariants; ++n) {
      if (auto v = samples_.valid(f, n)) values.push_back(std::move(*v));
    }
    return values;
  }

  bool unique_reference(ir::FieldId f) const {
    return m_.field(f).constraints->unique && ctx_.base(m_.field(f).type).kind == ir::Type::Kind::Entity;
  }

  std::string fixtures() {
    Printer p;
    print_generated_header(p);
    p.print(R"(
      // What the tests need to know about this blueprint: a development token per role, and how
      // to create a valid record of each entity the tests can create (test/service.ts uses them).
      import type { Ref, Route } from './service.js';

      // One development token per role: `role:<index>`.
      export const roleTokens: ReadonlyMap<string, string> = new Map([
        $tokens$
      ]);

      export interface Creator {
        // The create route and a role that may call it; without it the record is put straight
        // into the store (the blueprint serves no create for it), with a generated id and the
        // initial state of its workflow.
        readonly route?: Route;
        readonly id: string;
        readonly seed?: { readonly id: 'uuid' | 'number' | 'none'; readonly state?: readonly [string, string] };
        // A valid body; `variants` gives each record its own value of the unique fields, and
        // `fresh` names unique references, which get a new record each time.
        readonly body: (ref: Ref) => Promise<Record<string, unknown>>;
        readonly variants?: Readonly<Record<string, readonly unknown[]>>;
        readonly fresh?: Readonly<Record<string, string>>;
      }

      export const creators: ReadonlyMap<string, Creator> = new Map<string, Creator>([
        $creators$
      ]);
    )", {{"tokens", [&] {
            for (std::uint32_t r = 0; r < m_.roles.size(); ++r) {
              p.print("[$role$, $token$],\n", {{"role", str(m_.roles[r].name)}, {"token", str(fmt::format("role:{}", r))}});
            }
          }},
         {"creators", [&] {
            for (std::uint32_t e : creatable_) creator(p, ir::EntityId{e});
          }}});
    return p.take_output();
  }

  void creator(Printer& p, ir::EntityId id) {
    const ir::OperationId create = find(id, Kind::Create);
    std::string how;
    if (!create.is_none()) {
      how = fmt::format("route: {},", route(create));
    } else {
      const ir::Field& id_field = m_.field(m_.entity(id).id_field);
      const std::string kind = !id_field.constraints->generated ? "none"
                               : ctx_.parameter_kind(id_field.type) == "number" ? "number" : "uuid";
      std::string state;
      if (const ir::Workflow* w = ctx_.workflow_of(id)) {
        state = fmt::format(", state: [{}, {}]", str(m_.field(w->state_field).name),
                            str(m_.enums[w->states.index].values[w->initial].name));
      }
      how = fmt::format("seed: {{ id: {}{} }},", str(kind), state);
    }
    std::vector<std::string> members;
    std::vector<std::string> variant_lists;
    std::vector<std::string> fresh;
    for (ir::FieldId f : sample_fields(id)) {
      const std::string& name = m_.field(f).name;
      if (unique_reference(f)) {
        fresh.push_back(fmt::format("{}: {}", TsContext::key(name), str(m_.entity(ir::EntityId{ctx_.base(m_.field(f).type).declaration}).name)));
        continue;
      }
      members.push_back(fmt::format("{}: {}", TsContext::key(name), *samples_.valid(f, 1)));
      if (m_.field(f).constraints->unique) {
        variant_lists.push_back(fmt::format("{}: [{}]", TsContext::key(name), fmt::join(variants(f), ", ")));
      }
    }
    p.print(R"(
      [
        $name$,
        {
          $how$
          id: $id$,
          body: async (ref) => ({ $members$ }),
          $variants$
          $fresh$
        },
      ],
    )", {{"name", str(m_.entity(id).name)}, {"how", how}, {"id", str(m_.field(m_.entity(id).id_field).name)},
         {"members", fmt::format("{}", fmt::join(members, ", "))},
         {"variants", variant_lists.empty() ? std::string() : fmt::format("variants: {{ {} }},", fmt::join(variant_lists, ", "))},
         {"fresh", fresh.empty() ? std::string() : fmt::format("fresh: {{ {} }},", fmt::join(fresh, ", "))}});
  }

  // `{ path: ..., role: ... }` for an operation a role may always call.
  std::string route(ir::OperationId op) const {
    return fmt::format("{{ path: {}, role: {} }}", str(full_path(op)), str(*caller(op)));
  }

  // The imports of a test file: node:test's `test_names` and test/service.ts's `service_names`.
  static std::string imports(std::string_view test_names, std::string_view service_names) {
    return fmt::format("import assert from 'node:assert/strict';\nimport {{ {} }} from 'node:test';\n\n"
                       "import {{ {} }} from './service.js';\n",
                       test_names, service_names);
  }

  std::string constraints() {
    Printer p;
    print_generated_header(p);
    p.print("$imports$", {{"imports", imports("test", "Service, constraintSuite")}});
    for (std::uint32_t e : creatable_) {
      const ir::EntityId id{e};
      const ir::OperationId create = find(id, Kind::Create);
      if (create.is_none()) continue;
      p.print(R"(

        constraintSuite($entity$, $route$, [
          $cases$
        ]);
      )", {{"entity", str(m_.entity(id).name)}, {"route", route(create)},
           {"cases", [&] {
              for (ir::FieldId f : ctx_.create_fields(id)) {
                for (const InvalidValue& bad : samples_.invalid(f)) {
                  p.print("[$field$, $constraint$$value$],\n",
                          {{"field", str(m_.field(f).name)}, {"constraint", str(bad.constraint)},
                           {"value", bad.value ? ", " + *bad.value : std::string()}});
                }
              }
            }}});
    }
    custom_operations(p);
    return p.take_output();
  }

  // Custom operations answer 501 until written, after validating their arguments.
  void custom_operations(Printer& p) {
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      const ir::OperationId op{i};
      if (o.kind != Kind::Custom) continue;
      const auto role = caller(op);
      std::map<std::string, std::string> args;
      bool complete = role.has_value();
      for (ir::FieldId f : o.parameters) {
        const ir::Type& type = ctx_.base(m_.field(f).type);
        if (is_reference(f) && (type.kind != ir::Type::Kind::Entity || !creatable_.contains(type.declaration))) {
          complete = complete && !required(f);
          continue;
        }
        const auto v = samples_.valid(f, 1);
        if (v) args[m_.field(f).name] = *v;
        else if (required(f)) complete = false;
      }
      if (!complete) {
        p.print("\n\ntest($title$, { skip: 'no role may always call it, or an argument has no sample' }, () => {});\n",
                {{"title", str(fmt::format("operation {} validates its arguments", o.name))}});
        continue;
      }
      std::string path = template_path(op, "{id}");
      std::vector<std::string> body;
      std::vector<std::string> query;
      for (const auto& [name, value] : args) {
        const std::string placeholder = "{" + name + "}";
        if (const std::size_t at = path.find(placeholder); at != std::string::npos) {
          path.replace(at, placeholder.size(), "${encodeURIComponent(String(" + value + "))}");
        } else if (!method_has_body(o.method)) {
          query.push_back(fmt::format("{}: String({})", TsContext::key(name), value));
        } else {
          body.push_back(fmt::format("{}: {}", TsContext::key(name), value));
        }
      }
      // A placeholder without a sample (an entity id): a well-formed id that does not exist.
      for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
        if (at > 0 && path[at - 1] == '$') continue;
        const std::size_t close = path.find('}', at);
        path.replace(at, close - at + 1, "00000000-0000-4000-8000-999999999999");
      }
      p.print(R"(

        test($title$, async () => {
          const service = await Service.start();
          const ref = service.ref;
          try {
            const reply = await service.call($method$, `$path$`, { role: $role$, query: { $query$ }$body$ });
            // 501 until the handler is written; what the handler answers afterwards.
            assert.ok([501, 200, 204].includes(reply.status), JSON.stringify(reply.body));
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("operation {} validates its arguments", o.name))},
           {"method", str(ir::http_method_name(o.method))}, {"path", path}, {"role", str(*role)},
           {"query", fmt::format("{}", fmt::join(query, ", "))},
           {"body", body.empty() && !method_has_body(o.method)
                        ? std::string()
                        : fmt::format(", body: {{ {} }}", fmt::join(body, ", "))}});
    }
  }

  std::string crud() {
    Printer p;
    print_generated_header(p);
    p.print("import { crudSuite } from './service.js';\n");
    for (std::uint32_t e : creatable_) crud_entity(p, ir::EntityId{e});
    return p.take_output();
  }

  void crud_entity(Printer& p, ir::EntityId id) {
    const ir::Entity& entity = m_.entity(id);
    const ir::Field& id_field = m_.field(entity.id_field);
    std::vector<std::string> spec;
    spec.push_back(fmt::format("id: {}", str(id_field.name)));
    spec.push_back(fmt::format("idKind: {}", str(ctx_.parameter_kind(id_field.type) == "number" ? "number" : "string")));
    const auto add = [&](std::string_view key, Kind kind) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format("{}: {}", key, route(op)));
    };
    add("create", Kind::Create);
    add("get", Kind::Get);
    const ir::OperationId list = find(id, Kind::List);
    if (!list.is_none() && caller(list)) {
      const std::vector<ir::FieldId> filters = ctx_.filter_fields(id);
      spec.push_back(filters.empty() ? fmt::format("list: {}", route(list))
                                     : fmt::format("list: {{ path: {}, role: {}, filter: {} }}", str(full_path(list)),
                                                   str(*caller(list)), str(m_.field(filters.front()).name)));
    }
    const ir::OperationId update = find(id, Kind::Update);
    if (!update.is_none() && caller(update)) {
      for (ir::FieldId f : ctx_.update_fields(id)) {
        if (is_reference(f) || m_.field(f).constraints->unique) continue;
        const auto value = samples_.valid(f, kVariants + 1);
        if (!value) continue;
        spec.push_back(fmt::format("update: {{ path: {}, role: {}, field: {}, value: async (ref) => {} }}", str(full_path(update)),
                                   str(*caller(update)), str(m_.field(f).name), *value));
        break;
      }
    }
    std::vector<std::string> unique;
    for (ir::FieldId f : ctx_.create_fields(id)) {
      if (m_.field(f).constraints->unique && !is_reference(f)) unique.push_back(str(m_.field(f).name));
    }
    if (!unique.empty()) spec.push_back(fmt::format("unique: [{}]", fmt::join(unique, ", ")));
    add("remove", Kind::Delete);
    p.print(R"(

      for (const kind of ['memory', 'sqlite'] as const) {
        crudSuite($entity$, kind, {
          $spec$
        });
      }
    )", {{"entity", str(entity.name)}, {"spec", [&] {
            for (const std::string& entry : spec) p.print("$entry$,\n", {{"entry", entry}});
          }}});
  }

  // The operation's full path as the inside of a template literal, `{id}` replaced by `id_text`.
  std::string template_path(ir::OperationId op, std::string_view id_text) const {
    std::string path = full_path(op);
    std::string out;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path.compare(i, 4, "{id}") == 0) {
        out += id_text;
        i += 3;
      } else {
        if (path[i] == '`' || path[i] == '\\' || (path[i] == '$' && i + 1 < path.size() && path[i + 1] == '{')) out += '\\';
        out += path[i];
      }
    }
    return out;
  }

  std::string access() {
    Printer p;
    print_generated_header(p);
    p.print("$imports$", {{"imports", imports("after, before, describe, test", "Service")}});
    p.print(R"(
      describe('access control', () => {
        let service: Service;
        before(async () => {
          service = await Service.start();
        });
        after(() => service.close());
        $cases$
      });
    )", {{"cases", [&] {
            if (!ctx_.secured()) {
              p.print("\ntest('the blueprint declares no roles: every operation is open', () => {});\n");
              return;
            }
            for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
              const ir::OperationId op{i};
              const ir::Operation& o = m_.operations[i];
              std::string path = template_path(op, "00000000-0000-4000-8000-999999999999");
              // Other placeholders: any text; the access check comes before validation.
              for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at)) {
                const std::size_t close = path.find('}', at);
                path.replace(at, close - at + 1, "1");
              }
              const std::string call_body = method_has_body(o.method) ? ", body: {}" : "";
              VariableScope scope(p, {{"method", str(ir::http_method_name(o.method))}, {"path", path}, {"call_body", call_body}});
              p.print(R"(

                test($title$, async () => {
                  const reply = await service.call($method$, `$path$`, { $call_body_start$ });
                  assert.equal(reply.status, 401, JSON.stringify(reply.body));
                });
              )", {{"title", str(fmt::format("{}: 401 without a token", o.name))},
                   {"call_body_start", call_body.empty() ? "" : "body: {}"}});
              if (const auto refused = refused_role(op)) {
                p.print(R"(

                  test($title$, async () => {
                    const reply = await service.call($method$, `$path$`, { role: $role$$call_body$ });
                    assert.equal(reply.status, 403, JSON.stringify(reply.body));
                  });
                )", {{"title", str(fmt::format("{}: 403 for {}", o.name, *refused))}, {"role", str(*refused)}});
              }
              if (const auto allowed = caller(op)) {
                p.print(R"(

                  test($title$, async () => {
                    const reply = await service.call($method$, `$path$`, { role: $role$$call_body$ });
                    assert.ok(reply.status !== 401 && reply.status !== 403, JSON.stringify(reply.body));
                  });
                )", {{"title", str(fmt::format("{}: allowed for {}", o.name, *allowed))}, {"role", str(*allowed)}});
              }
            }
          }}});
    return p.take_output();
  }

  std::string workflows() {
    Printer p;
    print_generated_header(p);
    p.print("$imports$", {{"imports", imports("test", "Service")}});
    bool any = false;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      if (o.kind != Kind::Transition || !creatable_.contains(o.entity.index)) continue;
      any = true;
      transition_tests(p, ir::OperationId{i});
    }
    if (!any) p.print("\ntest('the blueprint serves no workflow transition the tests can reach', () => {});\n");
    return p.take_output();
  }

  std::string trigger_body(const ir::Operation& o) const {
    std::vector<std::string> members;
    for (ir::FieldId f : o.parameters) {
      if (m_.field(f).name == "id") continue;
      const auto v = samples_.valid(f, 1);
      if (!v) return {};
      members.push_back(fmt::format("{}: {}", TsContext::key(m_.field(f).name), *v));
    }
    return fmt::format("{{ {} }}", fmt::join(members, ", "));
  }

  // Whether a transition with the trigger leaves the state.
  bool allowed_from(ir::WorkflowId workflow, const std::string& trigger, std::uint32_t state) const {
    const ir::Workflow& w = m_.workflows[workflow.index];
    const auto& indices = ctx_.transitions_with_trigger(workflow, trigger);
    return std::any_of(indices.begin(), indices.end(), [&](std::uint32_t index) {
      const ir::Transition& t = w.transitions[index];
      return std::find(t.from.begin(), t.from.end(), state) != t.from.end();
    });
  }

  void transition_tests(Printer& p, ir::OperationId op) {
    const ir::Operation& o = m_.operations[op.index];
    const ir::Workflow& w = m_.workflows[o.workflow.index];
    const ir::Enum& states = m_.enums[w.states.index];
    const std::string& trigger = w.transitions[o.transition].trigger;
    const std::string state_field = m_.field(w.state_field).name;
    const std::string initial = states.values[w.initial].name;
    const auto role = caller(op);
    const std::string body = trigger_body(o);
    const std::string id_field = m_.field(m_.entity(o.entity).id_field).name;
    if (!role || body.empty()) {
      p.print("\n\ntest($title$, { skip: 'no role may always trigger it, or a parameter has no sample' }, () => {});\n",
              {{"title", str(fmt::format("{}.{}", w.name, trigger))}});
      return;
    }
    const ir::Transition* from_initial = nullptr;
    for (std::uint32_t index : ctx_.transitions_with_trigger(o.workflow, trigger)) {
      const ir::Transition& t = w.transitions[index];
      if (std::find(t.from.begin(), t.from.end(), w.initial) != t.from.end()) from_initial = &t;
    }
    VariableScope scope(p, {{"entity", str(m_.entity(o.entity).name)}, {"path", template_path(op, "${id}")}, {"role", str(*role)},
                            {"body", body}, {"state", str(state_field)}, {"id_field", str(id_field)}});
    if (from_initial != nullptr) {
      p.print(R"(

        test($title$, async () => {
          const service = await Service.start();
          try {
            const record = await service.create($entity$);
            assert.equal(record[$state$], $initial$);
            const id = encodeURIComponent(String(record[$id_field$]));
            const reply = await service.call('POST', `$path$`, { role: $role$, body: $body$ });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            assert.equal(reply.body[$state$], $to$);
            $events$
            $again$
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("{}: {} moves {} from {} to {}{}", w.name, trigger, m_.entity(o.entity).name, initial,
                                     states.values[from_initial->to].name,
                                     allowed_from(o.workflow, trigger, from_initial->to) ? "" : ", and again is illegal (409)"))},
           {"again", [&] {
              if (allowed_from(o.workflow, trigger, from_initial->to)) return;
              p.print(R"(
                const published = service.published.length;
                const again = await service.call('POST', `$path$`, { role: $role$, body: $body$ });
                assert.equal(again.status, 409, JSON.stringify(again.body));
                assert.equal(service.published.length, published);
              )");
            }},
           {"initial", str(initial)}, {"to", str(states.values[from_initial->to].name)},
           {"events", [&] {
              for (ir::EventId e : from_initial->emits) {
                p.print("assert.ok(service.publishedNames().includes($event$));\n", {{"event", str(m_.events[e.index].name)}});
              }
            }}});
    } else {
      p.print(R"(

        test($title$, async () => {
          const service = await Service.start();
          try {
            const record = await service.create($entity$);
            const id = encodeURIComponent(String(record[$id_field$]));
            const reply = await service.call('POST', `$path$`, { role: $role$, body: $body$ });
            assert.equal(reply.status, 409, JSON.stringify(reply.body));
            assert.equal(service.publishedNames().filter((name) => !name.includes('.')).length, 0);
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("{}: {} from {} is an illegal transition (409)", w.name, trigger, initial))}});
    }
  }

  const TsContext& ctx_;
  const ir::Module& m_;
  SampleValues samples_;
  std::map<std::pair<std::uint32_t, Kind>, ir::OperationId> crud_;
  std::set<std::uint32_t> creatable_;
};

}  // namespace

void emit_tests(const TsContext& ctx, OutputDirectory& out) { TestWriter(ctx).write(out); }

}  // namespace bpc::backends::typescript
