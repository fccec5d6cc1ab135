import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { defineCron, defineJob, type JobQueue } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AnalyticsService } from './analytics.service.ts';
import { listMetricChannels } from './metrics.repo.ts';

const COLLECT_EVERY_MS = 15 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Snapshots after publishing: the first look, then the points lifecycle reviews compare. */
const FOLLOW_UPS_MS = [30_000, HOUR_MS, 24 * HOUR_MS, 72 * HOUR_MS, 7 * 24 * HOUR_MS];
/** Posts going out together share their follow-up collections. */
const FOLLOW_UP_BUCKET_MS = 30_000;

/** Metric collection: a cron fans out one job per channel, each storing a snapshot per post. */
export function createMetricsJobs(deps: {
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  analytics: AnalyticsService;
}) {
  const collectJob = defineJob({
    name: 'analytics.metrics.collect',
    payload: z.object({ workspaceId: z.string(), channelId: z.string() }),
    async handle(payload) {
      await deps.analytics.collectChannelMetrics(payload.workspaceId, payload.channelId);
    },
  });
  const sweepJob = defineJob({
    name: 'analytics.metrics.sweep',
    payload: z.object({}),
    async handle() {
      const bucket = deps.clock.now() - (deps.clock.now() % COLLECT_EVERY_MS);
      const channels = await listMetricChannels(deps.db.kysely);
      // A channel seen for the first time gets its history before its first collection counts.
      await deps.analytics.enqueueMissingBackfills(channels);
      await deps.jobs.enqueueMany(
        collectJob,
        channels.map((channel) => ({
          payload: { workspaceId: channel.workspace_id, channelId: channel.id },
          workspaceId: channel.workspace_id,
          dedupeKey: `metrics:${channel.id}:${bucket}`,
        })),
      );
    },
  });
  /** After a post goes out: first numbers soon, then a few lifecycle snapshots. */
  async function scheduleFollowUps(workspaceId: string, channelId: string, publishedAt: number) {
    await deps.jobs.enqueueMany(
      collectJob,
      FOLLOW_UPS_MS.map((offset) => {
        const runAt = publishedAt + offset;
        return {
          payload: { workspaceId, channelId },
          workspaceId,
          runAt,
          dedupeKey: `metrics:${channelId}:${runAt - (runAt % FOLLOW_UP_BUCKET_MS)}`,
        };
      }),
    );
  }

  return {
    scheduleFollowUps,
    jobs: [collectJob, sweepJob, ...deps.analytics.jobs],
    crons: [
      defineCron({
        key: 'analytics.metrics.sweep',
        schedule: '*/15 * * * *',
        job: sweepJob,
        payload: {},
      }),
    ],
  };
}
