import type { Executor } from '../../db/executor.ts';
import type { BusinessHoursRow, SlaPolicyRow, SlaTimerRow } from './routing-tables.ts';

// ── business hours ────────────────────────────────────────────────────────────

export function listBusinessHours(db: Executor, workspaceId: string): Promise<BusinessHoursRow[]> {
  return db
    .selectFrom('business_hours')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findBusinessHours(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<BusinessHoursRow | undefined> {
  return db
    .selectFrom('business_hours')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertBusinessHours(db: Executor, row: BusinessHoursRow): Promise<void> {
  await db.insertInto('business_hours').values(row).execute();
}

export async function updateBusinessHours(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<
    Pick<BusinessHoursRow, 'name' | 'timezone' | 'intervals_json' | 'holidays_json'>
  > & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('business_hours')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteBusinessHours(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<void> {
  await db
    .deleteFrom('business_hours')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function countPoliciesUsingHours(
  db: Executor,
  workspaceId: string,
  businessHoursId: string,
): Promise<number> {
  const row = await db
    .selectFrom('sla_policy')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('business_hours_id', '=', businessHoursId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ── policies ──────────────────────────────────────────────────────────────────

export function listPolicies(db: Executor, workspaceId: string): Promise<SlaPolicyRow[]> {
  return db
    .selectFrom('sla_policy')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findPolicy(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<SlaPolicyRow | undefined> {
  return db
    .selectFrom('sla_policy')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nextPolicyPosition(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('sla_policy')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertPolicy(db: Executor, row: SlaPolicyRow): Promise<void> {
  await db.insertInto('sla_policy').values(row).execute();
}

export async function updatePolicy(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<SlaPolicyRow, 'workspace_id' | 'id' | 'created_at'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('sla_policy')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deletePolicy(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('sla_policy')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function setPolicyPositions(
  db: Executor,
  workspaceId: string,
  orderedIds: readonly string[],
  now: number,
): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('sla_policy')
      .set({ position: index + 1, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
  }
}

// ── timers ────────────────────────────────────────────────────────────────────

export function listConversationTimers(
  db: Executor,
  workspaceId: string,
  conversationIds: readonly string[],
): Promise<SlaTimerRow[]> {
  if (conversationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sla_timer')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

export function findTimer(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<SlaTimerRow | undefined> {
  return db
    .selectFrom('sla_timer')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTimers(db: Executor, rows: readonly SlaTimerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('sla_timer').values(rows).execute();
}

export async function updateTimer(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<SlaTimerRow, 'workspace_id' | 'id' | 'created_at'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('sla_timer')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Running timers past due, across workspaces, oldest first: what the breach sweep handles. */
export function listOverdueTimers(
  db: Executor,
  now: number,
  limit: number,
): Promise<Array<Pick<SlaTimerRow, 'workspace_id' | 'id' | 'due_at'>>> {
  return db
    .selectFrom('sla_timer')
    .select(['workspace_id', 'id', 'due_at'])
    .where('status', '=', 'running')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/** Breached timers whose escalation has not been done (a worker stopped half-way). */
export function listUnescalatedBreaches(
  db: Executor,
  limit: number,
): Promise<Array<Pick<SlaTimerRow, 'workspace_id' | 'id' | 'due_at'>>> {
  return db
    .selectFrom('sla_timer')
    .select(['workspace_id', 'id', 'due_at'])
    .where('status', '=', 'breached')
    .where('escalated_at', 'is', null)
    .where('completed_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

/**
 * Marks a running timer breached; true for the one caller that did it, so the escalation
 * that follows happens once however many workers find the timer.
 */
export async function claimBreach(
  db: Executor,
  workspaceId: string,
  id: string,
  breachedAt: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('sla_timer')
    .set({ status: 'breached', breached_at: breachedAt, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Timers due within a period, for the report. */
export function listTimersDue(
  db: Executor,
  workspaceId: string,
  from: number,
  to: number,
): Promise<
  Array<
    Pick<SlaTimerRow, 'kind' | 'status' | 'due_at' | 'completed_at' | 'assignee_id' | 'team_id'>
  >
> {
  return db
    .selectFrom('sla_timer')
    .select(['kind', 'status', 'due_at', 'completed_at', 'assignee_id', 'team_id'])
    .where('workspace_id', '=', workspaceId)
    .where('due_at', '>=', from)
    .where('due_at', '<', to)
    .where('status', '!=', 'canceled')
    .execute();
}

/**
 * Conversations with a running timer, across workspaces: the periodic reconciliation re-reads
 * them in case an inbox event (a reply, a resolution) never reached routing.
 */
export function listConversationsWithRunningTimers(
  db: Executor,
  limit: number,
): Promise<Array<{ workspace_id: string; conversation_id: string }>> {
  return db
    .selectFrom('sla_timer')
    .select(['workspace_id', 'conversation_id'])
    .where('status', '=', 'running')
    .groupBy(['workspace_id', 'conversation_id'])
    .orderBy('workspace_id')
    .limit(limit)
    .execute();
}
