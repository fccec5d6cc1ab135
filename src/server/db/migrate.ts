import {
  Migrator,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely/migration';
import { sql } from 'kysely';
import type { Db } from './database.ts';
import * as foundation from './migrations/0001-foundation.ts';
import * as publishing from './migrations/0002-publishing.ts';
import * as sandbox from './migrations/0003-sandbox.ts';
import * as metrics from './migrations/0004-metrics.ts';
import * as content from './migrations/0005-content.ts';

// Listed in code rather than read from disk, so migrations travel with the source wherever it runs.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-publishing': publishing,
  '0003-sandbox': sandbox,
  '0004-metrics': metrics,
  '0005-content': content,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema to the latest version; safe to call from several processes at once. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one is ours; on a
  // PostgreSQL shared by several schemas (tests, several installations) that finds the wrong one.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely))
          .rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
