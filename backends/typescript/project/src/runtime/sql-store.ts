// A Store in SQLite or PostgreSQL (sql-connection.ts), in the tables of bpc's relational schema —
// the very tables, columns, types, keys and constraint names the blueprint's Python and C++
// services make (`schema.ts` holds the statements that make them in each dialect): a column per
// stored field, a list of references that may not be null in a link table (owner, position,
// target). List queries (query.ts) run in SQL with the memory store's semantics. Published
// events go to the `bpc_outbox` table in the write's transaction. On opening, the schema is
// brought up to date by the project's migrations (migrations.ts).
import type { DomainEvent, Outbox } from './events.js';
import { MemoryStore } from './memory-store.js';
import { type TableSchema, updateSchema } from './migrations.js';
import { PostgresqlConnection } from './postgresql-connection.js';
import { type Condition, type ListQuery, type OrderKind, kindOf } from './query.js';
import { type ColumnKind, Constraint, type SqlConnection, type SqlValue, sqlName } from './sql-connection.js';
import { SqliteConnection } from './sqlite-connection.js';
import { type EntityDescriptor, type Id, type Page, type Repository, type Row, type Store, type StoredField, UniqueViolation } from './store.js';
import { toWire } from './wire.js';

// The tables of the relational schema in each dialect: what `schema.ts` exports.
export interface SqlSchema {
  readonly sqlite: readonly TableSchema[];
  readonly postgresql: readonly TableSchema[];
}

const BOUNDS = { gte: ' >= ', gt: ' > ', lte: ' <= ', lt: ' < ', eq: ' = ' } as const;

// SQL with its parameters, in the order their `?` appear.
class Sql {
  text = '';
  readonly values: SqlValue[] = [];

  add(text: string, ...values: SqlValue[]): this {
    this.text += text;
    this.values.push(...values);
    return this;
  }
}

// The fields of SQLite's "UNIQUE constraint failed: table.a, table.b".
function clashingColumns(message: string): string[] {
  const at = message.indexOf(': ');
  if (at < 0) return [];
  return message
    .slice(at + 2)
    .split(', ')
    .map((qualified) => qualified.slice(qualified.indexOf('.') + 1));
}

class SqlRepository implements Repository {
  private readonly table: string;
  private readonly columns: readonly StoredField[];
  private readonly links: readonly StoredField[];
  private readonly byKey = new Map<string, StoredField>();
  private readonly id: StoredField;
  private readonly idColumn: number; // the id's place among the selected columns
  private readonly selected: string;

  constructor(
    private readonly sql: SqlConnection,
    private readonly entity: EntityDescriptor,
  ) {
    this.table = sqlName(entity.table);
    this.columns = entity.stored.filter((field) => !field.link);
    this.links = entity.stored.filter((field) => field.link);
    for (const field of entity.stored) this.byKey.set(field.key, field);
    const id = this.byKey.get(entity.idField);
    if (id === undefined) throw new Error(`${entity.name} has no id column`);
    this.id = id;
    this.idColumn = this.columns.indexOf(id);
    this.selected = this.columns.map((c) => `${this.table}.${sqlName(c.column)}`).join(', ');
  }

  get(id: Id): Row | undefined {
    return this.select(`WHERE ${sqlName(this.id.column)} = ?`, [this.idValue(id)])[0];
  }

  list(query: ListQuery): Page<Row> {
    const where = new Sql();
    for (const condition of query.where) this.condition(condition, where.add(where.text === '' ? 'WHERE ' : ' AND '));
    if (query.search !== undefined) {
      const { fields, text } = query.search;
      where.add(where.text === '' ? 'WHERE (' : ' AND (');
      fields.forEach((field, i) => where.add(`${i === 0 ? '' : ' OR '}${this.sql.contains(this.columnOf(field))}`, text));
      where.add(fields.length === 0 ? '1 = 0)' : ')');
    }
    const order = new Sql().add(where.text, ...where.values).add(' ORDER BY ');
    for (const key of query.order) {
      const kind = kindOf(this.entity.order, key.field);
      const field = this.byKey.get(key.field);
      if (kind === undefined || field === undefined || field.link) continue;
      // Records without a value come last, in either direction.
      order.add(`${this.columnOf(key.field)} IS NULL, `);
      this.ordered(key.field, kind, order);
      order.add(key.descending ? ' DESC, ' : ', ');
    }
    order.add(`${this.table}.${sqlName(this.id.column)} LIMIT ? OFFSET ?`, Math.max(query.limit, 0), Math.max(query.offset, 0));
    const count = this.sql.query(`SELECT count(*) FROM ${this.table} ${where.text}`, where.values);
    return { items: this.select(order.text, order.values), total: Number(count[0]?.[0] ?? 0) };
  }

  insert(record: Row): void {
    const placeholders = this.columns.map(() => '?').join(', ');
    const names = this.columns.map((c) => sqlName(c.column)).join(', ');
    this.write(`INSERT INTO ${this.table} (${names}) VALUES (${placeholders})`, this.columnValues(record));
    this.writeLinks(record);
  }

  replace(record: Row): void {
    const assignments = this.columns.map((c) => `${sqlName(c.column)} = ?`).join(', ');
    const values = [...this.columnValues(record), this.idValue(this.idOf(record))];
    if (this.write(`UPDATE ${this.table} SET ${assignments} WHERE ${sqlName(this.id.column)} = ?`, values) === 0) {
      this.insert(record);
      return;
    }
    this.writeLinks(record);
  }

  delete(id: Id): boolean {
    const key = this.idValue(id);
    for (const link of this.links) this.write(`DELETE FROM ${sqlName(link.column)} WHERE "owner" = ?`, [key]);
    return this.write(`DELETE FROM ${this.table} WHERE ${sqlName(this.id.column)} = ?`, [key]) > 0;
  }

  referencing(field: string, many: boolean, id: Id): Row[] {
    const where = new Sql().add('WHERE ');
    this.condition(many ? { field, op: 'has', value: id } : { field, op: 'eq', value: id }, where);
    return this.select(`${where.text} ORDER BY ${this.table}.${sqlName(this.id.column)}`, where.values);
  }

  nextId(): number {
    const rows = this.sql.query(`SELECT coalesce(max(${sqlName(this.id.column)}), 0) + 1 FROM ${this.table}`, []);
    return Number(rows[0]?.[0] ?? 1);
  }

  private idOf(record: Row): Id {
    return record[this.entity.idField] as Id;
  }

  private idValue(id: Id): SqlValue {
    return this.sql.columnValue(this.id.kind, id);
  }

  private columnOf(key: string): string {
    const field = this.byKey.get(key);
    if (field === undefined || field.link) throw new Error(`${this.entity.name} has no column for ${key}`);
    return `${this.table}.${sqlName(field.column)}`;
  }

  private columnValues(record: Row): SqlValue[] {
    return this.columns.map((c) => this.sql.columnValue(c.kind, Object.hasOwn(record, c.key) ? record[c.key] : null));
  }

  // Runs a write and gives the rows it changed; a clash of a unique key or the primary key is a
  // UniqueViolation naming the key's fields.
  private write(statement: string, values: readonly SqlValue[]): number {
    try {
      return this.sql.run(statement, values);
    } catch (error) {
      if (!(error instanceof Constraint) || !error.unique) throw error;
      const named = error.constraint === undefined || !Object.hasOwn(this.entity.constraints, error.constraint) ? undefined : this.entity.constraints[error.constraint];
      const fields = named ?? clashingColumns(error.message).map((column) => this.entity.stored.find((f) => f.column === column)?.key ?? column);
      throw new UniqueViolation(this.entity.name, fields.length === 0 ? [this.entity.idField] : fields);
    }
  }

  private writeLinks(record: Row): void {
    const owner = this.idValue(this.idOf(record));
    for (const link of this.links) {
      const table = sqlName(link.column);
      this.write(`DELETE FROM ${table} WHERE "owner" = ?`, [owner]);
      const items = Object.hasOwn(record, link.key) ? record[link.key] : undefined;
      if (!Array.isArray(items)) continue;
      items.forEach((target: unknown, position) => {
        this.write(`INSERT INTO ${table} ("owner", "position", "target") VALUES (?, ?, ?)`, [owner, position, this.sql.columnValue(link.kind, target)]);
      });
    }
  }

  // The records of the rows `rest` (WHERE, ORDER BY...) selects, fields in declaration order,
  // lists of references read from their tables.
  private select(rest: string, values: readonly SqlValue[]): Row[] {
    const rows = this.sql.query(`SELECT ${this.selected} FROM ${this.table} ${rest}`, values);
    return rows.map((row) => {
      const record: Row = {};
      const owner = row[this.idColumn] ?? null;
      let column = 0;
      for (const field of this.entity.stored) {
        if (field.link) {
          const targets = this.sql.query(`SELECT "target" FROM ${sqlName(field.column)} WHERE "owner" = ? ORDER BY "position"`, [owner]);
          record[field.key] = targets.map((target) => this.sql.recordValue(field.kind, target[0] ?? null));
        } else {
          record[field.key] = this.sql.recordValue(field.kind, row[column++] ?? null);
        }
      }
      return record;
    });
  }

  // A column's values as they order: decimals by value and text by code point (the dialect says
  // how), enum values by their position in the declaration.
  private ordered(key: string, kind: OrderKind, sql: Sql): void {
    const column = this.columnOf(key);
    if (typeof kind === 'string') {
      sql.add(this.sql.ordered(column, kind));
      return;
    }
    sql.add(`CASE ${column}`);
    kind.forEach((value, i) => sql.add(` WHEN ? THEN ${String(i)}`, value));
    sql.add(` ELSE ${String(kind.length)} END`);
  }

  private condition(condition: Condition, sql: Sql): void {
    const field = this.byKey.get(condition.field);
    if (field?.link === true) {
      // A list of references: only `has` applies.
      const value = condition.op === 'has' || condition.op === 'eq' ? condition.value : null;
      sql.add(`EXISTS (SELECT 1 FROM ${sqlName(field.column)} WHERE "owner" = ${this.table}.${sqlName(this.id.column)} AND "target" = ?)`, this.sql.columnValue(field.kind, value));
      return;
    }
    const column = this.columnOf(condition.field);
    const kind = field?.kind ?? 'text';
    switch (condition.op) {
      case 'absent':
        sql.add(`${column} IS NULL`);
        return;
      case 'has':
        sql.add(this.sql.jsonListHas(column), this.sql.jsonElement(condition.value));
        return;
      case 'in':
        sql.add(`${column} IN (${condition.values.map(() => '?').join(', ')})`, ...condition.values.map((v) => this.sql.columnValue(kind, this.typed(kind, v))));
        return;
      default:
        break;
    }
    const order = kindOf(this.entity.order, condition.field);
    const value = this.typed(kind, condition.value);
    if (order === undefined) {
      sql.add(`${column} = ?`, this.sql.columnValue(kind, value));
      return;
    }
    this.ordered(condition.field, order, sql);
    if (typeof order === 'string') {
      sql.add(`${BOUNDS[condition.op]}?`, this.sql.orderedValue(order, this.sql.columnValue(kind, value)));
    } else {
      sql.add(`${BOUNDS[condition.op]}?`, order.indexOf(String(value)));
    }
  }

  // A query-string value as the column's kind holds it: a number for a number column, a boolean
  // for a boolean one (columnValue then spells it, date-times included, for the dialect).
  private typed(kind: ColumnKind, value: unknown): unknown {
    if (typeof value !== 'string') return value;
    if (kind === 'integer' || kind === 'float') return Number(value);
    return kind === 'boolean' ? value === 'true' : value;
  }
}

class SqlOutbox implements Outbox {
  constructor(private readonly sql: SqlConnection) {}

  append(event: DomainEvent): void {
    this.sql.run('INSERT INTO "bpc_outbox" ("id", "name", "occurred_at", "payload", "correlation_id") VALUES (?, ?, ?, ?, ?)', [
      event.id,
      event.name,
      event.occurredAt,
      JSON.stringify(toWire(event.payload)),
      event.correlationId ?? null,
    ]);
  }

  // The events recorded so far, oldest first.
  all(): DomainEvent[] {
    const rows = this.sql.query(`SELECT "id", "name", "occurred_at", "payload", "correlation_id" FROM "bpc_outbox" ORDER BY ${this.sql.outboxOrder}`, []);
    return rows.map(([id, name, occurredAt, payload, correlationId]) => ({
      id: String(id),
      name: String(name),
      occurredAt: String(occurredAt),
      ...(correlationId === null ? {} : { correlationId: String(correlationId) }),
      payload: JSON.parse(String(payload)) as unknown,
    }));
  }
}

export class SqlStore implements Store {
  readonly outbox: SqlOutbox;
  private readonly repositories = new Map<string, SqlRepository>();
  private depth = 0;

  constructor(
    private readonly sql: SqlConnection,
    schema: SqlSchema,
    migrations: string | undefined,
  ) {
    try {
      updateSchema(sql, sql.dialect === 'sqlite' ? schema.sqlite : schema.postgresql, migrations);
    } catch (error) {
      sql.close(); // the store never opens: its connection goes
      throw error;
    }
    this.outbox = new SqlOutbox(sql);
  }

  repository<T extends object = Row>(entity: EntityDescriptor): Repository<T> {
    let repository = this.repositories.get(entity.name);
    if (repository === undefined) {
      repository = new SqlRepository(this.sql, entity);
      this.repositories.set(entity.name, repository);
    }
    return repository as unknown as Repository<T>;
  }

  transaction<R>(work: () => R): R {
    if (this.depth > 0) return work(); // nested: part of the outer transaction
    this.sql.begin();
    this.depth++;
    try {
      const result = work();
      this.depth--;
      this.sql.commit();
      return result;
    } catch (error) {
      this.depth = 0;
      this.sql.rollback();
      throw error;
    }
  }

  close(): void {
    this.sql.close();
  }
}

// The store a `database` setting names: none keeps records in memory, a `postgresql://` (or
// `postgres://`) URL is a PostgreSQL database, anything else an SQLite file (`:memory:` a private
// one). `migrations` is the folder of the project's migration scripts.
export function openStore(database: string | undefined, schema: SqlSchema, migrations: string | undefined): Store {
  if (database === undefined || database === '') return new MemoryStore();
  const postgresql = database.startsWith('postgresql://') || database.startsWith('postgres://');
  return new SqlStore(postgresql ? new PostgresqlConnection(database) : new SqliteConnection(database), schema, migrations);
}
