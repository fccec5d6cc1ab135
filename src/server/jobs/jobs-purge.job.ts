import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Clock } from '../platform/clock.ts';
import { defineCron } from './cron.ts';
import { defineJob } from './job-definition.ts';
import { createJobRepo } from './jobs.repo.ts';

/**
 * Succeeded jobs are kept a week for the jobs view, then deleted. Dead jobs stay until someone
 * retries them. Cron deduplication only needs rows younger than the scheduler's catch-up window.
 */
export const SUCCEEDED_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export function purgeJobsJob(deps: { db: Db; clock: Clock }) {
  const repo = createJobRepo(deps.db);
  return defineJob({
    name: 'jobs.succeeded.purge',
    payload: z.object({}),
    async handle(_payload, ctx) {
      const deleted = await repo.deleteSucceededJobs(deps.clock.now() - SUCCEEDED_RETENTION_MS);
      ctx.logger.info({ deleted }, 'purged succeeded jobs');
    },
  });
}

export function purgeJobsCron(job: ReturnType<typeof purgeJobsJob>) {
  return defineCron({ key: 'jobs.succeeded.purge', schedule: '41 3 * * *', job, payload: {} });
}
