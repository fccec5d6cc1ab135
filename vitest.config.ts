import { defineConfig } from 'vitest/config';

// Unit tests (*.test.ts) run once; integration tests (*.int.test.ts) run on SQLite and, when
// OPSLOOP_TEST_DATABASE_URL is set, again on PostgreSQL.
const withPostgres = Boolean(process.env.OPSLOOP_TEST_DATABASE_URL);
const integration = ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: integration,
          // Some spawn processes (the CLI, a local Bluesky PDS); a loaded 2-core machine is slow.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'sqlite',
          include: integration,
          env: { OPSLOOP_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      ...(withPostgres
        ? [
            {
              test: {
                name: 'postgres',
                include: integration,
                env: { OPSLOOP_TEST_DB: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 30_000,
              },
            },
          ]
        : []),
    ],
  },
});
