import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Metric history is stored, not just fetched: each collection adds a snapshot, so trends,
  // lifecycle curves and best times can be computed later from what was seen.
  await db.schema
    .createTable('metric_snapshot')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'bigint', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('impressions', 'bigint')
    .addColumn('reach', 'bigint')
    .addColumn('likes', 'bigint', (c) => c.notNull())
    .addColumn('comments', 'bigint', (c) => c.notNull())
    .addColumn('shares', 'bigint', (c) => c.notNull())
    .addColumn('saves', 'bigint')
    .addColumn('clicks', 'bigint')
    .addPrimaryKeyConstraint('metric_snapshot_pk', ['workspace_id', 'target_id', 'observed_at'])
    .execute();
  await db.schema
    .createIndex('metric_snapshot_channel_idx')
    .on('metric_snapshot')
    .columns(['workspace_id', 'channel_id', 'observed_at'])
    .execute();
  await db.schema
    .createIndex('post_target_published_idx')
    .on('post_target')
    .columns(['workspace_id', 'channel_id', 'published_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_target_published_idx').ifExists().execute();
  await db.schema.dropTable('metric_snapshot').ifExists().execute();
}
