// Which records a caller sees. A record of an entity with a `@tenant` field belongs to one tenant,
// and one with an `@owner` field to one caller: the service sets those fields from the caller
// when it creates the record, and a caller sees and changes only records holding its own tenant
// and identity. A record of an entity with a `@deletedAt` field is hidden from everyone once a
// delete sets the field, until it is restored. ScopedStore wraps the store a request works on so
// that the records a caller may not see do not exist: `get` finds nothing (404), lists and totals
// leave them out, and a reference to one names no record (409). Routes and hand-written
// operations use the scoped store, so no handler writes the conditions itself. A caller whose
// token names no tenant (or identity of the field's kind) may not touch a scoped entity (403).
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
  // `scope`: what every record of the caller holds (its tenant and identity); `hidden`: the
  // soft-delete field, whose records with a value the caller does not see (null: it sees them).
  constructor(
    private readonly inner: Repository<T>,
    private readonly entity: EntityDescriptor,
    private readonly scope: readonly Equality[],
    private readonly hidden: string | null,
  ) {}

  get(id: Id): T | undefined {
    const record = this.inner.get(id);
    return record !== undefined && this.visible(record) ? record : undefined;
  }

  list(query: ListQuery): Page<T> {
    const hide: Condition[] = this.hidden === null ? [] : [{ field: this.hidden, op: 'absent' }];
    return this.inner.list({ ...query, where: [...this.scope, ...hide, ...query.where] });
  }

  insert(record: T): void {
    this.mustBeInScope(record);
    this.inner.insert(record);
  }

  // Replaces a record the caller sees (a soft delete hides it by this very write).
  replace(record: T): void {
    this.mustBeInScope(record);
    if (this.get(own(record, this.entity.idField) as Id) === undefined) throw new Error(`${this.entity.name}: not a record the caller sees`);
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

  private inScope(record: T): boolean {
    return this.scope.every((condition) => own(record, condition.field) === condition.value);
  }

  private visible(record: T): boolean {
    if (!this.inScope(record)) return false;
    if (this.hidden === null) return true;
    const deletedAt = own(record, this.hidden);
    return deletedAt === undefined || deletedAt === null;
  }

  // A write of a record outside the caller's scope is a bug in the code that made it.
  private mustBeInScope(record: T): void {
    if (!this.inScope(record)) throw new Error(`${this.entity.name}: a record of another tenant or owner`);
  }
}

// The store as one caller sees it: other tenants' and owners' records, and soft-deleted ones
// (unless `deleted` asks for them, to restore one), are not there. The service itself (an event
// handler) sees `everyTenant`: every tenant's records, still without the deleted ones. `all` is
// the whole store, for the rules a write sets off beyond what the caller sees (`@onDelete`
// reaches every record that refers to a deleted one).
export class ScopedStore implements Store {
  constructor(
    readonly all: Store,
    private readonly principal: Principal | undefined,
    private readonly options: { readonly deleted?: boolean; readonly everyTenant?: boolean } = {},
  ) {}

  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T> {
    const inner = this.all.repository<T>(entity);
    const hidden = this.options.deleted === true ? null : entity.softDelete;
    const scoped = entity.scope.length > 0 && this.options.everyTenant !== true;
    if (!scoped && hidden === null) return inner;
    return new ScopedRepository(inner, entity, scoped ? conditionsFor(entity, this.principal) : [], hidden);
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
