import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type {
  ChannelMetricDailyTable,
  MetricBackfillRow,
  MetricBackfillTable,
} from './analytics-tables.ts';
import type { DailyWrite } from './ingest.repo.ts';

export async function updateBackfill(
  db: Executor,
  workspaceId: string,
  channelId: string,
  patch: Updateable<MetricBackfillTable>,
): Promise<void> {
  await db
    .updateTable('metric_backfill')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .execute();
}

function queued(
  workspaceId: string,
  channelId: string,
  now: number,
): Insertable<MetricBackfillTable> {
  return {
    workspace_id: workspaceId,
    channel_id: channelId,
    status: 'queued',
    requested_at: now,
    started_at: null,
    finished_at: null,
    posts_found: 0,
    posts_created: 0,
    snapshots: 0,
    follower_days: 0,
    error: null,
  };
}

/** Marks a channel's backfill as asked for again. */
export async function upsertQueued(
  db: Executor,
  workspaceId: string,
  channelId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('metric_backfill')
    .values(queued(workspaceId, channelId, now))
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'channel_id'])
        .doUpdateSet({ status: 'queued', requested_at: now, error: null }),
    )
    .execute();
}

export async function insertQueuedIfMissing(
  db: Executor,
  workspaceId: string,
  channelId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('metric_backfill')
    .values(queued(workspaceId, channelId, now))
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id']).doNothing())
    .execute();
}

export function findBackfill(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<MetricBackfillRow | undefined> {
  return db
    .selectFrom('metric_backfill')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export function listBackfills(db: Executor, workspaceId: string): Promise<MetricBackfillRow[]> {
  return db
    .selectFrom('metric_backfill')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('requested_at', 'desc')
    .execute();
}

/**
 * Every channel that has had a backfill queued, across workspaces: the sweep's way to spot new
 * connections. Keys are `workspace|channel`.
 */
export async function channelsWithBackfill(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom('metric_backfill')
    .select(['workspace_id', 'channel_id'])
    .execute();
  return new Set(rows.map((r) => `${r.workspace_id}|${r.channel_id}`));
}

/** Targets of a channel that already have at least one snapshot. */
export async function targetsWithSnapshots(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('metric_snapshot')
    .select('target_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .execute();
  return new Set(rows.map((r) => r.target_id));
}

/** Stores daily rows whose key is free; numbers already there (imported, collected) stay. */
export async function insertDailyIfMissing(
  db: Executor,
  rows: readonly DailyWrite[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('channel_metric_daily')
      .values(rows.slice(i, i + 1000) as Insertable<ChannelMetricDailyTable>[])
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'channel_id', 'day', 'metric', 'dimension']).doNothing(),
      )
      .execute();
  }
}
