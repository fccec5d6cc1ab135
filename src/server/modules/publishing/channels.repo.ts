import type { Executor } from '../../db/executor.ts';
import type { ChannelRow } from '../../db/schema.ts';

export async function insertChannel(db: Executor, row: ChannelRow): Promise<void> {
  await db.insertInto('channel').values(row).execute();
}

export function listChannels(db: Executor, workspaceId: string): Promise<ChannelRow[]> {
  return db
    .selectFrom('channel')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .execute();
}

export function findChannel(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channel')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findChannels(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<ChannelRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('channel')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export async function updateChannel(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<ChannelRow, 'workspace_id' | 'id' | 'created_at'>> & { updated_at: number },
): Promise<void> {
  await db
    .updateTable('channel')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteChannel(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('channel')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Targets still waiting to go out on a channel: a channel with any cannot be removed. */
export async function countPendingTargets(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<number> {
  const row = await db
    .selectFrom('post_target')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .where('status', 'in', ['scheduled', 'publishing', 'unconfirmed'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
