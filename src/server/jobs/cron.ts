import { CronExpressionParser } from 'cron-parser';
import type { z } from 'zod';
import type { JobDefinition } from './job-definition.ts';

/** A recurring job: at each fire time of `schedule` the scheduler enqueues `job` once. */
export interface CronEntry<S extends z.ZodType = z.ZodType> {
  /** Stable, unique name of the entry, e.g. `reports.daily`; part of every fire's dedupe key. */
  key: string;
  /** Cron expression (5 fields, or 6 with seconds first), e.g. `0 8 * * *`. */
  schedule: string;
  /** IANA time zone the schedule is read in; UTC by default. */
  timezone?: string;
  job: JobDefinition<S>;
  payload: z.input<S>;
  /** Tenant of the enqueued jobs; absent for system-wide crons. */
  workspaceId?: string | null;
}

/** Keeps `CronEntry<SpecificSchema>` values assignable to a list of entries. */
export function defineCron<S extends z.ZodType>(entry: CronEntry<S>): CronEntry {
  return entry as CronEntry;
}

/**
 * Throws a readable error when the schedule or time zone cannot be used, so a bad entry fails
 * at start-up rather than silently never firing.
 */
export function assertValidSchedule(schedule: string, timezone?: string): void {
  try {
    latestFireAtOrBefore(schedule, timezone, Date.now());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Invalid cron schedule "${schedule}"${timezone ? ` in ${timezone}` : ''}: ${reason}`,
      { cause: error },
    );
  }
}

/** The latest fire time of `schedule` that is ≤ `at` (epoch ms). */
export function latestFireAtOrBefore(
  schedule: string,
  timezone: string | undefined,
  at: number,
): number {
  // prev() returns the fire strictly before currentDate, hence the extra millisecond.
  const expression = CronExpressionParser.parse(schedule, {
    currentDate: new Date(at + 1),
    tz: timezone ?? 'UTC',
  });
  return expression.prev().getTime();
}

/**
 * The fire time to enqueue for the window (after, upTo]: the latest one in it, or null.
 * Earlier fires in the same window are dropped on purpose (bounded catch-up): after downtime a
 * daily report runs once, not once per missed day.
 */
export function dueFireTime(
  schedule: string,
  timezone: string | undefined,
  after: number,
  upTo: number,
): number | null {
  if (upTo <= after) return null;
  const fire = latestFireAtOrBefore(schedule, timezone, upTo);
  return fire > after ? fire : null;
}

/** The dedupe key of one fire; every scheduler derives the same key, so a fire is enqueued once. */
export function cronDedupeKey(key: string, fireTime: number): string {
  return `cron:${key}:${new Date(fireTime).toISOString()}`;
}
