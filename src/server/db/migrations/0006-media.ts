import type { Kysely } from 'kysely';

/** The media library: assets with their license terms, and their attachment to channel versions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media_asset')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('license', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('alerted_state', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_asset_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('media_asset_sha256_uq', ['workspace_id', 'sha256'])
    .execute();
  await db.schema
    .createIndex('media_asset_kind_idx')
    .on('media_asset')
    .columns(['workspace_id', 'kind', 'id'])
    .execute();
  await db.schema
    .createIndex('media_asset_expires_idx')
    .on('media_asset')
    .columns(['workspace_id', 'expires_at'])
    .execute();
  // The daily expiry check looks across workspaces, like the publishing sweep.
  await db.schema
    .createIndex('media_asset_expiry_sweep_idx')
    .on('media_asset')
    .columns(['expires_at'])
    .execute();

  await db.schema
    .createTable('post_target_media')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_target_media_pk', ['workspace_id', 'target_id', 'position'])
    .addForeignKeyConstraint(
      'post_target_media_target_fk',
      ['workspace_id', 'target_id'],
      'post_target',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'post_target_media_asset_fk',
      ['workspace_id', 'asset_id'],
      'media_asset',
      ['workspace_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('post_target_media_asset_idx')
    .on('post_target_media')
    .columns(['workspace_id', 'asset_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['post_target_media', 'media_asset']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
