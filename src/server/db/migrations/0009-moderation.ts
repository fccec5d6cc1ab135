import type { Kysely } from 'kysely';

/** Moderation: word lists and their words, a per-workspace list version, the review queue. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('moderation_list')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('moderation_list_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('moderation_word')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('list_id', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    // The match form (folded): what duplicates are judged by and what searches look in.
    .addColumn('folded', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('moderation_word_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('moderation_word_folded_uq')
    .on('moderation_word')
    .columns(['workspace_id', 'list_id', 'folded'])
    .unique()
    .execute();
  await db.schema
    .createIndex('moderation_word_list_idx')
    .on('moderation_word')
    .columns(['workspace_id', 'list_id', 'id'])
    .execute();

  // Bumped in the transaction of every list or word change; processes compare it with the
  // version of the matcher they cached to know when to rebuild.
  await db.schema
    .createTable('moderation_state')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().primaryKey().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('moderation_review')
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('matches_json', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by_user_id', 'text')
    .addColumn('decided_by_label', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('moderation_review_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('moderation_review_status_idx')
    .on('moderation_review')
    .columns(['workspace_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('moderation_review_subject_idx')
    .on('moderation_review')
    .columns(['workspace_id', 'subject_kind', 'subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'moderation_review',
    'moderation_state',
    'moderation_word',
    'moderation_list',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
