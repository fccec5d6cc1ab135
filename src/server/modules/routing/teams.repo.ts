import type { Executor } from '../../db/executor.ts';
import type { RoutingAgentRow, RoutingTeamMemberRow, RoutingTeamRow } from './routing-tables.ts';

export function listTeams(db: Executor, workspaceId: string): Promise<RoutingTeamRow[]> {
  return db
    .selectFrom('routing_team')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findTeam(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<RoutingTeamRow | undefined> {
  return db
    .selectFrom('routing_team')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findTeamIds(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('routing_team')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function insertTeam(db: Executor, row: RoutingTeamRow): Promise<void> {
  await db.insertInto('routing_team').values(row).execute();
}

export async function updateTeam(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<RoutingTeamRow, 'name' | 'description' | 'lead_user_id'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('routing_team')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTeam(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('routing_team_member')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', id)
    .execute();
  await db
    .deleteFrom('routing_team')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export function listMembers(
  db: Executor,
  workspaceId: string,
  teamId?: string,
): Promise<RoutingTeamMemberRow[]> {
  let query = db
    .selectFrom('routing_team_member')
    .selectAll()
    .where('workspace_id', '=', workspaceId);
  if (teamId) query = query.where('team_id', '=', teamId);
  return query.orderBy('team_id').orderBy('user_id').execute();
}

/**
 * Replaces a team's members, keeping each remaining member's place in the round-robin turn
 * (their last assignment time) so editing the team does not reset the rotation.
 */
export async function replaceMembers(
  db: Executor,
  workspaceId: string,
  teamId: string,
  members: ReadonlyArray<{ userId: string; tier: string }>,
  now: number,
): Promise<void> {
  const existing = await listMembers(db, workspaceId, teamId);
  const turns = new Map(existing.map((row) => [row.user_id, row]));
  await db
    .deleteFrom('routing_team_member')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .execute();
  if (members.length === 0) return;
  await db
    .insertInto('routing_team_member')
    .values(
      members.map((member) => ({
        workspace_id: workspaceId,
        team_id: teamId,
        user_id: member.userId,
        tier: member.tier,
        last_assigned_at: turns.get(member.userId)?.last_assigned_at ?? null,
        created_at: turns.get(member.userId)?.created_at ?? now,
      })),
    )
    .execute();
}

/**
 * Takes a member's round-robin turn: sets their last assignment time, but only if nobody
 * else took the turn since it was read (`seen`). False means: read again and choose again.
 */
export async function takeTurn(
  db: Executor,
  workspaceId: string,
  teamId: string,
  userId: string,
  seen: number | null,
  now: number,
): Promise<boolean> {
  let query = db
    .updateTable('routing_team_member')
    .set({ last_assigned_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId);
  query =
    seen === null
      ? query.where('last_assigned_at', 'is', null)
      : query.where('last_assigned_at', '=', seen);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── agents ────────────────────────────────────────────────────────────────────

export function listAgents(db: Executor, workspaceId: string): Promise<RoutingAgentRow[]> {
  return db
    .selectFrom('routing_agent')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .execute();
}

export function findAgent(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<RoutingAgentRow | undefined> {
  return db
    .selectFrom('routing_agent')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Creates agent rows that do not exist yet; existing ones keep their settings. */
export async function ensureAgents(
  db: Executor,
  workspaceId: string,
  userIds: readonly string[],
  defaults: { availability: string; capacity: number },
  now: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('routing_agent')
    .values(
      userIds.map((userId) => ({
        workspace_id: workspaceId,
        user_id: userId,
        availability: defaults.availability,
        capacity: defaults.capacity,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();
}

export async function updateAgent(
  db: Executor,
  workspaceId: string,
  userId: string,
  changes: Partial<Pick<RoutingAgentRow, 'availability' | 'capacity'>> & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('routing_agent')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}
