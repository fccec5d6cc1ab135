import type { Executor } from '../../db/executor.ts';
import type { InvitationRow, MembershipRow, WorkspaceRow } from '../../db/schema.ts';

export async function insertWorkspace(db: Executor, row: WorkspaceRow): Promise<void> {
  await db.insertInto('workspace').values(row).execute();
}

export function findWorkspace(db: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspace').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateWorkspace(
  db: Executor,
  id: string,
  changes: Partial<Pick<WorkspaceRow, 'name' | 'timezone'>> & { updated_at: number },
): Promise<void> {
  await db.updateTable('workspace').set(changes).where('id', '=', id).execute();
}

/** The workspaces a person belongs to, with their role in each. */
export function listWorkspacesOfUser(
  db: Executor,
  userId: string,
): Promise<(WorkspaceRow & { role: string })[]> {
  return db
    .selectFrom('membership')
    .innerJoin('workspace', 'workspace.id', 'membership.workspace_id')
    .selectAll('workspace')
    .select('membership.role')
    .where('membership.user_id', '=', userId)
    .orderBy('workspace.name')
    .execute();
}

export async function insertMembership(db: Executor, row: MembershipRow): Promise<void> {
  await db.insertInto('membership').values(row).execute();
}

export function findMembership(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('membership')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function listMembers(
  db: Executor,
  workspaceId: string,
): Promise<(MembershipRow & { name: string; email: string })[]> {
  return db
    .selectFrom('membership')
    .innerJoin('user_account', 'user_account.id', 'membership.user_id')
    .selectAll('membership')
    .select(['user_account.name', 'user_account.email'])
    .where('membership.workspace_id', '=', workspaceId)
    .orderBy('membership.created_at')
    .execute();
}

export async function updateMembership(
  db: Executor,
  workspaceId: string,
  userId: string,
  changes: Partial<Pick<MembershipRow, 'role' | 'channel_ids'>> & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('membership')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('membership')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function countOwners(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInvitation(db: Executor, row: InvitationRow): Promise<void> {
  await db.insertInto('invitation').values(row).execute();
}

export function listInvitations(db: Executor, workspaceId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitation')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

export function findInvitation(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitation')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Invitation links carry only the token, so this one lookup is by its hash across workspaces. */
export function findInvitationByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<(InvitationRow & { workspace_name: string; inviter_name: string }) | undefined> {
  return db
    .selectFrom('invitation')
    .innerJoin('workspace', 'workspace.id', 'invitation.workspace_id')
    .innerJoin('user_account', 'user_account.id', 'invitation.created_by')
    .selectAll('invitation')
    .select(['workspace.name as workspace_name', 'user_account.name as inviter_name'])
    .where('invitation.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function updateInvitation(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Pick<InvitationRow, 'accepted_by' | 'accepted_at' | 'revoked_at'>>,
): Promise<void> {
  await db
    .updateTable('invitation')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
