import type { ContentPool, PoolQuota } from '../../../shared/content.ts';

/**
 * Weekly pool quotas (爆款+常规+储备) and the plain-sentence warnings shown when a pool runs short.
 * Pure: the service supplies the counts.
 */

/** The seeds' rule of thumb: 1–2 flagship pieces and 3–5 light updates a week, ≥15 in reserve. */
export const DEFAULT_QUOTAS: Record<ContentPool, PoolQuota> = {
  hit: { weeklyMin: 1, weeklyMax: 2, minStock: null },
  regular: { weeklyMin: 3, weeklyMax: 5, minStock: null },
  reserve: { weeklyMin: null, weeklyMax: null, minStock: 15 },
};

const LABELS: Record<ContentPool, { one: string; many: string; pool: string }> = {
  hit: { one: 'flagship (hit) piece', many: 'flagship (hit) pieces', pool: 'Hit' },
  regular: { one: 'regular update', many: 'regular updates', pool: 'Regular' },
  reserve: { one: 'reserve item', many: 'reserve items', pool: 'Reserve' },
};

const DAY = 24 * 60 * 60 * 1000;

/** Milliseconds to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows local midnight of a UTC-encoded date. */
function localMidnight(dateUtc: number, timeZone: string): number {
  // Two rounds settle the offset even when midnight lies next to a daylight-saving change.
  let guess = dateUtc - zoneOffset(dateUtc, timeZone);
  guess = dateUtc - zoneOffset(guess, timeZone);
  return guess;
}

function knownZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * The ISO week (Monday 00:00 to the next Monday 00:00, local time) containing `now` in
 * `timeZone`, as instants. An unknown time zone falls back to UTC rather than failing the report.
 */
export function isoWeekWindow(now: number, timeZone: string): { from: number; to: number } {
  const zone = knownZone(timeZone);
  const local = now + zoneOffset(now, zone);
  const midnight = Math.floor(local / DAY) * DAY;
  const weekday = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  const monday = midnight - weekday * DAY;
  return { from: localMidnight(monday, zone), to: localMidnight(monday + 7 * DAY, zone) };
}

/**
 * The calendar month (the 1st 00:00 to the next month's 1st 00:00, local time) containing `now`
 * in `timeZone`, as instants; an unknown zone falls back to UTC.
 */
export function monthWindow(now: number, timeZone: string): { from: number; to: number } {
  const zone = knownZone(timeZone);
  const local = new Date(now + zoneOffset(now, zone));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    from: localMidnight(Date.UTC(year, month, 1), zone),
    to: localMidnight(Date.UTC(year, month + 1, 1), zone),
  };
}

function plural(n: number, pool: ContentPool): string {
  return `${n} ${n === 1 ? LABELS[pool].one : LABELS[pool].many}`;
}

function range(quota: PoolQuota): string {
  const { weeklyMin: min, weeklyMax: max } = quota;
  if (min !== null && max !== null) return min === max ? `${min}` : `${min}–${max}`;
  if (min !== null) return `at least ${min}`;
  return `at most ${max ?? 0}`;
}

/** What an operator should do about one pool this week, as sentences; empty when all is well. */
export function poolWarnings(
  pool: ContentPool,
  quota: PoolQuota,
  counts: { usedThisWeek: number; stock: number; readyStock: number },
): string[] {
  const warnings: string[] = [];
  const { usedThisWeek: used, stock, readyStock } = counts;
  const label = LABELS[pool];
  if (quota.weeklyMin !== null && used < quota.weeklyMin) {
    const missing = quota.weeklyMin - used;
    warnings.push(
      used === 0
        ? `No ${label.one} used this week; plan ${range(quota)}`
        : `Only ${plural(used, pool)} used this week; plan ${range(quota)}`,
    );
    // The week cannot be met from what is in the pool: someone has to write.
    if (stock < missing) {
      warnings.push(
        `${label.pool} pool has ${stock} unused ${stock === 1 ? 'item' : 'items'} but this week still needs ${missing}: write ${missing - stock} more`,
      );
    }
  }
  if (quota.weeklyMax !== null && used > quota.weeklyMax) {
    warnings.push(
      `${plural(used, pool)} used this week, above the ${range(quota)} planned: hold the rest for next week`,
    );
  }
  if (quota.minStock !== null && readyStock < quota.minStock) {
    warnings.push(
      `${label.pool} pool has ${readyStock} of at least ${quota.minStock} items: write ${quota.minStock - readyStock} more`,
    );
  }
  return warnings;
}
