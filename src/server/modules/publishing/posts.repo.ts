import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  ChannelRow,
  Database,
  PostReviewRow,
  PostRow,
  PostTargetRow,
} from '../../db/schema.ts';

export interface PostFilter {
  from?: number | undefined;
  to?: number | undefined;
  status?: string | undefined;
  channelId?: string | undefined;
  before?: string | undefined;
  /** In a time window: the slot and id of the previous page's last post. */
  afterSlot?: { scheduledAt: number; id: string } | undefined;
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
  let query = db
    .selectFrom('post')
    .selectAll('post')
    .where('post.workspace_id', '=', workspaceId)
    .where(postMatches(workspaceId, filter));
  if (filter.from !== undefined || filter.to !== undefined) {
    const after = filter.afterSlot;
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb('post.scheduled_at', '>', after.scheduledAt),
          eb.and([eb('post.scheduled_at', '=', after.scheduledAt), eb('post.id', '>', after.id)]),
        ]),
      );
    }
    return query.orderBy('post.scheduled_at').orderBy('post.id').limit(filter.limit).execute();
  }
  if (filter.before) query = query.where('post.id', '<', filter.before);
  return query.orderBy('post.id', 'desc').limit(filter.limit).execute();
}

/** Posts matching a filter (paging aside), per status. */
export async function countPostsByStatus(
  db: Executor,
  workspaceId: string,
  filter: Omit<PostFilter, 'before' | 'afterSlot' | 'limit'>,
): Promise<{ status: string; count: number }[]> {
  const rows = await db
    .selectFrom('post')
    .select((eb) => ['post.status', eb.fn.countAll<number>().as('n')])
    .where('post.workspace_id', '=', workspaceId)
    .where(postMatches(workspaceId, filter))
    .groupBy('post.status')
    .execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.n) }));
}

/** The filter's conditions on status, channel and time window, shared by lists and counts. */
function postMatches(workspaceId: string, filter: Omit<PostFilter, 'limit'>) {
  return (eb: ExpressionBuilder<Database, 'post'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.status) conditions.push(eb('post.status', '=', filter.status));
    if (filter.channelId) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('post_target')
            .select('post_target.id')
            .where('post_target.workspace_id', '=', workspaceId)
            .whereRef('post_target.post_id', '=', 'post.id')
            .where('post_target.channel_id', '=', filter.channelId),
        ),
      );
    }
    if (filter.from !== undefined) conditions.push(eb('post.scheduled_at', '>=', filter.from));
    if (filter.to !== undefined) conditions.push(eb('post.scheduled_at', '<', filter.to));
    return eb.and(conditions);
  };
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

/**
 * Everything a delivery needs in one round trip: the target, its post's topics and its channel.
 */
export async function findDelivery(
  db: Executor,
  workspaceId: string,
  targetId: string,
): Promise<{ target: PostTargetRow; channel: ChannelRow; topics: string[] } | undefined> {
  const row = await db
    .selectFrom('post_target as t')
    .innerJoin('post as p', (j) =>
      j.onRef('p.workspace_id', '=', 't.workspace_id').onRef('p.id', '=', 't.post_id'),
    )
    .innerJoin('channel as c', (j) =>
      j.onRef('c.workspace_id', '=', 't.workspace_id').onRef('c.id', '=', 't.channel_id'),
    )
    .selectAll('t')
    .select([
      'p.topics_json',
      'c.platform as c_platform',
      'c.style as c_style',
      'c.name as c_name',
      'c.handle as c_handle',
      'c.timezone as c_timezone',
      'c.color as c_color',
      'c.config_json as c_config_json',
      'c.credentials_sealed as c_credentials_sealed',
      'c.external_account_id as c_external_account_id',
      'c.status as c_status',
      'c.status_detail as c_status_detail',
      'c.cadence_json as c_cadence_json',
      'c.last_checked_at as c_last_checked_at',
      'c.created_at as c_created_at',
      'c.updated_at as c_updated_at',
    ])
    .where('t.workspace_id', '=', workspaceId)
    .where('t.id', '=', targetId)
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    topics_json,
    c_platform,
    c_style,
    c_name,
    c_handle,
    c_timezone,
    c_color,
    c_config_json,
    c_credentials_sealed,
    c_external_account_id,
    c_status,
    c_status_detail,
    c_cadence_json,
    c_last_checked_at,
    c_created_at,
    c_updated_at,
    ...target
  } = row;
  return {
    target,
    topics: JSON.parse(topics_json) as string[],
    channel: {
      workspace_id: target.workspace_id,
      id: target.channel_id,
      platform: c_platform,
      style: c_style,
      name: c_name,
      handle: c_handle,
      timezone: c_timezone,
      color: c_color,
      config_json: c_config_json,
      credentials_sealed: c_credentials_sealed,
      external_account_id: c_external_account_id,
      status: c_status,
      status_detail: c_status_detail,
      cadence_json: c_cadence_json,
      last_checked_at: c_last_checked_at,
      created_at: c_created_at,
      updated_at: c_updated_at,
    },
  };
}
