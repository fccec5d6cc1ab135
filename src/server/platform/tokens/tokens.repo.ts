import type { Executor } from '../../db/executor.ts';
import type { ApiTokenRow } from '../../db/schema.ts';

export async function insertApiToken(db: Executor, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_token').values(row).execute();
}

export function listApiTokens(db: Executor, workspaceId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .execute();
}

export function findApiToken(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Bearer tokens arrive without a workspace, so this lookup is by the token's hash alone. */
export function findApiTokenByHash(db: Executor, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_token').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function revokeApiToken(
  db: Executor,
  workspaceId: string,
  id: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** A removed member's tokens stop working with their membership. */
export async function revokeTokensOfUser(
  db: Executor,
  workspaceId: string,
  userId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchApiToken(
  db: Executor,
  workspaceId: string,
  id: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
