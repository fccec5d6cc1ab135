import type { Kysely } from 'kysely';

/**
 * Content items become posts: a link from each post to the item it was written from (the item
 * moves to `used` when the post goes out). Series get a cadence and can be archived.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A post comes from at most one item; an item may be posted many times (reuse).
  await db.schema
    .createTable('content_item_post')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_item_post_pk', ['workspace_id', 'post_id'])
    .execute();
  await db.schema
    .createIndex('content_item_post_item_idx')
    .on('content_item_post')
    .columns(['workspace_id', 'item_id'])
    .execute();

  await db.schema.alterTable('series').addColumn('cadence_json', 'text').execute();
  await db.schema.alterTable('series').addColumn('archived_at', 'bigint').execute();

  // The board filters and counts by series.
  await db.schema
    .createIndex('content_item_series_idx')
    .on('content_item')
    .columns(['workspace_id', 'series_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('content_item_series_idx').ifExists().execute();
  await db.schema.alterTable('series').dropColumn('archived_at').execute();
  await db.schema.alterTable('series').dropColumn('cadence_json').execute();
  await db.schema.dropTable('content_item_post').ifExists().execute();
}
