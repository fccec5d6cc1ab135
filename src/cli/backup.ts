import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../server/config.ts';
import { pidFilePath } from '../server/main.ts';

function requireSqlite(config: Config, verb: string): void {
  if (config.databaseUrl) {
    throw new Error(
      `${verb} handles the embedded SQLite database; for PostgreSQL use pg_dump / pg_restore`,
    );
  }
}

/**
 * Copies the database with SQLite's online backup API, which yields a consistent snapshot even
 * while the server keeps writing.
 */
export async function backupDatabase(config: Config, file: string): Promise<void> {
  requireSqlite(config, 'backup');
  if (!fs.existsSync(config.sqlitePath)) throw new Error(`No database at ${config.sqlitePath}`);
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new Error(`${target} exists; choose a new file name`);
  const source = new SQLite(config.sqlitePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    await source.backup(target);
  } finally {
    source.close();
  }
  console.log(`Backed up ${config.sqlitePath} to ${target}`);
}

function runningServerPid(config: Config): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFilePath(config), 'utf8'));
  } catch {
    return null;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // a stale file from a server that crashed
  }
}

/** Replaces the database with a backup after checking it; refuses while a server holds it. */
export async function restoreDatabase(config: Config, file: string): Promise<void> {
  requireSqlite(config, 'restore');
  const pid = runningServerPid(config);
  if (pid !== null) {
    throw new Error(`OpsLoop (pid ${pid}) is running on ${config.sqlitePath}; stop it first`);
  }
  const source = path.resolve(file);
  const check = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const integrity = check.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new Error(`${source} fails SQLite's integrity check: ${String(integrity)}`);
    const hasSchema = check
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!hasSchema) throw new Error(`${source} is not an OpsLoop database`);
  } finally {
    check.close();
  }
  fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  const staging = `${config.sqlitePath}.restoring`;
  fs.copyFileSync(source, staging);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(config.sqlitePath + suffix, { force: true });
  fs.renameSync(staging, config.sqlitePath);
  console.log(`Restored ${source} to ${config.sqlitePath}`);
  await Promise.resolve();
}
