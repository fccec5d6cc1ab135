import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS, isoWeekWindow, monthWindow, poolWarnings } from './pools.ts';

describe('isoWeekWindow', () => {
  it('starts the week on local Monday midnight', () => {
    // Sunday 23:30 in Shanghai is still the week that began Monday 2026-03-02.
    expect(isoWeekWindow(Date.parse('2026-03-08T15:30:00Z'), 'Asia/Shanghai')).toEqual({
      from: Date.parse('2026-03-01T16:00:00Z'),
      to: Date.parse('2026-03-08T16:00:00Z'),
    });
  });

  it('follows a daylight-saving change inside the week', () => {
    // New York moves to EDT on Sunday 2026-03-08: the week is an hour short.
    expect(isoWeekWindow(Date.parse('2026-03-05T12:00:00Z'), 'America/New_York')).toEqual({
      from: Date.parse('2026-03-02T05:00:00Z'),
      to: Date.parse('2026-03-09T04:00:00Z'),
    });
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(isoWeekWindow(Date.parse('2026-03-04T12:00:00Z'), 'Mars/Olympus').from).toBe(
      Date.parse('2026-03-02T00:00:00Z'),
    );
  });
});

describe('monthWindow', () => {
  it('runs from the local first of the month to the next', () => {
    // 1 April 06:00 in Shanghai is still 31 March in UTC.
    expect(monthWindow(Date.parse('2026-03-31T22:00:00Z'), 'Asia/Shanghai')).toEqual({
      from: Date.parse('2026-03-31T16:00:00Z'),
      to: Date.parse('2026-04-30T16:00:00Z'),
    });
  });

  it('crosses the year and follows daylight saving', () => {
    expect(monthWindow(Date.parse('2026-12-15T12:00:00Z'), 'UTC')).toEqual({
      from: Date.parse('2026-12-01T00:00:00Z'),
      to: Date.parse('2027-01-01T00:00:00Z'),
    });
    // New York is on EST on 1 March and EDT on 1 April.
    expect(monthWindow(Date.parse('2026-03-20T12:00:00Z'), 'America/New_York')).toEqual({
      from: Date.parse('2026-03-01T05:00:00Z'),
      to: Date.parse('2026-04-01T04:00:00Z'),
    });
  });
});

describe('poolWarnings', () => {
  it('says how many regular updates are missing and when the pool cannot cover them', () => {
    expect(
      poolWarnings('regular', DEFAULT_QUOTAS.regular, { usedThisWeek: 1, stock: 1, readyStock: 1 }),
    ).toEqual([
      'Only 1 regular update used this week; plan 3–5',
      'Regular pool has 1 unused item but this week still needs 2: write 1 more',
    ]);
  });

  it('warns when a week goes over its maximum and is quiet when on plan', () => {
    expect(
      poolWarnings('hit', DEFAULT_QUOTAS.hit, { usedThisWeek: 3, stock: 4, readyStock: 4 }),
    ).toEqual([
      '3 flagship (hit) pieces used this week, above the 1–2 planned: hold the rest for next week',
    ]);
    expect(
      poolWarnings('hit', DEFAULT_QUOTAS.hit, { usedThisWeek: 2, stock: 0, readyStock: 0 }),
    ).toEqual([]);
  });
});
