// The connection behind SqlStore, one per dialect (sqlite-connection.ts, postgresql-connection.ts):
// statements with `?` parameters, values bound and read by column kind, whole scripts, and the
// SQL spelling of what the dialects say differently (the order of decimals, the search,
// membership in a JSON list). Every call is synchronous: a handler's reads and writes run in one
// transaction without interleaving with another request's. Errors are exceptions: Constraint for
// a violated unique or foreign key constraint, Error for anything else.
import { micros } from './datetime.js';
import type { OrderKind } from './query.js';
import { toWire } from './wire.js';

// How a column keeps its field's values (backends/service_model/relational_schema.h in bpc).
export type ColumnKind = 'text' | 'integer' | 'float' | 'boolean' | 'decimal' | 'date' | 'datetime' | 'json';

// How many statements a connection keeps prepared (SQLite) or rewritten (PostgreSQL): every
// statement a blueprint's routes make; list queries with unusual combinations of filters beyond
// it are prepared for each use.
export const CACHED_STATEMENTS = 512;

// A value as a statement takes it.
export type SqlValue = string | number | null;

export type Dialect = 'sqlite' | 'postgresql';

// A violated UNIQUE, PRIMARY KEY or FOREIGN KEY constraint, with the constraint's name when the
// database gives it.
export class Constraint extends Error {
  constructor(
    message: string,
    readonly unique: boolean,
    readonly constraint: string | undefined,
  ) {
    super(message);
  }
}

// A name in SQL: double-quoted, quotes doubled.
export const sqlName = (name: string): string => `"${name.replaceAll('"', '""')}"`;
// A string literal in SQL: single-quoted, quotes doubled.
export const sqlLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

// A date-time as a database gives it back — SQLAlchemy's UTC text in SQLite
// (`2024-01-31 10:00:00.500000`, or with the offset `+00:00` a migration's default has),
// PostgreSQL's ISO output in UTC (`2024-01-31 10:00:00.5+00`) — in the form the service writes
// (`2024-01-31T10:00:00.500000Z`: datetime.ts), so a record reads back as it was written.
export function storedInstant(text: string): string {
  const match = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(text);
  if (match === null) return text;
  const [, date = '', time = '', fraction = '', offset = ''] = match;
  if (offset !== '' && !/^(?:Z|[+-]00(?::?00)?)$/.test(offset)) return text;
  return `${date}T${time}${micros(fraction)}Z`;
}

// A record's value as a column of this kind holds it, in most dialects.
export function toColumn(kind: ColumnKind, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (kind === 'json') return JSON.stringify(toWire(value));
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(toWire(value));
}

// The statements that make the outbox table with the dialect's JSON type: the table the Python
// service of the blueprint makes, so either service can open the other's database.
export const outboxTable = (json: string): readonly string[] => [
  'CREATE TABLE IF NOT EXISTS "bpc_outbox" ("id" VARCHAR(36) NOT NULL, "name" VARCHAR NOT NULL, "occurred_at" VARCHAR NOT NULL, ' +
    `"payload" ${json} NOT NULL, "correlation_id" VARCHAR(128), PRIMARY KEY ("id"))`,
];

// The rows of a statement, each a list of its columns' values.
export type SqlRows = readonly (readonly SqlValue[])[];

export interface SqlConnection {
  readonly dialect: Dialect;
  // Runs SQL without parameters or rows; it may be several statements (a script).
  execute(sql: string): void;
  // Runs a statement with `?` parameters and gives its rows.
  query(sql: string, values: readonly SqlValue[]): SqlRows;
  // Runs a statement without rows; the number of rows it changed.
  run(sql: string, values: readonly SqlValue[]): number;
  // Starts a transaction. SQLite takes the write lock at once, so two processes never both read
  // and then fail to write; PostgreSQL opens a lost connection again first.
  begin(): void;
  commit(): void;
  // Ends the open transaction, if there is one; never throws.
  rollback(): void;
  // Whether the database has a table of this name (in the schema the connection works in).
  hasTable(name: string): boolean;
  close(): void;

  // A record's value as a column of this kind holds it in this dialect, and a column's value as
  // the record holds it.
  columnValue(kind: ColumnKind, value: unknown): SqlValue;
  recordValue(kind: ColumnKind, value: SqlValue): unknown;
  // How a column orders and compares: the column itself, or the dialect's way of comparing
  // decimals by value and text by code point; and a value as that expression compares with it.
  ordered(column: string, kind: OrderKind): string;
  orderedValue(kind: OrderKind, value: unknown): SqlValue;
  // A condition true when the text column contains the `?` parameter, ignoring case.
  contains(column: string): string;
  // A condition true when the JSON list in `column` holds the `?` parameter, and that parameter.
  jsonListHas(column: string): string;
  jsonElement(value: unknown): SqlValue;
  // The statements that make the outbox table: the one the Python service of the blueprint makes,
  // so either service can open the other's database.
  readonly outboxTable: readonly string[];
  // What orders the outbox's rows oldest first.
  readonly outboxOrder: string;
}
