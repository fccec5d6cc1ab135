import { z } from 'zod';
import { defineCron, defineJob, type JobQueue } from '../../jobs/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { MediaService } from './media.service.ts';

const DAY_MS = 86_400_000;

/**
 * License expiry alerts: a daily cron fans out one job per workspace holding a license that ends
 * within a week (or has ended); each job tells the managers once per asset and state.
 */
export function createMediaJobs(deps: { clock: Clock; jobs: JobQueue; media: MediaService }) {
  const alertJob = defineJob({
    name: 'media.expiry.alert',
    payload: z.object({ workspaceId: z.string() }),
    async handle(payload) {
      await deps.media.sendExpiryAlerts(payload.workspaceId);
    },
  });
  const sweepJob = defineJob({
    name: 'media.expiry.sweep',
    payload: z.object({}),
    async handle() {
      const now = deps.clock.now();
      const dayStart = now - (now % DAY_MS);
      const workspaceIds = await deps.media.workspacesToCheck();
      await deps.jobs.enqueueMany(
        alertJob,
        workspaceIds.map((workspaceId) => ({
          payload: { workspaceId },
          workspaceId,
          dedupeKey: `media-expiry:${workspaceId}:${dayStart}`,
        })),
      );
    },
  });

  return {
    jobs: [alertJob, sweepJob],
    crons: [
      defineCron({
        key: 'media.expiry.sweep',
        // Early morning in China and Europe's night: alerts are waiting when the day starts.
        schedule: '0 23 * * *',
        job: sweepJob,
        payload: {},
      }),
    ],
  };
}

export type MediaJobs = ReturnType<typeof createMediaJobs>;
