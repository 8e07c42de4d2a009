// The stores the tests run against: memory and SQLite always, PostgreSQL too when
// BPC_TEST_POSTGRESQL is a database's URL (`postgresql://user@host/db`; bpc's own suite starts a
// throwaway server and sets it). Each PostgreSQL store works in a schema of its own, made when it
// opens and dropped when it closes, so tests never see each other's records.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { MemoryStore } from '../src/runtime/memory-store.js';
import { PostgresqlConnection } from '../src/runtime/postgresql-connection.js';
import { type ColumnKind, sqlName } from '../src/runtime/sql-connection.js';
import { type SqlSchema, SqlStore } from '../src/runtime/sql-store.js';
import { SqliteConnection } from '../src/runtime/sqlite-connection.js';
import type { EntityDescriptor, Store } from '../src/runtime/store.js';

export type StoreKind = 'memory' | 'sqlite' | 'postgresql';

const postgresqlUrl = process.env['BPC_TEST_POSTGRESQL'] ?? '';

export const storeKinds: readonly StoreKind[] = ['memory', 'sqlite', ...(postgresqlUrl === '' ? [] : (['postgresql'] as const))];

// A PostgreSQL store in a schema of its own (the connection's search path), dropped on close.
class SchemaStore extends SqlStore {
  constructor(
    private readonly connection: PostgresqlConnection,
    private readonly name: string,
    schema: SqlSchema,
  ) {
    super(connection, schema, undefined);
  }

  override close(): void {
    this.connection.execute(`DROP SCHEMA ${this.name} CASCADE`);
    super.close();
  }
}

// A database of its own that stores open again and again (the migration tests): an SQLite file, or
// a PostgreSQL schema; `drop` removes it.
export interface TestDatabase {
  open(schema: SqlSchema, migrations: string): Store;
  drop(): void;
}

export function testDatabase(kind: 'sqlite' | 'postgresql', folder: string): TestDatabase {
  if (kind === 'sqlite') {
    const file = join(folder, 'test.db');
    return { open: (schema, migrations) => new SqlStore(new SqliteConnection(file), schema, migrations), drop: () => undefined };
  }
  const name = sqlName(`test_${randomUUID().replaceAll('-', '')}`);
  const connect = (): PostgresqlConnection => {
    const connection = new PostgresqlConnection(postgresqlUrl);
    connection.execute(`CREATE SCHEMA IF NOT EXISTS ${name}; SET search_path TO ${name}`);
    return connection;
  };
  return {
    open: (schema, migrations) => new SqlStore(connect(), schema, migrations),
    drop: () => {
      const connection = connect();
      connection.execute(`DROP SCHEMA ${name} CASCADE`);
      connection.close();
    },
  };
}

// A new, empty store of this kind with the tables of `schema`.
export function openTestStore(kind: StoreKind, schema: SqlSchema): Store {
  if (kind === 'memory') return new MemoryStore();
  if (kind === 'sqlite') return new SqlStore(new SqliteConnection(':memory:'), schema, undefined);
  const connection = new PostgresqlConnection(postgresqlUrl);
  const name = sqlName(`test_${randomUUID().replaceAll('-', '')}`);
  connection.execute(`CREATE SCHEMA ${name}; SET search_path TO ${name}`);
  return new SchemaStore(connection, name, schema);
}

const SQLITE_TYPES: Readonly<Record<ColumnKind, string>> = {
  text: 'VARCHAR', integer: 'BIGINT', float: 'FLOAT', boolean: 'BOOLEAN', decimal: 'VARCHAR', date: 'DATE', datetime: 'DATETIME', json: 'JSON',
};
const POSTGRESQL_TYPES: Readonly<Record<ColumnKind, string>> = {
  ...SQLITE_TYPES, float: 'DOUBLE PRECISION', datetime: 'TIMESTAMP WITH TIME ZONE', json: 'JSONB',
};

// Tables for hand-made descriptors (the runtime's own tests): a column per stored field, the id
// as primary key, nothing else.
export function tablesFor(entities: readonly EntityDescriptor[]): SqlSchema {
  const tables = (types: Readonly<Record<ColumnKind, string>>): SqlSchema['sqlite'] =>
    entities.map((entity) => {
      const columns = entity.stored.map((field) => `${sqlName(field.column)} ${types[field.kind]}`);
      const statement = `CREATE TABLE ${sqlName(entity.table)} (${columns.join(', ')}, PRIMARY KEY (${sqlName(entity.idField)}))`;
      return { name: entity.table, statements: [statement], foreignKeys: [] };
    });
  return { sqlite: tables(SQLITE_TYPES), postgresql: tables(POSTGRESQL_TYPES) };
}
