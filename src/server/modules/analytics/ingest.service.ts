import {
  DAILY_METRIC_FIELDS,
  type ChannelMetricRow,
  type MetricBatchBody,
  type MetricBatchResult,
  type PostMetricRow,
} from '../../../shared/analytics.ts';
import type { Db } from '../../db/database.ts';
import type { Executor } from '../../db/executor.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/clock.ts';
import * as repo from './ingest.repo.ts';
import type { DailyWrite, SnapshotWrite, TargetRef } from './ingest.repo.ts';

/** A post to record as already published (it went out before OpsLoop knew it). */
export interface ExternalPost {
  channelId: string;
  title: string | null;
  text: string;
  topics: string[];
  externalId: string;
  url: string | null;
  publishedAt: number;
  idempotencyKey: string;
}

/** Records published posts and returns each one's target id (the publishing module does it). */
export type ImportPosts = (
  workspaceId: string,
  createdBy: string,
  items: readonly ExternalPost[],
) => Promise<string[]>;

export interface IngestServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  importPosts: ImportPosts;
}

/** At most this many fields are named in one 400, so a bad batch of 20,000 rows stays readable. */
const MAX_REPORTED = 20;

class FieldErrors {
  readonly fields: Record<string, string> = {};
  count = 0;
  add(path: string, message: string): void {
    this.count += 1;
    if (this.count <= MAX_REPORTED) this.fields[path] = message;
  }
  throwIfAny(): void {
    if (this.count === 0) return;
    const names = Object.keys(this.fields);
    const more = this.count > names.length ? ` (and ${this.count - names.length} more)` : '';
    throw new AppError(
      'validation_failed',
      `Invalid body: ${names.slice(0, 5).join(', ')}${more}`,
      { fields: this.fields },
    );
  }
}

/** Who created a post on someone's behalf: the person, else the API token. */
export function creatorOf(actor: Actor): string {
  return actor.userId ?? `token:${actor.tokenId ?? 'unknown'}`;
}

/** A snapshot row from a post's counts; absent likes, comments and shares count as 0. */
export function snapshotWrite(
  workspaceId: string,
  target: { id: string; channel_id: string },
  observedAt: number,
  counts: Partial<Record<keyof PostMetricRow, unknown>>,
  source: string,
  importId: string | null,
): SnapshotWrite {
  const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  return {
    workspace_id: workspaceId,
    target_id: target.id,
    observed_at: observedAt,
    channel_id: target.channel_id,
    impressions: num(counts.impressions),
    reach: num(counts.reach),
    likes: num(counts.likes) ?? 0,
    comments: num(counts.comments) ?? 0,
    shares: num(counts.shares) ?? 0,
    saves: num(counts.saves),
    clicks: num(counts.clicks),
    views: num(counts.views),
    follows: num(counts.follows),
    conversions: num(counts.conversions),
    revenue: num(counts.revenue),
    currency: typeof counts.currency === 'string' ? counts.currency : null,
    source,
    import_id: importId,
  };
}

/** The long rows of one wide channel row: one per metric, follows by source one per source. */
export function dailyWrites(
  workspaceId: string,
  row: ChannelMetricRow,
  source: string,
  importId: string | null,
  now: number,
): DailyWrite[] {
  const out: DailyWrite[] = [];
  const base = {
    workspace_id: workspaceId,
    channel_id: row.channelId,
    day: row.day,
    source,
    import_id: importId,
    updated_at: now,
  };
  for (const [field, metric] of Object.entries(DAILY_METRIC_FIELDS)) {
    const value = row[field as keyof typeof DAILY_METRIC_FIELDS];
    if (value === undefined) continue;
    // Money is kept per currency, so sums never add yuan to dollars.
    const dimension = metric === 'revenue' || metric === 'cost' ? (row.currency ?? '') : '';
    out.push({ ...base, metric, dimension, value });
  }
  for (const [sourceName, value] of Object.entries(row.followsBySource ?? {})) {
    if (value === undefined) continue;
    out.push({ ...base, metric: 'follows_by_source', dimension: sourceName, value });
  }
  return out;
}

/** Keeps the last row of each key: one statement may not touch a row twice. */
export function dedupeSnapshots(rows: readonly SnapshotWrite[]): SnapshotWrite[] {
  const byKey = new Map<string, SnapshotWrite>();
  for (const row of rows) byKey.set(repo.snapshotKey(row.target_id, row.observed_at), row);
  return byKey.size === rows.length ? [...rows] : [...byKey.values()];
}

export function dedupeDaily(rows: readonly DailyWrite[]): DailyWrite[] {
  const byKey = new Map<string, DailyWrite>();
  for (const row of rows) {
    byKey.set(repo.dailyKey(row.channel_id, row.day, row.metric, row.dimension), row);
  }
  return byKey.size === rows.length ? [...rows] : [...byKey.values()];
}

/**
 * Metric batches from external pipelines: post-level snapshots and channel-level daily numbers,
 * written by natural key so that sending a batch again changes nothing.
 */
export function createIngestService(deps: IngestServiceDeps) {
  const { db, clock, audit } = deps;

  /** Checks every channel a batch names; 400 naming each row whose channel is not usable. */
  async function checkChannels(
    scope: WorkspaceScope,
    refs: readonly { path: string; channelId: string | undefined }[],
    errors: FieldErrors,
  ): Promise<void> {
    const ids = [...new Set(refs.flatMap((r) => (r.channelId ? [r.channelId] : [])))];
    const found = new Set(
      (await repo.findChannels(db.kysely, scope.workspaceId, ids)).map((c) => c.id),
    );
    for (const ref of refs) {
      if (!ref.channelId) continue;
      if (!found.has(ref.channelId)) errors.add(ref.path, 'no such channel in this workspace');
      else if (scope.channelIds && !scope.channelIds.includes(ref.channelId)) {
        errors.add(ref.path, 'not one of the channels you may use');
      }
    }
  }

  /** Finds (or, when asked, creates) the post of each row; row index → target. */
  async function resolvePosts(
    scope: WorkspaceScope,
    rows: readonly PostMetricRow[],
    unknownPosts: 'reject' | 'create',
    actor: Actor,
    errors: FieldErrors,
  ): Promise<{ targets: (TargetRef | null)[]; created: number }> {
    const targets: (TargetRef | null)[] = new Array<TargetRef | null>(rows.length).fill(null);
    const byTargetId = new Map<string, number[]>();
    const byExternal = new Map<string, Map<string, number[]>>();
    rows.forEach((row, i) => {
      if (row.targetId) {
        const list = byTargetId.get(row.targetId) ?? [];
        list.push(i);
        byTargetId.set(row.targetId, list);
      } else if (row.channelId && row.externalPostId) {
        const channel = byExternal.get(row.channelId) ?? new Map<string, number[]>();
        const list = channel.get(row.externalPostId) ?? [];
        list.push(i);
        channel.set(row.externalPostId, list);
        byExternal.set(row.channelId, channel);
      }
    });

    if (byTargetId.size > 0) {
      const found = new Map(
        (await repo.findTargetsByIds(db.kysely, scope.workspaceId, [...byTargetId.keys()])).map(
          (t) => [t.id, t],
        ),
      );
      for (const [targetId, indexes] of byTargetId) {
        const target = found.get(targetId);
        for (const i of indexes) {
          const row = rows[i]!;
          if (!target) errors.add(`posts.${i}.targetId`, 'no such post version in this workspace');
          else if (row.channelId && row.channelId !== target.channel_id) {
            errors.add(`posts.${i}.channelId`, 'the post version belongs to another channel');
          } else if (scope.channelIds && !scope.channelIds.includes(target.channel_id)) {
            errors.add(`posts.${i}.targetId`, 'not on one of the channels you may use');
          } else targets[i] = target;
        }
      }
    }

    const toCreate: { index: number; post: ExternalPost }[] = [];
    for (const [channelId, externals] of byExternal) {
      const found = new Map(
        (
          await repo.findTargetsByExternalIds(db.kysely, scope.workspaceId, channelId, [
            ...externals.keys(),
          ])
        ).map((t) => [t.external_id!, t]),
      );
      for (const [externalId, indexes] of externals) {
        const target = found.get(externalId);
        if (target) {
          for (const i of indexes) targets[i] = target;
          continue;
        }
        if (unknownPosts === 'reject') {
          for (const i of indexes) {
            errors.add(
              `posts.${i}.externalPostId`,
              'no post of this channel has this id (send unknownPosts: "create" to add it)',
            );
          }
          continue;
        }
        const first = rows[indexes[0]!]!;
        const publishedAt = indexes.map((i) => rows[i]!.publishedAt).find((p) => p !== undefined);
        if (publishedAt === undefined) {
          for (const i of indexes) {
            errors.add(`posts.${i}.publishedAt`, 'needed to create a post OpsLoop does not know');
          }
          continue;
        }
        toCreate.push({
          index: indexes[0]!,
          post: {
            channelId,
            title: first.title ?? null,
            text: first.title ?? '',
            topics: [],
            externalId,
            url: first.url ?? null,
            publishedAt,
            idempotencyKey: `api:${channelId}:${externalId}`,
          },
        });
      }
    }
    errors.throwIfAny();

    if (toCreate.length > 0) {
      const ids = await deps.importPosts(
        scope.workspaceId,
        creatorOf(actor),
        toCreate.map((c) => c.post),
      );
      const created = await repo.findTargetsByIds(db.kysely, scope.workspaceId, ids);
      const byKey = new Map(created.map((t) => [`${t.channel_id}|${t.external_id}`, t]));
      rows.forEach((row, i) => {
        if (targets[i] || !row.channelId || !row.externalPostId) return;
        targets[i] = byKey.get(`${row.channelId}|${row.externalPostId}`) ?? null;
      });
    }
    return { targets, created: toCreate.length };
  }

  return {
    /**
     * Validates a batch against the workspace (channels, posts), then writes it in one
     * transaction with its audit event. A 400 names every bad row and field.
     */
    async ingestBatch(
      scope: WorkspaceScope,
      body: MetricBatchBody,
      actor: Actor,
    ): Promise<MetricBatchResult> {
      const errors = new FieldErrors();
      await checkChannels(
        scope,
        [
          ...body.posts.map((row, i) => ({
            path: `posts.${i}.channelId`,
            channelId: row.channelId,
          })),
          ...body.channels.map((row, i) => ({
            path: `channels.${i}.channelId`,
            channelId: row.channelId,
          })),
        ],
        errors,
      );
      body.posts.forEach((row, i) => {
        if (row.revenue != null && !row.currency) {
          errors.add(`posts.${i}.currency`, 'needed with revenue');
        }
      });
      body.channels.forEach((row, i) => {
        if ((row.revenue !== undefined || row.cost !== undefined) && !row.currency) {
          errors.add(`channels.${i}.currency`, 'needed with revenue or cost');
        }
      });
      errors.throwIfAny();

      const { targets, created } = await resolvePosts(
        scope,
        body.posts,
        body.unknownPosts,
        actor,
        errors,
      );
      const now = clock.now();
      const snapshots = dedupeSnapshots(
        body.posts.map((row, i) =>
          snapshotWrite(scope.workspaceId, targets[i]!, row.observedAt, row, 'api', null),
        ),
      );
      const daily = dedupeDaily(
        body.channels.flatMap((row) => dailyWrites(scope.workspaceId, row, 'api', null, now)),
      );

      let written = { posts: 0, channels: 0 };
      await db.kysely.transaction().execute(async (trx) => {
        written = await writeRows(trx, snapshots, daily);
        await audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'analytics.metrics_ingest',
          targetType: 'workspace',
          targetId: scope.workspaceId,
          after: {
            posts: body.posts.length,
            channels: body.channels.length,
            written: written.posts + written.channels,
            postsCreated: created,
          },
        });
      });
      return {
        posts: { received: body.posts.length, written: written.posts },
        channels: { received: body.channels.length, written: written.channels },
        postsCreated: created,
      };
    },
  };
}

async function writeRows(
  trx: Executor,
  snapshots: readonly SnapshotWrite[],
  daily: readonly DailyWrite[],
): Promise<{ posts: number; channels: number }> {
  return {
    posts: await repo.upsertSnapshots(trx, snapshots),
    channels: await repo.upsertDaily(trx, daily),
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
