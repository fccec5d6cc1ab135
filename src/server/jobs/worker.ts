import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { JobRow } from '../db/schema.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff.ts';
import type { JobDefinition, JobRegistry } from './job-definition.ts';
import { createJobRepo } from './jobs.repo.ts';

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  registry: JobRegistry;
  /** Unique per worker process (e.g. `host:pid`); it owns the leases this worker takes. */
  workerId: string;
  /** Handlers running at once. */
  concurrency: number;
  /** How long a claim holds a job; renewed every leaseMs/2 while the handler runs. Default 30 s. */
  leaseMs?: number;
  /** Sleep between claims when the queue had nothing due. Default 250 ms. */
  pollIntervalMs?: number;
  /** Backoff for definitions that declare none. */
  backoff?: BackoffOptions;
}

/** A running worker. */
export interface Worker {
  /** Stops claiming, waits for the running handlers and records their outcome. */
  stop(): Promise<void>;
}

/** Longest error text stored in `last_error`. */
const MAX_ERROR_LENGTH = 2_000;

interface RunningJob {
  row: JobRow;
  controller: AbortController;
}

/**
 * Starts a worker that claims due jobs in batches, runs them concurrently and records the
 * outcome. A job a handler finished is completed together with the others that finished in the
 * same turn of the event loop, in one statement. Claims and completions only succeed while this
 * worker holds the lease, so a job whose lease expired and was taken over is never completed twice.
 */
export function startWorker(options: WorkerOptions): Worker {
  const { db, clock, logger, registry, workerId } = options;
  const concurrency = Math.max(1, Math.trunc(options.concurrency));
  const leaseMs = options.leaseMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const defaultBackoff = options.backoff ?? DEFAULT_BACKOFF;
  const repo = createJobRepo(db);
  const log = logger.child({ component: 'jobs.worker', workerId });

  const running = new Map<string, RunningJob>();
  let stopping = false;
  // Resolvers for the loop waiting on a free slot, and for stop() waiting on the last handler.
  let wake: (() => void) | undefined;
  let emptied: (() => void) | undefined;
  const stopController = new AbortController();

  // Completions are batched: handlers that finish in the same tick share one UPDATE.
  let pendingCompletions: { id: string; done: () => void }[] = [];
  let flushScheduled = false;

  function scheduleFlush(): void {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const batch = pendingCompletions;
      pendingCompletions = [];
      void flushCompletions(batch);
    });
  }

  async function flushCompletions(batch: { id: string; done: () => void }[]): Promise<void> {
    try {
      const completed = new Set(
        await repo.completeJobs(
          batch.map((entry) => entry.id),
          workerId,
          clock.now(),
        ),
      );
      for (const entry of batch) {
        if (!completed.has(entry.id)) {
          log.warn(
            { jobId: entry.id },
            'job finished after its lease was taken over; not completed',
          );
        }
      }
    } catch (error) {
      // The jobs stay running under this lease; once it expires another worker runs them again,
      // which is why handlers must be idempotent.
      log.error({ err: error, jobs: batch.length }, 'could not record completed jobs');
    }
    for (const entry of batch) entry.done();
  }

  function complete(id: string): Promise<void> {
    return new Promise((resolve) => {
      pendingCompletions.push({ id, done: resolve });
      scheduleFlush();
    });
  }

  async function settleFailure(
    row: JobRow,
    error: unknown,
    backoff: BackoffOptions,
  ): Promise<void> {
    const message = describeError(error);
    const now = clock.now();
    const fields = { jobId: row.id, job: row.name, attempt: row.attempts, err: error };
    try {
      if (row.attempts >= row.max_attempts) {
        if (await repo.buryJob(row.id, workerId, message, now)) log.error(fields, 'job dead');
        else log.warn(fields, 'job failed after its lease was taken over; not recorded');
      } else {
        const runAt = now + retryDelayMs(row.attempts, backoff);
        if (await repo.requeueJob(row.id, workerId, runAt, message, now))
          log.warn(fields, 'job failed');
        else log.warn(fields, 'job failed after its lease was taken over; not recorded');
      }
    } catch (dbError) {
      log.error({ err: dbError, jobId: row.id }, 'could not record job failure');
    }
  }

  async function bury(row: JobRow, reason: string): Promise<void> {
    try {
      await repo.buryJob(row.id, workerId, reason, clock.now());
      log.error({ jobId: row.id, job: row.name, reason }, 'job dead');
    } catch (dbError) {
      log.error({ err: dbError, jobId: row.id }, 'could not dead-letter job');
    }
  }

  async function run(job: RunningJob): Promise<void> {
    const { row } = job;
    const definition = registry.get(row.name);
    if (!definition) return bury(row, `Unknown job name "${row.name}": no handler is registered`);
    if (row.attempts > row.max_attempts) {
      // The last permitted attempt was claimed but never finished: its worker died mid-job.
      return bury(
        row,
        `Lease expired during the final attempt (${row.max_attempts}); the worker was lost`,
      );
    }
    const payload = parsePayload(definition, row.payload_json);
    if (!payload.ok) return bury(row, payload.reason);
    try {
      await definition.handle(payload.value, {
        jobId: row.id,
        attempt: row.attempts,
        workspaceId: row.workspace_id,
        logger: log.child({ jobId: row.id, job: row.name, attempt: row.attempts }),
        signal: job.controller.signal,
      });
    } catch (error) {
      return settleFailure(row, error, definition.backoff ?? defaultBackoff);
    }
    return complete(row.id);
  }

  function start(row: JobRow): void {
    const job: RunningJob = { row, controller: new AbortController() };
    running.set(row.id, job);
    void run(job).finally(() => {
      running.delete(row.id);
      if (running.size === 0) emptied?.();
      wake?.();
    });
  }

  async function heartbeat(): Promise<void> {
    const ids = [...running.keys()];
    if (ids.length === 0) return;
    const now = clock.now();
    try {
      const held = new Set(await repo.extendLeases(ids, workerId, now + leaseMs, now));
      for (const id of ids) {
        const job = running.get(id);
        if (job && !held.has(id) && !job.controller.signal.aborted) {
          log.warn({ jobId: id }, 'lease lost; aborting the handler');
          job.controller.abort(new Error('Job lease lost'));
        }
      }
    } catch (error) {
      log.error({ err: error }, 'could not extend job leases');
    }
  }

  let beating: Promise<void> | undefined;
  const heartbeatTimer = setInterval(
    () => {
      // A slow database must not pile up heartbeats; the next interval tries again.
      beating ??= heartbeat().finally(() => (beating = undefined));
    },
    Math.max(1, Math.floor(leaseMs / 2)),
  );

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = concurrency - running.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        // Let the other handlers that finished in this turn free their slots, so the next claim
        // is one batch rather than one job.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      let claimed: JobRow[];
      try {
        claimed = await repo.claimJobs({ workerId, limit: free, now: clock.now(), leaseMs });
      } catch (error) {
        log.error({ err: error }, 'could not claim jobs');
        claimed = [];
      }
      for (const row of claimed) start(row);
      // A full batch means more may be due: claim again at once. Otherwise the queue is drained.
      if (claimed.length < free) await sleep(pollIntervalMs);
    }
  }

  function sleep(ms: number): Promise<void> {
    return delay(ms, undefined, { signal: stopController.signal }).catch(() => undefined);
  }

  const looping = loop().catch((error: unknown) =>
    log.fatal({ err: error }, 'worker loop crashed'),
  );
  log.info({ concurrency, leaseMs }, 'worker started');

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        stopController.abort();
        wake?.();
        await looping;
        if (running.size > 0) await new Promise<void>((resolve) => (emptied = resolve));
        clearInterval(heartbeatTimer);
        await beating;
        log.info('worker stopped');
      })();
      return stopped;
    },
  };
}

function parsePayload(
  definition: JobDefinition,
  json: string,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: 'Invalid payload: not valid JSON' };
  }
  const parsed = definition.payload.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: `Invalid payload: ${z.prettifyError(parsed.error)}` };
}

/** A readable `last_error` for whatever a handler threw, Error or not. */
export function describeError(error: unknown, depth = 0): string {
  let text: string;
  if (error instanceof Error) {
    text = `${error.name}: ${error.message}`;
    // Causes can be chained (or even circular); three levels say enough.
    if (error.cause !== undefined && depth < 3) {
      text += ` (cause: ${describeError(error.cause, depth + 1)})`;
    }
  } else if (typeof error === 'string') {
    text = error;
  } else if (error === undefined || error === null) {
    text = `A non-Error value was thrown: ${String(error)}`;
  } else {
    let json: string | undefined;
    try {
      json = JSON.stringify(error);
    } catch {
      // Circular or BigInt-holding values: fall back to String().
    }
    text = `A non-Error value was thrown: ${json ?? String(error)}`;
  }
  if (text.trim() === '') text = 'A handler failed with an empty message';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
