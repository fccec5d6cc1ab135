import type { Kysely } from 'kysely';

/**
 * Inbox routing: rules and the log of their runs, teams with agent/expert tiers and agent
 * capacity, business hours, SLA policies and per-conversation timers, the canned-reply library
 * with its usage, and CSAT settings and surveys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tenant = <T extends string>(name: T) =>
    db.schema
      .createTable(name)
      .addColumn('workspace_id', 'text', (c) =>
        c.notNull().references('workspace.id').onDelete('cascade'),
      );

  await tenant('routing_rule')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('stop_processing', 'integer', (c) => c.notNull())
    .addColumn('conditions_json', 'text', (c) => c.notNull())
    .addColumn('actions_json', 'text', (c) => c.notNull())
    .addColumn('fired_count', 'integer', (c) => c.notNull())
    .addColumn('last_fired_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_rule_pk', ['workspace_id', 'id'])
    .execute();

  // One row per routed message: its primary key is what makes evaluation happen once.
  await tenant('routing_run')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('fired_rule_ids', 'text', (c) => c.notNull())
    .addColumn('plan_json', 'text', (c) => c.notNull())
    .addColumn('outcomes_json', 'text', (c) => c.notNull())
    .addColumn('auto_reply_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_run_pk', ['workspace_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('routing_run_conversation_idx')
    .on('routing_run')
    .columns(['workspace_id', 'conversation_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('routing_run_created_idx')
    .on('routing_run')
    .columns(['workspace_id', 'created_at'])
    .execute();

  await tenant('routing_team')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('lead_user_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_team_pk', ['workspace_id', 'id'])
    .execute();

  await tenant('routing_team_member')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('last_assigned_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_team_member_pk', ['workspace_id', 'team_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('routing_team_member_user_idx')
    .on('routing_team_member')
    .columns(['workspace_id', 'user_id'])
    .execute();

  await tenant('routing_agent')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_agent_pk', ['workspace_id', 'user_id'])
    .execute();

  await tenant('business_hours')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text')
    .addColumn('intervals_json', 'text', (c) => c.notNull())
    .addColumn('holidays_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('business_hours_pk', ['workspace_id', 'id'])
    .execute();

  await tenant('sla_policy')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('priorities_json', 'text')
    .addColumn('channel_ids_json', 'text')
    .addColumn('first_response_minutes', 'integer')
    .addColumn('next_response_minutes', 'integer')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('business_hours_id', 'text')
    .addColumn('escalation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_policy_pk', ['workspace_id', 'id'])
    .execute();

  await tenant('sla_timer')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('breached_at', 'bigint')
    .addColumn('escalated_at', 'bigint')
    .addColumn('assignee_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_timer_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('sla_timer_conversation_idx')
    .on('sla_timer')
    .columns(['workspace_id', 'conversation_id'])
    .execute();
  await db.schema
    .createIndex('sla_timer_due_idx')
    .on('sla_timer')
    .columns(['workspace_id', 'due_at'])
    .execute();
  // The breach sweep looks across workspaces for running timers past due, like the job queue.
  await db.schema
    .createIndex('sla_timer_sweep_idx')
    .on('sla_timer')
    .columns(['status', 'due_at'])
    .execute();

  await tenant('canned_category')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('canned_category_pk', ['workspace_id', 'id'])
    .execute();

  await tenant('canned_reply')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('shortcut', 'text')
    .addColumn('intents_json', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text')
    .addColumn('body_en', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('canned_reply_pk', ['workspace_id', 'id'])
    .execute();
  // Several replies without a shortcut are fine: NULLs never collide in a unique index.
  await db.schema
    .createIndex('canned_reply_shortcut_idx')
    .on('canned_reply')
    .columns(['workspace_id', 'shortcut'])
    .unique()
    .execute();

  await tenant('canned_reply_use')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('reply_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('used_by', 'text')
    .addColumn('used_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addPrimaryKeyConstraint('canned_reply_use_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('canned_reply_use_reply_idx')
    .on('canned_reply_use')
    .columns(['workspace_id', 'reply_id', 'used_at'])
    .execute();
  await db.schema
    .createIndex('canned_reply_use_conversation_idx')
    .on('canned_reply_use')
    .columns(['workspace_id', 'conversation_id'])
    .execute();

  await tenant('csat_settings')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('dm_only', 'integer', (c) => c.notNull())
    .addColumn('cooldown_days', 'integer', (c) => c.notNull())
    .addColumn('expires_hours', 'integer', (c) => c.notNull())
    .addColumn('message_zh', 'text', (c) => c.notNull())
    .addColumn('message_en', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('csat_settings_pk', ['workspace_id'])
    .execute();

  await tenant('csat_survey')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('resolved_at', 'bigint', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    // sha256 of the link's token; the token itself is derived again when needed, never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('comment', 'text')
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('responded_at', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('csat_survey_pk', ['workspace_id', 'id'])
    .execute();
  // One survey per resolution of a conversation, however often the resolve event arrives.
  await db.schema
    .createIndex('csat_survey_resolution_idx')
    .on('csat_survey')
    .columns(['workspace_id', 'conversation_id', 'resolved_at'])
    .unique()
    .execute();
  await db.schema
    .createIndex('csat_survey_sent_idx')
    .on('csat_survey')
    .columns(['workspace_id', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('csat_survey_contact_idx')
    .on('csat_survey')
    .columns(['workspace_id', 'contact_id', 'sent_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'csat_survey',
    'csat_settings',
    'canned_reply_use',
    'canned_reply',
    'canned_category',
    'sla_timer',
    'sla_policy',
    'business_hours',
    'routing_agent',
    'routing_team_member',
    'routing_team',
    'routing_run',
    'routing_rule',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
