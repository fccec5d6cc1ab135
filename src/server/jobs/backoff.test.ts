import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

const options = { baseMs: 1_000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, between half and all of the nominal delay', () => {
    expect(retryDelayMs(1, options, () => 0)).toBe(500);
    expect(retryDelayMs(1, options, () => 1)).toBe(1_000);
    expect(retryDelayMs(2, options, () => 1)).toBe(2_000);
    expect(retryDelayMs(4, options, () => 1)).toBe(8_000);
    expect(retryDelayMs(4, options, () => 0.5)).toBe(6_000);
  });

  it('is capped by maxMs, even for absurd attempt counts', () => {
    expect(retryDelayMs(7, options, () => 1)).toBe(60_000);
    expect(retryDelayMs(10_000, options, () => 1)).toBe(60_000);
    expect(retryDelayMs(10_000, options, () => 0)).toBe(30_000);
  });

  it('spreads retries of jobs that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3, options)));
    expect(delays.size).toBeGreaterThan(10);
    for (const value of delays) {
      expect(value).toBeGreaterThanOrEqual(2_000);
      expect(value).toBeLessThanOrEqual(4_000);
    }
  });
});
