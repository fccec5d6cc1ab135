import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Database } from '../../db/schema.ts';
import type {
  ContentItemPostRow,
  ContentItemRow,
  ContentPoolQuotaRow,
  SeriesRow,
  TopicRow,
} from './content-tables.ts';

type Changes<Row> = Partial<Omit<Row, 'workspace_id' | 'id' | 'created_at'>> & {
  updated_at: number;
};

// ── workspace ─────────────────────────────────────────────────────────────────

/** The workspace's time zone, which decides where its ISO week begins. */
export async function findWorkspaceTimezone(
  db: Executor,
  workspaceId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('workspace')
    .select('timezone')
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  return row?.timezone;
}

// ── topics ────────────────────────────────────────────────────────────────────

export async function insertTopic(db: Executor, row: TopicRow): Promise<void> {
  await db.insertInto('topic').values(row).execute();
}

export function listTopics(db: Executor, workspaceId: string): Promise<TopicRow[]> {
  return db
    .selectFrom('topic')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

export function findTopic(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<TopicRow | undefined> {
  return db
    .selectFrom('topic')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listSubTopicIds(
  db: Executor,
  workspaceId: string,
  parentId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('topic')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', parentId)
    .execute();
  return rows.map((row) => row.id);
}

export async function updateTopic(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Changes<TopicRow>,
): Promise<void> {
  await db
    .updateTable('topic')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a topic; series and items filed under it stay, without a topic. */
export async function deleteTopic(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('series')
    .set({ topic_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('topic_id', '=', id)
    .execute();
  await db
    .updateTable('content_item')
    .set({ topic_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('topic_id', '=', id)
    .execute();
  await db
    .deleteFrom('topic')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

// ── series ────────────────────────────────────────────────────────────────────

export async function insertSeries(db: Executor, row: SeriesRow): Promise<void> {
  await db.insertInto('series').values(row).execute();
}

export function listSeries(db: Executor, workspaceId: string): Promise<SeriesRow[]> {
  return db
    .selectFrom('series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
}

export function findSeries(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<SeriesRow | undefined> {
  return db
    .selectFrom('series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateSeries(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Changes<SeriesRow>,
): Promise<void> {
  await db
    .updateTable('series')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a series; its items stay in the library, outside any series. */
export async function deleteSeries(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .updateTable('content_item')
    .set({ series_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', id)
    .execute();
  await db
    .deleteFrom('series')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Per series: items filed, of them used, the latest use, and uses inside two windows. */
export interface SeriesStats {
  seriesId: string;
  items: number;
  used: number;
  lastUsedAt: number | null;
  usedInWeek: number;
  usedInMonth: number;
}

export async function countSeriesItems(
  db: Executor,
  workspaceId: string,
  windows: { week: { from: number; to: number }; month: { from: number; to: number } },
  seriesIds?: readonly string[],
): Promise<SeriesStats[]> {
  if (seriesIds?.length === 0) return [];
  const usedWithin = (eb: ExpressionBuilder<Database, 'content_item'>, w: typeof windows.week) =>
    eb.fn.sum<number>(
      eb
        .case()
        .when(
          eb.and([eb('stage', '=', 'used'), eb('used_at', '>=', w.from), eb('used_at', '<', w.to)]),
        )
        .then(1)
        .else(0)
        .end(),
    );
  let query = db
    .selectFrom('content_item')
    .select((eb) => [
      'series_id',
      eb.fn.countAll<number>().as('items'),
      eb.fn.sum<number>(eb.case().when('stage', '=', 'used').then(1).else(0).end()).as('used'),
      eb.fn.max('used_at').as('last_used_at'),
      usedWithin(eb, windows.week).as('used_week'),
      usedWithin(eb, windows.month).as('used_month'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('series_id', 'is not', null);
  if (seriesIds) query = query.where('series_id', 'in', seriesIds);
  const rows = await query.groupBy('series_id').execute();
  return rows.map((row) => ({
    seriesId: row.series_id ?? '',
    items: Number(row.items),
    used: Number(row.used),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    usedInWeek: Number(row.used_week),
    usedInMonth: Number(row.used_month),
  }));
}

// ── items ─────────────────────────────────────────────────────────────────────

export interface ContentItemFilter {
  pool?: string | undefined;
  stage?: string | undefined;
  /** Any of these topics (a pillar and its sub-topics). */
  topicIds?: readonly string[] | undefined;
  seriesId?: string | undefined;
  hot?: boolean | undefined;
  q?: string | undefined;
  /** `deadline`: hot items by deadline, soonest first; otherwise newest first. */
  sort: 'newest' | 'deadline';
  /** The last row of the previous page. */
  after?: { id: string; hotDeadline: number | null } | undefined;
  limit: number;
}

export async function insertItem(db: Executor, row: ContentItemRow): Promise<void> {
  await db.insertInto('content_item').values(row).execute();
}

export function findItem(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ContentItemRow | undefined> {
  return db
    .selectFrom('content_item')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** The filter's conditions (all but paging), shared by the page and its total. */
function matches(filter: Omit<ContentItemFilter, 'after' | 'limit'>) {
  return (eb: ExpressionBuilder<Database, 'content_item'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.pool) conditions.push(eb('pool', '=', filter.pool));
    if (filter.stage) conditions.push(eb('stage', '=', filter.stage));
    if (filter.topicIds) conditions.push(eb('topic_id', 'in', filter.topicIds));
    if (filter.seriesId) conditions.push(eb('series_id', '=', filter.seriesId));
    if (filter.hot !== undefined) conditions.push(eb('hot', '=', filter.hot ? 1 : 0));
    if (filter.q) {
      // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
      const pattern = likePattern(filter.q);
      conditions.push(
        eb.or([
          sql<boolean>`lower(${eb.ref('title')}) like ${pattern} escape '\\'`,
          sql<boolean>`lower(${eb.ref('body')}) like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (filter.sort === 'deadline') conditions.push(eb('hot_deadline', 'is not', null));
    return eb.and(conditions);
  };
}

export function listItems(
  db: Executor,
  workspaceId: string,
  filter: ContentItemFilter,
): Promise<ContentItemRow[]> {
  let query = db
    .selectFrom('content_item')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(matches(filter));
  if (filter.sort === 'deadline') {
    const after = filter.after;
    if (after?.hotDeadline != null) {
      const deadline = after.hotDeadline;
      query = query.where((eb) =>
        eb.or([
          eb('hot_deadline', '>', deadline),
          eb.and([eb('hot_deadline', '=', deadline), eb('id', '>', after.id)]),
        ]),
      );
    }
    return query.orderBy('hot_deadline').orderBy('id').limit(filter.limit).execute();
  }
  if (filter.after) query = query.where('id', '<', filter.after.id);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

/** How many items match a filter across all pages. */
export async function countItems(
  db: Executor,
  workspaceId: string,
  filter: Omit<ContentItemFilter, 'after' | 'limit'>,
): Promise<number> {
  const row = await db
    .selectFrom('content_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where(matches(filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateItem(
  db: Executor,
  workspaceId: string,
  id: string,
  changes: Changes<ContentItemRow>,
): Promise<void> {
  await db
    .updateTable('content_item')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes an item; the posts written from it stay, no longer linked. */
export async function deleteItem(db: Executor, workspaceId: string, id: string): Promise<void> {
  await db
    .deleteFrom('content_item_post')
    .where('workspace_id', '=', workspaceId)
    .where('item_id', '=', id)
    .execute();
  await db
    .deleteFrom('content_item')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Sub-topics under a pillar: a pillar with any cannot be removed. */
export async function countSubTopics(
  db: Executor,
  workspaceId: string,
  parentId: string,
): Promise<number> {
  const row = await db
    .selectFrom('topic')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', parentId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves an item to `used` unless it already is; false when another writer got there first, so
 * the change and its audit event happen once.
 */
export async function markItemUsed(
  db: Executor,
  workspaceId: string,
  id: string,
  usedAt: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('content_item')
    .set({ stage: 'used', used_at: usedAt, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('stage', '!=', 'used')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── posts written from items ──────────────────────────────────────────────────

export async function insertItemPost(db: Executor, row: ContentItemPostRow): Promise<void> {
  await db.insertInto('content_item_post').values(row).execute();
}

export function findItemPostByPost(
  db: Executor,
  workspaceId: string,
  postId: string,
): Promise<ContentItemPostRow | undefined> {
  return db
    .selectFrom('content_item_post')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
}

/** Posts written from each of these items. */
export async function countItemPosts(
  db: Executor,
  workspaceId: string,
  itemIds: readonly string[],
): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('content_item_post')
    .select((eb) => ['item_id', eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('item_id', 'in', itemIds)
    .groupBy('item_id')
    .execute();
  return new Map(rows.map((row) => [row.item_id, Number(row.n)]));
}

/**
 * The posts written from an item, newest first, with their channels and when the first channel
 * version went out. Reads the publishing tables the way the originality check does.
 */
export async function listItemPosts(
  db: Executor,
  workspaceId: string,
  itemId: string,
): Promise<
  {
    post: {
      id: string;
      title: string | null;
      body: string;
      status: string;
      scheduled_at: number | null;
      created_at: number;
    };
    channelIds: string[];
    publishedAt: number | null;
  }[]
> {
  const posts = await db
    .selectFrom('content_item_post as l')
    .innerJoin('post as p', (j) =>
      j.onRef('p.workspace_id', '=', 'l.workspace_id').onRef('p.id', '=', 'l.post_id'),
    )
    .select(['p.id', 'p.title', 'p.body', 'p.status', 'p.scheduled_at', 'p.created_at'])
    .where('l.workspace_id', '=', workspaceId)
    .where('l.item_id', '=', itemId)
    .orderBy('p.id', 'desc')
    .execute();
  if (posts.length === 0) return [];
  const targets = await db
    .selectFrom('post_target')
    .select(['post_id', 'channel_id', 'status', 'published_at'])
    .where('workspace_id', '=', workspaceId)
    .where(
      'post_id',
      'in',
      posts.map((post) => post.id),
    )
    .orderBy('id')
    .execute();
  return posts.map((post) => {
    const own = targets.filter((t) => t.post_id === post.id && t.status !== 'canceled');
    const published = own
      .filter((t) => t.status === 'published' && t.published_at !== null)
      .map((t) => Number(t.published_at));
    return {
      post: {
        ...post,
        scheduled_at: post.scheduled_at === null ? null : Number(post.scheduled_at),
        created_at: Number(post.created_at),
      },
      channelIds: own.map((t) => t.channel_id),
      publishedAt: published.length ? Math.min(...published) : null,
    };
  });
}

// ── pools ─────────────────────────────────────────────────────────────────────

/** Per pool: items not yet used, those of them at draft or ready, and uses within a window. */
export interface PoolCounts {
  pool: string;
  stock: number;
  readyStock: number;
  usedInWindow: number;
}

export async function countPools(
  db: Executor,
  workspaceId: string,
  window: { from: number; to: number },
): Promise<PoolCounts[]> {
  const rows = await db
    .selectFrom('content_item')
    .select((eb) => [
      'pool',
      eb.fn.sum<number>(eb.case().when('stage', '!=', 'used').then(1).else(0).end()).as('stock'),
      eb.fn
        .sum<number>(eb.case().when('stage', 'in', ['draft', 'ready']).then(1).else(0).end())
        .as('ready_stock'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('stage', '=', 'used'),
                eb('used_at', '>=', window.from),
                eb('used_at', '<', window.to),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('used'),
    ])
    .where('workspace_id', '=', workspaceId)
    .groupBy('pool')
    .execute();
  return rows.map((row) => ({
    pool: row.pool,
    stock: Number(row.stock),
    readyStock: Number(row.ready_stock),
    usedInWindow: Number(row.used),
  }));
}

export function listPoolQuotas(db: Executor, workspaceId: string): Promise<ContentPoolQuotaRow[]> {
  return db
    .selectFrom('content_pool_quota')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function upsertPoolQuota(db: Executor, row: ContentPoolQuotaRow): Promise<void> {
  await db
    .insertInto('content_pool_quota')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'pool']).doUpdateSet({
        weekly_min: row.weekly_min,
        weekly_max: row.weekly_max,
        min_stock: row.min_stock,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ── originality ───────────────────────────────────────────────────────────────

/** Every content item's text, for the originality check. */
export function listItemTexts(
  db: Executor,
  workspaceId: string,
): Promise<{ id: string; title: string; body: string }[]> {
  return db
    .selectFrom('content_item')
    .select(['id', 'title', 'body'])
    .where('workspace_id', '=', workspaceId)
    .execute();
}

/** Bodies of posts that went out on at least one channel (a partly failed post still counts). */
export function listPublishedPostTexts(
  db: Executor,
  workspaceId: string,
): Promise<{ id: string; title: string | null; body: string }[]> {
  return db
    .selectFrom('post')
    .select(['post.id', 'post.title', 'post.body'])
    .where('post.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_target')
          .select('post_target.id')
          .where('post_target.workspace_id', '=', workspaceId)
          .whereRef('post_target.post_id', '=', 'post.id')
          .where('post_target.status', '=', 'published'),
      ),
    )
    .execute();
}
