import type { Db } from '../db/database.ts';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { assertValidSchedule, cronDedupeKey, dueFireTime, type CronEntry } from './cron.ts';
import type { JobRegistry } from './job-definition.ts';
import { buildJobRow } from './job-queue.ts';
import { createJobRepo } from './jobs.repo.ts';

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** When given, every entry's job must be registered in it (checked at start). */
  registry?: JobRegistry;
  entries: readonly CronEntry[];
  /** Time between ticks. Default 1 s. */
  tickMs?: number;
  /**
   * How far back the first tick looks for a missed fire (e.g. the process was down at 08:00).
   * Default 1 h. Deduplication makes the look-back safe when the fire was already enqueued.
   */
  catchUpMs?: number;
}

/** A running scheduler. */
export interface Scheduler {
  /** Enqueues the fires due since the previous tick; returns how many jobs it created. */
  tick(): Promise<number>;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Starts the cron scheduler. It only enqueues: each fire becomes a job with the dedupe key
 * `cron:<key>:<fire time ISO>`, so any number of schedulers over one database enqueue it once.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { db, clock, logger, entries, registry } = options;
  const tickMs = options.tickMs ?? 1_000;
  const catchUpMs = options.catchUpMs ?? 60 * 60 * 1000;
  const log = logger.child({ component: 'jobs.scheduler' });
  const repo = createJobRepo(db);

  const keys = new Set<string>();
  for (const entry of entries) {
    if (keys.has(entry.key)) throw new Error(`Cron entry "${entry.key}" is defined twice`);
    keys.add(entry.key);
    assertValidSchedule(entry.schedule, entry.timezone);
    // Checked here, or a bad payload would fail (and log) on every tick instead of once at boot.
    if (!entry.job.payload.safeParse(entry.payload).success) {
      throw new Error(
        `Cron entry "${entry.key}" has a payload its job "${entry.job.name}" rejects`,
      );
    }
    if (registry && !registry.get(entry.job.name)) {
      throw new Error(`Cron entry "${entry.key}" enqueues unregistered job "${entry.job.name}"`);
    }
  }

  // Per entry, so an entry whose enqueue failed is retried next tick without re-firing the others.
  const startedAt = clock.now();
  const checkedUpTo = new Map(entries.map((entry) => [entry.key, startedAt - catchUpMs]));

  let ticking: Promise<number> | undefined;
  async function tickOnce(): Promise<number> {
    const now = clock.now();
    let created = 0;
    for (const entry of entries) {
      const after = checkedUpTo.get(entry.key) ?? now;
      try {
        const fire = dueFireTime(entry.schedule, entry.timezone, after, now);
        if (fire !== null) {
          const fireTime = new Date(fire).toISOString();
          const { row, created: isNew } = await repo.insertJob(
            buildJobRow(
              entry.job,
              entry.payload,
              {
                workspaceId: entry.workspaceId ?? null,
                runAt: fire,
                dedupeKey: cronDedupeKey(entry.key, fire),
              },
              now,
            ),
          );
          // Not new means another scheduler (or an earlier run of this one) enqueued this fire.
          if (isNew) {
            created += 1;
            log.info({ cron: entry.key, fireTime, jobId: row.id }, 'cron fired');
          }
        }
        checkedUpTo.set(entry.key, now);
      } catch (error) {
        log.error({ err: error, cron: entry.key }, 'could not enqueue cron job');
      }
    }
    return created;
  }

  function tick(): Promise<number> {
    // Ticks never overlap: a manual tick during a timed one waits for it and runs after.
    const previous = ticking ?? Promise.resolve(0);
    const next = previous.then(tickOnce, tickOnce);
    ticking = next;
    next
      .finally(() => {
        if (ticking === next) ticking = undefined;
      })
      .catch(() => undefined); // the caller of tick() sees the rejection
    return next;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(runTimedTick, tickMs);
  }
  function runTimedTick(): void {
    // tickOnce reports its own errors; this catch only keeps a surprise from killing the process.
    void tick()
      .catch((error: unknown) => log.error({ err: error }, 'scheduler tick failed'))
      .finally(schedule);
  }
  runTimedTick();
  log.info({ entries: entries.length, tickMs }, 'scheduler started');

  return {
    tick,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await ticking;
    },
  };
}
