import { createJobRegistry, type CronEntry, type JobRegistry } from './jobs/index.ts';
import { authCrons, purgeSessionsJob } from './platform/auth/auth.jobs.ts';
import type { Services } from './services.ts';

/** Every job OpsLoop runs and every cron entry that enqueues them; modules add theirs here. */
export function jobCatalog(services: Services): { registry: JobRegistry; crons: CronEntry[] } {
  const purgeSessions = purgeSessionsJob(services);
  return {
    registry: createJobRegistry([purgeSessions]),
    crons: [...authCrons(purgeSessions)],
  };
}
