import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  scheduleProblems,
  toCalendar,
  zonedInstant,
} from './business-time.ts';

const weekdays = (from: string, to: string) => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));

const shanghai = toCalendar({
  timeZone: 'Asia/Shanghai',
  intervals: weekdays('09:00', '18:00'),
  holidays: [],
});
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('addBusinessMinutes in Asia/Shanghai (UTC+8, no DST)', () => {
  it('counts within one day', () => {
    // Tue 2026-03-03 10:00 local + 90 min → 11:30 local = 03:30Z
    expect(iso(addBusinessMinutes(at('2026-03-03T02:00:00Z'), 90, shanghai))).toBe(
      '2026-03-03T03:30:00.000Z',
    );
  });

  it('carries over the weekend', () => {
    // Fri 2026-03-06 17:00 local + 120 min: 60 on Friday, 60 on Monday → Mon 10:00 local.
    expect(iso(addBusinessMinutes(at('2026-03-06T09:00:00Z'), 120, shanghai))).toBe(
      '2026-03-09T02:00:00.000Z',
    );
  });

  it('starts at the next opening when received at night or on a weekend', () => {
    // Sat 2026-03-07 15:00 local + 30 → Mon 09:30 local.
    expect(iso(addBusinessMinutes(at('2026-03-07T07:00:00Z'), 30, shanghai))).toBe(
      '2026-03-09T01:30:00.000Z',
    );
    // Tue 06:00 local (before opening) + 30 → Tue 09:30 local.
    expect(iso(addBusinessMinutes(at('2026-03-02T22:00:00Z'), 30, shanghai))).toBe(
      '2026-03-03T01:30:00.000Z',
    );
  });

  it('skips holidays (国庆 Golden Week)', () => {
    const withHolidays = toCalendar({
      timeZone: 'Asia/Shanghai',
      intervals: weekdays('09:00', '18:00'),
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    });
    // Wed 2026-09-30 17:30 local + 60 → 30 on Wednesday, then Thu–Fri holidays, weekend,
    // Mon–Wed holidays → Thu 2026-10-08 09:30 local.
    expect(iso(addBusinessMinutes(at('2026-09-30T09:30:00Z'), 60, withHolidays))).toBe(
      '2026-10-08T01:30:00.000Z',
    );
  });

  it('respects a lunch break and spans several days', () => {
    const split = toCalendar({
      timeZone: 'Asia/Shanghai',
      intervals: [...weekdays('09:00', '12:00'), ...weekdays('13:00', '18:00')],
      holidays: [],
    });
    // Mon 11:30 local + 60 → 30 before lunch, 30 after → 13:30 local.
    expect(iso(addBusinessMinutes(at('2026-03-02T03:30:00Z'), 60, split))).toBe(
      '2026-03-02T05:30:00.000Z',
    );
    // 3 business days of 8 hours from Mon 09:00 → Wed 18:00 local.
    expect(iso(addBusinessMinutes(at('2026-03-02T01:00:00Z'), 3 * 8 * 60, split))).toBe(
      '2026-03-04T10:00:00.000Z',
    );
  });

  it('counts every minute without a calendar', () => {
    expect(addBusinessMinutes(0, 90, null)).toBe(90 * 60_000);
  });

  it('refuses a calendar with no opening at all', () => {
    const closed = toCalendar({ timeZone: 'Asia/Shanghai', intervals: [], holidays: [] });
    expect(() => addBusinessMinutes(0, 1, closed)).toThrow(/no opening/);
  });
});

describe('a zone with daylight saving: America/New_York', () => {
  const newYork = toCalendar({
    timeZone: 'America/New_York',
    intervals: weekdays('09:00', '17:00'),
    holidays: [],
  });

  it('uses the offset of each day across the spring-forward weekend', () => {
    // Fri 2026-03-06 16:00 EST (21:00Z) + 120: 60 on Friday, then Mon 2026-03-09 opens at
    // 09:00 EDT (13:00Z) → 10:00 EDT = 14:00Z.
    expect(iso(addBusinessMinutes(at('2026-03-06T21:00:00Z'), 120, newYork))).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });

  it('counts real minutes on the short and long days of an always-open calendar', () => {
    const always = toCalendar({
      timeZone: 'America/New_York',
      intervals: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })),
      holidays: [],
    });
    // Sat 2026-03-07 12:00 EST (17:00Z) + 24 h → Sun 13:00 EDT, the same 17:00Z.
    expect(iso(addBusinessMinutes(at('2026-03-07T17:00:00Z'), 24 * 60, always))).toBe(
      '2026-03-08T17:00:00.000Z',
    );
    // Sunday 2026-03-08 has 23 hours, Sunday 2026-11-01 has 25.
    expect(
      businessMinutesBetween(at('2026-03-08T05:00:00Z'), at('2026-03-09T04:00:00Z'), always),
    ).toBe(23 * 60);
    expect(
      businessMinutesBetween(at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z'), always),
    ).toBe(25 * 60);
  });

  it('places wall times next to the changes', () => {
    // 02:30 does not exist on 2026-03-08: read as 03:30 EDT.
    expect(iso(zonedInstant(2026, 3, 8, 150, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 2026-11-01: the first (EDT) one.
    expect(iso(zonedInstant(2026, 11, 1, 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('other helpers', () => {
  it('measures business minutes between two instants', () => {
    // Fri 17:00 → Mon 10:00 local: 60 + 60.
    expect(
      businessMinutesBetween(at('2026-03-06T09:00:00Z'), at('2026-03-09T02:00:00Z'), shanghai),
    ).toBe(120);
    expect(businessMinutesBetween(10, 5, shanghai)).toBe(0);
  });

  it('tells whether the business is open', () => {
    expect(isOpenAt(at('2026-03-03T02:00:00Z'), shanghai)).toBe(true); // Tue 10:00
    expect(isOpenAt(at('2026-03-03T10:00:00Z'), shanghai)).toBe(false); // Tue 18:00
    expect(isOpenAt(at('2026-03-07T02:00:00Z'), shanghai)).toBe(false); // Sat
  });

  it('reports unusable schedules', () => {
    expect(scheduleProblems(weekdays('09:00', '18:00'))).toEqual([]);
    expect(scheduleProblems([{ day: 1, from: '18:00', to: '09:00' }])).toHaveLength(1);
    expect(
      scheduleProblems([
        { day: 2, from: '09:00', to: '13:00' },
        { day: 2, from: '12:00', to: '18:00' },
      ]),
    ).toEqual(['day 2 has overlapping intervals']);
  });
});
