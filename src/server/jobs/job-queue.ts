import type { z } from 'zod';
import type { Job, JobPage } from '../../shared/api.ts';
import type { Db } from '../db/database.ts';
import type { JobRow, JobStatus, NewJob } from '../db/schema.ts';
import { AppError } from '../platform/app-error.ts';
import type { Clock } from '../platform/clock.ts';
import { toIso } from '../platform/clock.ts';
import { newId } from '../platform/ids.ts';
import type { JobDefinition } from './job-definition.ts';
import { createJobRepo } from './jobs.repo.ts';

/** Attempts before a job is dead-lettered, unless its definition or the enqueue call says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

export interface EnqueueOptions {
  /** The tenant the job works for; null/absent for system jobs (e.g. maintenance crons). */
  workspaceId?: string | null;
  /** Earliest run time, epoch ms. */
  runAt?: number;
  /** Earliest run time relative to now; ignored when `runAt` is given. */
  delayMs?: number;
  /** When a job with this key already exists, enqueue does nothing and returns that job. */
  dedupeKey?: string;
  maxAttempts?: number;
  /** Higher runs first among due jobs; default 0. */
  priority?: number;
}

export interface JobListQuery {
  status?: JobStatus | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Enqueue jobs and read them back for the jobs view of a workspace. */
export interface JobQueue {
  /** Validates the payload and stores the job; returns the existing job for a taken dedupe key. */
  enqueue<S extends z.ZodType>(
    definition: JobDefinition<S>,
    payload: z.input<S>,
    options?: EnqueueOptions,
  ): Promise<Job>;
  /** Validates and stores many jobs of one kind in bulk; items with a taken dedupe key are skipped. */
  enqueueMany<S extends z.ZodType>(
    definition: JobDefinition<S>,
    items: ReadonlyArray<{ payload: z.input<S> } & EnqueueOptions>,
  ): Promise<Job[]>;
  /** Newest first, `limit` per page (default 50, at most 200); pass `nextCursor` for the next page. */
  listJobs(workspaceId: string, query?: JobListQuery): Promise<JobPage>;
  /** Throws `not_found` when the job is not in this workspace. */
  getJob(workspaceId: string, jobId: string): Promise<Job>;
  /** Queues a dead job again with a fresh attempt count; `conflict` when it is not dead. */
  retryJob(workspaceId: string, jobId: string): Promise<Job>;
}

/** The job queue over one database; `clock` decides "now" for run times. */
export function createJobQueue(db: Db, clock: Clock): JobQueue {
  const repo = createJobRepo(db);

  return {
    async enqueue(definition, payload, options = {}) {
      const { row } = await repo.insertJob(buildJobRow(definition, payload, options, clock.now()));
      return toApiJob(row);
    },

    async enqueueMany(definition, items) {
      const now = clock.now();
      const rows = items.map(({ payload, ...options }) =>
        buildJobRow(definition, payload, options, now),
      );
      return (await repo.insertJobs(rows)).map(toApiJob);
    },

    async listJobs(workspaceId, query = {}) {
      const limit = Math.min(
        Math.max(Math.trunc(query.limit ?? DEFAULT_PAGE_SIZE), 1),
        MAX_PAGE_SIZE,
      );
      // One extra row tells whether another page exists without a count query.
      const rows = await repo.listJobs(workspaceId, {
        status: query.status,
        cursor: query.cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toApiJob),
        nextCursor: rows.length > limit && last ? last.id : null,
      };
    },

    async getJob(workspaceId, jobId) {
      const row = await repo.findJob(workspaceId, jobId);
      if (!row) throw AppError.notFound('Job');
      return toApiJob(row);
    },

    async retryJob(workspaceId, jobId) {
      const revived = await repo.reviveDeadJob(workspaceId, jobId, clock.now());
      if (revived) return toApiJob(revived);
      const row = await repo.findJob(workspaceId, jobId);
      if (!row) throw AppError.notFound('Job');
      throw new AppError('conflict', `Only a dead job can be retried; this one is ${row.status}`);
    },
  };
}

/** The row `enqueue` inserts, after validating the payload and options. */
export function buildJobRow<S extends z.ZodType>(
  definition: JobDefinition<S>,
  payload: unknown,
  options: EnqueueOptions,
  now: number,
): NewJob {
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('validation_failed', `Invalid payload for job ${definition.name}`, {
      fields: fieldErrors(parsed.error),
    });
  }
  const maxAttempts = options.maxAttempts ?? definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new AppError('validation_failed', 'maxAttempts must be a positive integer', {
      fields: { maxAttempts: 'must be a positive integer' },
    });
  }
  return {
    id: newId(now),
    workspace_id: options.workspaceId ?? null,
    name: definition.name,
    // The input, not the parsed output, is stored: the worker parses it again, and a schema
    // with transforms accepts its input but not necessarily its own output.
    payload_json: JSON.stringify(payload),
    status: 'queued',
    dedupe_key: options.dedupeKey ?? null,
    priority: options.priority ?? 0,
    attempts: 0,
    max_attempts: maxAttempts,
    run_at: options.runAt ?? now + (options.delayMs ?? 0),
    locked_by: null,
    locked_until: null,
    last_error: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  };
}

/** The API shape of a job row (`JobSchema` in shared/api.ts). */
export function toApiJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: toIso(row.run_at),
    lastError: row.last_error,
    createdAt: toIso(row.created_at),
    finishedAt: toIso(row.finished_at),
  };
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = ['payload', ...issue.path.map(String)].join('.');
    fields[key] ??= issue.message;
  }
  return fields;
}
