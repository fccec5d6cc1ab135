import { z } from 'zod';
import type { Backfill } from '../../../shared/analytics.ts';
import {
  createConnectorFactory,
  listSandboxPosts,
  type ChannelConnection,
  type Connector,
  type ConnectorFactory,
} from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { ChannelRow, MetricSnapshotRow } from '../../db/schema.ts';
import type { Actor, WorkspaceScope } from '../../http/route.ts';
import { defineJob, type JobQueue } from '../../jobs/index.ts';
import { AppError } from '../../platform/app-error.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import type { MetricBackfillRow } from './analytics-tables.ts';
import { snapshotFromMetrics } from './snapshots.ts';
import { addDays, dayStart, localDay } from './days.ts';
import * as backfillRepo from './backfill.repo.ts';
import type { DailyWrite } from './ingest.repo.ts';
import type { ExternalPost, ImportPosts } from './ingest.service.ts';
import * as metricsRepo from './metrics.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back a history goes: the span of lifecycle reviews and the default reports. */
const HISTORY_DAYS = 90;
/** Daily snapshots cover posts this young, like the live collector. */
const COLLECT_WINDOW_MS = 30 * DAY_MS;
const FETCH_BATCH = 25;

export interface BackfillDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  jobs: JobQueue;
  connectors: ConnectorFactory;
  requireChannel(workspaceId: string, channelId: string): Promise<ChannelRow>;
  connection(row: ChannelRow): ChannelConnection;
  importPosts: ImportPosts;
}

/**
 * What a platform can tell about the past of an account. Live platforms answer only for now
 * (a snapshot of every known post, today's follower count); the sandbox network also keeps
 * its posts from before OpsLoop was connected and can be read as it stood on any past day,
 * like a platform's data API with history (WeChat's datacube, Douyin's 30-day item data).
 */
interface ChannelHistory {
  listPosts(): Promise<ExternalPost[]>;
  /** A connector answering as of `at`. */
  at(at: number): Connector;
}

function sandboxHistory(
  deps: BackfillDeps,
  row: ChannelRow,
  connection: ChannelConnection,
): ChannelHistory | null {
  if (row.platform !== 'sandbox' || !row.external_account_id) return null;
  const accountId = row.external_account_id;
  return {
    async listPosts() {
      const posts = await listSandboxPosts(deps.db, { workspaceId: row.workspace_id, accountId });
      return posts
        .filter((post) => post.published_at <= deps.clock.now())
        .map((post) => ({
          channelId: row.id,
          title: post.title,
          text: post.text,
          topics: JSON.parse(post.topics_json) as string[],
          externalId: post.id,
          url: null,
          publishedAt: post.published_at,
          idempotencyKey: `backfill:${row.id}:${post.id}`,
        }));
    },
    at: (at) => createConnectorFactory({ db: deps.db, clock: { now: () => at } })(connection),
  };
}

function present(row: MetricBackfillRow): Backfill {
  return {
    channelId: row.channel_id,
    status: row.status as Backfill['status'],
    requestedAt: toIso(row.requested_at),
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    postsFound: row.posts_found,
    postsCreated: row.posts_created,
    snapshots: row.snapshots,
    followerDays: row.follower_days,
    error: row.error,
  };
}

/**
 * Channel history: when a channel is connected (or on request) OpsLoop records the posts that
 * went out before it knew them, a snapshot of every known post, and follower counts by day.
 */
export function createBackfillService(deps: BackfillDeps) {
  const { db, clock } = deps;

  async function fetchAll(
    connector: Connector,
    ids: readonly string[],
  ): Promise<Awaited<ReturnType<Connector['fetchMetrics']>>> {
    const out = [];
    for (let i = 0; i < ids.length; i += FETCH_BATCH) {
      out.push(...(await connector.fetchMetrics(ids.slice(i, i + FETCH_BATCH))));
    }
    return out;
  }

  async function runBackfill(workspaceId: string, channelId: string): Promise<void> {
    const startedAt = clock.now();
    await backfillRepo.updateBackfill(db.kysely, workspaceId, channelId, {
      status: 'running',
      started_at: startedAt,
      error: null,
    });
    const row = await deps.requireChannel(workspaceId, channelId);
    const connection = deps.connection(row);
    const connector = deps.connectors(connection);
    const history = sandboxHistory(deps, row, connection);
    const now = clock.now();
    let postsFound = 0;
    let postsCreated = 0;

    // 1. Posts published before OpsLoop knew them.
    if (history) {
      const known = new Set(
        (await metricsRepo.listPublishedTargets(db.kysely, workspaceId, channelId, 0)).map(
          (t) => t.external_id,
        ),
      );
      const listed = await history.listPosts();
      postsFound = listed.length;
      const missing = listed.filter((p) => !known.has(p.externalId));
      if (missing.length > 0) {
        await deps.importPosts(workspaceId, 'backfill', missing);
        postsCreated = missing.length;
      }
    }

    // 2. Today's numbers for every known post, old ones included.
    const targets = await metricsRepo.listPublishedTargets(db.kysely, workspaceId, channelId, 0);
    const byExternal = new Map(targets.map((t) => [t.external_id, t]));
    const snapshots: MetricSnapshotRow[] = [];
    if (connector.capabilities.readMetrics) {
      for (const m of await fetchAll(
        connector,
        targets.map((t) => t.external_id),
      )) {
        const target = byExternal.get(m.externalId);
        if (target)
          snapshots.push(snapshotFromMetrics(workspaceId, channelId, target.id, m, 'backfill'));
      }
    }

    // 3. Where the platform keeps history: one snapshot per past day for posts without any yet.
    const followers: DailyWrite[] = [];
    if (history) {
      const measured = await backfillRepo.targetsWithSnapshots(db.kysely, workspaceId, channelId);
      const fresh = targets.filter((t) => !measured.has(t.id));
      const today = localDay(now, row.timezone);
      for (let back = HISTORY_DAYS; back >= 1; back--) {
        const day = addDays(today, -back);
        const at = dayStart(addDays(day, 1), row.timezone) - 1;
        const past = history.at(at);
        const visible = fresh.filter(
          (t) => t.published_at <= at && t.published_at > at - COLLECT_WINDOW_MS,
        );
        if (visible.length > 0) {
          const byId = new Map(visible.map((t) => [t.external_id, t]));
          for (const m of await past.fetchMetrics(visible.map((t) => t.external_id))) {
            const target = byId.get(m.externalId);
            if (target) {
              snapshots.push(
                snapshotFromMetrics(
                  workspaceId,
                  channelId,
                  target.id,
                  { ...m, observedAt: at },
                  'backfill',
                ),
              );
            }
          }
        }
        const account = await past.verify();
        if (account.followers !== null) {
          followers.push({
            workspace_id: workspaceId,
            channel_id: channelId,
            day,
            metric: 'followers',
            dimension: '',
            value: account.followers,
            source: 'backfill',
            import_id: null,
            updated_at: now,
          });
        }
      }
    }
    // 4. Today's follower count, as every platform reports it.
    const account = await connector.verify();
    if (account.followers !== null) {
      followers.push({
        workspace_id: workspaceId,
        channel_id: channelId,
        day: localDay(now, row.timezone),
        metric: 'followers',
        dimension: '',
        value: account.followers,
        source: 'backfill',
        import_id: null,
        updated_at: now,
      });
    }

    await db.kysely.transaction().execute(async (trx) => {
      await metricsRepo.insertSnapshots(trx, snapshots);
      // Numbers already stored for a day (imported, collected) are kept.
      await backfillRepo.insertDailyIfMissing(trx, followers);
      await backfillRepo.updateBackfill(trx, workspaceId, channelId, {
        status: 'completed',
        finished_at: clock.now(),
        posts_found: postsFound,
        posts_created: postsCreated,
        snapshots: snapshots.length,
        follower_days: followers.length,
        error: null,
      });
    });
  }

  const backfillJob = defineJob({
    name: 'analytics.channel.backfill',
    payload: z.object({ workspaceId: z.string(), channelId: z.string() }),
    maxAttempts: 3,
    async handle(payload, ctx) {
      try {
        await runBackfill(payload.workspaceId, payload.channelId);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await backfillRepo.updateBackfill(db.kysely, payload.workspaceId, payload.channelId, {
          status: ctx.attempt >= 3 ? 'failed' : 'queued',
          error: message,
        });
        throw error;
      }
    },
  });

  async function enqueue(workspaceId: string, channelId: string, dedupeKey: string): Promise<void> {
    await deps.jobs.enqueue(backfillJob, { workspaceId, channelId }, { workspaceId, dedupeKey });
  }

  return {
    backfillJobs: [backfillJob],
    runBackfill,

    /** Fetches a channel's history again (a person asked, e.g. after reconnecting it). */
    async requestBackfill(
      scope: WorkspaceScope,
      channelId: string,
      actor: Actor,
    ): Promise<Backfill> {
      await deps.requireChannel(scope.workspaceId, channelId);
      if (scope.channelIds && !scope.channelIds.includes(channelId)) {
        throw AppError.notFound('Channel');
      }
      const now = clock.now();
      await db.kysely.transaction().execute(async (trx) => {
        await backfillRepo.upsertQueued(trx, scope.workspaceId, channelId, now);
        await deps.audit.record(trx, actor, {
          workspaceId: scope.workspaceId,
          action: 'analytics.backfill_request',
          targetType: 'channel',
          targetId: channelId,
        });
      });
      await enqueue(scope.workspaceId, channelId, `analytics-backfill:${channelId}:${now}`);
      return present((await backfillRepo.findBackfill(db.kysely, scope.workspaceId, channelId))!);
    },

    async listBackfills(scope: WorkspaceScope): Promise<{ items: Backfill[] }> {
      const rows = await backfillRepo.listBackfills(db.kysely, scope.workspaceId);
      return {
        items: rows
          .filter((r) => !scope.channelIds || scope.channelIds.includes(r.channel_id))
          .map(present),
      };
    },

    /** Queues the first backfill of every channel that has never had one: new connections. */
    async enqueueMissingBackfills(
      channels: readonly { workspace_id: string; id: string }[],
    ): Promise<number> {
      const done = await backfillRepo.channelsWithBackfill(db.kysely);
      const missing = channels.filter((c) => !done.has(`${c.workspace_id}|${c.id}`));
      for (const channel of missing) {
        await backfillRepo.insertQueuedIfMissing(
          db.kysely,
          channel.workspace_id,
          channel.id,
          clock.now(),
        );
        await enqueue(channel.workspace_id, channel.id, `analytics-backfill:${channel.id}:first`);
      }
      return missing.length;
    },
  };
}

export type BackfillService = ReturnType<typeof createBackfillService>;

/** Today's follower count of a channel, stored as its day's level (latest reading wins). */
export function followersRow(
  workspaceId: string,
  channelId: string,
  day: string,
  followers: number,
  now: number,
): DailyWrite {
  return {
    workspace_id: workspaceId,
    channel_id: channelId,
    day,
    metric: 'followers',
    dimension: '',
    value: followers,
    source: 'collect',
    import_id: null,
    updated_at: now,
  };
}
