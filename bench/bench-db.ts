import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseOptions, type Db } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** A fresh, migrated database a scenario owns until it calls `drop()`. */
export interface BenchDatabase {
  db: Db;
  /** Opens the same database from a child process. */
  options: DatabaseOptions;
  drop(): Promise<void>;
}

export interface BenchTarget {
  dialect: 'sqlite' | 'postgres';
  create(): Promise<BenchDatabase>;
}

/**
 * The databases every scenario runs on: a temporary SQLite file always, and a throw-away schema
 * in PostgreSQL when OPSLOOP_BENCH_DATABASE_URL (or OPSLOOP_TEST_DATABASE_URL) is set.
 */
export function benchTargets(): BenchTarget[] {
  const targets: BenchTarget[] = [{ dialect: 'sqlite', create: createSqlite }];
  const url = process.env.OPSLOOP_BENCH_DATABASE_URL ?? process.env.OPSLOOP_TEST_DATABASE_URL;
  if (url) targets.push({ dialect: 'postgres', create: () => createPostgres(url) });
  return targets;
}

async function createSqlite(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsloop-bench-'));
  const options: DatabaseOptions = { sqlitePath: path.join(dir, 'bench.db') };
  const db = openDatabase(options);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    db,
    options,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(url: string): Promise<BenchDatabase> {
  const schema = `bench_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(url, `create schema ${schema}`);
  const options: DatabaseOptions = { databaseUrl: url, sqlitePath: '', pgSchema: schema };
  const db = openDatabase(options);
  const drop = async () => {
    await db.close();
    await adminQuery(url, `drop schema ${schema} cascade`);
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
