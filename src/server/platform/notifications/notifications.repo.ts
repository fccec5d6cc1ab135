import type { Executor } from '../../db/executor.ts';
import type { NotificationRow } from '../../db/schema.ts';

/** Inserts notifications; one with a dedupe key already sent to that person is skipped. */
export async function insertNotifications(db: Executor, rows: NotificationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification')
    .values(rows)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'dedupe_key']).doNothing())
    .execute();
}

export function listNotifications(
  db: Executor,
  workspaceId: string,
  userId: string,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function findNotification(
  db: Executor,
  workspaceId: string,
  userId: string,
  id: string,
): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notification')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countUnread(
  db: Executor,
  workspaceId: string,
  userId: string,
): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(
  db: Executor,
  workspaceId: string,
  userId: string,
  id: string | null,
  now: number,
): Promise<number> {
  let query = db
    .updateTable('notification')
    .set({ read_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Members of a workspace holding one of the roles, for "tell the managers" notifications. */
export async function listMemberIdsWithRoles(
  db: Executor,
  workspaceId: string,
  roles: readonly string[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('membership')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', 'in', roles)
    .execute();
  return rows.map((row) => row.user_id);
}
