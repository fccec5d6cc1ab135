import { describe, expect, it } from 'vitest';
import { computeBestTimes, localSlot, suggestSlots } from './best-times.ts';

const HOUR = 3_600_000;

describe('best times', () => {
  it('reads weekday and hour in the channel time zone', () => {
    // 2026-03-02 is a Monday; 01:00 UTC is 09:00 in Shanghai.
    expect(localSlot(Date.parse('2026-03-02T01:00:00Z'), 'Asia/Shanghai')).toEqual({
      weekday: 0,
      hour: 9,
    });
    expect(localSlot(Date.parse('2026-03-02T01:00:00Z'), 'America/New_York')).toEqual({
      weekday: 6,
      hour: 20,
    });
  });

  it('finds the peak hour despite follower growth', () => {
    const start = Date.parse('2026-01-05T00:00:00Z');
    const posts = [];
    for (let day = 0; day < 60; day++) {
      for (const hour of [8, 12, 20, 23]) {
        const growth = 1 + day / 30; // later posts reach more people whatever the hour
        const peak = Math.exp(-((hour - 20) ** 2) / 8);
        posts.push({
          publishedAt: start + day * 24 * HOUR + hour * HOUR,
          engagement: 100 * growth * (0.3 + peak),
        });
      }
    }
    const result = computeBestTimes(posts, 'UTC');
    expect(result.bestHour).toBe(20);
    expect(result.sampleSize).toBe(240);
    expect(result.grid[0]![20]).toBeGreaterThan(result.grid[0]![8]!);
    const slots = suggestSlots(result, 'UTC', Date.parse('2026-03-10T05:30:00Z'), 3);
    expect(slots.map((s) => s.hour)).toEqual([20, 20, 20]);
  });

  it('says nothing without history', () => {
    const result = computeBestTimes([], 'UTC');
    expect(result.bestHour).toBeNull();
    expect(suggestSlots(result, 'UTC', Date.now())).toEqual([]);
  });
});
