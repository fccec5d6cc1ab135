import { defineConfig } from 'vitest/config';

// Browser journeys: each starts the real server (`opsloop serve`) on a fresh data folder and
// drives Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    include: ['**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
