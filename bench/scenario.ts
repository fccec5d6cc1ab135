/** One line of benchmark output. */
export interface BenchResult {
  scenario: string;
  /** The database measured; `none` for scenarios that use none (text matching, classifying). */
  db: 'sqlite' | 'postgres' | 'none';
  value: number;
  unit: string;
  /** The same kind of work done the plainest way, in the same run on the same database. */
  baseline: number;
  /** value / baseline: comparable across machines where absolute numbers are not. */
  ratio: number;
  [extra: string]: unknown;
}

/** A benchmark scenario: `bench/scenarios/<name>.bench.ts` exports one as `scenario`. */
export interface Scenario {
  name: string;
  /** Yields one result per database it measured. */
  run(): AsyncIterable<BenchResult>;
}

export function round(value: number, digits = 0): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
