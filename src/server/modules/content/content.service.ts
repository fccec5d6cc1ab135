import {
  CONTENT_POOLS,
  type ContentItem,
  type ContentItemPage,
  type ContentItemPost,
  type ContentItemQuery,
  type ContentPool,
  type CreateContentItemBody,
  type CreateSeriesBody,
  type CreateTopicBody,
  type OriginalityBody,
  type OriginalityResult,
  type PoolQuota,
  type Pools,
  type Series,
  type SeriesCadence,
  type Topic,
  type UpdateContentItemBody,
  type UpdatePoolsBody,
  type UpdateSeriesBody,
  type UpdateTopicBody,
} from '../../../shared/content.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { ContentItemRow, SeriesRow, TopicRow } from './content-tables.ts';
import * as repo from './content.repo.ts';
import { findNearDuplicates } from './originality.ts';
import { DEFAULT_QUOTAS, isoWeekWindow, monthWindow, poolWarnings } from './pools.ts';

/** How long a hot-topic item has to go out: the fast lane's promise is within 24 hours. */
export const HOT_LANE_MS = 24 * 60 * 60 * 1000;

export interface ContentServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
}

function presentTopic(row: TopicRow): Topic {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    tier: row.tier as Topic['tier'],
    color: row.color,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Who changes an item when a post written from it goes out. */
const SYSTEM: Actor = { userId: null, tokenId: null, label: 'OpsLoop', ip: null, requestId: null };

function parseCadence(json: string | null): SeriesCadence | null {
  if (!json) return null;
  const value = JSON.parse(json) as Partial<SeriesCadence>;
  return (value.period === 'week' || value.period === 'month') && typeof value.count === 'number'
    ? { period: value.period, count: value.count }
    : null;
}

function presentSeries(row: SeriesRow, stats?: repo.SeriesStats): Series {
  const cadence = parseCadence(row.cadence_json);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    topicId: row.topic_id,
    cadence,
    archivedAt: toIso(row.archived_at),
    itemCount: stats?.items ?? 0,
    usedCount: stats?.used ?? 0,
    lastUsedAt: toIso(stats?.lastUsedAt ?? null),
    usedThisPeriod: cadence
      ? ((cadence.period === 'week' ? stats?.usedInWeek : stats?.usedInMonth) ?? 0)
      : null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** What the audit log keeps of a series: its own fields, not the counts that move with items. */
function auditSeries(row: SeriesRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    topicId: row.topic_id,
    cadence: parseCadence(row.cadence_json),
    archivedAt: toIso(row.archived_at),
  };
}

function presentItem(row: ContentItemRow, postCount = 0): ContentItem {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    kind: row.kind as ContentItem['kind'],
    stage: row.stage as ContentItem['stage'],
    pool: row.pool as ContentItem['pool'],
    topicId: row.topic_id,
    seriesId: row.series_id,
    hot: row.hot === 1,
    hotDeadline: toIso(row.hot_deadline),
    usedAt: toIso(row.used_at),
    createdBy: row.created_by,
    postCount,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** What the audit log keeps of an item: everything but the body, which may be long. */
function auditItem(row: ContentItemRow) {
  const { body, ...rest }: Omit<ContentItem, 'postCount'> & { postCount?: number } =
    presentItem(row);
  // How many posts came from it is not the item's own state.
  delete rest.postCount;
  return { ...rest, bodyLength: body.length };
}

// Page cursors carry the sort key of the last row so deadline order pages without offsets.
function encodeCursor(row: ContentItemRow, sort: 'newest' | 'deadline'): string {
  return sort === 'deadline' ? `${row.hot_deadline ?? 0}.${row.id}` : row.id;
}

function decodeCursor(
  cursor: string,
  sort: 'newest' | 'deadline',
): { id: string; hotDeadline: number | null } {
  if (sort === 'newest') return { id: cursor, hotDeadline: null };
  const match = /^(\d{1,16})\.(.+)$/.exec(cursor);
  if (!match?.[1] || !match[2]) {
    throw new AppError('validation_failed', 'Invalid query: cursor', {
      fields: { cursor: 'not a cursor of this list' },
    });
  }
  return { id: match[2], hotDeadline: Number(match[1]) };
}

export function createContentService(deps: ContentServiceDeps) {
  const { db, clock, audit } = deps;

  async function requireTopic(workspaceId: string, topicId: string): Promise<TopicRow> {
    const row = await repo.findTopic(db.kysely, workspaceId, topicId);
    if (!row) throw AppError.notFound('Topic');
    return row;
  }

  async function requireSeries(workspaceId: string, seriesId: string): Promise<SeriesRow> {
    const row = await repo.findSeries(db.kysely, workspaceId, seriesId);
    if (!row) throw AppError.notFound('Series');
    return row;
  }

  async function requireItem(workspaceId: string, itemId: string): Promise<ContentItemRow> {
    const row = await repo.findItem(db.kysely, workspaceId, itemId);
    if (!row) throw AppError.notFound('Content item');
    return row;
  }

  /**
   * A reference in a body to another row must name a row of this workspace: else 400. An
   * archived series takes no new items (`currentSeriesId` is the one the item already has).
   */
  async function checkReferences(
    workspaceId: string,
    refs: { topicId?: string | null | undefined; seriesId?: string | null | undefined },
    currentSeriesId: string | null = null,
  ): Promise<void> {
    const fields: Record<string, string> = {};
    if (refs.topicId && !(await repo.findTopic(db.kysely, workspaceId, refs.topicId))) {
      fields.topicId = 'no such topic in this workspace';
    }
    if (refs.seriesId) {
      const series = await repo.findSeries(db.kysely, workspaceId, refs.seriesId);
      if (!series) fields.seriesId = 'no such series in this workspace';
      else if (series.archived_at !== null && series.id !== currentSeriesId) {
        fields.seriesId = 'this series is archived; restore it to add items';
      }
    }
    if (Object.keys(fields).length > 0) {
      throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
        fields,
      });
    }
  }

  /** The tree is one level deep: a parent must be a pillar, and a pillar with children stays one. */
  async function checkParent(
    workspaceId: string,
    parentId: string | null | undefined,
    topicId?: string,
  ): Promise<void> {
    if (!parentId) return;
    const invalid = (message: string) =>
      new AppError('validation_failed', 'Invalid body: parentId', {
        fields: { parentId: message },
      });
    if (parentId === topicId) throw invalid('a topic cannot be its own parent');
    const parent = await repo.findTopic(db.kysely, workspaceId, parentId);
    if (!parent) throw invalid('no such topic in this workspace');
    if (parent.parent_id !== null) {
      throw invalid('is a sub-topic; sub-topics sit directly under a pillar');
    }
    if (topicId) {
      const children = await repo.countSubTopics(db.kysely, workspaceId, topicId);
      if (children > 0) {
        throw new AppError(
          'conflict',
          `This pillar has ${children} sub-topic(s); move them before filing it under another pillar`,
        );
      }
    }
  }

  async function quotasOf(executor: Executor, workspaceId: string) {
    const quotas: Record<ContentPool, PoolQuota> = {
      hit: { ...DEFAULT_QUOTAS.hit },
      regular: { ...DEFAULT_QUOTAS.regular },
      reserve: { ...DEFAULT_QUOTAS.reserve },
    };
    for (const row of await repo.listPoolQuotas(executor, workspaceId)) {
      if (!(CONTENT_POOLS as readonly string[]).includes(row.pool)) continue;
      quotas[row.pool as ContentPool] = {
        weeklyMin: row.weekly_min,
        weeklyMax: row.weekly_max,
        minStock: row.min_stock,
      };
    }
    return quotas;
  }

  async function timezoneOf(workspaceId: string): Promise<string> {
    return (await repo.findWorkspaceTimezone(db.kysely, workspaceId)) ?? 'UTC';
  }

  /** Series with their counts; the cadence periods are the workspace's current week and month. */
  async function seriesWithStats(workspaceId: string, rows: SeriesRow[]): Promise<Series[]> {
    if (rows.length === 0) return [];
    const timezone = await timezoneOf(workspaceId);
    const now = clock.now();
    const stats = await repo.countSeriesItems(
      db.kysely,
      workspaceId,
      { week: isoWeekWindow(now, timezone), month: monthWindow(now, timezone) },
      rows.length === 1 ? rows.map((row) => row.id) : undefined,
    );
    const byId = new Map(stats.map((entry) => [entry.seriesId, entry]));
    return rows.map((row) => presentSeries(row, byId.get(row.id)));
  }

  async function reportPools(workspaceId: string): Promise<Pools> {
    const timezone = await timezoneOf(workspaceId);
    const window = isoWeekWindow(clock.now(), timezone);
    const quotas = await quotasOf(db.kysely, workspaceId);
    const counts = await repo.countPools(db.kysely, workspaceId, window);
    return {
      timezone,
      weekStart: toIso(window.from),
      weekEnd: toIso(window.to),
      pools: CONTENT_POOLS.map((pool) => {
        const row = counts.find((c) => c.pool === pool);
        const numbers = {
          usedThisWeek: row?.usedInWindow ?? 0,
          stock: row?.stock ?? 0,
          readyStock: row?.readyStock ?? 0,
        };
        return {
          pool,
          quota: quotas[pool],
          ...numbers,
          warnings: poolWarnings(pool, quotas[pool], numbers),
        };
      }),
    };
  }

  return {
    requireItem,

    // ── topics ──────────────────────────────────────────────────────────────
    async listTopics(scope: WorkspaceScope): Promise<Topic[]> {
      return (await repo.listTopics(db.kysely, scope.workspaceId)).map(presentTopic);
    },

    async createTopic(scope: WorkspaceScope, body: CreateTopicBody, actor: Actor): Promise<Topic> {
      await checkParent(scope.workspaceId, body.parentId);
      const now = clock.now();
      const row: TopicRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        parent_id: body.parentId ?? null,
        name: body.name,
        tier: body.tier,
        color: body.color ?? null,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertTopic(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'content.topic.create',
        targetType: 'topic',
        targetId: row.id,
        after: presentTopic(row),
      });
      return presentTopic(row);
    },

    async updateTopic(
      scope: WorkspaceScope,
      topicId: string,
      body: UpdateTopicBody,
      actor: Actor,
    ): Promise<Topic> {
      const before = await requireTopic(scope.workspaceId, topicId);
      if (body.parentId !== undefined && body.parentId !== before.parent_id) {
        await checkParent(scope.workspaceId, body.parentId, topicId);
      }
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.tier !== undefined ? { tier: body.tier } : {}),
        ...(body.color !== undefined ? { color: body.color } : {}),
        ...(body.parentId !== undefined ? { parent_id: body.parentId } : {}),
        updated_at: clock.now(),
      };
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        (trx) => repo.updateTopic(trx, scope.workspaceId, topicId, changes),
        {
          workspaceId: scope.workspaceId,
          action: 'content.topic.update',
          targetType: 'topic',
          targetId: topicId,
          before: presentTopic(before),
          after: presentTopic(after),
        },
      );
      return presentTopic(after);
    },

    async removeTopic(scope: WorkspaceScope, topicId: string, actor: Actor): Promise<void> {
      const row = await requireTopic(scope.workspaceId, topicId);
      const children = await repo.countSubTopics(db.kysely, scope.workspaceId, topicId);
      if (children > 0) {
        throw new AppError(
          'conflict',
          `This pillar has ${children} sub-topic(s); delete or move them first`,
        );
      }
      await audit.change(actor, (trx) => repo.deleteTopic(trx, scope.workspaceId, topicId), {
        workspaceId: scope.workspaceId,
        action: 'content.topic.remove',
        targetType: 'topic',
        targetId: topicId,
        before: presentTopic(row),
      });
    },

    // ── series ──────────────────────────────────────────────────────────────
    async listSeries(scope: WorkspaceScope): Promise<Series[]> {
      const rows = await repo.listSeries(db.kysely, scope.workspaceId);
      return seriesWithStats(scope.workspaceId, rows);
    },

    async createSeries(
      scope: WorkspaceScope,
      body: CreateSeriesBody,
      actor: Actor,
    ): Promise<Series> {
      await checkReferences(scope.workspaceId, { topicId: body.topicId });
      const now = clock.now();
      const row: SeriesRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        name: body.name,
        description: body.description ?? '',
        topic_id: body.topicId ?? null,
        cadence_json: body.cadence ? JSON.stringify(body.cadence) : null,
        archived_at: null,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertSeries(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'content.series.create',
        targetType: 'series',
        targetId: row.id,
        after: auditSeries(row),
      });
      return presentSeries(row);
    },

    async updateSeries(
      scope: WorkspaceScope,
      seriesId: string,
      body: UpdateSeriesBody,
      actor: Actor,
    ): Promise<Series> {
      const before = await requireSeries(scope.workspaceId, seriesId);
      await checkReferences(scope.workspaceId, { topicId: body.topicId });
      const now = clock.now();
      const archiving =
        body.archived !== undefined && body.archived !== (before.archived_at !== null);
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.topicId !== undefined ? { topic_id: body.topicId } : {}),
        ...(body.cadence !== undefined
          ? { cadence_json: body.cadence ? JSON.stringify(body.cadence) : null }
          : {}),
        ...(archiving ? { archived_at: body.archived ? now : null } : {}),
        updated_at: now,
      };
      const after = { ...before, ...changes };
      await audit.change(
        actor,
        (trx) => repo.updateSeries(trx, scope.workspaceId, seriesId, changes),
        {
          workspaceId: scope.workspaceId,
          action: archiving
            ? body.archived
              ? 'content.series.archive'
              : 'content.series.restore'
            : 'content.series.update',
          targetType: 'series',
          targetId: seriesId,
          before: auditSeries(before),
          after: auditSeries(after),
        },
      );
      const [presented] = await seriesWithStats(scope.workspaceId, [after]);
      return presented ?? presentSeries(after);
    },

    async removeSeries(scope: WorkspaceScope, seriesId: string, actor: Actor): Promise<void> {
      const row = await requireSeries(scope.workspaceId, seriesId);
      await audit.change(actor, (trx) => repo.deleteSeries(trx, scope.workspaceId, seriesId), {
        workspaceId: scope.workspaceId,
        action: 'content.series.remove',
        targetType: 'series',
        targetId: seriesId,
        before: auditSeries(row),
      });
    },

    // ── items ───────────────────────────────────────────────────────────────
    async listItems(scope: WorkspaceScope, query: ContentItemQuery): Promise<ContentItemPage> {
      const sort = query.sort ?? 'newest';
      const limit = query.limit ?? 50;
      let topicIds: string[] | undefined;
      if (query.topicId) {
        topicIds = [
          query.topicId,
          ...(await repo.listSubTopicIds(db.kysely, scope.workspaceId, query.topicId)),
        ];
      }
      const filter = {
        pool: query.pool,
        stage: query.stage,
        topicIds,
        seriesId: query.seriesId,
        hot: query.hot,
        q: query.q,
        sort,
      };
      const [rows, total] = await Promise.all([
        repo.listItems(db.kysely, scope.workspaceId, {
          ...filter,
          after: query.cursor ? decodeCursor(query.cursor, sort) : undefined,
          // One extra row says whether another page follows.
          limit: limit + 1,
        }),
        repo.countItems(db.kysely, scope.workspaceId, filter),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const postCounts = await repo.countItemPosts(
        db.kysely,
        scope.workspaceId,
        page.map((row) => row.id),
      );
      return {
        items: page.map((row) => presentItem(row, postCounts.get(row.id))),
        nextCursor: rows.length > limit && last ? encodeCursor(last, sort) : null,
        total,
      };
    },

    async getItem(scope: WorkspaceScope, itemId: string): Promise<ContentItem> {
      const row = await requireItem(scope.workspaceId, itemId);
      const counts = await repo.countItemPosts(db.kysely, scope.workspaceId, [itemId]);
      return presentItem(row, counts.get(itemId));
    },

    async createItem(
      scope: WorkspaceScope,
      body: CreateContentItemBody,
      actor: Actor,
    ): Promise<ContentItem> {
      await checkReferences(scope.workspaceId, body);
      const now = clock.now();
      const row: ContentItemRow = {
        workspace_id: scope.workspaceId,
        id: newId(now),
        title: body.title,
        body: body.body ?? '',
        kind: body.kind,
        stage: body.stage ?? 'idea',
        pool: body.pool ?? 'regular',
        topic_id: body.topicId ?? null,
        series_id: body.seriesId ?? null,
        hot: body.hot ? 1 : 0,
        hot_deadline: body.hot ? now + HOT_LANE_MS : null,
        used_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await audit.change(actor, (trx) => repo.insertItem(trx, row), {
        workspaceId: scope.workspaceId,
        action: 'content.item.create',
        targetType: 'content_item',
        targetId: row.id,
        after: auditItem(row),
      });
      return presentItem(row);
    },

    async updateItem(
      scope: WorkspaceScope,
      itemId: string,
      body: UpdateContentItemBody,
      actor: Actor,
    ): Promise<ContentItem> {
      const before = await requireItem(scope.workspaceId, itemId);
      await checkReferences(scope.workspaceId, body, before.series_id);
      const now = clock.now();
      const changes: Partial<ContentItemRow> & { updated_at: number } = { updated_at: now };
      if (body.title !== undefined) changes.title = body.title;
      if (body.body !== undefined) changes.body = body.body;
      if (body.kind !== undefined) changes.kind = body.kind;
      if (body.pool !== undefined) changes.pool = body.pool;
      if (body.topicId !== undefined) changes.topic_id = body.topicId;
      if (body.seriesId !== undefined) changes.series_id = body.seriesId;
      if (body.stage !== undefined && body.stage !== before.stage) {
        // `used` is what the weekly quota counts: it must come from a finished piece, and once
        // counted it stays counted, or the week's numbers could be rewritten after the fact.
        if (before.stage === 'used') {
          throw new AppError(
            'conflict',
            'This item is already used and stays counted in the week it was used; you can still write another post from it',
          );
        }
        if (body.stage === 'used' && before.stage !== 'ready') {
          throw new AppError(
            'conflict',
            `Only a ready item can be marked used; this one is at ${before.stage}`,
          );
        }
        changes.stage = body.stage;
        if (body.stage === 'used') changes.used_at = now;
      }
      if (body.hot !== undefined && body.hot !== (before.hot === 1)) {
        // The 24 hours run from when the item entered the lane, not from its last edit.
        changes.hot = body.hot ? 1 : 0;
        changes.hot_deadline = body.hot ? now + HOT_LANE_MS : null;
      }
      const after = { ...before, ...changes };
      await audit.change(actor, (trx) => repo.updateItem(trx, scope.workspaceId, itemId, changes), {
        workspaceId: scope.workspaceId,
        action: 'content.item.update',
        targetType: 'content_item',
        targetId: itemId,
        before: auditItem(before),
        after: auditItem(after),
      });
      const counts = await repo.countItemPosts(db.kysely, scope.workspaceId, [itemId]);
      return presentItem(after, counts.get(itemId));
    },

    async removeItem(scope: WorkspaceScope, itemId: string, actor: Actor): Promise<void> {
      const row = await requireItem(scope.workspaceId, itemId);
      await audit.change(actor, (trx) => repo.deleteItem(trx, scope.workspaceId, itemId), {
        workspaceId: scope.workspaceId,
        action: 'content.item.remove',
        targetType: 'content_item',
        targetId: itemId,
        before: auditItem(row),
      });
    },

    // ── posts written from items ────────────────────────────────────────────
    async listItemPosts(scope: WorkspaceScope, itemId: string): Promise<ContentItemPost[]> {
      await requireItem(scope.workspaceId, itemId);
      const rows = await repo.listItemPosts(db.kysely, scope.workspaceId, itemId);
      return rows.map(({ post, channelIds, publishedAt }) => ({
        postId: post.id,
        title: post.title,
        excerpt: post.body.slice(0, 140),
        status: post.status as ContentItemPost['status'],
        scheduledAt: toIso(post.scheduled_at),
        publishedAt: toIso(publishedAt),
        channelIds,
        createdAt: toIso(post.created_at),
      }));
    },

    /**
     * Records that a new post is written from an item, inside the transaction that creates the
     * post, so a post never points at an item of another workspace and both land or neither.
     * Any item may be posted again, a used one included.
     */
    async linkPost(
      trx: Executor,
      link: { workspaceId: string; postId: string; itemId: string; actor: Actor },
    ): Promise<void> {
      const item = await repo.findItem(trx, link.workspaceId, link.itemId);
      if (!item) {
        throw new AppError('validation_failed', 'Invalid body: contentItemId', {
          fields: { contentItemId: 'no such content item in this workspace' },
        });
      }
      await repo.insertItemPost(trx, {
        workspace_id: link.workspaceId,
        post_id: link.postId,
        item_id: link.itemId,
        created_by: link.actor.userId,
        created_at: clock.now(),
      });
      await audit.record(trx, link.actor, {
        workspaceId: link.workspaceId,
        action: 'content.item.post_create',
        targetType: 'content_item',
        targetId: link.itemId,
        after: { postId: link.postId, stage: item.stage },
      });
    },

    /**
     * A post went out on at least one channel: the item it was written from moves to `used`
     * (whatever stage it was at: the piece is public now). Safe to call again for the same post;
     * an item that is already used keeps its first use date, which is the week it counts in.
     */
    async markUsedByPost(event: {
      workspaceId: string;
      postId: string;
      publishedAt: number;
    }): Promise<void> {
      const link = await repo.findItemPostByPost(db.kysely, event.workspaceId, event.postId);
      if (!link) return;
      const before = await repo.findItem(db.kysely, event.workspaceId, link.item_id);
      if (!before || before.stage === 'used') return;
      const at = event.publishedAt;
      await db.kysely.transaction().execute(async (trx) => {
        const moved = await repo.markItemUsed(trx, event.workspaceId, before.id, at, clock.now());
        if (!moved) return;
        await audit.record(trx, SYSTEM, {
          workspaceId: event.workspaceId,
          action: 'content.item.used',
          targetType: 'content_item',
          targetId: before.id,
          before: auditItem(before),
          after: {
            ...auditItem({ ...before, stage: 'used', used_at: at, updated_at: clock.now() }),
            postId: event.postId,
          },
        });
      });
    },

    // ── pools ───────────────────────────────────────────────────────────────
    reportPools: (scope: WorkspaceScope) => reportPools(scope.workspaceId),

    async updatePools(scope: WorkspaceScope, body: UpdatePoolsBody, actor: Actor): Promise<Pools> {
      const before = await quotasOf(db.kysely, scope.workspaceId);
      const after: Record<ContentPool, PoolQuota> = { ...before };
      const fields: Record<string, string> = {};
      for (const pool of CONTENT_POOLS) {
        const patch = body[pool];
        if (!patch) continue;
        const next = { ...before[pool], ...patch };
        if (next.weeklyMin !== null && next.weeklyMax !== null && next.weeklyMin > next.weeklyMax) {
          fields[`${pool}.weeklyMax`] = `must be at least weeklyMin (${next.weeklyMin})`;
        }
        after[pool] = next;
      }
      if (Object.keys(fields).length > 0) {
        throw new AppError('validation_failed', `Invalid body: ${Object.keys(fields).join(', ')}`, {
          fields,
        });
      }
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        for (const pool of CONTENT_POOLS) {
          if (!body[pool]) continue;
          await repo.upsertPoolQuota(trx, {
            workspace_id: scope.workspaceId,
            pool,
            weekly_min: after[pool].weeklyMin,
            weekly_max: after[pool].weeklyMax,
            min_stock: after[pool].minStock,
            updated_at: now,
          });
        }
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'content.pools.update',
          targetType: 'workspace',
          targetId: scope.workspaceId,
          before,
          after,
        });
      });
      return reportPools(scope.workspaceId);
    },

    // ── originality ─────────────────────────────────────────────────────────
    async checkOriginality(
      scope: WorkspaceScope,
      body: OriginalityBody,
    ): Promise<OriginalityResult> {
      const [items, posts] = await Promise.all([
        repo.listItemTexts(db.kysely, scope.workspaceId),
        repo.listPublishedPostTexts(db.kysely, scope.workspaceId),
      ]);
      type Key = { id: string; source: 'item' | 'post'; title: string };
      const candidates = [
        ...items
          .filter((item) => item.id !== body.excludeItemId)
          .map((item) => ({
            key: { id: item.id, source: 'item', title: item.title } as Key,
            // Bodies are compared with bodies; an idea with no body yet is known by its title.
            text: item.body.trim() ? item.body : item.title,
          })),
        ...posts.map((post) => ({
          key: {
            id: post.id,
            source: 'post',
            title: post.title ?? post.body.slice(0, 40),
          } as Key,
          text: post.body,
        })),
      ];
      const matches = findNearDuplicates(body.text, candidates);
      return {
        matches: matches.map((match) => ({
          itemId: match.key.id,
          source: match.key.source,
          title: match.key.title,
          similarity: match.similarity,
          sharedSnippet: match.sharedSnippet,
        })),
      };
    },
  };
}

/** The content library: topics, series, items, pool quotas and the originality check. */
export type ContentService = ReturnType<typeof createContentService>;
