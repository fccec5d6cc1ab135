import type { Kysely } from 'kysely';

/** The content library: topics, series, content items and per-workspace pool quotas. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('topic')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('color', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('topic_parent_idx')
    .on('topic')
    .columns(['workspace_id', 'parent_id'])
    .execute();

  await db.schema
    .createTable('series')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('series_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('content_item')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text')
    .addColumn('series_id', 'text')
    .addColumn('hot', 'integer', (c) => c.notNull())
    .addColumn('hot_deadline', 'bigint')
    .addColumn('used_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_item_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('content_item_pool_idx')
    .on('content_item')
    .columns(['workspace_id', 'pool', 'stage'])
    .execute();
  await db.schema
    .createIndex('content_item_used_idx')
    .on('content_item')
    .columns(['workspace_id', 'used_at'])
    .execute();
  await db.schema
    .createIndex('content_item_hot_idx')
    .on('content_item')
    .columns(['workspace_id', 'hot_deadline'])
    .execute();

  // One row per pool a workspace has changed; pools without a row use the defaults.
  await db.schema
    .createTable('content_pool_quota')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('pool', 'text', (c) => c.notNull())
    .addColumn('weekly_min', 'integer')
    .addColumn('weekly_max', 'integer')
    .addColumn('min_stock', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_pool_quota_pk', ['workspace_id', 'pool'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['content_pool_quota', 'content_item', 'series', 'topic']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
