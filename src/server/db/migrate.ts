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
import * as media from './migrations/0006-media.ts';
import * as contentPosts from './migrations/0007-content-posts.ts';
import * as inbox from './migrations/0008-inbox.ts';
import * as moderation from './migrations/0009-moderation.ts';
import * as feedback from './migrations/0010-feedback.ts';
import * as analyticsIngest from './migrations/0011-analytics-ingest.ts';
import * as routing from './migrations/0012-routing.ts';

// Listed in code rather than read from disk, so migrations travel with the source wherever it runs.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-publishing': publishing,
  '0003-sandbox': sandbox,
  '0004-metrics': metrics,
  '0005-content': content,
  '0006-media': media,
  '0007-content-posts': contentPosts,
  '0008-inbox': inbox,
  '0009-moderation': moderation,
  '0010-feedback': feedback,
  '0011-analytics-ingest': analyticsIngest,
  '0012-routing': routing,
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
