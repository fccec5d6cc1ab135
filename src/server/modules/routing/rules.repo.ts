import type { Executor } from '../../db/executor.ts';
import type { RoutingRuleRow, RoutingRunRow } from './routing-tables.ts';

type RuleChanges = Partial<Omit<RoutingRuleRow, 'workspace_id' | 'id' | 'created_at'>>;

/** The workspace's time zone and name. */
export function findWorkspace(
  db: Executor,
  workspaceId: string,
): Promise<{ timezone: string; name: string } | undefined> {
  return db
    .selectFrom('workspace')
    .select(['timezone', 'name'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
}

/** Which of these people are members of the workspace. */
export async function findMemberIds(
  db: Executor,
  workspaceId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('membership')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

// ── rules ─────────────────────────────────────────────────────────────────────

export function listRules(db: Executor, workspaceId: string): Promise<RoutingRuleRow[]> {
  return db
    .selectFrom('routing_rule')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findRule(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<RoutingRuleRow | undefined> {
  return db
    .selectFrom('routing_rule')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nextRulePosition(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('routing_rule')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertRule(db: Executor, row: RoutingRuleRow): Promise<void> {
  await db.insertInto('routing_rule').values(row).execute();
}

export async function updateRule(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: RuleChanges,
): Promise<void> {
  await db
    .updateTable('routing_rule')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteRule(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('routing_rule')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Writes positions 1…n in the given order. */
export async function setRulePositions(
  db: Executor,
  workspaceId: string,
  orderedIds: readonly string[],
  now: number,
): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('routing_rule')
      .set({ position: index + 1, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
}

export async function recordFired(
  db: Executor,
  workspaceId: string,
  ruleIds: readonly string[],
  now: number,
): Promise<void> {
  if (ruleIds.length === 0) return;
  await db
    .updateTable('routing_rule')
    .set((eb) => ({ fired_count: eb('fired_count', '+', 1), last_fired_at: now }))
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ruleIds)
    .execute();
}

// ── runs ──────────────────────────────────────────────────────────────────────

/** Messages among these that were routed already. */
export async function findRoutedMessageIds(
  db: Executor,
  workspaceId: string,
  messageIds: readonly string[],
): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('routing_run')
    .select('message_id')
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', messageIds)
    .execute();
  return new Set(rows.map((row) => row.message_id));
}

/**
 * Claims a message for routing: true for the one caller that inserted its run row. Everyone
 * else (a second worker, a retried job) sees false and leaves the message alone.
 */
export async function claimRun(db: Executor, row: RoutingRunRow): Promise<boolean> {
  const inserted = await db
    .insertInto('routing_run')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
    .returning('message_id')
    .execute();
  return inserted.length === 1;
}

export async function finishRun(
  db: Executor,
  workspaceId: string,
  messageId: string,
  changes: Pick<RoutingRunRow, 'fired_rule_ids' | 'plan_json' | 'outcomes_json' | 'auto_reply_id'>,
): Promise<void> {
  await db
    .updateTable('routing_run')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('message_id', '=', messageId)
    .execute();
}

/** Whether this canned reply went out automatically in the conversation since `since`. */
export async function autoReplySentSince(
  db: Executor,
  workspaceId: string,
  conversationId: string,
  cannedReplyId: string,
  since: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('routing_run')
    .select('message_id')
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('auto_reply_id', '=', cannedReplyId)
    .where('created_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function listRuns(
  db: Executor,
  workspaceId: string,
  filter: { conversationId?: string | undefined; limit: number },
): Promise<RoutingRunRow[]> {
  let query = db.selectFrom('routing_run').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.conversationId) query = query.where('conversation_id', '=', filter.conversationId);
  return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
}
