// A Store in SQLite through better-sqlite3. Each entity is a table holding the record as JSON
// (with internal keys, wire.ts) beside its id; `@unique` fields get unique expression indexes and
// filterable fields ordinary ones, so the database itself enforces uniqueness. List queries
// (query.ts) run in SQL, with the orders and the search that need JavaScript as SQL functions.
// Published events go to the `bpc_outbox` table in the same database, as wire JSON.
import Database from 'better-sqlite3';

import type { DomainEvent, Outbox } from './events.js';
import { type Condition, type ListQuery, type OrderKind, containsText, kindOf, orderKey } from './query.js';
import { type EntityDescriptor, type Id, type Page, type Repository, type Row, type Store, UniqueViolation } from './store.js';
import { own, toWire } from './wire.js';

const quoteName = (name: string): string => `"${name.replaceAll('"', '""')}"`;
// The JSON path of a top-level field, as an SQL string literal: '$."name"'.
const pathOf = (field: string): string => `'$.${JSON.stringify(field).replaceAll("'", "''")}'`;
const extract = (field: string): string => `json_extract(data, ${pathOf(field)})`;
// SQLite has no booleans: json_extract gives 1 and 0.
const sqlValue = (value: unknown): unknown => (typeof value === 'boolean' ? Number(value) : value);
// Kinds whose stored JSON values SQLite already orders as query.ts does (numbers by value, text
// and dates by code point, booleans as 0 and 1); the others go through bpc_order_key.
const nativeOrder = (kind: OrderKind): boolean => kind === 'number' || kind === 'text' || kind === 'date' || kind === 'boolean';
const SQL_BOUND = { gte: '>=', gt: '>', lte: '<=', lt: '<' } as const;

class SqliteRepository implements Repository {
  private readonly table: string;

  constructor(private readonly db: Database.Database, private readonly entity: EntityDescriptor) {
    this.table = quoteName(entity.table);
    const idType = entity.idKind === 'number' ? 'INTEGER' : 'TEXT';
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id ${idType} PRIMARY KEY NOT NULL, data TEXT NOT NULL) STRICT`);
    entity.unique.forEach((fields, i) => {
      db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${quoteName(this.uniqueIndex(i))} ON ${this.table} (${fields.map(extract).join(', ')})`);
    });
    entity.indexes.forEach((fields, i) => {
      db.exec(`CREATE INDEX IF NOT EXISTS ${quoteName(`${entity.table}__index_${String(i)}`)} ON ${this.table} (${fields.map(extract).join(', ')})`);
    });
    // Every query of a scoped entity names its scope fields: index them too.
    for (const field of [...Object.keys(entity.filters), ...entity.scope.map((scope) => scope.field)]) {
      if (entity.unique.some((fields) => fields[0] === field)) continue;
      db.exec(`CREATE INDEX IF NOT EXISTS ${this.indexName(field, 'index')} ON ${this.table} (${extract(field)})`);
    }
  }

  get(id: Id): Row | undefined {
    const row = this.db.prepare(`SELECT data FROM ${this.table} WHERE id = ?`).get(id) as { data: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.data) as Row);
  }

  list(query: ListQuery): Page<Row> {
    const clauses: string[] = [];
    const values: unknown[] = [];
    for (const condition of query.where) this.condition(condition, clauses, values);
    if (query.search !== undefined) {
      const { fields, text } = query.search;
      clauses.push(`(${fields.map((f) => `bpc_contains(${extract(f)}, ?)`).join(' OR ')})`);
      values.push(...fields.map(() => text));
    }
    const where = clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`;
    const orderBy: string[] = [];
    const orderValues: unknown[] = [];
    for (const key of query.order) {
      const [sorted, parameters] = this.orderExpression(key.field);
      // Records without a value come last, in either direction.
      orderBy.push(`(${sorted}) IS NULL`, `${sorted} ${key.descending ? 'DESC' : 'ASC'}`);
      orderValues.push(...parameters, ...parameters);
    }
    orderBy.push('id');
    const rows = this.db
      .prepare(`SELECT data FROM ${this.table}${where} ORDER BY ${orderBy.join(', ')} LIMIT ? OFFSET ?`)
      .all(...values, ...orderValues, query.limit, query.offset) as { data: string }[];
    const count = this.db.prepare(`SELECT COUNT(*) AS n FROM ${this.table}${where}`).get(...values) as { n: number };
    return { items: rows.map((r) => JSON.parse(r.data) as Row), total: count.n };
  }

  // The SQL a field's values sort by, and its parameters.
  private orderExpression(field: string): [string, unknown[]] {
    const kind = kindOf(this.entity.order, field) ?? 'text';
    if (nativeOrder(kind)) return [extract(field), []];
    return [`bpc_order_key(?, ${extract(field)})`, [JSON.stringify(kind)]];
  }

  private condition(condition: Condition, clauses: string[], values: unknown[]): void {
    const field = extract(condition.field);
    if (condition.op === 'in') {
      clauses.push(`${field} IN (${condition.values.map(() => '?').join(', ')})`);
      values.push(...condition.values.map(sqlValue));
      return;
    }
    if (condition.op === 'absent') {
      clauses.push(`${field} IS NULL`);
      return;
    }
    if (condition.op === 'has') {
      clauses.push(`EXISTS (SELECT 1 FROM json_each(data, ${pathOf(condition.field)}) WHERE value = ?)`);
      values.push(sqlValue(condition.value));
      return;
    }
    const kind = kindOf(this.entity.order, condition.field);
    const operator = condition.op === 'eq' ? '=' : SQL_BOUND[condition.op];
    if (kind === undefined || nativeOrder(kind)) {
      clauses.push(`${field} ${operator} ?`);
      values.push(kind === 'number' && typeof condition.value === 'string' ? Number(condition.value) : sqlValue(condition.value));
      return;
    }
    clauses.push(`bpc_order_key(?, ${field}) ${operator} ?`);
    values.push(JSON.stringify(kind), orderKey(kind, condition.value));
  }

  insert(record: Row): void {
    this.write(`INSERT INTO ${this.table} (id, data) VALUES (?, ?)`, [this.idOf(record), JSON.stringify(record)]);
  }

  replace(record: Row): void {
    this.write(`UPDATE ${this.table} SET data = ? WHERE id = ?`, [JSON.stringify(record), this.idOf(record)]);
  }

  delete(id: Id): boolean {
    return this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?`).run(id).changes > 0;
  }

  referencing(field: string, many: boolean, id: Id): Row[] {
    const condition = many
      ? `EXISTS (SELECT 1 FROM json_each(data, ${pathOf(field)}) WHERE value = ?)`
      : `${extract(field)} = ?`;
    const rows = this.db.prepare(`SELECT data FROM ${this.table} WHERE ${condition} ORDER BY id`).all(id) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as Row);
  }

  nextId(): number {
    const row = this.db.prepare(`SELECT COALESCE(MAX(id), 0) + 1 AS next FROM ${this.table}`).get() as { next: number };
    return row.next;
  }

  private idOf(record: Row): Id {
    return own(record, this.entity.idField) as Id;
  }

  private uniqueIndex(i: number): string {
    return `${this.entity.table}__unique_${String(i)}`;
  }

  private indexName(field: string, kind: string): string {
    return quoteName(`${this.entity.table}__${field}__${kind}`);
  }

  private write(sql: string, values: unknown[]): void {
    try {
      this.db.prepare(sql).run(...values);
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        // SQLite names the index: "UNIQUE constraint failed: index 'name'".
        const key = this.entity.unique.find((_, i) => error.message.includes(`'${this.uniqueIndex(i)}'`));
        throw new UniqueViolation(this.entity.name, key ?? [this.entity.idField]);
      }
      throw error;
    }
  }
}

class SqliteOutbox implements Outbox {
  constructor(private readonly db: Database.Database) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS bpc_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, ' +
        'name TEXT NOT NULL, occurred_at TEXT NOT NULL, payload TEXT NOT NULL, correlation_id TEXT) STRICT',
    );
    // An outbox made before events carried a correlation id gets the column.
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('bpc_outbox') as { name: string }[];
    if (!columns.some((c) => c.name === 'correlation_id')) db.exec('ALTER TABLE bpc_outbox ADD COLUMN correlation_id TEXT');
  }

  append(event: DomainEvent): void {
    this.db
      .prepare('INSERT INTO bpc_outbox (id, name, occurred_at, payload, correlation_id) VALUES (?, ?, ?, ?, ?)')
      .run(event.id, event.name, event.occurredAt, JSON.stringify(toWire(event.payload)), event.correlationId ?? null);
  }

  // The events recorded so far, oldest first.
  all(): DomainEvent[] {
    const rows = this.db.prepare('SELECT id, name, occurred_at, payload, correlation_id FROM bpc_outbox ORDER BY seq').all() as {
      id: string;
      name: string;
      occurred_at: string;
      payload: string;
      correlation_id: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      occurredAt: r.occurred_at,
      ...(r.correlation_id === null ? {} : { correlationId: r.correlation_id }),
      payload: JSON.parse(r.payload) as unknown,
    }));
  }
}

export class SqliteStore implements Store {
  readonly outbox: SqliteOutbox;
  private readonly db: Database.Database;
  private readonly repositories = new Map<string, SqliteRepository>();

  // `filename` is a path, or ':memory:' for a private in-memory database.
  constructor(filename: string) {
    this.db = new Database(filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    // The orders and the search of query.ts, for list queries.
    const kinds = new Map<string, OrderKind>();
    this.db.function('bpc_order_key', { deterministic: true }, (kind: unknown, value: unknown) => {
      const text = String(kind);
      let parsed = kinds.get(text);
      if (parsed === undefined) {
        parsed = JSON.parse(text) as OrderKind;
        kinds.set(text, parsed);
      }
      return orderKey(parsed, value);
    });
    this.db.function('bpc_contains', { deterministic: true }, (value: unknown, text: unknown) =>
      containsText(value, String(text)) ? 1 : 0,
    );
    this.outbox = new SqliteOutbox(this.db);
  }

  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T> {
    let repository = this.repositories.get(entity.name);
    if (repository === undefined) {
      repository = new SqliteRepository(this.db, entity);
      this.repositories.set(entity.name, repository);
    }
    return repository as unknown as Repository<T>;
  }

  // A repository creates its table when first asked for; inside a transaction that rolls back,
  // that creation is undone too, so the repositories made in it are forgotten with it.
  transaction<R>(work: () => R): R {
    const before = new Set(this.repositories.keys());
    try {
      return this.db.transaction(work)();
    } catch (error) {
      for (const name of [...this.repositories.keys()]) {
        if (!before.has(name)) this.repositories.delete(name);
      }
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}
