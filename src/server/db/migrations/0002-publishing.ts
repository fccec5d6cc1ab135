import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('style', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('config_json', 'text', (c) => c.notNull())
    .addColumn('credentials_sealed', 'text')
    .addColumn('external_account_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_detail', 'text')
    .addColumn('cadence_json', 'text')
    .addColumn('last_checked_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('publishing_settings')
    .addColumn('workspace_id', 'text', (c) =>
      c.primaryKey().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('approval_steps_json', 'text', (c) => c.notNull())
    .addColumn('allow_self_approval', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('post')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('topics_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approval_step', 'integer', (c) => c.notNull())
    .addColumn('scheduled_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('post_schedule_idx')
    .on('post')
    .columns(['workspace_id', 'scheduled_at'])
    .execute();

  await db.schema
    .createTable('post_target')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'bigint')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('url', 'text')
    .addColumn('published_at', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('error_action', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_target_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('post_target_channel_uq', ['workspace_id', 'post_id', 'channel_id'])
    .execute();
  await db.schema
    .createIndex('post_target_due_idx')
    .on('post_target')
    .columns(['status', 'scheduled_at'])
    .execute();
  await db.schema
    .createIndex('post_target_post_idx')
    .on('post_target')
    .columns(['workspace_id', 'post_id'])
    .execute();

  await db.schema
    .createTable('post_review')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('step', 'integer')
    .addColumn('body', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_review_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('post_review_post_idx')
    .on('post_review')
    .columns(['workspace_id', 'post_id', 'id'])
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('notification_dedupe_uq', ['workspace_id', 'user_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['workspace_id', 'user_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notification',
    'post_review',
    'post_target',
    'post',
    'publishing_settings',
    'channel',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
