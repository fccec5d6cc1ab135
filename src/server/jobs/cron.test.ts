import { describe, expect, it } from 'vitest';
import { assertValidSchedule, cronDedupeKey, dueFireTime, latestFireAtOrBefore } from './cron.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('cron computation', () => {
  it('finds the latest fire at or before a time, including exactly on it', () => {
    expect(iso(latestFireAtOrBefore('0 8 * * *', undefined, at('2026-01-05T08:00:00.000Z')))).toBe(
      '2026-01-05T08:00:00.000Z',
    );
    expect(iso(latestFireAtOrBefore('0 8 * * *', undefined, at('2026-01-05T07:59:59.999Z')))).toBe(
      '2026-01-04T08:00:00.000Z',
    );
  });

  it('fires when a fire time falls in (after, upTo]', () => {
    const fire = dueFireTime(
      '0 8 * * *',
      undefined,
      at('2026-01-05T07:59:59Z'),
      at('2026-01-05T08:00:01Z'),
    );
    expect(iso(fire)).toBe('2026-01-05T08:00:00.000Z');
    // The previous tick already covered 08:00.
    expect(
      dueFireTime('0 8 * * *', undefined, at('2026-01-05T08:00:00Z'), at('2026-01-05T08:00:01Z')),
    ).toBeNull();
    expect(
      dueFireTime('0 8 * * *', undefined, at('2026-01-05T08:00:01Z'), at('2026-01-05T08:00:01Z')),
    ).toBeNull();
  });

  it('catches up only the latest missed fire after downtime', () => {
    const fire = dueFireTime(
      '0 8 * * *',
      undefined,
      at('2026-01-01T00:00:00Z'),
      at('2026-01-05T12:00:00Z'),
    );
    expect(iso(fire)).toBe('2026-01-05T08:00:00.000Z');
  });

  it('reads the schedule in the entry time zone', () => {
    // 08:00 in Shanghai (UTC+8) is 00:00 UTC.
    const fire = dueFireTime(
      '0 8 * * *',
      'Asia/Shanghai',
      at('2026-01-04T23:00:00Z'),
      at('2026-01-05T01:00:00Z'),
    );
    expect(iso(fire)).toBe('2026-01-05T00:00:00.000Z');
  });

  it('supports a seconds field', () => {
    const fire = dueFireTime(
      '*/10 * * * * *',
      undefined,
      at('2026-01-05T08:00:01Z'),
      at('2026-01-05T08:00:25Z'),
    );
    expect(iso(fire)).toBe('2026-01-05T08:00:20.000Z');
  });

  it('builds the same dedupe key for the same fire', () => {
    expect(cronDedupeKey('reports.daily', at('2026-01-05T08:00:00Z'))).toBe(
      'cron:reports.daily:2026-01-05T08:00:00.000Z',
    );
  });

  it('rejects bad schedules and time zones up front', () => {
    expect(() => assertValidSchedule('every morning')).toThrow(
      /Invalid cron schedule "every morning"/,
    );
    expect(() => assertValidSchedule('0 8 * * *', 'Mars/Olympus')).toThrow(/in Mars\/Olympus/);
    expect(() => assertValidSchedule('0 8 * * *', 'Europe/Paris')).not.toThrow();
  });
});
