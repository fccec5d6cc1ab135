/**
 * Business time: when is an SLA target due if only business hours count? Pure functions over a
 * weekly schedule and holidays, read in an IANA time zone (daylight-saving changes included:
 * business minutes are real elapsed minutes inside the opening intervals).
 */

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** How far ahead a due time is searched before the schedule is declared unusable. */
const MAX_DAYS = 3 * 366;

/** An opening interval on a weekday: ISO day 1 (Monday) … 7 (Sunday), minutes from local midnight. */
export interface OpenInterval {
  day: number;
  fromMinute: number;
  /** Exclusive; 1440 means until midnight. */
  toMinute: number;
}

export interface BusinessCalendar {
  timeZone: string;
  intervals: readonly OpenInterval[];
  /** Local dates (YYYY-MM-DD) with no opening at all. */
  holidays: ReadonlySet<string>;
}

/** `09:30` → 570; `24:00` → 1440. */
export function parseClock(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw new Error(`Not a time of day: ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Builds a calendar from the stored shape (`{ day, from: '09:00', to: '18:00' }`). */
export function toCalendar(input: {
  timeZone: string;
  intervals: ReadonlyArray<{ day: number; from: string; to: string }>;
  holidays: readonly string[];
}): BusinessCalendar {
  return {
    timeZone: input.timeZone,
    intervals: input.intervals.map((interval) => ({
      day: interval.day,
      fromMinute: parseClock(interval.from),
      toMinute: parseClock(interval.to),
    })),
    holidays: new Set(input.holidays),
  };
}

/**
 * Problems with a weekly schedule, as field messages: an interval that ends before it starts,
 * or two that overlap on one day. An empty list means the schedule is usable.
 */
export function scheduleProblems(
  intervals: ReadonlyArray<{ day: number; from: string; to: string }>,
): string[] {
  const problems: string[] = [];
  const byDay = new Map<number, Array<{ from: number; to: number }>>();
  for (const interval of intervals) {
    const from = parseClock(interval.from);
    const to = parseClock(interval.to);
    if (to <= from) problems.push(`${interval.from}–${interval.to} ends before it starts`);
    const list = byDay.get(interval.day) ?? [];
    list.push({ from, to });
    byDay.set(interval.day, list);
  }
  for (const [day, list] of byDay) {
    list.sort((a, b) => a.from - b.from);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.from < list[i - 1]!.to) problems.push(`day ${day} has overlapping intervals`);
    }
  }
  return problems;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 (Monday) … 7 (Sunday). */
  weekday: number;
  /** Local date as YYYY-MM-DD. */
  date: string;
}

/** The wall clock in `timeZone` at an instant. */
export function localTime(instant: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year,
    month,
    day,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
    date: `${year}-${pad(month)}-${pad(day)}`,
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Milliseconds the wall clock in `timeZone` is ahead of UTC at `instant` (whole minutes). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localTime(instant, timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return wall - Math.floor(instant / MINUTE) * MINUTE;
}

/**
 * The instant the wall clock in `timeZone` reads `minuteOfDay` on a local date. A wall time
 * skipped by a spring-forward change is read as if the clock had not jumped (02:30 → 03:30); a
 * repeated one (fall back) is its first occurrence.
 */
export function zonedInstant(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
  timeZone: string,
): number {
  const key = `${timeZone}|${year}-${month}-${day}|${minuteOfDay}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    instant = computeZonedInstant(year, month, day, minuteOfDay, timeZone);
    if (instants.size >= MAX_INSTANTS) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

// Opening times repeat for every timer: each (zone, date, minute) is converted once.
const instants = new Map<string, number>();
const MAX_INSTANTS = 50_000;

function computeZonedInstant(
  year: number,
  month: number,
  day: number,
  minuteOfDay: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE;
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return first;
  // The guesses disagree only inside a spring-forward gap; the later one lies after it.
  return Math.max(first, second);
}

/** Opening intervals of one local date as instants, in order; none on holidays. */
function openingsOn(
  year: number,
  month: number,
  day: number,
  calendar: BusinessCalendar,
): Array<[number, number]> {
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (calendar.holidays.has(date)) return [];
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  const out: Array<[number, number]> = [];
  for (const interval of calendar.intervals) {
    if (interval.day !== weekday) continue;
    const start = zonedInstant(year, month, day, interval.fromMinute, calendar.timeZone);
    const end =
      interval.toMinute >= DAY_MINUTES
        ? nextMidnight(year, month, day, calendar.timeZone)
        : zonedInstant(year, month, day, interval.toMinute, calendar.timeZone);
    if (end > start) out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function nextMidnight(year: number, month: number, day: number, timeZone: string): number {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return zonedInstant(
    next.getUTCFullYear(),
    next.getUTCMonth() + 1,
    next.getUTCDate(),
    0,
    timeZone,
  );
}

/** Calls `visit` with every opening interval from the local date of `from` onwards. */
function forEachOpening(
  from: number,
  calendar: BusinessCalendar,
  visit: (start: number, end: number) => boolean,
): boolean {
  const local = localTime(from, calendar.timeZone);
  // Start a day early: an interval of the previous local date may still be open.
  for (let offset = -1; offset <= MAX_DAYS; offset++) {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
    for (const [start, end] of openingsOn(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      calendar,
    )) {
      if (end <= from) continue;
      if (visit(start, end)) return true;
    }
  }
  return false;
}

/**
 * When `minutes` of business time have passed after `start`. Without a calendar every minute
 * counts. Throws when the calendar has no opening in the next three years.
 */
export function addBusinessMinutes(
  start: number,
  minutes: number,
  calendar: BusinessCalendar | null,
): number {
  if (!calendar) return start + minutes * MINUTE;
  let remaining = minutes * MINUTE;
  let due: number | null = null;
  forEachOpening(start, calendar, (openStart, openEnd) => {
    const from = Math.max(openStart, start);
    const available = openEnd - from;
    if (remaining <= available) {
      due = from + remaining;
      return true;
    }
    remaining -= available;
    return false;
  });
  if (due === null) throw new Error('The business hours have no opening in the next three years');
  return due;
}

/** Business minutes between two instants (0 when `end` is not after `start`). */
export function businessMinutesBetween(
  start: number,
  end: number,
  calendar: BusinessCalendar | null,
): number {
  if (end <= start) return 0;
  if (!calendar) return (end - start) / MINUTE;
  let total = 0;
  forEachOpening(start, calendar, (openStart, openEnd) => {
    if (openStart >= end) return true;
    total += Math.min(openEnd, end) - Math.max(openStart, start);
    return false;
  });
  return total / MINUTE;
}

/** Whether the business is open at an instant. */
export function isOpenAt(instant: number, calendar: BusinessCalendar): boolean {
  const local = localTime(instant, calendar.timeZone);
  for (let offset = -1; offset <= 0; offset++) {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
    for (const [start, end] of openingsOn(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      calendar,
    )) {
      if (instant >= start && instant < end) return true;
    }
  }
  return false;
}
