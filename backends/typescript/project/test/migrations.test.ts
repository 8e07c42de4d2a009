// The migration runner (runtime/migrations.ts) on SQLite and, when BPC_TEST_POSTGRESQL is set, on
// a PostgreSQL schema of its own. Each test opens the store on one database again and again with a
// folder of scripts, and what the scripts do tells whether they ran: a script that fails when run
// proves it was not, a table a second script fills proves the first ran before it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { entities } from '../src/model.js';
import { sqlSchema } from '../src/schema.js';
import { type TestDatabase, storeKinds, testDatabase } from './stores.js';

for (const kind of storeKinds) {
  if (kind === 'memory') continue; // no schema to migrate
  void describe(`migrations (${kind} store)`, () => {
    let folder = '';
    let database: TestDatabase;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'bpc-migrations-'));
      mkdirSync(join(folder, kind));
      database = testDatabase(kind, folder);
    });
    afterEach(() => {
      database.drop();
      rmSync(folder, { recursive: true, force: true });
    });

    const script = (name: string, statements: string): void => {
      writeFileSync(join(folder, kind, name), `-- written by the test\nBEGIN;\n${statements}COMMIT;\n`);
    };
    // Opens the store with the folder's scripts and reads every entity's table.
    const open = (): void => {
      const store = database.open(sqlSchema, folder);
      try {
        store.transaction(() => {
          for (const entity of entities.values()) store.repository(entity).list({ where: [], search: undefined, order: [], limit: 1, offset: 0 });
        });
      } finally {
        store.close();
      }
    };
    // The message open() stops with; '' when it does not.
    const refusal = (): string => {
      try {
        open();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };

    void test('a new database gets the tables and records every script as applied', () => {
      script('v1.0.0.sql', 'INSERT INTO no_such_table VALUES (1);\n'); // fails if it runs
      assert.equal(refusal(), '');
      assert.equal(refusal(), '', 'opened again, the recorded script does not run');
    });

    void test('an existing database runs the scripts it has not run, in version order, once', () => {
      open();
      script('v1.10.0.sql', 'INSERT INTO migrated VALUES (1);\n');
      script('v1.2.0.sql', 'CREATE TABLE migrated (x INTEGER);\n'); // before v1.10.0, which text order would run first
      assert.equal(refusal(), '');
      assert.equal(refusal(), '', 'run again, CREATE TABLE would fail');
    });

    void test('a script changed after it was applied stops the store', () => {
      open();
      script('v1.1.0.sql', 'CREATE TABLE migrated (x INTEGER);\n');
      open();
      script('v1.1.0.sql', 'CREATE TABLE migrated (x INTEGER, y INTEGER);\n');
      assert.match(refusal(), /migration v1\.1\.0\.sql changed after it was applied/);
    });

    void test('a script that fails leaves nothing behind and is not recorded', () => {
      open();
      script('v2.0.0.sql', 'CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');
      assert.match(refusal(), /migration v2\.0\.0\.sql failed, and nothing of it was applied/);
      script('v2.0.0.sql', 'CREATE TABLE half_done (x INTEGER);\n');
      assert.equal(refusal(), '', 'half_done was left behind, or the failed script was recorded');
    });

    void test('a script not named by its version stops the store', () => {
      script('add_notes.sql', 'CREATE TABLE notes (x INTEGER);\n');
      assert.match(refusal(), /add_notes\.sql is not named v<major>\.<minor>\.<patch>\.sql/);
    });
  });
}
