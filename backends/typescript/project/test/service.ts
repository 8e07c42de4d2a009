// The service under test and the test suites the generated tests run. This file is the same in
// every project; what the blueprint says comes from test/fixtures.ts and the tables in the
// *.test.ts files. The service is the real app on a loopback port, with a chosen store,
// development tokens for every role, and a record of every event published. When entities are
// scoped to a tenant or an owner, each role has three callers: `role:N` of the first tenant and
// identity, `role:N@other` of a second, and `role:N@none` of none.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';

import { createApp } from '../src/app.js';
import type { Services } from '../src/context.js';
import { entities } from '../src/model.js';
import type { Principal } from '../src/runtime/access.js';
import { present } from '../src/runtime/crud.js';
import { nowDatetime } from '../src/runtime/datetime.js';
import type { DomainEvent } from '../src/runtime/events.js';
import { Logger } from '../src/runtime/logs.js';
import { type OrderKind, compareKeys, containsText, orderKey } from '../src/runtime/query.js';
import { fromWire, toWire } from '../src/runtime/wire.js';
import { sqlSchema } from '../src/schema.js';
import { type Claim, type Creator, claims, creators, roleTokens } from './fixtures.js';
import { type StoreKind, openTestStore } from './stores.js';

export { type StoreKind, storeKinds } from './stores.js';

// Which of a role's callers calls: of the first tenant and identity (the default), of the second,
// or of none.
export type Caller = 'own' | 'other' | 'none';
type ClaimName = 'tenant' | 'subject';

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;  // the parsed JSON; undefined when empty
}

// A reply's body as a JSON object (it must be one).
export function object(reply: Reply): Record<string, unknown> {
  const body = reply.body;
  assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), JSON.stringify(body));
  return body as Record<string, unknown>;
}

// A list reply's page: its records and the total.
export function page(reply: Reply): { items: Record<string, unknown>[]; total: number } {
  const { items, total } = object(reply);
  assert.ok(Array.isArray(items) && typeof total === 'number', JSON.stringify(reply.body));
  return { items: items as Record<string, unknown>[], total };
}

// The id of a record of the entity, made the first time it is asked for.
export type Ref = (entity: string) => Promise<string | number>;

// A route and a role that may call it.
export interface Route {
  readonly path: string;
  readonly role: string;
}

// `{id}` in a route replaced by an id.
// A record's id as a URL path segment.
export function idOf(id: unknown): string {
  assert.ok(typeof id === 'string' || typeof id === 'number', `not an id: ${JSON.stringify(id)}`);
  return encodeURIComponent(id);
}

export const withId = (path: string, id: unknown): string => path.replace('{id}', idOf(id));

// Sets a member of a JSON object as an own property, even one named `__proto__`.
export function setField(object: Record<string, unknown>, field: string, value: unknown): void {
  Object.defineProperty(object, field, { value, enumerable: true, writable: true, configurable: true });
}

export class Service {
  readonly published: DomainEvent[] = [];
  private readonly counts = new Map<string, number>();
  // The records `ref` gave, by caller: a record another caller refers to must be one it sees.
  private readonly refs = new Map<Caller, Map<string, string | number>>();
  private readonly claimValues = new Map<ClaimName, readonly [string | number, string | number]>();

  private constructor(
    private readonly server: Server,
    readonly services: Services,
    readonly base: string,
  ) {
    services.bus.subscribeAll((event) => this.published.push(event));
  }

  static async start(kind: StoreKind = 'memory'): Promise<Service> {
    const store = openTestStore(kind, sqlSchema);
    const principals = new Map<string, Principal>();
    // Only errors are logged: the access log of every test request would bury the test output.
    const verifier = { verify: (token: string) => principals.get(token) };
    const { app, services } = createApp({ store, verifier, logger: new Logger('ERROR') });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const service = new Service(server, services, `http://127.0.0.1:${String(port)}`);
    await service.admitCallers(principals);
    return service;
  }

  // The callers of every role, of the two tenants (and identities) and of none. The records that
  // are tenants are made first, by callers of no tenant; then the records that are identities, the
  // first by a caller of the first tenant and the second by one of the second, since an identity
  // may belong to a tenant (the users of a workspace).
  private async admitCallers(principals: Map<string, Principal>): Promise<void> {
    this.admitScopedCallers(principals);
    for (const name of ['tenant', 'subject'] as const) {
      const claim: Claim | undefined = claims[name];
      if (claim === undefined) continue;
      this.claimValues.set(name, 'values' in claim ? claim.values : [await this.newId(claim.entity, 'own'), await this.newId(claim.entity, 'other')]);
      this.admitScopedCallers(principals);
    }
  }

  // Each role's callers with the tenants and identities known so far (before they are, a caller's
  // identity is its token and it has no tenant).
  private admitScopedCallers(principals: Map<string, Principal>): void {
    for (const [role, token] of roleTokens) {
      for (const [suffix, index] of [['', 0], ['@other', 1]] as const) {
        const tenant = this.claimValues.get('tenant')?.[index];
        const subject = this.claimValues.get('subject')?.[index];
        principals.set(`${token}${suffix}`, {
          subject: subject === undefined ? token : String(subject),
          roles: [role],
          ...(tenant === undefined ? {} : { tenant: String(tenant) }),
        });
      }
      principals.set(`${token}@none`, { subject: '', roles: [role] });
    }
  }

  // What a caller's tenant or identity is, for the first (0) or second (1) tenant and identity.
  claim(name: ClaimName, index: 0 | 1): string | number {
    const value = this.claimValues.get(name)?.[index];
    assert.ok(value !== undefined, `the blueprint scopes no entity to a ${name}`);
    return value;
  }

  private async newId(entity: string, caller: Caller): Promise<string | number> {
    const id = (await this.create(entity, undefined, caller))[this.creator(entity).id];
    assert.ok(typeof id === 'string' || typeof id === 'number', JSON.stringify(id));
    return id;
  }

  async close(): Promise<void> {
    this.server.close();
    await once(this.server, 'close');
    this.services.store.close();
  }

  // Calls the service; `body` is sent as JSON, or `text` as it is with its content type.
  async call(
    method: string,
    path: string,
    options: {
      role?: string;
      caller?: Caller;
      body?: unknown;
      query?: Record<string, string | readonly string[]>;
      text?: { readonly type: string; readonly content: string };
      // A multipart/form-data body (fetch writes its content type with the boundary).
      form?: FormData;
    } = {},
  ): Promise<Reply> {
    const url = new URL(this.base + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      for (const one of typeof value === 'string' ? [value] : value) url.searchParams.append(name, one);
    }
    const headers: Record<string, string> = {};
    if (options.role !== undefined && options.role !== '') {
      const suffix = options.caller === undefined || options.caller === 'own' ? '' : `@${options.caller}`;
      headers['authorization'] = `Bearer ${roleTokens.get(options.role) ?? 'unknown'}${suffix}`;
    }
    let payload: string | FormData | undefined;
    if (options.form !== undefined) {
      payload = options.form;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    } else if (options.text !== undefined) {
      headers['content-type'] = options.text.type;
      payload = options.text.content;
    }
    const response = await fetch(url, payload === undefined ? { method, headers } : { method, headers, body: payload });
    if (response.headers.get('content-type')?.startsWith('application/octet-stream') === true) {
      return { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) };
    }
    const text = await response.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    return { status: response.status, headers: response.headers, body };
  }

  // A valid create body for the entity; each call gives another record's values for the unique
  // fields, and a new referenced record for each unique reference. The records it refers to are
  // the caller's (of its tenant, when they are scoped).
  async body(entity: string, caller: Caller = 'own'): Promise<Record<string, unknown>> {
    const creator = this.creator(entity);
    const n = this.counts.get(entity) ?? 0;
    this.counts.set(entity, n + 1);
    const body = await creator.body(this.refOf(caller));
    for (const [field, values] of Object.entries(creator.variants ?? {})) setField(body, field, values[n % values.length]);
    for (const [field, target] of Object.entries(creator.fresh ?? {})) {
      setField(body, field, (await this.create(target, undefined, caller))[this.creator(target).id]);
    }
    return body;
  }

  // Creates a valid record (through the create route, or straight into the store) and returns it.
  async create(entity: string, body?: Record<string, unknown>, caller: Caller = 'own'): Promise<Record<string, unknown>> {
    const creator = this.creator(entity);
    const values = body ?? (await this.body(entity, caller));
    if (creator.route === undefined) return this.seed(entity, creator, values, caller === 'other' ? 1 : 0);
    const reply = await this.call('POST', creator.route.path, { role: creator.route.role, caller, body: values });
    assert.equal(reply.status, 201, JSON.stringify(reply.body));
    // The handlers the create set off run after it answered: let them finish first.
    await new Promise((resolve) => setImmediate(resolve));
    return object(reply);
  }

  // The id of a record of the entity, created the first time it is asked for.
  readonly ref: Ref = (entity) => this.refOf('own')(entity);

  private refOf(caller: Caller): Ref {
    return async (entity) => {
      let known = this.refs.get(caller);
      if (known === undefined) {
        known = new Map();
        this.refs.set(caller, known);
      }
      let id = known.get(entity);
      if (id === undefined) {
        const created = (await this.create(entity, undefined, caller))[this.creator(entity).id];
        assert.ok(typeof created === 'string' || typeof created === 'number', JSON.stringify(created));
        id = created;
        known.set(entity, id);
      }
      return id;
    };
  }

  publishedNames(): string[] {
    return this.published.map((event) => event.name);
  }

  private creator(entity: string): Creator {
    const creator = creators.get(entity);
    assert.ok(creator, `no way to create ${entity}`);
    return creator;
  }

  // Puts a record (wire JSON) straight into the store, which holds internal keys (wire.ts).
  // A record as the store holds it now, in wire form (undefined when there is none).
  stored(entity: string, id: unknown): Record<string, unknown> | undefined {
    const descriptor = entities.get(entity);
    assert.ok(descriptor, `no entity ${entity}`);
    const record = this.services.store.repository(descriptor).get(id as string | number);
    return record === undefined ? undefined : (toWire(record) as Record<string, unknown>);
  }

  // The id field of an entity's records, and the route that creates them.
  idField(entity: string): string {
    return this.creator(entity).id;
  }

  createRoute(entity: string): Route {
    const route = this.creator(entity).route;
    assert.ok(route, `${entity} has no create route`);
    return route;
  }

  private seed(entity: string, creator: Creator, body: Record<string, unknown>, tenant: 0 | 1): Record<string, unknown> {
    const descriptor = entities.get(entity);
    assert.ok(descriptor);
    const repository = this.services.store.repository(descriptor);
    const record: Record<string, unknown> = { ...body };
    // The generated fields, filled as the service's create route fills them.
    for (const [field, kind] of Object.entries(creator.seed?.generated ?? {})) {
      if (kind === 'uuid') setField(record, field, randomUUID());
      else if (kind === 'number') setField(record, field, repository.nextId());
      else setField(record, field, nowDatetime());
    }
    if (creator.seed?.state !== undefined) setField(record, creator.seed.state[0], creator.seed.state[1]);
    // The scope fields hold the caller's tenant and identity, as its create would.
    for (const [field, claim] of Object.entries(creator.seed?.scope ?? {})) setField(record, field, this.claim(claim, tenant));
    const stored = fromWire(record) as Record<string, unknown>;
    repository.insert(stored);
    // As a get answers it: JSON.
    return JSON.parse(JSON.stringify(toWire(present(descriptor, stored)))) as Record<string, unknown>;
  }
}

// Whether a problem's field errors name the field (or something inside it).
export function namesField(body: unknown, field: string): boolean {
  const errors = (body as { errors?: { field: string }[] } | undefined)?.errors ?? [];
  return errors.some((e) => e.field === field || e.field.startsWith(`${field}.`));
}

// A value that breaks a constraint: [field, constraint, value]; without a value the field is left out.
export type ConstraintCase = readonly [field: string, constraint: string, value?: unknown];

// A valid record is created; each case is refused with 400 naming its field.
export function constraintSuite(entity: string, create: Route, cases: readonly ConstraintCase[]): void {
  void describe(`constraints of ${entity}`, () => {
    let service: Service;
    before(async () => {
      service = await Service.start();
    });
    after(() => service.close());

    void test('a valid record is created (201)', async () => {
      const body = await service.body(entity);
      const reply = await service.call('POST', create.path, { role: create.role, body });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    });

    for (const [field, constraint, ...value] of cases) {
      void test(`${field}: ${constraint} is enforced (400)`, async () => {
        const body = await service.body(entity);
        if (value.length === 0) Reflect.deleteProperty(body, field);
        else setField(body, field, value[0]);
        const reply = await service.call('POST', create.path, { role: create.role, body });
        assert.equal(reply.status, 400, JSON.stringify(reply.body));
        assert.ok(namesField(reply.body, field), JSON.stringify(reply.body));
      });
    }
  });
}

export interface CrudSpec {
  readonly id: string;
  readonly idKind: 'string' | 'number';
  // A well-formed id that no record has.
  readonly missingId: string | number;
  readonly create?: Route;
  readonly get?: Route;
  readonly list?: Route & {
    readonly filter?: string;
    readonly unfiltered?: string;
    // A sort key and how its values order; a range-filtered field; an enum filter and its
    // values; the fields the text search matches.
    readonly sort?: { readonly field: string; readonly kind: OrderKind };
    readonly range?: { readonly field: string; readonly kind: OrderKind };
    readonly anyOf?: { readonly field: string; readonly values: readonly string[] };
    readonly search?: readonly string[];
  };
  readonly update?: Route & { readonly field: string; readonly value: (ref: Ref) => Promise<unknown> };
  readonly unique?: readonly string[];
  // `@secret` fields the create body sets: accepted, and never in an answer or a record event.
  readonly secret?: readonly string[];
  // `unique (a, b)` keys: a record with another's values of all their fields is refused.
  readonly uniqueTogether?: readonly (readonly string[])[];
  readonly remove?: Route;
  // An `@updatedAt` field: an update sets it to the current time.
  readonly touched?: string;
  // Fields the create body sets that may be left out (defaults, optional fields).
  readonly optional?: readonly string[];
  // An entity whose records refer to this one's with `@onDelete(cascade)`, through `field`.
  readonly cascade?: { readonly entity: string; readonly field: string };
  // A reference field of the create body, and an id no record of its entity has.
  readonly dangling?: { readonly field: string; readonly id: string | number };
  // A list of references the create body sets, and the entity its ids name: a round trip keeps its order.
  readonly referenceList?: { readonly field: string; readonly target: string };
  // The events create, update and delete declare (`create emits OrderPlaced`), each with the
  // payload field that carries the record, if one does.
  readonly emits?: { readonly create?: DeclaredEvent; readonly update?: DeclaredEvent; readonly remove?: DeclaredEvent };
  // Fields that handlers write right after a create answers (a trigger handler on the new record):
  // a read matches the create's answer in every other field.
  readonly settled?: readonly string[];
}

export interface BinarySpec {
  readonly id: string;
  // A well-formed id that no record has.
  readonly missingId: string | number;
  // The `bytes` field, and whether a record may be without it.
  readonly field: string;
  readonly optional: boolean;
  readonly download?: Route;
  readonly upload?: Route;
}

// Bytes that are not text: every byte value, and what UTF-8 and line handling would mangle.
const fileBytes = new Uint8Array([...Array.from({ length: 256 }, (_, i) => i), 0xe2, 0x80, 0xa8, 0x0d, 0x0a, 0x00]);

const fileForm = (bytes: Uint8Array, part = 'file'): FormData => {
  const form = new FormData();
  form.append(part, new Blob([bytes], { type: 'application/octet-stream' }), 'upload.bin');
  return form;
};

// A `bytes` field as a file: an upload (multipart, part `file`) and a download (octet-stream)
// give back exactly the bytes; 404 for an unknown record, 204 for a record without the bytes,
// 400 without a `file` part, 415 for a body that is not multipart.
export function binarySuite(entity: string, kind: StoreKind, spec: BinarySpec): void {
  void describe(`${entity}.${spec.field} as a file (${kind} store)`, () => {
    let service: Service;
    before(async () => {
      service = await Service.start(kind);
    });
    after(() => service.close());

    const { upload, download } = spec;
    if (upload !== undefined) {
      void test('an upload stores the bytes and answers the record', async () => {
        const created = await service.create(entity);
        const reply = await service.call('PUT', withId(upload.path, created[spec.id]), { role: upload.role, form: fileForm(fileBytes) });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.equal(object(reply)[spec.id], created[spec.id]);
        if (download === undefined) return;
        const got = await service.call('GET', withId(download.path, created[spec.id]), { role: download.role });
        assert.equal(got.status, 200);
        assert.equal(got.headers.get('content-type')?.split(';')[0], 'application/octet-stream');
        assert.deepEqual(got.body, fileBytes);
      });
      void test('an upload without a file part is refused (400)', async () => {
        const created = await service.create(entity);
        const reply = await service.call('PUT', withId(upload.path, created[spec.id]), { role: upload.role, form: fileForm(fileBytes, 'other') });
        assert.equal(reply.status, 400, JSON.stringify(reply.body));
        assert.ok(namesField(reply.body, 'file'), JSON.stringify(reply.body));
      });
      void test('an upload that is not multipart is refused (415)', async () => {
        const created = await service.create(entity);
        const reply = await service.call('PUT', withId(upload.path, created[spec.id]), { role: upload.role, body: {} });
        assert.equal(reply.status, 415, JSON.stringify(reply.body));
      });
      void test('an upload to an unknown record is 404', async () => {
        const reply = await service.call('PUT', withId(upload.path, spec.missingId), { role: upload.role, form: fileForm(fileBytes) });
        assert.equal(reply.status, 404, JSON.stringify(reply.body));
      });
    }
    if (download !== undefined) {
      void test('a download of an unknown record is 404', async () => {
        const reply = await service.call('GET', withId(download.path, spec.missingId), { role: download.role });
        assert.equal(reply.status, 404, JSON.stringify(reply.body));
      });
      if (spec.optional) {
        void test('a download of a record without the bytes is 204', async () => {
          const body = await service.body(entity);
          Reflect.deleteProperty(body, spec.field);
          const created = await service.create(entity, body);
          const reply = await service.call('GET', withId(download.path, created[spec.id]), { role: download.role });
          assert.equal(reply.status, 204, JSON.stringify(reply.body));
        });
      }
    }
  });
}

export interface TriggerHandlerSpec {
  readonly handler: string;
  // The entity whose create raises the handler's event, carrying the new record.
  readonly source: string;
  // The references from the new record to the target, one record at a time.
  readonly hops: readonly { readonly entity: string; readonly field: string }[];
  readonly target: string;
  readonly state: string;
  readonly initial: string;
  // The events the trigger's transition from the initial state raises.
  readonly events: readonly string[];
}

// A handler that fires a trigger: creating a source record raises the event, and the handler
// fires the trigger on the record its path leads to, which leaves its initial state and raises
// its transition's events.
export function triggerHandlerSuite(kind: StoreKind, spec: TriggerHandlerSpec): void {
  void describe(`handler ${spec.handler} (${kind} store)`, () => {
    let service: Service;
    before(async () => {
      service = await Service.start(kind);
    });
    after(() => service.close());

    void test(`fires its trigger on the ${spec.target} the event leads to`, async () => {
      const created = await service.create(spec.source);
      let id = created[service.idField(spec.source)];
      for (const hop of spec.hops) id = service.stored(hop.entity, id)?.[hop.field];
      const target = service.stored(spec.target, id);
      assert.ok(target !== undefined, `no ${spec.target} ${JSON.stringify(id)}`);
      assert.notEqual(target[spec.state], spec.initial, JSON.stringify(target));
      for (const event of spec.events) assert.ok(service.publishedNames().includes(event), `${event} was not raised`);
    });
  });
}

export interface SoftDeleteSpec {
  readonly id: string;
  // A well-formed id that no record has.
  readonly missingId: string | number;
  // The `@deletedAt` field.
  readonly field: string;
  readonly remove: Route;
  readonly restore: Route;
  readonly get?: Route;
  readonly list?: Route;
}

// Soft delete: a deleted record is hidden from get (404), lists and totals, and a second delete
// (404), its deleted event carries the deletion time; restore brings it back with the field null,
// is refused for a record that is not deleted (409) and answers 404 for an unknown one.
export function softDeleteSuite(entity: string, kind: StoreKind, spec: SoftDeleteSpec): void {
  void describe(`${entity} records are deleted softly and restored (${kind} store)`, () => {
    let service: Service;
    before(async () => {
      service = await Service.start(kind);
    });
    after(() => service.close());

    void test('a created record is not deleted', async () => {
      const created = await service.create(entity);
      assert.equal(created[spec.field], null, JSON.stringify(created));
    });
    void test('delete hides the record, and restore brings it back', async () => {
      const id = (await service.create(entity))[spec.id];
      const deleted = await service.call('DELETE', withId(spec.remove.path, id), { role: spec.remove.role });
      assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
      const event = service.published.findLast((e) => e.name === `${entity}.deleted`);
      const payload = event?.payload as Record<string, unknown> | undefined;
      assert.ok(payload !== undefined && typeof payload[spec.field] === 'string', JSON.stringify(event));
      const get = spec.get;
      if (get !== undefined) assert.equal((await service.call('GET', withId(get.path, id), { role: get.role })).status, 404);
      const list = spec.list;
      if (list !== undefined) {
        const listed = page(await service.call('GET', list.path, { role: list.role, query: { limit: '100' } }));
        assert.ok(!listed.items.some((record) => record[spec.id] === id), JSON.stringify(listed));
        assert.equal(listed.total, listed.items.length);
      }
      const again = await service.call('DELETE', withId(spec.remove.path, id), { role: spec.remove.role });
      assert.equal(again.status, 404, JSON.stringify(again.body));

      const restored = await service.call('POST', withId(spec.restore.path, id), { role: spec.restore.role });
      assert.equal(restored.status, 200, JSON.stringify(restored.body));
      assert.equal(object(restored)[spec.id], id);
      assert.equal(object(restored)[spec.field], null);
      if (get !== undefined) assert.equal((await service.call('GET', withId(get.path, id), { role: get.role })).status, 200);
      const twice = await service.call('POST', withId(spec.restore.path, id), { role: spec.restore.role });
      assert.equal(twice.status, 409, JSON.stringify(twice.body));
    });
    void test('restore answers 404 for an unknown record', async () => {
      const reply = await service.call('POST', withId(spec.restore.path, spec.missingId), { role: spec.restore.role });
      assert.equal(reply.status, 404, JSON.stringify(reply.body));
    });
  });
}

export interface ScopeSpec {
  readonly id: string;
  // Each `@tenant` and `@owner` field, and the claim of the caller it holds.
  readonly fields: Readonly<Record<string, ClaimName>>;
  readonly get?: Route;
  readonly list?: Route;
  readonly update?: Route;
  readonly remove?: Route;
  // A reference of the create body to another scoped entity, whose records of another tenant it
  // cannot name (409).
  readonly foreign?: { readonly field: string; readonly entity: string };
}

// Row-level isolation: a record made by the callers of one tenant (and identity) holds their
// claims, and is invisible and untouchable to the callers of another: 404 on get, update and
// delete, and left out of their lists and totals; a caller of no tenant is refused (403).
export function scopeSuite(entity: string, kind: StoreKind, spec: ScopeSpec): void {
  void describe(`${entity} records are scoped to their callers (${kind} store)`, () => {
    let service: Service;
    before(async () => {
      service = await Service.start(kind);
    });
    after(() => service.close());

    void test("a created record holds its caller's tenant and identity", async () => {
      const created = await service.create(entity);
      for (const [field, claim] of Object.entries(spec.fields)) assert.equal(created[field], service.claim(claim, 0), field);
    });
    const foreign = spec.foreign;
    if (foreign !== undefined) {
      void test(`${foreign.field} cannot name a ${foreign.entity} of another tenant (409)`, async () => {
        const theirs = await service.create(foreign.entity, undefined, 'other');
        const body = await service.body(entity);
        setField(body, foreign.field, theirs[service.idField(foreign.entity)]);
        const reply = await service.call('POST', service.createRoute(entity).path, { role: service.createRoute(entity).role, body });
        assert.equal(reply.status, 409, JSON.stringify(reply.body));
        assert.ok(namesField(reply.body, foreign.field), JSON.stringify(reply.body));
      });
    }
    const get = spec.get;
    if (get !== undefined) {
      void test('another tenant cannot read it (404)', async () => {
        const path = withId(get.path, (await service.create(entity))[spec.id]);
        assert.equal((await service.call('GET', path, { role: get.role })).status, 200);
        const reply = await service.call('GET', path, { role: get.role, caller: 'other' });
        assert.equal(reply.status, 404, JSON.stringify(reply.body));
      });
      void test('a caller of no tenant is refused (403)', async () => {
        const path = withId(get.path, (await service.create(entity))[spec.id]);
        const reply = await service.call('GET', path, { role: get.role, caller: 'none' });
        assert.equal(reply.status, 403, JSON.stringify(reply.body));
      });
    }
    const list = spec.list;
    if (list !== undefined) {
      void test("another tenant's list and total leave it out", async () => {
        // The other tenant's list as it was before (it may hold the record of its caller's identity).
        const others = async () => page(await service.call('GET', list.path, { role: list.role, caller: 'other', query: { limit: '100' } }));
        const before = await others();
        const id = (await service.create(entity))[spec.id];
        const own = page(await service.call('GET', list.path, { role: list.role, query: { limit: '100' } }));
        assert.ok(own.items.some((record) => record[spec.id] === id));
        assert.deepEqual(await others(), before);
      });
    }
    const update = spec.update;
    if (update !== undefined) {
      void test('another tenant cannot update it (404)', async () => {
        const path = withId(update.path, (await service.create(entity))[spec.id]);
        const reply = await service.call('PATCH', path, { role: update.role, caller: 'other', body: {} });
        assert.equal(reply.status, 404, JSON.stringify(reply.body));
      });
    }
    const remove = spec.remove;
    if (remove !== undefined) {
      void test('another tenant cannot delete it (404), and it stays', async () => {
        const path = withId(remove.path, (await service.create(entity))[spec.id]);
        const reply = await service.call('DELETE', path, { role: remove.role, caller: 'other' });
        assert.equal(reply.status, 404, JSON.stringify(reply.body));
        assert.equal((await service.call('DELETE', path, { role: remove.role })).status, 204);
      });
    }
  });
}

export interface DeclaredEvent {
  readonly event: string;
  readonly record?: string;
}

// The declared event was published last of its name, carrying the record with this id.
function assertDeclared(service: Service, declared: DeclaredEvent | undefined, idField: string, id: unknown): void {
  if (declared === undefined) return;
  const event = service.published.findLast((e) => e.name === declared.event);
  assert.ok(event !== undefined, `no ${declared.event} event was published`);
  if (declared.record === undefined) return;
  const payload = event.payload as Record<string, unknown>;
  const record = payload[declared.record] as Record<string, unknown> | null | undefined;
  assert.equal(record?.[idField], id, JSON.stringify(event.payload));
}

// Record round trips with one store: 415 for a body that is not JSON, 405 for a method the
// collection does not serve, 409 for a reference to no record, create and its event, get and 404,
// list pages, one filter, update and its event, 409 on each unique field, delete, its event and 404.
// Each test has a service of its own: the records a suite makes would otherwise add up past the
// distinct values a unique field's samples offer (24 companies named apart, and a 25th clashes).
export function crudSuite(entity: string, kind: StoreKind, spec: CrudSpec): void {
  void describe(`${entity} records (${kind} store)`, () => {
    let service: Service;
    beforeEach(async () => {
      service = await Service.start(kind);
    });
    afterEach(() => service.close());

    const creation = spec.create;
    if (creation !== undefined) {
      void test('create refuses a body that is not JSON (415)', async () => {
        const reply = await service.call('POST', creation.path, {
          role: creation.role,
          text: { type: 'text/plain', content: JSON.stringify(await service.body(entity)) },
        });
        assert.equal(reply.status, 415, JSON.stringify(reply.body));
      });
      void test('a method the collection does not serve is 405, naming those it does', async () => {
        const reply = await service.call('PUT', creation.path, { role: creation.role, body: {} });
        assert.equal(reply.status, 405, JSON.stringify(reply.body));
        assert.ok(reply.headers.get('allow')?.includes('POST'));
      });
    }
    const optional = spec.optional;
    if (creation !== undefined && optional !== undefined) {
      void test('a record with only the required fields is created, with the defaults', async () => {
        const body = await service.body(entity);
        for (const field of optional) Reflect.deleteProperty(body, field);
        const reply = await service.call('POST', creation.path, { role: creation.role, body });
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
      });
    }
    const cascade = spec.cascade;
    const removal = spec.remove;
    if (cascade !== undefined && removal !== undefined) {
      void test(`delete removes the ${cascade.entity} records that cascade from it, raising their deleted events`, async () => {
        const parent = await service.create(entity);
        const body = await service.body(cascade.entity);
        setField(body, cascade.field, parent[spec.id]);
        await service.create(cascade.entity, body);
        const reply = await service.call('DELETE', withId(removal.path, parent[spec.id]), { role: removal.role });
        assert.equal(reply.status, 204, JSON.stringify(reply.body));
        assert.ok(service.publishedNames().includes(`${cascade.entity}.deleted`));
      });
    }
    const dangling = spec.dangling;
    if (creation !== undefined && dangling !== undefined) {
      void test(`a ${dangling.field} that names no record is refused (409)`, async () => {
        const body = await service.body(entity);
        setField(body, dangling.field, dangling.id);
        const reply = await service.call('POST', creation.path, { role: creation.role, body });
        assert.equal(reply.status, 409, JSON.stringify(reply.body));
        assert.ok(namesField(reply.body, dangling.field), JSON.stringify(reply.body));
      });
    }

    if (spec.create !== undefined) {
      void test('create raises the created event', async () => {
        const created = await service.create(entity);
        assert.ok(service.publishedNames().includes(`${entity}.created`));
        assertDeclared(service, spec.emits?.create, spec.id, created[spec.id]);
      });
    }

    const secret = spec.secret ?? [];
    if (spec.create !== undefined && secret.length > 0) {
      void test(`${secret.join(', ')} never leave the service: not in answers, not in the created event`, async () => {
        const leaked = (record: unknown) =>
          secret.filter((field) => typeof record === 'object' && record !== null && Object.hasOwn(record, field));
        const created = await service.create(entity);
        assert.deepEqual(leaked(created), []);
        const event = service.published.findLast((e) => e.name === `${entity}.created`);
        assert.ok(event !== undefined, `no ${entity}.created event was published`);
        assert.deepEqual(leaked(event.payload), [], JSON.stringify(event.payload));
        if (spec.get !== undefined) {
          const reply = await service.call('GET', withId(spec.get.path, created[spec.id]), { role: spec.get.role });
          assert.deepEqual(leaked(reply.body), []);
        }
        if (spec.list !== undefined) {
          const reply = await service.call('GET', spec.list.path, { role: spec.list.role, query: { limit: '100' } });
          assert.deepEqual(page(reply).items.flatMap(leaked), []);
        }
      });
    }

    const get = spec.get;
    if (get !== undefined) {
      void test('get returns the created record, and 404 for an unknown id', async () => {
        const created = await service.create(entity);
        const reply = await service.call('GET', withId(get.path, created[spec.id]), { role: get.role });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        const settled = new Set(spec.settled);
        const unsettled = (record: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(record).filter(([name]) => !settled.has(name)));
        assert.deepEqual(unsettled(object(reply)), unsettled(created));
        const missing = await service.call('GET', withId(get.path, spec.missingId), { role: get.role });
        assert.equal(missing.status, 404, JSON.stringify(missing.body));
        assert.equal(object(missing)['status'], 404);
      });
      const listed = spec.referenceList;
      if (listed !== undefined) {
        void test(`${listed.field} keeps the ids it is given, in order`, async () => {
          const target = service.idField(listed.target);
          const [first, second] = [await service.create(listed.target), await service.create(listed.target)];
          const body = await service.body(entity);
          body[listed.field] = [second[target], first[target]];
          const created = await service.create(entity, body);
          const reply = await service.call('GET', withId(get.path, created[spec.id]), { role: get.role });
          assert.equal(reply.status, 200, JSON.stringify(reply.body));
          assert.deepEqual(object(reply)[listed.field], [second[target], first[target]]);
        });
      }
    }

    const list = spec.list;
    if (list !== undefined) {
      void test('list pages through the records', async () => {
        for (let i = 0; i < 3; i++) await service.create(entity);
        const first = await service.call('GET', list.path, { role: list.role, query: { limit: '2', offset: '0' } });
        assert.equal(first.status, 200, JSON.stringify(first.body));
        assert.equal(page(first).items.length, 2);
        assert.ok(page(first).total >= 3);
        const rest = await service.call('GET', list.path, { role: list.role, query: { limit: '100', offset: '2' } });
        assert.equal(page(rest).items.length, page(first).total - 2);
        const bad = await service.call('GET', list.path, { role: list.role, query: { limit: '0' } });
        assert.equal(bad.status, 400);
        assert.ok(namesField(bad.body, 'limit'), JSON.stringify(bad.body));
      });
      void test('list refuses query parameters it does not declare (400)', async () => {
        for (const name of ['notAParameter', ...(list.unfiltered === undefined ? [] : [list.unfiltered])]) {
          const reply = await service.call('GET', list.path, { role: list.role, query: { [name]: '1' } });
          assert.equal(reply.status, 400, `${name}: ${JSON.stringify(reply.body)}`);
        }
      });
      const all = async (query: Record<string, string | readonly string[]>): Promise<Record<string, unknown>[]> => {
        const reply = await service.call('GET', list.path, { role: list.role, query: { limit: '100', ...query } });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.ok(page(reply).total <= 100, 'more records than one page holds');
        return page(reply).items;
      };
      const sort = list.sort;
      if (sort !== undefined) {
        void test(`list sorts by ${sort.field} both ways, records without one last, ties in id order`, async () => {
          for (let i = 0; i < 3; i++) await service.create(entity);
          const key = (item: Record<string, unknown>): string | number | null => orderKey(sort.kind, item[sort.field]);
          const id = (item: Record<string, unknown>): string | number | null => orderKey(spec.idKind === 'number' ? 'number' : 'text', item[spec.id]);
          for (const descending of [false, true]) {
            const items = await all({ sort: `${descending ? '-' : ''}${sort.field}` });
            for (let i = 1; i < items.length; i++) {
              const [a, b] = [items[i - 1] ?? {}, items[i] ?? {}];
              const order = key(a) === null || key(b) === null ? compareKeys(key(a), key(b)) : (descending ? -1 : 1) * compareKeys(key(a), key(b));
              assert.ok(order < 0 || (order === 0 && compareKeys(id(a), id(b)) < 0), `${JSON.stringify(a)} before ${JSON.stringify(b)}`);
            }
          }
          const unknown = await service.call('GET', list.path, { role: list.role, query: { sort: `${sort.field},notAKey` } });
          assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
          assert.ok(namesField(unknown.body, 'sort'), JSON.stringify(unknown.body));
        });
      }
      const range = list.range;
      if (range !== undefined) {
        void test(`list filters ${range.field} by a range`, async () => {
          const records = [await service.create(entity), await service.create(entity), await service.create(entity)];
          const pivot = records[1]?.[range.field];
          assert.ok(typeof pivot === 'string' || typeof pivot === 'number', JSON.stringify(pivot));
          const everything = await all({});
          const compared = (item: Record<string, unknown>): number | undefined => {
            const key = orderKey(range.kind, item[range.field]);
            return key === null ? undefined : compareKeys(key, orderKey(range.kind, pivot));
          };
          const expected: Record<string, (c: number) => boolean> = {
            gte: (c) => c >= 0, gt: (c) => c > 0, lte: (c) => c <= 0, lt: (c) => c < 0,
          };
          for (const [bound, holds] of Object.entries(expected)) {
            const items = await all({ [`${range.field}[${bound}]`]: String(pivot) });
            const wanted = everything.filter((item: Record<string, unknown>): boolean => {
              const c = compared(item);
              return c !== undefined && holds(c);
            });
            assert.deepEqual(items.map((item) => item[spec.id]).sort(), wanted.map((item) => item[spec.id]).sort(), bound);
          }
          const bad = await service.call('GET', list.path, { role: list.role, query: { [`${range.field}[gte]`]: 'not a bound' } });
          assert.equal(bad.status, 400, JSON.stringify(bad.body));
        });
      }
      const anyOf = list.anyOf;
      if (anyOf !== undefined) {
        void test(`list filters ${anyOf.field} by several values`, async () => {
          await service.create(entity);
          const everything = await all({});
          for (const values of [anyOf.values.slice(0, 1), anyOf.values.slice(0, 2), anyOf.values]) {
            const items = await all({ [anyOf.field]: values });
            const wanted = everything.filter((item: Record<string, unknown>): boolean => values.includes(item[anyOf.field] as string));
            assert.deepEqual(items.map((item) => item[spec.id]).sort(), wanted.map((item) => item[spec.id]).sort(), values.join(','));
          }
          const bad = await service.call('GET', list.path, { role: list.role, query: { [anyOf.field]: ['notAValue'] } });
          assert.equal(bad.status, 400, JSON.stringify(bad.body));
        });
      }
      const search = list.search;
      if (search !== undefined) {
        void test(`list searches ${search.join(', ')} ignoring case`, async () => {
          const created = await service.create(entity);
          const text = search.map((field) => created[field]).find((value) => typeof value === 'string' && value !== '');
          if (typeof text !== 'string') return;
          const q = text.slice(Math.floor(text.length / 3), Math.floor(text.length / 3) + 3).toUpperCase();
          const items = await all({ q });
          assert.ok(items.some((item) => item[spec.id] === created[spec.id]), `${q} should find ${JSON.stringify(created)}`);
          for (const item of items) assert.ok(search.some((field) => containsText(item[field], q)), JSON.stringify(item));
          const everything = await all({});
          const missing = await all({ q: `${q}\u{10FFFF}` });
          assert.equal(missing.length, everything.filter((item) => search.some((field) => containsText(item[field], `${q}\u{10FFFF}`))).length);
        });
      }
      const filter = list.filter;
      if (filter !== undefined) {
        void test(`list filters on ${filter}`, async () => {
          const created = await service.create(entity);
          for (let i = 0; i < 2; i++) await service.create(entity);
          const value = created[filter];
          if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
          const reply = await service.call('GET', list.path, { role: list.role, query: { [filter]: String(value) } });
          assert.equal(reply.status, 200, JSON.stringify(reply.body));
          assert.ok(page(reply).total >= 1);
          for (const item of page(reply).items) assert.equal(item[filter], value);
        });
      }
    }

    const update = spec.update;
    if (update !== undefined) {
      void test(`update changes ${update.field} and raises the updated event`, async () => {
        const created = await service.create(entity);
        const value = await update.value(service.ref);
        const reply = await service.call('PATCH', withId(update.path, created[spec.id]), {
          role: update.role,
          body: { [update.field]: value },
        });
        assert.equal(reply.status, 200, JSON.stringify(reply.body));
        assert.deepEqual(object(reply)[update.field], value);
        assert.ok(service.publishedNames().includes(`${entity}.updated`));
        assertDeclared(service, spec.emits?.update, spec.id, created[spec.id]);
      });
      const touched = spec.touched;
      if (touched !== undefined) {
        void test(`update sets ${touched} to the time of the update`, async () => {
          const created = await service.create(entity);
          await new Promise((resolve) => setTimeout(resolve, 5));
          const reply = await service.call('PATCH', withId(update.path, created[spec.id]), {
            role: update.role,
            body: { [update.field]: await update.value(service.ref) },
          });
          assert.equal(reply.status, 200, JSON.stringify(reply.body));
          const before = created[touched];
          const after = object(reply)[touched];
          assert.ok(typeof before === 'string' && typeof after === 'string' && after > before, `${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
        });
      }
    }

    const create = spec.create;
    for (const field of spec.unique ?? []) {
      if (create === undefined) break;
      void test(`a second record with the same ${field} is refused (409)`, async () => {
        // The value sent, not the answer's: a @secret is never in an answer.
        const first = await service.body(entity);
        await service.create(entity, first);
        const body = await service.body(entity);
        setField(body, field, first[field]);
        const reply = await service.call('POST', create.path, { role: create.role, body });
        assert.equal(reply.status, 409, JSON.stringify(reply.body));
      });
    }

    for (const fields of spec.uniqueTogether ?? []) {
      if (create === undefined) break;
      void test(`a second record with the same ${fields.join(' and ')} is refused (409), naming them`, async () => {
        const first = await service.body(entity); // the values sent: a @secret is never in an answer
        await service.create(entity, first);
        const body = await service.body(entity);
        for (const field of fields) setField(body, field, first[field]);
        const reply = await service.call('POST', create.path, { role: create.role, body });
        assert.equal(reply.status, 409, JSON.stringify(reply.body));
        for (const field of fields) assert.ok(namesField(reply.body, field), JSON.stringify(reply.body));
      });
    }

    const remove = spec.remove;
    if (remove !== undefined) {
      void test('delete removes the record and raises the deleted event', async () => {
        const created = await service.create(entity);
        const path = withId(remove.path, created[spec.id]);
        const reply = await service.call('DELETE', path, { role: remove.role });
        assert.equal(reply.status, 204, JSON.stringify(reply.body));
        assert.ok(service.publishedNames().includes(`${entity}.deleted`));
        assertDeclared(service, spec.emits?.remove, spec.id, created[spec.id]);
        const again = await service.call('DELETE', path, { role: remove.role });
        assert.equal(again.status, 404);
      });
    }
  });
}

export interface RelatedSpec extends Route {
  readonly owner: string;
  readonly ownerId: string;
  // A well-formed id that no owner record has.
  readonly ownerMissingId: string | number;
  readonly entity: string;
  readonly id: string;
  // How a record of `entity` is linked to the owner: its reference `field` names the owner
  // (`inverse`), its list `field` holds the owner's id (`inverseMany`), the owner's list `field`
  // holds the record's id (`owned`), or its `@tenant` (`@owner`) reference `field` names the
  // owner, which is then the caller's tenant (identity) record (`tenant`, `subject`).
  readonly link: 'inverse' | 'inverseMany' | 'owned' | ClaimName;
  readonly field: string;
}

// A relation route (`GET /customers/{id}/orders`) with one store: a fresh owner lists exactly the
// record linked to it, pages are validated, and an unknown owner is 404.
export function relatedSuite(kind: StoreKind, spec: RelatedSpec): void {
  void describe(`${spec.path} (${kind} store)`, () => {
    let service: Service;
    before(async () => {
      service = await Service.start(kind);
    });
    after(() => service.close());

    void test(`lists the ${spec.entity} records of one ${spec.owner}, and 404 for an unknown one`, async () => {
      let owner: Record<string, unknown>;
      let linked: Record<string, unknown>;
      let earlier: unknown[] = []; // the ids the route listed before the test linked a record
      if (spec.link === 'owned') {
        linked = await service.create(spec.entity);
        const body = await service.body(spec.owner);
        setField(body, spec.field, [linked[spec.id]]);
        owner = await service.create(spec.owner, body);
        await service.create(spec.entity); // linked to no owner
      } else if (spec.link === 'tenant' || spec.link === 'subject') {
        owner = { [spec.ownerId]: service.claim(spec.link, 0) };
        const before = await service.call('GET', withId(spec.path, owner[spec.ownerId]), { role: spec.role, query: { limit: '100' } });
        earlier = page(before).items.map((item) => item[spec.id]);
        linked = await service.create(spec.entity);
        await service.create(spec.entity, undefined, 'other'); // of the other tenant (identity)
      } else {
        owner = await service.create(spec.owner);
        const body = await service.body(spec.entity);
        setField(body, spec.field, spec.link === 'inverse' ? owner[spec.ownerId] : [owner[spec.ownerId]]);
        linked = await service.create(spec.entity, body);
        await service.create(spec.entity); // linked to another owner
      }
      const reply = await service.call('GET', withId(spec.path, owner[spec.ownerId]), { role: spec.role });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const ids = page(reply).items.map((item) => item[spec.id]);
      assert.deepEqual(ids.filter((id) => !earlier.includes(id)), [linked[spec.id]]);
      assert.equal(page(reply).total, earlier.length + 1);
      const offset = String(earlier.length + 1);
      const empty = await service.call('GET', withId(spec.path, owner[spec.ownerId]), { role: spec.role, query: { offset } });
      assert.equal(page(empty).items.length, 0);
      assert.equal(page(empty).total, earlier.length + 1);
      const bad = await service.call('GET', withId(spec.path, owner[spec.ownerId]), { role: spec.role, query: { limit: '0' } });
      assert.equal(bad.status, 400, JSON.stringify(bad.body));
      assert.ok(namesField(bad.body, 'limit'), JSON.stringify(bad.body));
      const missing = await service.call('GET', withId(spec.path, spec.ownerMissingId), { role: spec.role });
      assert.equal(missing.status, 404, JSON.stringify(missing.body));
    });
  });
}
