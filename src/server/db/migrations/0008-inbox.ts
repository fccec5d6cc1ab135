import type { Kysely } from 'kysely';

/**
 * The engagement inbox: contacts and their handles, conversations, messages (inbound, replies and
 * internal notes), collection cursors per channel, corrections of message labels, presence of
 * agents. Also the sandbox's record of hidden comments, and an index that lets the inbox
 * find the OpsLoop post a platform post id belongs to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const workspaceColumn = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspace.id').onDelete('cascade'),
      );

  await workspaceColumn('inbox_contact')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('tags_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_contact_pk', ['workspace_id', 'id'])
    .execute();

  // One person's account on one channel (a Weibo uid, a WeChat openid, a Bluesky DID).
  await workspaceColumn('inbox_contact_handle')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('followers', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_contact_handle_pk', [
      'workspace_id',
      'channel_id',
      'external_id',
    ])
    .execute();
  await db.schema
    .createIndex('inbox_contact_handle_contact_idx')
    .on('inbox_contact_handle')
    .columns(['workspace_id', 'contact_id'])
    .execute();

  await workspaceColumn('inbox_conversation')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('root_external_id', 'text')
    .addColumn('post_external_id', 'text')
    .addColumn('post_id', 'text')
    .addColumn('post_target_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('tags_json', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('unread_count', 'integer', (c) => c.notNull())
    .addColumn('last_message_at', 'bigint', (c) => c.notNull())
    .addColumn('last_message_preview', 'text', (c) => c.notNull())
    .addColumn('last_customer_message_at', 'bigint')
    .addColumn('waiting_since', 'bigint')
    .addColumn('first_response_at', 'bigint')
    .addColumn('last_response_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('last_sentiment', 'text')
    .addColumn('last_intent', 'text')
    .addColumn('last_language', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_conversation_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('inbox_conversation_thread_uq')
    .on('inbox_conversation')
    .columns(['workspace_id', 'channel_id', 'thread_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('inbox_conversation_list_idx')
    .on('inbox_conversation')
    .columns(['workspace_id', 'status', 'last_message_at'])
    .execute();
  await db.schema
    .createIndex('inbox_conversation_recent_idx')
    .on('inbox_conversation')
    .columns(['workspace_id', 'last_message_at'])
    .execute();
  await db.schema
    .createIndex('inbox_conversation_assignee_idx')
    .on('inbox_conversation')
    .columns(['workspace_id', 'assignee_id', 'status'])
    .execute();
  await db.schema
    .createIndex('inbox_conversation_contact_idx')
    .on('inbox_conversation')
    .columns(['workspace_id', 'contact_id'])
    .execute();

  await workspaceColumn('inbox_message')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_external_id', 'text')
    .addColumn('post_external_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('author_external_id', 'text')
    .addColumn('author_handle', 'text')
    .addColumn('author_name', 'text')
    .addColumn('user_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('mentions_json', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('sentiment', 'text')
    .addColumn('sentiment_score', 'double precision')
    .addColumn('intent', 'text')
    .addColumn('intent_confidence', 'double precision')
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('moderation_action', 'text')
    .addColumn('moderation_json', 'text')
    .addColumn('hidden_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply_to_id', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('error_action', 'text')
    .addColumn('sent_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_message_pk', ['workspace_id', 'id'])
    .execute();
  // A platform message is stored once: collection inserts with "on conflict do nothing" on this.
  await db.schema
    .createIndex('inbox_message_external_uq')
    .on('inbox_message')
    .columns(['workspace_id', 'channel_id', 'external_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('inbox_message_key_uq')
    .on('inbox_message')
    .columns(['workspace_id', 'idempotency_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('inbox_message_thread_idx')
    .on('inbox_message')
    .columns(['workspace_id', 'conversation_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('inbox_message_contact_idx')
    .on('inbox_message')
    .columns(['workspace_id', 'contact_id'])
    .execute();

  // Where collection of a channel stands, and a lease so one collector runs per channel.
  await workspaceColumn('inbox_channel_state')
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('last_collected_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('error_action', 'text')
    .addColumn('collected_total', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_channel_state_pk', ['workspace_id', 'channel_id'])
    .execute();

  // An agent's correction of a message's labels: training data for the workspace's classifier.
  await workspaceColumn('inbox_correction')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('sentiment', 'text')
    .addColumn('intent', 'text')
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_correction_pk', ['workspace_id', 'message_id'])
    .execute();

  await workspaceColumn('inbox_presence')
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('typing', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_presence_pk', ['workspace_id', 'conversation_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('sandbox_hidden_comment')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('hidden_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sandbox_hidden_comment_pk', [
      'workspace_id',
      'account_id',
      'external_id',
    ])
    .execute();

  await db.schema
    .createIndex('post_target_external_idx')
    .on('post_target')
    .columns(['workspace_id', 'channel_id', 'external_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('post_target_external_idx').ifExists().execute();
  for (const table of [
    'sandbox_hidden_comment',
    'inbox_presence',
    'inbox_correction',
    'inbox_channel_state',
    'inbox_message',
    'inbox_conversation',
    'inbox_contact_handle',
    'inbox_contact',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
