// Persistence behind one interface. A Store holds one Repository per entity and runs work in a
// transaction; MemoryStore (memory-store.ts) and SqlStore (sql-store.ts: SQLite, PostgreSQL)
// implement it. Repositories are synchronous (better-sqlite3 and libpq are): a handler's reads
// and writes run in one transaction without interleaving with other requests.
import type { Outbox } from './events.js';
import type { ListQuery, OrderKind } from './query.js';
import type { ColumnKind } from './sql-connection.js';

export type Id = string | number;
export type Row = Record<string, unknown>;

// A stored field of an entity and where the relational schema keeps it.
export interface StoredField {
  readonly key: string; // the record's key (wire.ts: internal)
  readonly column: string; // its column; for a link, the link table
  readonly kind: ColumnKind; // how the column keeps it; for a link, how it keeps the target ids
  // A list of references that may not be null: a link table (owner, position, target).
  readonly link: boolean;
}

export interface Reference {
  readonly field: string;
  readonly target: string; // entity name
  readonly many: boolean; // a list of ids
  readonly onDelete: 'restrict' | 'cascade' | 'setNull';
}

// What a store needs to know about an entity.
export interface EntityDescriptor {
  readonly name: string;
  readonly table: string; // in the relational schema
  readonly idField: string;
  readonly idKind: 'string' | 'number';
  // The fields no two records share: one per `@unique` field, several per `unique (a, b)` key
  // (records with a null in the key never clash).
  readonly unique: readonly (readonly string[])[];
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
  // Every stored field in declaration order.
  readonly stored: readonly StoredField[];
  // PostgreSQL's names of the unique constraints and the primary key: the fields of each.
  readonly constraints: Readonly<Record<string, readonly string[]>>;
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
