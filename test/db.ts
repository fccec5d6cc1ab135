import { createScratchDatabase, type ScratchDatabase } from '../src/server/db/scratch-database.ts';

/** Which database the integration tests of this run use; set per Vitest project. */
const testDialect: 'sqlite' | 'postgres' =
  process.env.OPSLOOP_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export type TestDatabase = ScratchDatabase;

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or a new schema in the
 * PostgreSQL named by OPSLOOP_TEST_DATABASE_URL, so test files never see each other's rows.
 */
export function createTestDatabase(): Promise<TestDatabase> {
  if (testDialect === 'sqlite') return createScratchDatabase('t');
  const url = process.env.OPSLOOP_TEST_DATABASE_URL;
  if (!url) throw new Error('OPSLOOP_TEST_DATABASE_URL is required for the postgres project');
  return createScratchDatabase('t', url);
}
