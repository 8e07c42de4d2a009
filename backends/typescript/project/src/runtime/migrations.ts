// Brings a database's schema up to date when the store opens, with the rules of the blueprint's
// Python and C++ services (docs/migrations.md in bpc). A new database gets every table and records
// the project's migration scripts as applied (the tables already are what they lead to). An
// existing one runs the scripts of `<folder>/<dialect>/` (`v1.2.0.sql`, written by
// `bpc migrate`) it has not run, in version order, each in its own transaction with its row in
// `bpc_migrations` (name, SHA-256); then the tables it lacks are made. A script that fails, or
// that changed after it was applied, stops the service with MigrationError.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { type SqlConnection, sqlLiteral } from './sql-connection.js';

// One table of the relational schema: the statements that make it (the table, then its indexes),
// and the foreign keys added once every table is there (PostgreSQL: a table may refer to one
// declared after it; SQLite declares them in the table).
export interface TableSchema {
  readonly name: string;
  readonly statements: readonly string[];
  readonly foreignKeys: readonly string[];
}

export class MigrationError extends Error {}

interface Script {
  readonly version: readonly number[];
  readonly name: string;
  readonly path: string;
}

// The scripts of the dialect's folder in version order.
function scriptsIn(folder: string | undefined, dialect: string): Script[] {
  if (folder === undefined || folder === '') return [];
  const directory = join(folder, dialect);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) return [];
  const scripts: Script[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (!name.endsWith('.sql') || !statSync(path).isFile()) continue;
    const match = /^v(\d+)\.(\d+)\.(\d+)(?:[-.].*)?\.sql$/.exec(name);
    if (match === null) throw new MigrationError(`migration ${name} is not named v<major>.<minor>.<patch>.sql`);
    scripts.push({ version: match.slice(1, 4).map(Number), name, path });
  }
  const compare = (a: Script, b: Script): number => {
    for (let i = 0; i < 3; i++) if (a.version[i] !== b.version[i]) return (a.version[i] ?? 0) - (b.version[i] ?? 0);
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
  return scripts.sort(compare);
}

const sha256 = (text: Buffer): string => createHash('sha256').update(text).digest('hex');

const record = (name: string, digest: string): string =>
  `INSERT INTO "bpc_migrations" ("name", "sha256", "applied_at") VALUES (${sqlLiteral(name)}, ${sqlLiteral(digest)}, ${sqlLiteral(new Date().toISOString())});\n`;

// The script with its own record added inside its transaction (before its last COMMIT).
function recorded(script: string, name: string, digest: string): string {
  const at = script.lastIndexOf('COMMIT;');
  if (at < 0) throw new MigrationError(`migration ${name} has no COMMIT: it was not written by bpc migrate`);
  return script.slice(0, at) + record(name, digest) + script.slice(at);
}

// Makes the tables the database does not have (every one when `all`), then their foreign keys,
// and the outbox.
function makeTables(sql: SqlConnection, tables: readonly TableSchema[], all: boolean): void {
  const made = tables.filter((table) => all || !sql.hasTable(table.name));
  for (const table of made) for (const statement of table.statements) sql.execute(statement);
  for (const table of made) for (const statement of table.foreignKeys) sql.execute(statement);
  for (const statement of sql.outboxTable) sql.execute(statement);
}

function inTransaction<R>(sql: SqlConnection, work: () => R): R {
  sql.begin();
  try {
    const result = work();
    sql.commit();
    return result;
  } catch (error) {
    sql.rollback();
    throw error;
  }
}

export function updateSchema(sql: SqlConnection, tables: readonly TableSchema[], folder: string | undefined): void {
  const scripts = scriptsIn(folder, sql.dialect);
  const applied = new Map<string, string>(); // name -> SHA-256
  const fresh = inTransaction(sql, () => {
    sql.execute('CREATE TABLE IF NOT EXISTS "bpc_migrations" ("name" TEXT PRIMARY KEY, "sha256" TEXT NOT NULL, "applied_at" TEXT NOT NULL)');
    for (const [name, digest] of sql.query('SELECT "name", "sha256" FROM "bpc_migrations"', [])) applied.set(String(name), String(digest));
    if (tables.some((table) => sql.hasTable(table.name))) return false;
    makeTables(sql, tables, true);
    for (const script of scripts) {
      if (!applied.has(script.name)) sql.execute(record(script.name, sha256(readFileSync(script.path))));
    }
    return true;
  });
  if (fresh) return;
  for (const script of scripts) {
    const bytes = readFileSync(script.path);
    const digest = sha256(bytes);
    const before = applied.get(script.name);
    if (before !== undefined) {
      if (before !== digest) throw new MigrationError(`migration ${script.name} changed after it was applied to this database`);
      continue;
    }
    const text = recorded(bytes.toString('utf8'), script.name, digest);
    try {
      sql.execute(text);
    } catch (error) {
      sql.rollback();
      if (sql.dialect === 'sqlite') sql.execute('PRAGMA foreign_keys = ON'); // the script switched them off
      throw new MigrationError(`migration ${script.name} failed, and nothing of it was applied: ${(error as Error).message}`);
    }
  }
  inTransaction(sql, () => {
    makeTables(sql, tables, false);
  });
}
