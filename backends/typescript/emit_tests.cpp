// test/*.test.ts: tests generated from the blueprint, run with node:test against the real app on
// a loopback port, with every store (memory, SQLite, and PostgreSQL when BPC_TEST_POSTGRESQL is set). They cover every constraint (a valid
// record, and a value breaking each constraint: 400 naming the field), CRUD round trips with
// pagination, filters, unique violations (409) and 404, access control (401, 403, allowed),
// legal and illegal workflow transitions (409), the events writes and transitions raise, and
// custom operations answering 501 until written. What to test, the samples, and what cannot be
// tested and why, are the service model's (backends/service_model/test_plan.h); this file spells
// them for node:test.

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "backends/service_model/crud_tests.h"
#include "backends/service_model/samples.h"
#include "backends/service_model/test_plan.h"
#include "backends/support/printer.h"
#include "backends/support/routes.h"
#include "backends/typescript/emitters.h"
#include "ir/list_query.h"

namespace bpc::backends::typescript {

namespace {

using Kind = ir::Operation::Kind;
using service::Sample;
constexpr int kVariants = 24;  // distinct sample records per entity and service

std::string str(std::string_view text) { return TsContext::string(text); }

// A sample as a JavaScript expression; a reference is `await ref('Entity')`, which the test
// helpers resolve by creating a record.
std::string expression(const ir::Module& m, const Sample& sample) {
  switch (sample.kind) {
    case Sample::Kind::Null: return "null";
    case Sample::Kind::Bool:
    case Sample::Kind::Number: return sample.text;
    case Sample::Kind::String: return str(sample.text);
    case Sample::Kind::Reference: return fmt::format("await ref({})", str(m.entity(sample.entity).name));
    case Sample::Kind::List: {
      std::vector<std::string> items;
      for (const auto& [key, item] : sample.members) items.push_back(expression(m, item));
      return fmt::format("[{}]", fmt::join(items, ", "));
    }
    case Sample::Kind::Object: {
      std::vector<std::string> members;
      for (const auto& [key, item] : sample.members) members.push_back(fmt::format("{}: {}", TsContext::key(key), expression(m, item)));
      return members.empty() ? "{}" : fmt::format("{{ {} }}", fmt::join(members, ", "));
    }
  }
  return "null";
}

// A function from the test helpers' `ref` to a promise of `value`: `async (ref) => (value)` when
// the value creates records, else `() => Promise.resolve(value)`. Parenthesized: an object is a
// literal, not a block.
std::string resolver(bool references, std::string_view value) {
  return references ? fmt::format("async (ref) => ({})", value) : fmt::format("() => Promise.resolve({})", value);
}

// How the test helpers fill a generated field of a seeded record (test/service.ts).
std::string_view seed_kind(service::GeneratedValue value) {
  switch (value) {
    case service::GeneratedValue::RandomUuid: return "uuid";
    case service::GeneratedValue::NextInteger: return "number";
    case service::GeneratedValue::Now: return "now";
  }
  return "uuid";
}

class TestWriter {
 public:
  TestWriter(const TsContext& ctx, const service::TestPlan& plan, const service::Samples& samples)
      : ctx_(ctx), model_(ctx.service()), m_(ctx.module()), samples_(samples), plan_(plan) {}

  void write(OutputDirectory& out) {
    out.add("test/fixtures.ts", fixtures());
    out.add("test/constraints.test.ts", constraints());
    out.add("test/crud.test.ts", crud());
    out.add("test/access.test.ts", access());
    out.add("test/workflows.test.ts", workflows());
  }

 private:
  ir::OperationId find(ir::EntityId entity, Kind kind) const { return model_.crud(entity, kind); }

  // A role that may always call the operation; "" when the blueprint has no roles; nullopt when
  // no role may call it unconditionally.
  std::optional<std::string> caller(ir::OperationId op) const {
    if (!model_.secured()) return std::string();
    if (const auto role = model_.caller(op)) return m_.roles[role->index].name;
    return std::nullopt;
  }

  std::optional<std::string> refused_role(ir::OperationId op) const {
    if (const auto role = model_.refused_role(op)) return m_.roles[role->index].name;
    return std::nullopt;
  }

  std::string full_path(ir::OperationId op) const { return model_.full_path(op); }

  std::optional<std::string> valid(ir::FieldId f, int n) const {
    if (auto sample = samples_.valid(f, n)) return expression(m_, *sample);
    return std::nullopt;
  }

  // A value for each of the kVariants records of an entity the tests create, for a unique field.
  std::vector<std::string> variants(ir::FieldId f) const {
    std::vector<std::string> values;
    for (int n = 1; n <= kVariants; ++n) {
      if (auto v = valid(f, n)) values.push_back(std::move(*v));
    }
    return values;
  }

  // `test(title, { skip: reason }, ...)`: node:test counts it as skipped and prints the reason.
  static void skipped_test(Printer& p, std::string_view title, std::string_view reason) {
    p.print("\n\nvoid test($title$, { skip: $reason$ }, () => {});\n", {{"title", str(title)}, {"reason", str(reason)}});
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
        // into the store (the blueprint serves no create for it), with its generated fields
        // filled as the service fills them and the initial state of its workflow.
        readonly route?: Route;
        readonly id: string;
        readonly seed?: {
          readonly generated: Readonly<Record<string, 'uuid' | 'number' | 'now'>>;
          readonly state?: readonly [string, string];
          readonly scope?: Readonly<Record<string, 'tenant' | 'subject'>>;
        };
        // A valid body; `variants` gives each record its own value of the unique fields, and
        // `fresh` names references unique alone or in a key, which get a new record each time.
        readonly body: (ref: Ref) => Promise<Record<string, unknown>>;
        readonly variants?: Readonly<Record<string, readonly unknown[]>>;
        readonly fresh?: Readonly<Record<string, string>>;
      }

      export const creators: ReadonlyMap<string, Creator> = new Map<string, Creator>([
        $creators$
      ]);

      // The tenant and the identity of callers, when entities are scoped to them (`@tenant`,
      // `@owner`): the entity whose records they are, or two values.
      export type Claim = { readonly entity: string } | { readonly values: readonly [string | number, string | number] };
      export const claims: { readonly tenant?: Claim; readonly subject?: Claim } = { $claims$ };
    )", {{"claims", claims()}, {"tokens", [&] {
            for (std::uint32_t r = 0; r < m_.roles.size(); ++r) {
              p.print("[$role$, $token$],\n", {{"role", str(m_.roles[r].name)}, {"token", str(fmt::format("role:{}", r))}});
            }
          }},
         {"creators", [&] {
            for (ir::EntityId e : plan_.creatable_entities()) creator(p, e);
          }}});
    return p.take_output();
  }

  // The members of `claims`: for each of the tenant and the identity that some entity is scoped
  // to, the entity whose records they are (the tests make two), or two values of their type.
  std::string claims() const {
    std::vector<std::string> members;
    const auto add = [&](std::string_view claim, ir::FieldId service::EntityFacts::*which) {
      for (std::uint32_t e = 0; e < m_.entities.size(); ++e) {
        const ir::FieldId f = model_.entity(ir::EntityId{e}).*which;
        if (f.is_none()) continue;
        const ir::EntityId target = model_.referenced_entity(f);
        if (!target.is_none()) {
          members.push_back(fmt::format("{}: {{ entity: {} }}", claim, str(m_.entity(target).name)));
        } else {
          const bool number = model_.parameter_kind(m_.field(f).type) == "number";
          const ir::Type& type = model_.base(m_.field(f).type);
          const bool uuid = type.kind == ir::Type::Kind::Scalar && type.scalar == ir::Scalar::Uuid;
          members.push_back(fmt::format("{}: {{ values: {} }}", claim,
                                        number ? "[1, 2]"
                                        : uuid ? "['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b']"
                                               : fmt::format("['{0}-a', '{0}-b']", claim)));
        }
        return;  // every field of the claim has one type (the checker sees to it)
      }
    };
    add("tenant", &service::EntityFacts::tenant);
    add("subject", &service::EntityFacts::owner);
    return fmt::format("{}", fmt::join(members, ", "));
  }

  bool names_scoped_record(ir::EntityId entity) const {
    const std::vector<ir::FieldId> fields = plan_.sample_fields(entity);
    return std::any_of(fields.begin(), fields.end(), [&](ir::FieldId f) {
      const ir::EntityId target = model_.referenced_entity(f);
      return !target.is_none() && model_.scoped(target);
    });
  }

  // File tests of each `bytes` field served by a download or an upload a role may always call,
  // with each store; false when there are none.
  bool binary_entity(Printer& p, ir::EntityId id) {
    if (binary_operations_.empty()) {  // the download and upload operations by field, found once
      binary_operations_.resize(m_.fields.size());
      for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
        const ir::Operation& o = m_.operations[i];
        if (o.kind == Kind::Download || o.kind == Kind::Upload) binary_operations_[o.via.index].push_back(ir::OperationId{i});
      }
    }
    bool any = false;
    for (ir::FieldId f : model_.stored_fields(id)) {
      std::vector<std::string> spec;
      for (ir::OperationId op : binary_operations_[f.index]) {
        const std::uint32_t i = op.index;
        const ir::Operation& o = m_.operations[i];
        if (!caller(op)) continue;
        const std::string key = o.kind == Kind::Download ? "download" : "upload";
        if (std::any_of(spec.begin(), spec.end(), [&](const std::string& s) { return s.starts_with(key); })) continue;
        spec.push_back(fmt::format("{}: {}", key, route(ir::OperationId{i})));
      }
      if (spec.empty()) continue;
      any = true;
      std::vector<std::string> head = id_spec(id);
      head.push_back(fmt::format("field: {}", str(m_.field(f).name)));
      head.push_back(fmt::format("optional: {}", model_.required_on_create(f) ? "false" : "true"));
      spec.insert(spec.begin(), head.begin(), head.end());
      per_store(p, "binarySuite", id, spec);
    }
    return any;
  }

  // Soft-delete tests of an entity with a `@deletedAt` field whose delete and restore a role may
  // always call, with each store; false when there are none.
  bool soft_delete_entity(Printer& p, ir::EntityId id) {
    const ir::FieldId field = model_.entity(id).soft_delete;
    const ir::OperationId remove = find(id, Kind::Delete);
    const ir::OperationId restore = find(id, Kind::Restore);
    if (field.is_none() || remove.is_none() || restore.is_none() || !caller(remove) || !caller(restore)) return false;
    std::vector<std::string> spec = id_spec(id);
    spec.push_back(fmt::format("field: {}", str(m_.field(field).name)));
    for (const auto& [key, kind] : {std::pair{"remove", Kind::Delete}, {"restore", Kind::Restore}, {"get", Kind::Get}, {"list", Kind::List}}) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format("{}: {}", key, route(op)));
    }
    per_store(p, "softDeleteSuite", id, spec);
    return true;
  }

  // Row-level isolation tests of a scoped entity, with each store.
  void scope_entity(Printer& p, ir::EntityId id) {
    const service::EntityFacts& facts = model_.entity(id);
    std::vector<std::string> fields;
    // A member named like one of Object's (`constructor`) is typed from it unless its value is const.
    const auto member = [&](ir::FieldId f, std::string_view claim) {
      const std::string& name = m_.field(f).name;
      return fmt::format("{}: '{}'{}", TsContext::key(name), claim, TsContext::shadows_object_member(name) ? " as const" : "");
    };
    if (!facts.tenant.is_none()) fields.push_back(member(facts.tenant, "tenant"));
    if (!facts.owner.is_none()) fields.push_back(member(facts.owner, "subject"));
    std::vector<std::string> spec;
    spec.push_back(fmt::format("id: {}", str(m_.field(m_.entity(id).id_field).name)));
    spec.push_back(fmt::format("fields: {{ {} }}", fmt::join(fields, ", ")));
    // A reference to a scoped entity whose records the tests can make for another tenant: one
    // whose create body names no scoped record itself.
    if (!find(id, Kind::Create).is_none() && caller(find(id, Kind::Create))) {
      for (ir::FieldId f : plan_.sample_fields(id)) {
        const ir::EntityId target = model_.referenced_entity(f);
        if (target.is_none() || model_.is_reference_list(f) || model_.is_unique_reference(f) || !model_.scoped(target) ||
            !plan_.creatable(target) || names_scoped_record(target)) {
          continue;
        }
        spec.push_back(fmt::format("foreign: {{ field: {}, entity: {} }}", str(m_.field(f).name), str(m_.entity(target).name)));
        break;
      }
    }
    for (const auto& [key, kind] : {std::pair{"get", Kind::Get}, {"list", Kind::List}, {"update", Kind::Update}, {"remove", Kind::Delete}}) {
      const ir::OperationId op = find(id, kind);
      if (!op.is_none() && caller(op)) spec.push_back(fmt::format("{}: {}", key, route(op)));
    }
    per_store(p, "scopeSuite", id, spec);
  }

  void creator(Printer& p, ir::EntityId id) {
    const ir::OperationId create = find(id, Kind::Create);
    std::string how;
    if (!create.is_none()) {
      how = fmt::format("route: {},", route(create));
    } else {
      std::vector<std::string> generated;
      for (ir::FieldId f : model_.stored_fields(id)) {
        if (!m_.field(f).constraints->generated) continue;
        generated.push_back(fmt::format("{}: {}", TsContext::key(m_.field(f).name), str(seed_kind(*model_.generated_value(f)))));
      }
      std::string state;
      if (const ir::Workflow* w = model_.workflow_of(id)) {
        state = fmt::format(", state: [{}, {}]", str(m_.field(w->state_field).name),
                            str(ir::wire_name(m_.enums[w->states.index].values[w->initial])));
      }
      std::vector<std::string> scope;
      if (const ir::FieldId f = model_.entity(id).tenant; !f.is_none()) scope.push_back(fmt::format("{}: 'tenant'", TsContext::key(m_.field(f).name)));
      if (const ir::FieldId f = model_.entity(id).owner; !f.is_none()) scope.push_back(fmt::format("{}: 'subject'", TsContext::key(m_.field(f).name)));
      if (!scope.empty()) state += fmt::format(", scope: {{ {} }}", fmt::join(scope, ", "));
      how = fmt::format("seed: {{ generated: {{ {} }}{} }},", fmt::join(generated, ", "), state);
    }
    std::vector<std::string> members;
    std::vector<std::string> variant_lists;
    std::vector<std::string> fresh;
    bool references = false;
    // Unique fields and keys differ from record to record (service::sample_variation).
    const std::vector<ir::FieldId> sampled = plan_.sample_fields(id);
    const service::SampleVariation variation = service::sample_variation(model_, samples_, plan_, id, kVariants);
    for (ir::FieldId f : sampled) {
      const std::string& name = m_.field(f).name;
      if (variation.fresh.contains(f.index)) {
        fresh.push_back(fmt::format("{}: {}", TsContext::key(name), str(m_.entity(model_.referenced_entity(f)).name)));
        continue;
      }
      const auto sample = samples_.valid(f, 1);
      if (!sample) continue;  // a list of references: left out, it starts empty
      references = references || sample->has_reference();
      members.push_back(fmt::format("{}: {}", TsContext::key(name), expression(m_, *sample)));
      if (variation.varied.contains(f.index)) {
        variant_lists.push_back(fmt::format("{}: [{}]", TsContext::key(name), fmt::join(variants(f), ", ")));
      }
    }
    p.print(R"(
      [
        $name$,
        {
          $how$
          id: $id$,
          body: $body$,
          $variants$
          $fresh$
        },
      ],
    )", {{"name", str(m_.entity(id).name)}, {"how", how}, {"id", str(m_.field(m_.entity(id).id_field).name)},
         {"body", resolver(references, fmt::format("{{ {} }}", fmt::join(members, ", ")))},
         {"variants", variant_lists.empty() ? std::string() : fmt::format("variants: {{ {} }},", fmt::join(variant_lists, ", "))},
         {"fresh", fresh.empty() ? std::string() : fmt::format("fresh: {{ {} }},", fmt::join(fresh, ", "))}});
  }

  // `{ path: ..., role: ... }` for an operation a role may always call.
  std::string route(ir::OperationId op) const {
    return fmt::format("{{ path: {}, role: {} }}", str(full_path(op)), str(*caller(op)));
  }

  // What a test file's code uses from `node:assert`, `node:test` and test/service.ts: it imports
  // exactly that (noUnusedLocals).
  struct Uses {
    bool assert = false;
    std::set<std::string_view> node_test;
    std::set<std::string_view> service;
  };

  // The generated header and the imports `uses` names, then `body`.
  static std::string with_imports(const Uses& uses, std::string body) {
    Printer p;
    print_generated_header(p);
    if (uses.assert) p.print("import assert from 'node:assert/strict';\n");
    if (!uses.node_test.empty()) p.print("import { $names$ } from 'node:test';\n", {{"names", fmt::format("{}", fmt::join(uses.node_test, ", "))}});
    if (!uses.service.empty()) {
      if (uses.assert || !uses.node_test.empty()) p.print("\n");
      p.print("import { $names$ } from './service.js';\n", {{"names", fmt::format("{}", fmt::join(uses.service, ", "))}});
    }
    if (!uses.assert && uses.node_test.empty() && uses.service.empty()) p.print("export {};\n");
    return p.take_output() + body;
  }

  std::string constraints() {
    Printer p;
    Uses uses;
    if (!plan_.skipped().empty()) uses.node_test.insert("test");
    for (const service::SkippedTests& skip : plan_.skipped()) skipped_test(p, skip.tests, skip.reason);
    for (ir::EntityId id : plan_.creatable_entities()) {
      const ir::OperationId create = find(id, Kind::Create);
      if (create.is_none()) continue;
      uses.service.insert("constraintSuite");
      p.print(R"(

        constraintSuite($entity$, $route$, [
          $cases$
        ]);
      )", {{"entity", str(m_.entity(id).name)}, {"route", route(create)},
           {"cases", [&] {
              for (ir::FieldId f : model_.create_fields(id)) {
                for (const service::InvalidSample& bad : samples_.invalid(f)) {
                  p.print("[$field$, $constraint$$value$],\n",
                          {{"field", str(m_.field(f).name)}, {"constraint", str(bad.constraint)},
                           {"value", bad.value ? ", " + expression(m_, *bad.value) : std::string()}});
                }
              }
            }}});
    }
    custom_operations(p, uses);
    return with_imports(uses, p.take_output());
  }

  // Custom operations answer 501 until written, after validating their arguments.
  void custom_operations(Printer& p, Uses& uses) {
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      const ir::OperationId op{i};
      if (o.kind != Kind::Custom) continue;
      if (!plan_.why_not_callable(op).empty()) continue;  // listed with the skipped tests
      const std::string role = *caller(op);
      std::map<std::string, Sample> args;
      bool references = false;
      for (ir::FieldId f : o.parameters) {
        const ir::EntityId target = model_.referenced_entity(f);
        if (!target.is_none() && !plan_.creatable(target)) continue;
        if (auto sample = samples_.valid(f, 1)) {
          references = references || sample->has_reference();
          args[m_.field(f).name] = *sample;
        }
      }
      uses.assert = true;
      uses.node_test.insert("test");
      uses.service.insert("Service");
      std::string path = template_path(op, "{id}");
      std::vector<std::string> body;
      std::vector<std::string> query;
      for (const auto& [name, sample] : args) {
        const std::string value = expression(m_, sample);
        // Text for a URL: strings as they are, anything else converted; a list is its key
        // repeated, once per item.
        const std::string text = sample.kind == Sample::Kind::String ? value
                                 : sample.kind == Sample::Kind::List ? fmt::format("{}.map(String)", value)
                                                                     : fmt::format("String({})", value);
        const std::string placeholder = "{" + name + "}";
        if (const std::size_t at = path.find(placeholder); at != std::string::npos) {
          path.replace(at, placeholder.size(), "${encodeURIComponent(" + text + ")}");
        } else if (!method_has_body(o.method)) {
          // An empty list is no key at all.
          if (sample.kind != Sample::Kind::List || !sample.members.empty()) query.push_back(fmt::format("{}: {}", TsContext::key(name), text));
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

        void test($title$, async () => {
          const service = await Service.start();
          $ref$
          try {
            const reply = await service.call($method$, `$path$`, { role: $role$, query: { $query$ }$body$ });
            // 501 until the handler is written; its success status afterwards.
            assert.ok([501, $success$].includes(reply.status), JSON.stringify(reply.body));
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("operation {} validates its arguments", o.name))},
           {"ref", references ? "const ref = service.ref;" : ""},
           {"success", static_cast<int>(model_.success(op))},
           {"method", str(ir::http_method_name(o.method))}, {"path", path}, {"role", str(role)},
           {"query", fmt::format("{}", fmt::join(query, ", "))},
           {"body", body.empty() && !method_has_body(o.method)
                        ? std::string()
                        : fmt::format(", body: {{ {} }}", fmt::join(body, ", "))}});
    }
  }

  std::string crud() {
    Printer p;
    Uses uses;
    if (!plan_.creatable_entities().empty()) uses.service.insert("crudSuite");
    for (ir::EntityId e : plan_.creatable_entities()) {
      crud_entity(p, e);
      if (model_.scoped(e)) {
        uses.service.insert("scopeSuite");
        scope_entity(p, e);
      }
      if (soft_delete_entity(p, e)) uses.service.insert("softDeleteSuite");
      if (binary_entity(p, e)) uses.service.insert("binarySuite");
    }
    for (std::uint32_t e = 0; e < m_.events.size(); ++e) {
      for (const ir::Handler& handler : m_.events[e].handlers) {
        if (handler.trigger.empty()) continue;
        if (!plan_.why_not_testable(ir::EventId{e}, handler).empty()) continue;  // listed with the skipped tests
        uses.service.insert("triggerHandlerSuite");
        trigger_handler(p, ir::EventId{e}, handler);
      }
    }
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      if (o.kind != Kind::Related) continue;
      if (!plan_.why_not_callable(ir::OperationId{i}).empty()) continue;  // a skipped group of the plan (constraints.test.ts)
      uses.service.insert("relatedSuite");
      related(p, ir::OperationId{i});
    }
    if (!uses.service.empty()) uses.service.insert("storeKinds");  // every suite above runs with each store
    return with_imports(uses, p.take_output());
  }

  // The test of a handler that fires a trigger (the plan says it can be written).
  void trigger_handler(Printer& p, ir::EventId event, const ir::Handler& handler) {
    const ir::OperationId create = plan_.raising_create(event, handler);
    const ir::EntityId source = m_.operations[create.index].entity;
    const ir::Workflow& w = m_.workflows[handler.workflow.index];
    const auto from_initial = std::find_if(w.transitions.begin(), w.transitions.end(), [&](const ir::Transition& t) {
      return t.trigger == handler.trigger && std::find(t.from.begin(), t.from.end(), w.initial) != t.from.end();
    });
    std::vector<std::string> hops;
    ir::EntityId current = source;
    for (std::size_t i = 1; i < handler.path.size(); ++i) {
      hops.push_back(fmt::format("{{ entity: {}, field: {} }}", str(m_.entity(current).name), str(m_.field(handler.path[i]).name)));
      current = ir::EntityId{model_.base(m_.field(handler.path[i]).type).declaration};
    }
    std::vector<std::string> events;
    for (ir::EventId raised : from_initial->emits) events.push_back(str(m_.events[raised.index].name));
    const ir::Enum& states = m_.enums[w.states.index];
    per_store(p, "triggerHandlerSuite", ir::EntityId::none(),
              {fmt::format("handler: {}", str(handler.name)), fmt::format("source: {}", str(m_.entity(source).name)),
               fmt::format("hops: [{}]", fmt::join(hops, ", ")), fmt::format("target: {}", str(m_.entity(current).name)),
               fmt::format("state: {}", str(m_.field(w.state_field).name)),
               fmt::format("initial: {}", str(ir::wire_name(states.values[w.initial]))),
               fmt::format("events: [{}]", fmt::join(events, ", "))});
  }

  // `id: ..., missingId: ...`: the spec entries naming an entity's id field and a well-formed id
  // no record has.
  std::vector<std::string> id_spec(ir::EntityId id) const {
    return {fmt::format("id: {}", str(m_.field(m_.entity(id).id_field).name)),
            fmt::format("missingId: {}", expression(m_, service::missing_id(model_, samples_, id)))};
  }

  // A suite run with each store: `suite(Entity, kind, { spec })`, or `suite(kind, { spec })`
  // without an entity.
  void per_store(Printer& p, std::string_view suite, ir::EntityId entity, const std::vector<std::string>& spec) const {
    p.print(R"(

      for (const kind of storeKinds) {
        $suite$($entity$kind, {
          $spec$
        });
      }
    )", {{"suite", std::string(suite)}, {"entity", entity.is_none() ? std::string() : str(m_.entity(entity).name) + ", "},
         {"spec", [&] {
            for (const std::string& entry : spec) p.print("$entry$,\n", {{"entry", entry}});
          }}});
  }

  // The route's full path with its one placeholder written `{id}`, as the suites fill it.
  std::string id_placeholder(ir::OperationId op) const {
    std::string path = full_path(op);
    const std::string placeholder = "{" + m_.field(m_.operations[op.index].parameters.front()).name + "}";
    path.replace(path.find(placeholder), placeholder.size(), "{id}");
    return path;
  }

  void related(Printer& p, ir::OperationId id) {
    const ir::Operation& o = m_.operations[id.index];
    const ir::Field& via = m_.field(o.via);
    const ir::Entity& owner = m_.entities[via.owner.index];
    const ir::Relation& relation = m_.relations[via.relation.index];
    const ir::Field& owner_id = m_.field(owner.id_field);
    per_store(p, "relatedSuite", ir::EntityId::none(),
              {fmt::format("path: {}", str(id_placeholder(id))), fmt::format("role: {}", str(caller(id).value_or(""))),
               fmt::format("owner: {}", str(owner.name)), fmt::format("ownerId: {}", str(owner_id.name)),
               fmt::format("ownerMissingId: {}", expression(m_, service::missing_id(model_, samples_, ir::EntityId{via.owner.index}))),
               fmt::format("entity: {}", str(m_.entity(o.entity).name)),
               fmt::format("id: {}", str(m_.field(m_.entity(o.entity).id_field).name)), fmt::format("link: '{}'", service::related_link_name(plan_.related_link(o))),
               fmt::format("field: {}", str(m_.field(relation.field).name))});
  }

  void crud_entity(Printer& p, ir::EntityId id) {
    const service::CrudTests tests = service::crud_tests(model_, samples_, plan_, id, kVariants + 1);
    const auto name = [&](ir::FieldId f) { return str(m_.field(f).name); };
    const auto names = [&](const std::vector<ir::FieldId>& fields) {
      std::vector<std::string> out;
      for (ir::FieldId f : fields) out.push_back(name(f));
      return fmt::format("[{}]", fmt::join(out, ", "));
    };
    std::vector<std::string> spec = id_spec(id);
    // The kind of the id's values: the list tests order records by it.
    const bool numeric_id = model_.parameter_kind(m_.field(m_.entity(id).id_field).type) == "number";
    spec.insert(spec.begin() + 1, fmt::format("idKind: {}", str(numeric_id ? "number" : "string")));
    if (!tests.create.is_none()) spec.push_back(fmt::format("create: {}", route(tests.create)));
    if (!tests.get.is_none()) spec.push_back(fmt::format("get: {}", route(tests.get)));
    if (const auto& list = tests.list) {
      std::vector<std::string> members{fmt::format("path: {}", str(full_path(list->route))),
                                       fmt::format("role: {}", str(*caller(list->route)))};
      if (list->filter) members.push_back(fmt::format("filter: {}", name(*list->filter)));
      if (list->unfiltered) members.push_back(fmt::format("unfiltered: {}", name(*list->unfiltered)));
      // A sort key's records' order is checked both ways.
      if (list->sort) members.push_back(fmt::format("sort: {{ field: {}, kind: {} }}", name(*list->sort), ctx_.order_kind(*list->sort)));
      if (list->range) {
        members.push_back(fmt::format("range: {{ field: {}, kind: {} }}", name(*list->range), ctx_.order_kind(*list->range)));
      }
      if (list->any_of) {
        std::vector<std::string> values;
        for (std::string_view value : list->any_of_values) values.push_back(str(value));
        members.push_back(fmt::format("anyOf: {{ field: {}, values: [{}] }}", name(*list->any_of), fmt::join(values, ", ")));
      }
      if (!list->search.empty()) members.push_back(fmt::format("search: {}", names(list->search)));
      spec.push_back(fmt::format("list: {{ {} }}", fmt::join(members, ", ")));
    }
    if (const auto& update = tests.update) {
      spec.push_back(fmt::format("update: {{ path: {}, role: {}, field: {}, value: {} }}", str(full_path(update->route)),
                                 str(*caller(update->route)), name(update->field),
                                 resolver(update->value.has_reference(), expression(m_, update->value))));
      if (update->touched) spec.push_back(fmt::format("touched: {}", name(*update->touched)));  // moves forward with the update
    }
    if (!tests.unique.empty()) spec.push_back(fmt::format("unique: {}", names(tests.unique)));
    if (!tests.secret.empty()) spec.push_back(fmt::format("secret: {}", names(tests.secret)));
    if (!tests.unique_keys.empty()) {
      std::vector<std::string> keys;
      for (const std::vector<ir::FieldId>& key : tests.unique_keys) keys.push_back(names(key));
      spec.push_back(fmt::format("uniqueTogether: [{}]", fmt::join(keys, ", ")));
    }
    if (!tests.remove.is_none()) spec.push_back(fmt::format("remove: {}", route(tests.remove)));
    if (!tests.optional.empty()) spec.push_back(fmt::format("optional: {}", names(tests.optional)));
    if (const auto& cascade = tests.cascade) {
      spec.push_back(fmt::format("cascade: {{ entity: {}, field: {} }}", str(m_.entity(cascade->entity).name), name(cascade->field)));
    }
    std::vector<std::string> declared;
    for (const service::DeclaredEventTest& d : tests.declared) {
      std::string member = fmt::format("{}: {{ event: {}", d.action, str(m_.events[d.event.index].name));
      if (d.carrier) member += fmt::format(", record: {}", name(*d.carrier));
      declared.push_back(member + " }");
    }
    if (!declared.empty()) spec.push_back(fmt::format("emits: {{ {} }}", fmt::join(declared, ", ")));
    if (!tests.settled.empty()) spec.push_back(fmt::format("settled: {}", names(tests.settled)));
    if (const auto& listed = tests.reference_list) {
      spec.push_back(fmt::format("referenceList: {{ field: {}, target: {} }}", name(*listed),
                                 str(m_.entity(model_.referenced_entity(*listed)).name)));
    }
    if (const auto& dangling = tests.dangling) {
      spec.push_back(fmt::format("dangling: {{ field: {}, id: {} }}", name(dangling->field), expression(m_, dangling->id)));
    }
    per_store(p, "crudSuite", id, spec);
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
    const Uses uses{model_.secured(), {"after", "before", "describe", "test"}, {"Service"}};
    p.print(R"(
      void describe('access control', () => {
        let service: Service;
        before(async () => {
          service = await Service.start();
        });
        after(() => service.close());
        $cases$
      });
    )", {{"cases", [&] {
            if (!model_.secured()) {
              p.print("\nvoid test('the blueprint declares no roles: every operation is open', () => {});\n");
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

                void test($title$, async () => {
                  const reply = await service.call($method$, `$path$`, { $call_body_start$ });
                  assert.equal(reply.status, 401, JSON.stringify(reply.body));
                  assert.equal(reply.headers.get('www-authenticate'), 'Bearer');
                });
              )", {{"title", str(fmt::format("{}: 401 without a token", o.name))},
                   {"call_body_start", call_body.empty() ? "" : "body: {}"}});
              if (const auto refused = refused_role(op)) {
                p.print(R"(

                  void test($title$, async () => {
                    const reply = await service.call($method$, `$path$`, { role: $role$$call_body$ });
                    assert.equal(reply.status, 403, JSON.stringify(reply.body));
                  });
                )", {{"title", str(fmt::format("{}: 403 for {}", o.name, *refused))}, {"role", str(*refused)}});
              }
              if (const auto allowed = caller(op)) {
                p.print(R"(

                  void test($title$, async () => {
                    const reply = await service.call($method$, `$path$`, { role: $role$$call_body$ });
                    assert.ok(reply.status !== 401 && reply.status !== 403, JSON.stringify(reply.body));
                  });
                )", {{"title", str(fmt::format("{}: allowed for {}", o.name, *allowed))}, {"role", str(*allowed)}});
              }
            }
          }}});
    return with_imports(uses, p.take_output());
  }

  std::string workflows() {
    Printer p;
    Uses uses;
    uses.node_test.insert("test");
    bool any = false;
    for (std::uint32_t i = 0; i < m_.operations.size(); ++i) {
      const ir::Operation& o = m_.operations[i];
      if (o.kind != Kind::Transition || !plan_.creatable(o.entity)) continue;
      any = true;
      transition_tests(p, ir::OperationId{i}, uses);
    }
    if (!any) p.print("\nvoid test('the blueprint serves no workflow transition the tests can reach', () => {});\n");
    return with_imports(uses, p.take_output());
  }

  // The trigger's parameters (those not in its route) with their samples.
  // The trigger's arguments as an object literal; `references` is set when it calls `ref` (a
  // record of another entity, made for the call).
  std::string trigger_body(ir::OperationId op, bool& references) const {
    std::vector<std::string> members;
    for (ir::FieldId f : model_.split_parameters(op).second) {
      const ir::EntityId target = model_.referenced_entity(f);
      if (!target.is_none() && !plan_.creatable(target)) continue;
      if (const auto sample = samples_.valid(f, 1)) {
        references = references || sample->has_reference();
        members.push_back(fmt::format("{}: {}", TsContext::key(m_.field(f).name), expression(m_, *sample)));
      }
    }
    return fmt::format("{{ {} }}", fmt::join(members, ", "));
  }

  // Whether a transition with the trigger leaves the state.
  bool allowed_from(ir::WorkflowId workflow, const std::string& trigger, std::uint32_t state) const {
    const ir::Workflow& w = m_.workflows[workflow.index];
    const auto& indices = model_.transitions_with_trigger(workflow, trigger);
    return std::any_of(indices.begin(), indices.end(), [&](std::uint32_t index) {
      const ir::Transition& t = w.transitions[index];
      return std::find(t.from.begin(), t.from.end(), state) != t.from.end();
    });
  }

  void transition_tests(Printer& p, ir::OperationId op, Uses& uses) {
    const ir::Operation& o = m_.operations[op.index];
    const ir::Workflow& w = m_.workflows[o.workflow.index];
    const ir::Enum& states = m_.enums[w.states.index];
    const std::string& trigger = w.transitions[o.transition].trigger;
    const std::string state_field = m_.field(w.state_field).name;
    // New records start here: the initial state, or where handlers moved them (TestPlan).
    const std::uint32_t start = plan_.settled_state(o.workflow);
    const std::string initial(ir::wire_name(states.values[start]));
    if (!plan_.why_not_callable(op).empty()) return;  // listed with the skipped tests
    uses.assert = true;
    uses.service.insert({"Service", "idOf"});
    const std::string role = *caller(op);
    bool references = false;
    const std::string body = trigger_body(op, references);
    const std::string id_field = m_.field(m_.entity(o.entity).id_field).name;
    const ir::Transition* from_initial = plan_.transition_from_start(op);
    VariableScope scope(p, {{"entity", str(m_.entity(o.entity).name)}, {"path", template_path(op, "${id}")}, {"role", str(role)},
                            {"body", body}, {"state", str(state_field)}, {"id_field", str(id_field)},
                            {"ref", references ? "const { ref } = service;" : ""}});
    if (from_initial != nullptr) {
      uses.service.insert("object");
      p.print(R"(

        void test($title$, async () => {
          const service = await Service.start();
          try {
            $ref$
            const record = await service.create($entity$);
            assert.equal(service.stored($entity$, record[$id_field$])?.[$state$], $initial$);
            const id = idOf(record[$id_field$]);
            const args: Record<string, unknown> = $body$;
            $started$
            const reply = await service.call('POST', `$path$`, { role: $role$, body: args });
            assert.equal(reply.status, 200, JSON.stringify(reply.body));
            assert.equal(object(reply)[$state$], $to$);
            $sets$
            $events$
            $again$
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("{}: {} moves {} from {} to {}{}", w.name, trigger, m_.entity(o.entity).name, initial,
                                     ir::wire_name(states.values[from_initial->to]),
                                     allowed_from(o.workflow, trigger, from_initial->to) ? "" : ", and again is illegal (409)"))},
           {"again", [&] {
              if (allowed_from(o.workflow, trigger, from_initial->to)) return;
              p.print(R"(
                const published = service.published.length;
                const again = await service.call('POST', `$path$`, { role: $role$, body: args });
                assert.equal(again.status, 409, JSON.stringify(again.body));
                assert.equal(service.published.length, published);
              )");
            }},
           {"initial", str(initial)}, {"to", str(ir::wire_name(states.values[from_initial->to]))},
           {"started", std::ranges::any_of(plan_.answered_sets(*from_initial),
                                           [](const ir::Assignment& a) { return a.source == ir::Assignment::Source::Now; })
                           ? "const started = Date.now();"
                           : ""},
           {"sets", [&] {
              // What `sets` writes: the argument sent, the time of the call, or null.
              for (const ir::Assignment& a : plan_.answered_sets(*from_initial)) {
                const std::string field = str(m_.field(a.field).name);
                switch (a.source) {
                  case ir::Assignment::Source::Now:
                    p.print("assert.ok(Date.parse(String(object(reply)[$f$])) >= started, 'set to the time of the call');\n",
                            {{"f", field}});
                    break;
                  case ir::Assignment::Source::Null: p.print("assert.equal(object(reply)[$f$], null);\n", {{"f", field}}); break;
                  case ir::Assignment::Source::Parameter:
                    p.print("if (Object.hasOwn(args, $a$)) assert.deepEqual(object(reply)[$f$], args[$a$]);\n",
                            {{"f", field}, {"a", str(m_.field(a.parameter).name)}});
                    break;
                }
              }
            }},
           {"events", [&] {
              for (ir::EventId e : from_initial->emits) {
                p.print("assert.ok(service.publishedNames().includes($event$));\n", {{"event", str(m_.events[e.index].name)}});
              }
            }}});
    } else {
      p.print(R"(

        void test($title$, async () => {
          const service = await Service.start();
          try {
            $ref$
            const record = await service.create($entity$);
            const id = idOf(record[$id_field$]);
            const before = service.publishedNames().length;
            const reply = await service.call('POST', `$path$`, { role: $role$, body: $body$ });
            assert.equal(reply.status, 409, JSON.stringify(reply.body));
            assert.deepEqual(service.publishedNames().slice(before), []);
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("{}: {} from {} is an illegal transition (409)", w.name, trigger, initial))}});
    }
  }

  const TsContext& ctx_;
  const service::ServiceModel& model_;
  const ir::Module& m_;
  const service::Samples& samples_;
  const service::TestPlan& plan_;
  std::vector<std::vector<ir::OperationId>> binary_operations_;
};

}  // namespace

void emit_tests(const TsContext& ctx, const service::TestPlan& plan, const service::Samples& samples, OutputDirectory& out) {
  TestWriter(ctx, plan, samples).write(out);
}

}  // namespace bpc::backends::typescript
