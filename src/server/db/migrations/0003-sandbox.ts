import type { Kysely } from 'kysely';

// The sandbox network's own tables. No foreign key to workspace: the sandbox stands in for an
// outside platform, so it must not depend on (or block deletion of) OpsLoop's rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_account')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('platform_style', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('failures_json', 'text', (c) => c.notNull())
    .addColumn('messages_since', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_account_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('sandbox_post')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('topics_json', 'text', (c) => c.notNull())
    .addColumn('media_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_post_pk', ['workspace_id', 'id'])
    .execute();
  // The exactly-once guarantee of publishing rests on this index, across processes.
  await db.schema
    .createIndex('sandbox_post_key_idx')
    .on('sandbox_post')
    .columns(['workspace_id', 'account_id', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('sandbox_post_published_idx')
    .on('sandbox_post')
    .columns(['workspace_id', 'account_id', 'published_at'])
    .execute();

  await db.schema
    .createTable('sandbox_publish_call')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text')
    .addColumn('called_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_publish_call_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('sandbox_publish_call_key_idx')
    .on('sandbox_publish_call')
    .columns(['workspace_id', 'account_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('sandbox_reply')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('to_external_id', 'text', (c) => c.notNull())
    .addColumn('to_kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_reply_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('sandbox_reply_key_idx')
    .on('sandbox_reply')
    .columns(['workspace_id', 'account_id', 'idempotency_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sandbox_reply',
    'sandbox_publish_call',
    'sandbox_post',
    'sandbox_account',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
