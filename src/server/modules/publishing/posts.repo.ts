import type { Executor } from '../../db/executor.ts';
import type { PostReviewRow, PostRow, PostTargetRow } from '../../db/schema.ts';

export interface PostFilter {
  from?: number | undefined;
  to?: number | undefined;
  status?: string | undefined;
  channelId?: string | undefined;
  before?: string | undefined;
  limit: number;
}

export async function insertPosts(db: Executor, rows: PostRow[]): Promise<void> {
  if (rows.length) await db.insertInto('post').values(rows).execute();
}

export function findPost(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<PostRow | undefined> {
  return db
    .selectFrom('post')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updatePost(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Partial<Omit<PostRow, 'workspace_id' | 'id' | 'created_at' | 'created_by'>> & {
    updated_at: number;
  },
): Promise<void> {
  await db
    .updateTable('post')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/**
 * Posts for the list and calendar views. With a time window the posts are ordered by their
 * slot; without one, newest first with a cursor.
 */
export function listPosts(
  db: Executor,
  workspaceId: string,
  filter: PostFilter,
): Promise<PostRow[]> {
  let query = db.selectFrom('post').selectAll('post').where('post.workspace_id', '=', workspaceId);
  if (filter.status) query = query.where('post.status', '=', filter.status);
  if (filter.channelId) {
    const channelId = filter.channelId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_target')
          .select('post_target.id')
          .where('post_target.workspace_id', '=', workspaceId)
          .whereRef('post_target.post_id', '=', 'post.id')
          .where('post_target.channel_id', '=', channelId),
      ),
    );
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    if (filter.from !== undefined) query = query.where('post.scheduled_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('post.scheduled_at', '<', filter.to);
    return query.orderBy('post.scheduled_at').orderBy('post.id').limit(filter.limit).execute();
  }
  if (filter.before) query = query.where('post.id', '<', filter.before);
  return query.orderBy('post.id', 'desc').limit(filter.limit).execute();
}

export async function insertTargets(db: Executor, rows: PostTargetRow[]): Promise<void> {
  if (rows.length) await db.insertInto('post_target').values(rows).execute();
}

export function listTargets(
  db: Executor,
  workspaceId: string,
  postIds: readonly string[],
): Promise<PostTargetRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('post_target')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('post_id', 'in', postIds)
    .orderBy('id')
    .execute();
}

export function findTarget(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<PostTargetRow | undefined> {
  return db
    .selectFrom('post_target')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteTargets(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('post_target')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * Moves a target from one of `from` to new values, only if it is still in one of them: the
 * compare-and-set every delivery step relies on so two workers never both act on a target.
 */
export async function transitionTarget(
  db: Executor,
  workspaceId: string,
  id: string,
  from: readonly string[],
  changes: Partial<Omit<PostTargetRow, 'workspace_id' | 'id' | 'post_id' | 'channel_id'>> & {
    updated_at: number;
  },
  expectScheduledAt?: number,
): Promise<boolean> {
  let query = db
    .updateTable('post_target')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', 'in', from);
  if (expectScheduledAt !== undefined) query = query.where('scheduled_at', '=', expectScheduledAt);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function incrementAttempts(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<void> {
  await db
    .updateTable('post_target')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Scheduled targets whose time has come, across workspaces: the safety net of the scheduler. */
export function listDueTargets(
  db: Executor,
  now: number,
  limit: number,
): Promise<Pick<PostTargetRow, 'workspace_id' | 'id' | 'scheduled_at'>[]> {
  return db
    .selectFrom('post_target')
    .select(['workspace_id', 'id', 'scheduled_at'])
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .limit(limit)
    .execute();
}

export async function insertReview(db: Executor, row: PostReviewRow): Promise<void> {
  await db.insertInto('post_review').values(row).execute();
}

export function listReviews(
  db: Executor,
  workspaceId: string,
  postIds: readonly string[],
): Promise<PostReviewRow[]> {
  if (postIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('post_review')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('post_id', 'in', postIds)
    .orderBy('id')
    .execute();
}

export function findSettings(
  db: Executor,
  workspaceId: string,
): Promise<{ approval_steps_json: string; allow_self_approval: number } | undefined> {
  return db
    .selectFrom('publishing_settings')
    .select(['approval_steps_json', 'allow_self_approval'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function upsertSettings(
  db: Executor,
  workspaceId: string,
  values: { approval_steps_json: string; allow_self_approval: number; updated_at: number },
): Promise<void> {
  await db
    .insertInto('publishing_settings')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .execute();
}
