// Persistence behind one interface. A Store holds one Repository per entity and runs work in a
// transaction; MemoryStore (memory-store.ts) and SqliteStore (sqlite-store.ts) implement it.
// Repositories are synchronous: better-sqlite3 is, and a handler's reads and writes then run in
// one transaction without interleaving with other requests.
import type { Outbox } from './events.js';
import type { ListQuery, OrderKind } from './query.js';

export type Id = string | number;
export type Row = Record<string, unknown>;

// How a query-string value converts for comparison with a stored value.
export type FilterKind = 'string' | 'number' | 'boolean';

export interface Reference {
  readonly field: string;
  readonly target: string; // entity name
  readonly many: boolean; // a list of ids
  readonly onDelete: 'restrict' | 'cascade' | 'setNull';
}

// What a store needs to know about an entity.
export interface EntityDescriptor {
  readonly name: string;
  readonly table: string;
  readonly idField: string;
  readonly idKind: 'string' | 'number';
  // The fields no two records share: one per `@unique` field, several per `unique (a, b)` key
  // (records with a null in the key never clash).
  readonly unique: readonly (readonly string[])[];
  // `index (a, b)` keys: the fields of a database index each.
  readonly indexes: readonly (readonly string[])[];
  readonly filters: Readonly<Record<string, FilterKind>>;
  // How the values of each sort key and range-filtered field order (query.ts).
  readonly order: Readonly<Record<string, OrderKind>>;
  readonly references: readonly Reference[];
  readonly secret: readonly string[];
  // `@updatedAt` fields: the service sets them to the current time on every write.
  readonly touched: readonly string[];
  // The `@tenant` and `@owner` fields (scope.ts): a caller sees only the records holding its own.
  readonly scope: readonly Scope[];
  // The `@deletedAt` field, or null: a delete sets it and hides the record until it is restored.
  readonly softDelete: string | null;
}

// A field that holds the caller's tenant or identity, and the kind of its values.
export interface Scope {
  readonly field: string;
  readonly claim: 'tenant' | 'subject';
  readonly kind: 'string' | 'number';
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

// A write that would give two records the same value of a `@unique` field, or the same values of
// the fields of a `unique (a, b)` key.
export class UniqueViolation extends Error {
  constructor(readonly entity: string, readonly fields: readonly string[]) {
    super(`another ${entity} has the same ${fields.join(', ')}`);
  }
}

export interface Repository<T extends object = Row> {
  get(id: Id): T | undefined;
  // The page of records that meet every condition and the search, in the query's order.
  list(query: ListQuery): Page<T>;
  insert(record: T): void;
  replace(record: T): void;
  delete(id: Id): boolean;
  // Records whose reference `field` holds `id` (or, for `many`, whose list contains it).
  referencing(field: string, many: boolean, id: Id): T[];
  // The next integer id, for generated integer ids.
  nextId(): number;
}

export interface Store {
  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T>;
  // Runs `work` in one transaction: everything it wrote is undone if it throws.
  transaction<R>(work: () => R): R;
  readonly outbox: Outbox;
  close(): void;
}
