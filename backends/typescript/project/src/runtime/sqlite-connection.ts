// SqlConnection on SQLite through better-sqlite3: statements prepared once and kept, foreign keys
// on, a file database in WAL mode, and what the store's SQL uses registered on open
// (`bpc_order_key`, the order of query.ts for decimals; `bpc_contains`, its search).
import Database from 'better-sqlite3';

import { utcDatetime } from './datetime.js';
import { type OrderKind, containsText, orderKey } from './query.js';
import { CACHED_STATEMENTS, type ColumnKind, Constraint, type SqlConnection, type SqlRows, type SqlValue, outboxTable, storedInstant, toColumn } from './sql-connection.js';
import { fromWire } from './wire.js';

export class SqliteConnection implements SqlConnection {
  readonly dialect = 'sqlite';
  readonly outboxTable = outboxTable('JSON');
  readonly outboxOrder = 'rowid';
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  // `filename` is a path, or ':memory:' for a private in-memory database.
  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('foreign_keys = ON');
    if (filename !== ':memory:' && filename !== '') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    this.db.pragma('busy_timeout = 5000');
    this.db.function('bpc_order_key', { deterministic: true }, (value: unknown) => orderKey('decimal', value));
    this.db.function('bpc_contains', { deterministic: true }, (value: unknown, text: unknown) =>
      containsText(value, String(text)) ? 1 : 0,
    );
  }

  execute(sql: string): void {
    this.guarded(() => this.db.exec(sql));
  }

  query(sql: string, values: readonly SqlValue[]): SqlRows {
    return this.guarded(() => this.statement(sql).raw(true).all(...values) as SqlValue[][]);
  }

  run(sql: string, values: readonly SqlValue[]): number {
    return this.guarded(() => this.statement(sql).run(...values).changes);
  }

  begin(): void {
    this.execute('BEGIN IMMEDIATE');
  }

  commit(): void {
    this.execute('COMMIT');
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  hasTable(name: string): boolean {
    return this.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).length > 0;
  }

  close(): void {
    this.db.close();
  }

  // Date-times as SQLAlchemy keeps them in SQLite (`2024-01-31 10:00:00.500000`, UTC): what the
  // Python service of the blueprint reads, and text that orders as the instants do.
  columnValue(kind: ColumnKind, value: unknown): SqlValue {
    const instant = kind === 'datetime' && typeof value === 'string' ? utcDatetime(value) : undefined;
    if (instant === undefined || !instant.endsWith('Z')) return toColumn(kind, value); // no UTC spelling: kept as given
    const [seconds = '', fraction = ''] = instant.slice(0, -1).split('.');
    return `${seconds.replace('T', ' ')}.${fraction.padEnd(6, '0')}`;
  }

  recordValue(kind: ColumnKind, value: SqlValue): unknown {
    if (value === null) return null;
    if (kind === 'boolean') return value === 1;
    if (kind === 'json') return fromWire(JSON.parse(String(value)));
    if (kind === 'datetime') return storedInstant(String(value));
    return value;
  }

  ordered(column: string, kind: OrderKind): string {
    return kind === 'decimal' ? `bpc_order_key(${column})` : column;
  }

  orderedValue(kind: OrderKind, value: unknown): SqlValue {
    if (kind === 'decimal') return orderKey('decimal', value);
    return typeof value === 'boolean' ? Number(value) : (value as SqlValue);
  }

  contains(column: string): string {
    return `bpc_contains(${column}, ?)`;
  }

  jsonListHas(column: string): string {
    return `EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ?)`;
  }

  // A JSON scalar as SQLite compares it with values inside JSON text (`json_each`).
  jsonElement(value: unknown): SqlValue {
    if (typeof value === 'boolean') return value ? 1 : 0;
    return typeof value === 'number' || typeof value === 'string' ? value : value === null || value === undefined ? null : JSON.stringify(value);
  }

  // The statement of `sql`, prepared on first use and kept.
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.statements.size < CACHED_STATEMENTS) this.statements.set(sql, statement);
    }
    return statement;
  }

  private guarded<R>(work: () => R): R {
    try {
      return work();
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) {
        const unique = error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
        throw new Constraint(error.message, unique, undefined);
      }
      throw error;
    }
  }
}
