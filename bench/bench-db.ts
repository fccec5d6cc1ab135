import { createScratchDatabase, type ScratchDatabase } from '../src/server/db/scratch-database.ts';

/** A fresh, migrated database a scenario owns until it calls `drop()`. */
export type BenchDatabase = ScratchDatabase;

export interface BenchTarget {
  dialect: 'sqlite' | 'postgres';
  create(): Promise<BenchDatabase>;
}

/**
 * The databases every scenario runs on: a temporary SQLite file always, and a throw-away schema
 * in PostgreSQL when OPSLOOP_BENCH_DATABASE_URL (or OPSLOOP_TEST_DATABASE_URL) is set.
 */
export function benchTargets(): BenchTarget[] {
  const targets: BenchTarget[] = [
    { dialect: 'sqlite', create: () => createScratchDatabase('bench') },
  ];
  const url = process.env.OPSLOOP_BENCH_DATABASE_URL ?? process.env.OPSLOOP_TEST_DATABASE_URL;
  if (url) targets.push({ dialect: 'postgres', create: () => createScratchDatabase('bench', url) });
  return targets;
}
