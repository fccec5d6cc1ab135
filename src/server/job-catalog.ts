import {
  createJobRegistry,
  purgeJobsCron,
  purgeJobsJob,
  type CronEntry,
  type JobRegistry,
} from './jobs/index.ts';
import { authCrons, purgeSessionsJob } from './platform/auth/auth.jobs.ts';
import type { Services } from './services.ts';

/** Every job OpsLoop runs and every cron entry that enqueues them; modules add theirs here. */
export function jobCatalog(services: Services): { registry: JobRegistry; crons: CronEntry[] } {
  const purgeSessions = purgeSessionsJob(services);
  const purgeJobs = purgeJobsJob(services);
  return {
    registry: createJobRegistry([
      purgeSessions,
      purgeJobs,
      ...services.publishing.jobs,
      ...services.metricsJobs.jobs,
      ...services.inbox.jobs,
      ...services.mediaJobs.jobs,
      ...services.routing.jobs,
      ...services.feedback.jobs,
    ]),
    crons: [
      ...authCrons(purgeSessions),
      purgeJobsCron(purgeJobs),
      ...services.publishing.crons,
      ...services.metricsJobs.crons,
      ...services.inbox.crons,
      ...services.mediaJobs.crons,
      ...services.routing.crons,
      ...services.feedback.crons,
    ],
  };
}
