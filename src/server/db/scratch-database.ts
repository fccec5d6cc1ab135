import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseOptions, type Db } from './database.ts';
import { migrateToLatest } from './migrate.ts';

/** A fresh, migrated, throw-away database, for tests and benchmarks. */
export interface ScratchDatabase {
  db: Db;
  /** Opens the same database again, e.g. from a child process. */
  options: DatabaseOptions;
  /** Closes the handle and removes the database. */
  drop(): Promise<void>;
}

/**
 * A temporary SQLite file, or a new schema in the PostgreSQL at `postgresUrl`. Nothing is left
 * behind when migrating fails.
 */
export async function createScratchDatabase(
  prefix: string,
  postgresUrl?: string,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  let options: DatabaseOptions;
  let remove: () => Promise<void>;
  if (postgresUrl) {
    await adminQuery(postgresUrl, `create schema ${name}`);
    options = { databaseUrl: postgresUrl, sqlitePath: '', pgSchema: name };
    remove = () => adminQuery(postgresUrl, `drop schema ${name} cascade`);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opsloop-${prefix}-`));
    options = { sqlitePath: path.join(dir, `${name}.db`) };
    remove = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
  }
  const db = openDatabase(options);
  const drop = async () => {
    await db.close();
    await remove();
  };
  try {
    await migrateToLatest(db);
  } catch (error) {
    await drop();
    throw error;
  }
  return { db, options, drop };
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
