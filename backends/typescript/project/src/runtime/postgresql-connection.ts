// SqlConnection on PostgreSQL through libpq (the `libpq` package: synchronous calls, so a
// request's transaction never interleaves with another's). Statements go with their parameters
// as text (the server gives each parameter the type its place in the statement asks for), `?`
// turned into `$1`, `$2`... outside quoted names and strings. The session speaks UTC and ISO
// dates, so date-times read back in UTC. A connection lost since the last statement (a server
// restart, a cut) is opened again for the next one that starts outside a transaction.
import { createRequire } from 'node:module';

import type Libpq from 'libpq';

import type { OrderKind } from './query.js';
import { CACHED_STATEMENTS, type ColumnKind, Constraint, type SqlConnection, type SqlRows, type SqlValue, outboxTable, storedInstant, toColumn } from './sql-connection.js';
import { fromWire } from './wire.js';

// Loaded through require, when a PostgreSQL store opens: imported as an ES module, libpq prints
// its include folder (it does when it is not required by another module), and a service without
// PostgreSQL never needs its native addon — an optional dependency, which npm skips where
// libpq's headers are missing.
function loadLibpq(): typeof Libpq {
  try {
    return createRequire(import.meta.url)('libpq') as typeof Libpq;
  } catch (error) {
    throw new Error(
      `PostgreSQL needs the package libpq, which npm did not install or build (${(error as Error).message.split('\n')[0] ?? ''}): ` +
        "install PostgreSQL's client headers (Debian: libpq-dev) and run npm install again",
    );
  }
}

// Closes a connection. libpq's binding closes its socket watcher in the event loop's next closing
// phase but frees the watcher with its object, which the garbage collector may take sooner (the
// loop then crashes on freed memory): the object is kept until a timer's turn, which comes after
// that phase.
function finish(pq: Libpq): void {
  pq.finish();
  setTimeout(() => pq, 100).unref();
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

// `?` parameters as `$n`; a `?` inside "a name" or 'a string' is left as it is.
function numbered(sql: string): string {
  let out = '';
  let quote = '';
  let parameter = 0;
  for (const c of sql) {
    if (quote !== '') {
      if (c === quote) quote = ''; // a doubled quote closes and opens again: the same state
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '?') {
      out += `$${String(++parameter)}`;
      continue;
    }
    out += c;
  }
  return out;
}

export class PostgresqlConnection implements SqlConnection {
  readonly dialect = 'postgresql';
  readonly outboxTable = outboxTable('JSONB');
  // By time; rows of one instant in the order they were written (the outbox is only ever
  // appended to, so its rows stay where they were written).
  readonly outboxOrder = 'CAST("occurred_at" AS TIMESTAMP WITH TIME ZONE), ctid';
  private readonly Client = loadLibpq();
  private pq: Libpq;
  private readonly numberedSql = new Map<string, string>();
  private inTransaction = false;

  constructor(private readonly url: string) {
    this.pq = new this.Client();
    this.connect();
  }

  execute(sql: string): void {
    this.reconnecting(() => {
      this.pq.exec(sql);
    });
    this.check(sql);
  }

  query(sql: string, values: readonly SqlValue[]): SqlRows {
    this.statement(sql, values);
    const rows: SqlValue[][] = [];
    const count = this.pq.ntuples();
    const columns = this.pq.nfields();
    for (let r = 0; r < count; r++) {
      const row: SqlValue[] = [];
      for (let c = 0; c < columns; c++) row.push(this.pq.getisnull(r, c) ? null : this.pq.getvalue(r, c));
      rows.push(row);
    }
    return rows;
  }

  run(sql: string, values: readonly SqlValue[]): number {
    this.statement(sql, values);
    return Number(this.pq.cmdTuples() || '0');
  }

  begin(): void {
    this.execute('BEGIN');
    this.inTransaction = true;
  }

  commit(): void {
    this.inTransaction = false;
    this.execute('COMMIT');
  }

  // Without a transaction ROLLBACK only warns, and the session keeps warnings to itself.
  rollback(): void {
    this.inTransaction = false;
    this.pq.exec('ROLLBACK');
  }

  hasTable(name: string): boolean {
    return this.query('SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?', [name]).length > 0;
  }

  close(): void {
    finish(this.pq);
  }

  columnValue(kind: ColumnKind, value: unknown): SqlValue {
    if (kind === 'boolean' && typeof value === 'boolean') return value ? 'true' : 'false';
    return toColumn(kind, value);
  }

  recordValue(kind: ColumnKind, value: SqlValue): unknown {
    if (value === null) return null;
    const text = String(value);
    switch (kind) {
      case 'integer':
      case 'float':
        return Number(text);
      case 'boolean':
        return text === 't';
      case 'json':
        return fromWire(JSON.parse(text));
      case 'datetime':
        return storedInstant(text);
      default:
        return text;
    }
  }

  ordered(column: string, kind: OrderKind): string {
    if (kind === 'decimal') return `CAST(${column} AS NUMERIC)`;
    if (kind === 'text') return `${column} COLLATE "C"`;
    return column;
  }

  orderedValue(_kind: OrderKind, value: unknown): SqlValue {
    return typeof value === 'boolean' ? String(value) : (value as SqlValue);
  }

  contains(column: string): string {
    return `strpos(lower(${column}), lower(?)) > 0`;
  }

  jsonListHas(column: string): string {
    return `${column} @> jsonb_build_array(CAST(? AS JSONB))`;
  }

  jsonElement(value: unknown): SqlValue {
    return JSON.stringify(value);
  }

  private connect(): void {
    try {
      this.pq.connectSync(this.url);
    } catch (error) {
      finish(this.pq);
      throw new Error(`PostgreSQL: cannot connect: ${(error as Error).message.trim()}`);
    }
    // UTC and ISO dates, so date-times read back as RFC 3339; UTF-8 as every record is; notices
    // and warnings never sent (libpq would write them to standard error, the service's log).
    this.execute("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'; SET client_encoding = 'UTF8'; SET client_min_messages = 'error'");
  }

  private statement(sql: string, values: readonly SqlValue[]): void {
    let text = this.numberedSql.get(sql);
    if (text === undefined) {
      text = numbered(sql);
      if (this.numberedSql.size < CACHED_STATEMENTS) this.numberedSql.set(sql, text);
    }
    const parameters = values.map((v) => (typeof v === 'number' ? String(v) : v)) as string[];
    this.reconnecting(() => {
      this.pq.execParams(text, parameters);
    });
    this.check(sql);
  }

  // Runs `send`, and once more on a new connection when the connection was lost (a server
  // restart, a cut) outside a transaction: nothing has happened yet, so that is safe. Inside a
  // transaction the failure stands: the transaction is gone.
  private reconnecting(send: () => void): void {
    send();
    if (this.inTransaction || !this.failed() || !this.lost()) return;
    finish(this.pq);
    this.pq = new this.Client();
    this.connect();
    send();
  }

  private failed(): boolean {
    const status = this.pq.resultStatus();
    return status !== 'PGRES_COMMAND_OK' && status !== 'PGRES_TUPLES_OK' && status !== 'PGRES_EMPTY_QUERY';
  }

  // The last failure's fields; none when the server sent none (the connection failed).
  private errorFields(): { readonly sqlState?: string | undefined; readonly constraintName?: string | undefined } | null {
    return this.pq.resultErrorFields();
  }

  // Whether the connection is gone: the last failure has no SQLSTATE, which every error the
  // server reports carries.
  private lost(): boolean {
    return !this.errorFields()?.sqlState;
  }

  private check(sql: string): void {
    if (!this.failed()) return;
    const fields = this.errorFields();
    const message = (this.pq.resultErrorMessage() || this.pq.errorMessage()).trim();
    if (fields?.sqlState === UNIQUE_VIOLATION || fields?.sqlState === FOREIGN_KEY_VIOLATION) {
      throw new Constraint(message, fields.sqlState === UNIQUE_VIOLATION, fields.constraintName);
    }
    throw new Error(`PostgreSQL: ${sql.slice(0, 200)}: ${message}`);
  }
}
