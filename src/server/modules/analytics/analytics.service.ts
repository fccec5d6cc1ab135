import type { BestTimes, PostTarget } from '../../../shared/publishing.ts';
import type { ChannelConnection, ConnectorFactory } from '../../connectors/index.ts';
import type { Db } from '../../db/database.ts';
import type { ChannelRow, MetricSnapshotRow } from '../../db/schema.ts';
import type { WorkspaceScope } from '../../http/route.ts';
import type { JobQueue } from '../../jobs/index.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { toIso, type Clock } from '../../platform/clock.ts';
import { createBackfillService, followersRow } from './backfill.ts';
import { computeBestTimes, suggestSlots } from './best-times.ts';
import { localDay } from './days.ts';
import { createImportService } from './imports.service.ts';
import { upsertDaily } from './ingest.repo.ts';
import { createIngestService, type ImportPosts } from './ingest.service.ts';
import { createKpiService, type ResponseTimeSource } from './kpis.service.ts';
import * as repo from './metrics.repo.ts';
import { engagementOf, snapshotFromMetrics } from './snapshots.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Metrics are collected for posts this young; older ones have settled. */
const COLLECT_WINDOW_MS = 30 * DAY_MS;
/** Best times rest on posts whose engagement has mostly arrived. */
const MATURE_AFTER_MS = 2 * DAY_MS;
const HISTORY_MS = 90 * DAY_MS;

export interface AnalyticsServiceDeps {
  db: Db;
  clock: Clock;
  connectors: ConnectorFactory;
  audit: AuditService;
  jobs: JobQueue;
  requireChannel(workspaceId: string, channelId: string): Promise<ChannelRow>;
  connection(row: ChannelRow): ChannelConnection;
  /** Records posts that went out before OpsLoop knew them (publishing's `importPublished`). */
  importPosts: ImportPosts;
  /** First-response times from the inbox, once an inbox reports them. */
  responseTimes?: ResponseTimeSource | undefined;
}

export type TargetMetrics = NonNullable<PostTarget['metrics']>;

function presentSnapshot(row: MetricSnapshotRow): TargetMetrics {
  return {
    observedAt: toIso(row.observed_at),
    impressions: row.impressions,
    likes: row.likes,
    comments: row.comments,
    shares: row.shares,
    saves: row.saves,
    clicks: row.clicks,
  };
}

export function createAnalyticsService(deps: AnalyticsServiceDeps) {
  const { db, clock } = deps;
  const ingest = createIngestService(deps);
  const kpis = createKpiService(deps);
  const imports = createImportService(deps);
  const backfill = createBackfillService(deps);
  return {
    ...ingest,
    ...kpis,
    ...imports,
    ...backfill,
    /** Jobs of imports and backfills; the metrics jobs register them with the collector's. */
    jobs: [...imports.importJobs, ...backfill.backfillJobs],

    /** The latest numbers of each target, keyed by target id. */
    async latestMetrics(
      workspaceId: string,
      targetIds: readonly string[],
    ): Promise<Map<string, TargetMetrics>> {
      const rows = await repo.latestSnapshots(db.kysely, workspaceId, targetIds);
      return new Map(rows.map((row) => [row.target_id, presentSnapshot(row)]));
    },

    /** Stores snapshots gathered elsewhere (imports, the sample workspace's history). */
    recordSnapshots: (rows: MetricSnapshotRow[]) => repo.insertSnapshots(db.kysely, rows),

    /** Asks the platform for the numbers of a channel's recent posts and stores a snapshot. */
    async collectChannelMetrics(workspaceId: string, channelId: string): Promise<number> {
      const channel = await deps.requireChannel(workspaceId, channelId);
      const connector = deps.connectors(deps.connection(channel));
      if (!connector.capabilities.readMetrics) return 0;
      const now = clock.now();
      const targets = await repo.listPublishedTargets(
        db.kysely,
        workspaceId,
        channelId,
        now - COLLECT_WINDOW_MS,
      );
      const byExternalId = new Map(targets.map((t) => [t.external_id, t]));
      const rows: MetricSnapshotRow[] = [];
      for (let i = 0; i < targets.length; i += 25) {
        const batch = targets.slice(i, i + 25).map((t) => t.external_id);
        for (const metrics of await connector.fetchMetrics(batch)) {
          const target = byExternalId.get(metrics.externalId);
          if (!target) continue;
          rows.push(snapshotFromMetrics(workspaceId, channelId, target.id, metrics));
        }
      }
      await repo.insertSnapshots(db.kysely, rows);
      // Follower counts over time come from reading the count at each collection.
      try {
        const account = await connector.verify();
        if (account.followers !== null) {
          await upsertDaily(db.kysely, [
            followersRow(
              workspaceId,
              channelId,
              localDay(now, channel.timezone),
              account.followers,
              now,
            ),
          ]);
        }
      } catch {
        // The post numbers are stored; a failed account read waits for the next collection.
      }
      return rows.length;
    },

    async bestTimes(scope: WorkspaceScope, channelId: string): Promise<BestTimes> {
      const channel = await deps.requireChannel(scope.workspaceId, channelId);
      const now = clock.now();
      const targets = (
        await repo.listPublishedTargets(db.kysely, scope.workspaceId, channelId, now - HISTORY_MS)
      ).filter((t) => t.published_at <= now - MATURE_AFTER_MS);
      const latest = await repo.latestSnapshots(
        db.kysely,
        scope.workspaceId,
        targets.map((t) => t.id),
      );
      const byTarget = new Map(latest.map((row) => [row.target_id, row]));
      const posts = targets.flatMap((t) => {
        const snapshot = byTarget.get(t.id);
        return snapshot
          ? [{ publishedAt: t.published_at, engagement: engagementOf(snapshot) }]
          : [];
      });
      const result = computeBestTimes(posts, channel.timezone);
      return {
        channelId,
        timezone: channel.timezone,
        sampleSize: result.sampleSize,
        grid: result.grid,
        bestHour: result.bestHour,
        suggestions: suggestSlots(result, channel.timezone, now).map((slot) => ({
          ...slot,
          at: toIso(slot.at),
        })),
      };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
