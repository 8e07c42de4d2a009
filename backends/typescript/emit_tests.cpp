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
    out.add("test/service.ts", service());
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
  // for every required field (references only to creatable entities).
  void find_creatable() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::uint32_t e = 0; e < m_.entities.size(); ++e) {
        if (creatable_.contains(e)) continue;
        const ir::OperationId create = find(ir::EntityId{e}, Kind::Create);
        if (!create.is_none() && !caller(create)) continue;
        bool ok = create.is_none() ? seedable(ir::EntityId{e}) : true;
        for (ir::FieldId f : ctx_.create_fields(ir::EntityId{e})) {
          if (!required(f)) continue;
          const ir::Type& type = ctx_.base(m_.field(f).type);
          if (type.kind == ir::Type::Kind::Entity && !creatable_.contains(type.declaration)) ok = false;
          if (!samples_.valid(f, 1)) ok = false;
        }
        if (ok) {
          creatable_.insert(e);
          changed = true;
        }
      }
    }
  }

  // An entity without a create operation is seeded into the store directly, when the only
  // generated field is a uuid, string or integer id.
  bool seedable(ir::EntityId entity) const {
    for (ir::FieldId f : ctx_.stored_fields(entity)) {
      const ir::Field& field = m_.field(f);
      if (!field.constraints.generated) continue;
      if (!field.constraints.is_id) return false;
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

  std::string body(ir::EntityId entity, int n) const {
    std::vector<std::string> members;
    for (ir::FieldId f : sample_fields(entity)) {
      members.push_back(fmt::format("{}: {}", TsContext::key(m_.field(f).name), *samples_.valid(f, n)));
    }
    return fmt::format("({{ {} }})", fmt::join(members, ", "));
  }

  std::string service() {
    Printer p;
    print_generated_header(p);
    p.print(R"(
      // The service under test: the real app on a loopback port, with a chosen store, development
      // tokens for every role, and a record of every event published.
      import assert from 'node:assert/strict';
      import { randomUUID } from 'node:crypto';
      import { once } from 'node:events';
      import type { Server } from 'node:http';
      import type { AddressInfo } from 'node:net';

      import { createApp } from '../src/app.js';
      import type { Services } from '../src/context.js';
      import { entities } from '../src/model.js';
      import { staticTokenVerifier } from '../src/runtime/access.js';
      import type { DomainEvent } from '../src/runtime/events.js';
      import { MemoryStore } from '../src/runtime/memory-store.js';
      import { SqliteStore } from '../src/runtime/sqlite-store.js';

      export type StoreKind = 'memory' | 'sqlite';

      // One development token per role: `role:<index>`.
      export const roleTokens: ReadonlyMap<string, string> = new Map([
        $tokens$
      ]);

      export interface Reply {
        status: number;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        body: any;
      }

      type Ref = (entity: string) => Promise<unknown>;

      interface Creator {
        // The create route and a role that may call it; without them the record is put straight
        // into the store (the blueprint serves no create for it), with a generated id and the
        // initial state of its workflow.
        readonly path?: string;
        readonly role?: string;
        readonly id: string;
        readonly seed?: { readonly id: 'uuid' | 'number' | 'none'; readonly state?: readonly [string, string] };
        readonly bodies: readonly ((ref: Ref) => Promise<Record<string, unknown>>)[];
      }

      // How to create a valid record of each entity the tests can create.
      const creators: ReadonlyMap<string, Creator> = new Map<string, Creator>([
        $creators$
      ]);

      export class Service {
        readonly published: DomainEvent[] = [];
        private readonly counts = new Map<string, number>();

        private constructor(
          private readonly server: Server,
          readonly services: Services,
          readonly base: string,
        ) {
          services.bus.subscribeAll((event) => this.published.push(event));
        }

        static async start(kind: StoreKind = 'memory'): Promise<Service> {
          const store = kind === 'memory' ? new MemoryStore() : new SqliteStore(':memory:');
          const spec = [...roleTokens].map(([role, token]) => `$${token}=$${role}`).join(',');
          const { app, services } = createApp({ store, verifier: staticTokenVerifier(spec) });
          const server = app.listen(0, '127.0.0.1');
          await once(server, 'listening');
          const { port } = server.address() as AddressInfo;
          return new Service(server, services, `http://127.0.0.1:$${port}`);
        }

        async close(): Promise<void> {
          this.server.close();
          await once(this.server, 'close');
          this.services.store.close();
        }

        async call(method: string, path: string, options: { role?: string; body?: unknown; query?: Record<string, string> } = {}): Promise<Reply> {
          const url = new URL(this.base + path);
          for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.append(name, value);
          const headers: Record<string, string> = {};
          if (options.role !== undefined && options.role !== '') headers['authorization'] = `Bearer $${roleTokens.get(options.role) ?? 'unknown'}`;
          let payload: string | undefined;
          if (options.body !== undefined) {
            headers['content-type'] = 'application/json';
            payload = JSON.stringify(options.body);
          }
          const response = await fetch(url, payload === undefined ? { method, headers } : { method, headers, body: payload });
          const text = await response.text();
          return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
        }

        // A valid create body for the entity (each call gives another record's values).
        async body(entity: string): Promise<Record<string, unknown>> {
          const creator = creators.get(entity);
          assert.ok(creator, `no way to create $${entity}`);
          const n = this.counts.get(entity) ?? 0;
          this.counts.set(entity, n + 1);
          const make = creator.bodies[n % creator.bodies.length];
          assert.ok(make);
          return make(this.ref);
        }

        // Creates a valid record and returns it.
        async create(entity: string, body?: Record<string, unknown>): Promise<Record<string, unknown>> {
          const creator = creators.get(entity);
          assert.ok(creator, `no way to create $${entity}`);
          if (creator.path === undefined) return this.seed(entity, creator, body ?? (await this.body(entity)));
          const reply = await this.call('POST', creator.path, { role: creator.role, body: body ?? (await this.body(entity)) });
          assert.equal(reply.status, 201, JSON.stringify(reply.body));
          return reply.body as Record<string, unknown>;
        }

        private seed(entity: string, creator: Creator, body: Record<string, unknown>): Record<string, unknown> {
          const descriptor = entities.get(entity);
          assert.ok(descriptor);
          const repository = this.services.store.repository(descriptor);
          const record: Record<string, unknown> = { ...body };
          if (creator.seed?.id === 'uuid') record[creator.id] = randomUUID();
          if (creator.seed?.id === 'number') record[creator.id] = repository.nextId();
          if (creator.seed?.state !== undefined) record[creator.seed.state[0]] = creator.seed.state[1];
          repository.insert(record);
          return record;
        }

        private readonly refs = new Map<string, unknown>();

        // The id of a record of the entity, created the first time it is asked for.
        readonly ref: Ref = async (entity) => {
          const creator = creators.get(entity);
          assert.ok(creator, `no way to create $${entity}`);
          if (!this.refs.has(entity)) this.refs.set(entity, (await this.create(entity))[creator.id]);
          return this.refs.get(entity);
        };

        publishedNames(): string[] {
          return this.published.map((event) => event.name);
        }
      }

      // Whether a problem's field errors name the field (or something inside it).
      export function namesField(body: unknown, field: string): boolean {
        const errors = (body as { errors?: { field: string }[] } | undefined)?.errors ?? [];
        return errors.some((e) => e.field === field || e.field.startsWith(`$${field}.`));
      }
    )", {{"tokens", [&] {
            for (std::uint32_t r = 0; r < m_.roles.size(); ++r) {
              p.print("[$role$, $token$],\n", {{"role", str(m_.roles[r].name)}, {"token", str(fmt::format("role:{}", r))}});
            }
          }},
         {"creators", [&] {
            for (std::uint32_t e : creatable_) {
              const ir::EntityId id{e};
              const ir::OperationId create = find(id, Kind::Create);
              std::string how;
              if (!create.is_none()) {
                how = fmt::format("path: {},\nrole: {},", str(full_path(create)), str(*caller(create)));
              } else {
                const ir::Field& id_field = m_.field(m_.entity(id).id_field);
                const std::string kind = !id_field.constraints.generated ? "none"
                                         : ctx_.parameter_kind(id_field.type) == "number" ? "number" : "uuid";
                std::string state;
                if (const ir::Workflow* w = ctx_.workflow_of(id)) {
                  state = fmt::format(", state: [{}, {}]", str(m_.field(w->state_field).name),
                                      str(m_.enums[w->states.index].values[w->initial].name));
                }
                how = fmt::format("seed: {{ id: {}{} }},", str(kind), state);
              }
              p.print(R"(
                [
                  $name$,
                  {
                    $how$
                    id: $id$,
                    bodies: [
                      $bodies$
                    ],
                  },
                ],
              )", {{"name", str(m_.entity(id).name)}, {"how", how}, {"id", str(m_.field(m_.entity(id).id_field).name)},
                   {"bodies", [&] {
                      for (int n = 1; n <= kVariants; ++n) p.print("async (ref) => $body$,\n", {{"body", body(id, n)}});
                    }}});
            }
          }}});
    return p.take_output();
  }

  std::string imports() const {
    return "import assert from 'node:assert/strict';\nimport { after, before, describe, test } from 'node:test';\n\n"
           "import { Service, namesField } from './service.js';\n";
  }

  std::string constraints() {
    Printer p;
    print_generated_header(p);
    p.print("$imports$", {{"imports", imports()}});
    for (std::uint32_t e : creatable_) {
      const ir::EntityId id{e};
      const ir::OperationId create = find(id, Kind::Create);
      if (create.is_none()) continue;
      p.print(R"(

        describe($title$, () => {
          let service: Service;
          before(async () => {
            service = await Service.start();
          });
          after(() => service.close());

          test('a valid record is created (201)', async () => {
            const body = await service.body($entity$);
            const reply = await service.call('POST', $path$, { role: $role$, body });
            assert.equal(reply.status, 201, JSON.stringify(reply.body));
          });
          $cases$
        });
      )", {{"title", str(fmt::format("constraints of {}", m_.entity(id).name))}, {"entity", str(m_.entity(id).name)},
           {"path", str(full_path(create))}, {"role", str(*caller(create))},
           {"cases", [&] {
              for (ir::FieldId f : ctx_.create_fields(id)) {
                for (const InvalidValue& bad : samples_.invalid(f)) {
                  const std::string& field = m_.field(f).name;
                  p.print(R"(

                    test($title$, async () => {
                      const body = await service.body($entity$);
                      $change$
                      const reply = await service.call('POST', $path$, { role: $role$, body });
                      assert.equal(reply.status, 400, JSON.stringify(reply.body));
                      assert.ok(namesField(reply.body, $field$), JSON.stringify(reply.body));
                    });
                  )", {{"title", str(fmt::format("{}: {} is enforced (400)", field, bad.constraint))},
                       {"change", bad.value ? fmt::format("body[{}] = {};", str(field), *bad.value)
                                            : fmt::format("delete body[{}];", str(field))},
                       {"field", str(field)}});
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
    p.print("$imports$", {{"imports", imports()}});
    p.print(R"(
      // A well-formed id no record has.
      const missingId = (kind: 'string' | 'number'): string => (kind === 'number' ? '999999' : '00000000-0000-4000-8000-999999999999');
    )");
    for (std::uint32_t e : creatable_) crud_entity(p, ir::EntityId{e});
    return p.take_output();
  }

  void crud_entity(Printer& p, ir::EntityId id) {
    const ir::Entity& entity = m_.entity(id);
    const std::string id_field = m_.field(entity.id_field).name;
    const std::string id_kind = ctx_.parameter_kind(m_.field(entity.id_field).type) == "number" ? "number" : "string";
    const ir::OperationId get = find(id, Kind::Get);
    const ir::OperationId list = find(id, Kind::List);
    const ir::OperationId update = find(id, Kind::Update);
    const ir::OperationId remove = find(id, Kind::Delete);
    VariableScope scope(p, {{"entity", str(entity.name)}, {"id_field", str(id_field)}, {"id_kind", str(id_kind)}});
    p.print(R"(

      for (const kind of ['memory', 'sqlite'] as const) {
        describe(`$${$entity$} records ($${kind} store)`, () => {
          let service: Service;
          before(async () => {
            service = await Service.start(kind);
          });
          after(() => service.close());

          $create$
          $get$
          $list$
          $update$
          $unique$
          $remove$
        });
      }
    )", {{"create", [&] {
            if (find(id, Kind::Create).is_none()) return;
            p.print(R"(
              test('create raises the created event', async () => {
                await service.create($entity$);
                assert.ok(service.publishedNames().includes($created$));
              });
            )", {{"created", str(entity.name + ".created")}});
          }},
         {"get", [&] {
            if (get.is_none() || !caller(get)) return;
            p.print(R"(

              test('get returns the created record, and 404 for an unknown id', async () => {
                const created = await service.create($entity$);
                const id = encodeURIComponent(String(created[$id_field$]));
                const reply = await service.call('GET', `$path$`, { role: $role$ });
                assert.equal(reply.status, 200, JSON.stringify(reply.body));
                assert.deepEqual(reply.body, created);
                const missing = await service.call('GET', `$missing$`, { role: $role$ });
                assert.equal(missing.status, 404, JSON.stringify(missing.body));
                assert.equal(missing.body.status, 404);
              });
            )", {{"path", template_path(get, "${id}")}, {"missing", template_path(get, "${missingId(" + str(id_kind) + ")}")},
                 {"role", str(*caller(get))}});
          }},
         {"list", [&] {
            if (list.is_none() || !caller(list)) return;
            p.print(R"(

              test('list pages through the records', async () => {
                for (let i = 0; i < 3; i++) await service.create($entity$);
                const first = await service.call('GET', $path$, { role: $role$, query: { limit: '2', offset: '0' } });
                assert.equal(first.status, 200, JSON.stringify(first.body));
                assert.equal(first.body.items.length, 2);
                assert.ok(first.body.total >= 3);
                const rest = await service.call('GET', $path$, { role: $role$, query: { limit: '100', offset: '2' } });
                assert.equal(rest.body.items.length, first.body.total - 2);
                const bad = await service.call('GET', $path$, { role: $role$, query: { limit: '0' } });
                assert.equal(bad.status, 400);
                assert.ok(namesField(bad.body, 'limit'), JSON.stringify(bad.body));
              });
            )", {{"path", str(full_path(list))}, {"role", str(*caller(list))}});
            for (ir::FieldId f : ctx_.filter_fields(id)) {
              const std::string& field = m_.field(f).name;
              p.print(R"(

                test($title$, async () => {
                  const created = await service.create($entity$);
                  for (let i = 0; i < 2; i++) await service.create($entity$);
                  const value = created[$field$];
                  if (value === undefined || value === null) return;
                  const reply = await service.call('GET', $path$, { role: $role$, query: { [$field$]: String(value) } });
                  assert.equal(reply.status, 200, JSON.stringify(reply.body));
                  assert.ok(reply.body.total >= 1);
                  for (const item of reply.body.items) assert.equal(item[$field$], value);
                });
              )", {{"title", str(fmt::format("list filters on {}", field))}, {"field", str(field)},
                   {"path", str(full_path(list))}, {"role", str(*caller(list))}});
              break;  // one filter test per entity
            }
          }},
         {"update", [&] {
            if (update.is_none() || !caller(update)) return;
            for (ir::FieldId f : ctx_.update_fields(id)) {
              if (is_reference(f) || m_.field(f).constraints.unique) continue;
              const auto value = samples_.valid(f, kVariants + 1);
              if (!value) continue;
              const std::string& field = m_.field(f).name;
              p.print(R"(

                test($title$, async () => {
                  const created = await service.create($entity$);
                  const id = encodeURIComponent(String(created[$id_field$]));
                  const ref = service.ref;
                  const value = $value$;
                  const reply = await service.call('PATCH', `$path$`, { role: $role$, body: { [$field$]: value } });
                  assert.equal(reply.status, 200, JSON.stringify(reply.body));
                  assert.deepEqual(reply.body[$field$], value);
                  assert.ok(service.publishedNames().includes($updated$));
                  void ref;
                });
              )", {{"title", str(fmt::format("update changes {} and raises the updated event", field))}, {"value", *value},
                   {"path", template_path(update, "${id}")}, {"role", str(*caller(update))}, {"field", str(field)},
                   {"updated", str(entity.name + ".updated")}});
              break;
            }
          }},
         {"unique", [&] {
            for (ir::FieldId f : ctx_.create_fields(id)) {
              if (!m_.field(f).constraints.unique || is_reference(f) || find(id, Kind::Create).is_none()) continue;
              const std::string& field = m_.field(f).name;
              p.print(R"(

                test($title$, async () => {
                  const created = await service.create($entity$);
                  const body = await service.body($entity$);
                  body[$field$] = created[$field$];
                  const reply = await service.call('POST', $path$, { role: $role$, body });
                  assert.equal(reply.status, 409, JSON.stringify(reply.body));
                });
              )", {{"title", str(fmt::format("a second record with the same {} is refused (409)", field))}, {"field", str(field)},
                   {"path", str(full_path(find(id, Kind::Create)))}, {"role", str(*caller(find(id, Kind::Create)))}});
            }
          }},
         {"remove", [&] {
            if (remove.is_none() || !caller(remove)) return;
            p.print(R"(

              test('delete removes the record and raises the deleted event', async () => {
                const created = await service.create($entity$);
                const id = encodeURIComponent(String(created[$id_field$]));
                const reply = await service.call('DELETE', `$path$`, { role: $role$ });
                assert.equal(reply.status, 204, JSON.stringify(reply.body));
                assert.ok(service.publishedNames().includes($deleted$));
                const again = await service.call('DELETE', `$path$`, { role: $role$ });
                assert.equal(again.status, 404);
              });
            )", {{"path", template_path(remove, "${id}")}, {"role", str(*caller(remove))}, {"deleted", str(entity.name + ".deleted")}});
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
    p.print("$imports$", {{"imports", imports()}});
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
              VariableScope scope(p, {{"op", o.name}, {"method", str(ir::http_method_name(o.method))}, {"path", path},
                                      {"call_body", call_body}});
              p.print(R"(

                test('$op$: 401 without a token', async () => {
                  const reply = await service.call($method$, `$path$`, { $call_body_start$ });
                  assert.equal(reply.status, 401, JSON.stringify(reply.body));
                });
              )", {{"call_body_start", call_body.empty() ? "" : "body: {}"}});
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
    p.print("$imports$", {{"imports", imports()}});
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
    for (const ir::Transition& t : w.transitions) {
      if (t.trigger == trigger && std::find(t.from.begin(), t.from.end(), w.initial) != t.from.end()) from_initial = &t;
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
          } finally {
            await service.close();
          }
        });
      )", {{"title", str(fmt::format("{}: {} moves {} from {} to {}", w.name, trigger, m_.entity(o.entity).name, initial,
                                     states.values[from_initial->to].name))},
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
