/**
 * The database-backed job queue: job definitions, enqueueing, the worker, cron entries and the
 * scheduler, plus the read/retry functions behind the jobs view. Other code imports only this file.
 */
export { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff.ts';
export { cronDedupeKey, defineCron, dueFireTime, type CronEntry } from './cron.ts';
export {
  createJobRegistry,
  defineJob,
  type DefineJobInput,
  type JobContext,
  type JobDefinition,
  type JobRegistry,
} from './job-definition.ts';
export {
  createJobQueue,
  DEFAULT_MAX_ATTEMPTS,
  toApiJob,
  type EnqueueOptions,
  type JobListQuery,
  type JobQueue,
} from './job-queue.ts';
export { startScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';
export { describeError, startWorker, type Worker, type WorkerOptions } from './worker.ts';
export { purgeJobsCron, purgeJobsJob, SUCCEEDED_RETENTION_MS } from './jobs-purge.job.ts';
