// Row-level scopes. A record of an entity with a `@tenant` field belongs to one tenant, and one
// with an `@owner` field to one caller: the service sets those fields from the caller when it
// creates the record, and a caller sees and changes only records holding its own tenant and
// identity. ScopedStore wraps the store a request works on so that, for scoped entities, the
// records of others do not exist: `get` finds nothing (404), lists and totals leave them out, and
// a reference to one names no record (409). Routes and hand-written operations use the scoped
// store, so no handler writes the condition itself. A caller whose token names no tenant (or
// identity of the field's kind) may not touch a scoped entity at all (403).
import type { Principal } from './access.js';
import { forbidden } from './problem.js';
import type { Condition, ListQuery, Scalar } from './query.js';
import type { EntityDescriptor, Id, Page, Repository, Row, Scope, Store } from './store.js';
import { own } from './wire.js';

// The value a caller's claim gives a scope field, or undefined when the caller has none.
function claimed(scope: Scope, principal: Principal | undefined): Scalar | undefined {
  const claim = scope.claim === 'tenant' ? principal?.tenant : principal?.subject;
  if (claim === undefined || claim === '') return undefined;
  if (scope.kind === 'string') return claim;
  const number = Number(claim);
  return /^-?[0-9]+$/.test(claim) && Number.isSafeInteger(number) ? number : undefined;
}

type Equality = Extract<Condition, { op: 'eq' }>;

// The value of one of the caller's claims a scope field of the entity holds (403 without it).
function required(entity: EntityDescriptor, scope: Scope, principal: Principal | undefined): Scalar {
  const value = claimed(scope, principal);
  if (value !== undefined) return value;
  throw forbidden(
    scope.claim === 'tenant'
      ? `${entity.name} records belong to a tenant, and the caller's token names none`
      : `${entity.name} records belong to a caller, and the caller's token names no identity they can hold`,
  );
}

// The conditions every record of the entity the caller may see meets.
const conditionsFor = (entity: EntityDescriptor, principal: Principal | undefined): Equality[] =>
  entity.scope.map((scope) => ({ field: scope.field, op: 'eq', value: required(entity, scope, principal) }));

// What a record the caller creates holds in the entity's `@tenant` (or `@owner`) field.
export function claimFor(entity: EntityDescriptor, principal: Principal | undefined, claim: Scope['claim']): string | number {
  const scope = entity.scope.find((s) => s.claim === claim);
  if (scope === undefined) throw new Error(`${entity.name} has no ${claim} field`);
  return required(entity, scope, principal) as string | number;
}

class ScopedRepository<T extends object> implements Repository<T> {
  constructor(
    private readonly inner: Repository<T>,
    private readonly entity: EntityDescriptor,
    private readonly conditions: readonly Equality[],
  ) {}

  get(id: Id): T | undefined {
    const record = this.inner.get(id);
    return record !== undefined && this.visible(record) ? record : undefined;
  }

  list(query: ListQuery): Page<T> {
    return this.inner.list({ ...query, where: [...this.conditions, ...query.where] });
  }

  insert(record: T): void {
    this.mustBeVisible(record);
    this.inner.insert(record);
  }

  replace(record: T): void {
    this.mustBeVisible(record);
    if (this.get(own(record, this.entity.idField) as Id) === undefined) throw new Error(`${this.entity.name}: not the caller's record`);
    this.inner.replace(record);
  }

  delete(id: Id): boolean {
    return this.get(id) !== undefined && this.inner.delete(id);
  }

  referencing(field: string, many: boolean, id: Id): T[] {
    return this.inner.referencing(field, many, id).filter((record) => this.visible(record));
  }

  nextId(): number {
    return this.inner.nextId();
  }

  private visible(record: T): boolean {
    return this.conditions.every((condition) => own(record, condition.field) === condition.value);
  }

  // A write of a record outside the caller's scope is a bug in the code that made it.
  private mustBeVisible(record: T): void {
    if (!this.visible(record)) throw new Error(`${this.entity.name}: a record of another tenant or owner`);
  }
}

// The store as one caller sees it. `all` is the whole store, for the rules a write sets off
// beyond what the caller sees (`@onDelete` reaches every record that refers to a deleted one).
export class ScopedStore implements Store {
  constructor(
    readonly all: Store,
    private readonly principal: Principal | undefined,
  ) {}

  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T> {
    const inner = this.all.repository<T>(entity);
    if (entity.scope.length === 0) return inner;
    return new ScopedRepository(inner, entity, conditionsFor(entity, this.principal));
  }

  transaction<R>(work: () => R): R {
    return this.all.transaction(work);
  }

  get outbox(): Store['outbox'] {
    return this.all.outbox;
  }

  close(): void {
    this.all.close();
  }
}

// The whole store behind a scoped one (or the store itself).
export const unscoped = (store: Store): Store => (store instanceof ScopedStore ? store.all : store);
