import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Db, type DatabaseOptions } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** Which database the integration tests of this run use; set per Vitest project. */
export const testDialect: 'sqlite' | 'postgres' =
  process.env.OPSLOOP_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: Db;
  /** Options that open the same database from another process or a second handle. */
  options: DatabaseOptions;
  /** Closes the handle and removes the database. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or a new schema in the
 * PostgreSQL named by OPSLOOP_TEST_DATABASE_URL, so test files never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  if (testDialect === 'postgres') {
    const url = process.env.OPSLOOP_TEST_DATABASE_URL;
    if (!url) throw new Error('OPSLOOP_TEST_DATABASE_URL is required for the postgres project');
    await adminQuery(url, `create schema ${name}`);
    const options: DatabaseOptions = { databaseUrl: url, sqlitePath: '', pgSchema: name };
    const db = openDatabase(options);
    await migrateToLatest(db);
    return {
      db,
      options,
      drop: async () => {
        await db.close();
        await adminQuery(url, `drop schema ${name} cascade`);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-test-'));
  const options: DatabaseOptions = { sqlitePath: path.join(dir, `${name}.db`) };
  const db = openDatabase(options);
  await migrateToLatest(db);
  return {
    db,
    options,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
