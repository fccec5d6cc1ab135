import type { Kysely } from 'kysely';

/**
 * Feedback: tickets from every channel with their source, near-duplicate clusters and the LSH
 * buckets that find them, workspace-defined categories and departments, public forms, the
 * adopted-suggestions board and each ticket's history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const workspaceColumn = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspace.id').onDelete('cascade'),
      );

  // One row per workspace that changed a default; the public board is off until switched on.
  await db.schema
    .createTable('feedback_settings')
    .addColumn('workspace_id', 'text', (c) =>
      c.primaryKey().references('workspace.id').onDelete('cascade'),
    )
    .addColumn('similarity_permille', 'integer', (c) => c.notNull())
    .addColumn('board_enabled', 'integer', (c) => c.notNull())
    .addColumn('board_slug', 'text')
    .addColumn('board_title', 'text', (c) => c.notNull())
    .addColumn('board_intro', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Public pages find their workspace by slug alone.
  await db.schema
    .createIndex('feedback_settings_board_slug_uq')
    .on('feedback_settings')
    .column('board_slug')
    .unique()
    .execute();

  await workspaceColumn('feedback_category')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_category_pk', ['workspace_id', 'id'])
    .execute();

  await workspaceColumn('feedback_department')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sla_hours', 'integer')
    .addColumn('default_owner_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_department_pk', ['workspace_id', 'id'])
    .execute();

  await workspaceColumn('feedback_form')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('ask_contact', 'integer', (c) => c.notNull())
    .addColumn('default_category_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_form_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_form_slug_uq')
    .on('feedback_form')
    .column('slug')
    .unique()
    .execute();

  await workspaceColumn('feedback_cluster')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('ticket_count', 'integer', (c) => c.notNull())
    .addColumn('people_count', 'integer', (c) => c.notNull())
    .addColumn('max_followers', 'bigint', (c) => c.notNull())
    .addColumn('has_vip', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_cluster_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_cluster_people_idx')
    .on('feedback_cluster')
    .columns(['workspace_id', 'people_count'])
    .execute();

  await workspaceColumn('feedback_ticket')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_handle', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('form_id', 'text')
    .addColumn('import_id', 'text')
    .addColumn('raiser_key', 'text', (c) => c.notNull())
    .addColumn('raiser_followers', 'bigint')
    .addColumn('raiser_vip', 'integer', (c) => c.notNull())
    .addColumn('cluster_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('indexed', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('department_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('deadline', 'bigint')
    .addColumn('urgency', 'integer', (c) => c.notNull())
    .addColumn('cost', 'integer', (c) => c.notNull())
    .addColumn('impact_override', 'integer')
    .addColumn('resolution', 'text')
    .addColumn('public_title', 'text')
    .addColumn('on_board', 'integer', (c) => c.notNull())
    .addColumn('follow_up_state', 'text', (c) => c.notNull())
    .addColumn('follow_up_outcome', 'text')
    .addColumn('follow_up_note', 'text')
    .addColumn('notified_at', 'bigint')
    .addColumn('notify_error', 'text')
    .addColumn('follow_up_at', 'bigint')
    .addColumn('follow_up_by', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_ticket_pk', ['workspace_id', 'id'])
    .execute();
  for (const [name, columns] of [
    ['feedback_ticket_created_idx', ['workspace_id', 'created_at']],
    ['feedback_ticket_status_idx', ['workspace_id', 'status']],
    // raiser_key too, so recounting the people of a cluster reads the index alone.
    ['feedback_ticket_cluster_idx', ['workspace_id', 'cluster_id', 'raiser_key']],
    ['feedback_ticket_deadline_idx', ['workspace_id', 'deadline']],
    ['feedback_ticket_outcome_idx', ['workspace_id', 'outcome_at']],
    ['feedback_ticket_board_idx', ['workspace_id', 'on_board', 'outcome']],
    ['feedback_ticket_follow_up_idx', ['workspace_id', 'follow_up_state']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('feedback_ticket')
      .columns([...columns])
      .execute();
  }
  // A message becomes at most one ticket, however often it is sent over.
  await db.schema
    .createIndex('feedback_ticket_message_uq')
    .on('feedback_ticket')
    .columns(['workspace_id', 'message_id'])
    .unique()
    .execute();

  // LSH buckets: `band_key` is band · 2³² + the band's hash; lookups go by (workspace, key).
  await workspaceColumn('feedback_lsh')
    .addColumn('band_key', 'bigint', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_lsh_pk', ['workspace_id', 'band_key', 'ticket_id'])
    .execute();
  // No index by ticket: a ticket's buckets are recomputed from its stored signature when it goes,
  // which spares every insert a second B-tree.

  await workspaceColumn('feedback_event')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_event_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_event_ticket_idx')
    .on('feedback_event')
    .columns(['workspace_id', 'ticket_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'feedback_event',
    'feedback_lsh',
    'feedback_ticket',
    'feedback_cluster',
    'feedback_form',
    'feedback_department',
    'feedback_category',
    'feedback_settings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
