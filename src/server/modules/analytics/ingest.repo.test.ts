import { describe, expect, it } from 'vitest';
import { chunkSizes } from './ingest.repo.ts';

describe('statement sizes', () => {
  it('cover every row with full chunks, then powers of two', () => {
    expect(chunkSizes(5000, 1820)).toEqual([1820, 1820, 1024, 256, 64, 16]);
    expect(chunkSizes(1820, 1820)).toEqual([1820]);
    expect(chunkSizes(0, 1820)).toEqual([]);
    expect(chunkSizes(7, 1820)).toEqual([4, 2, 1]);
    for (const n of [1, 999, 3641, 20_000]) {
      expect(chunkSizes(n, 1820).reduce((a, b) => a + b, 0)).toBe(n);
    }
  });
});
