import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'bot/**/*.test.ts',
      'tab/**/*.test.{ts,tsx}',
      'tests/**/*.test.ts',
      'appPackage/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Server, browser and database suites compete for 2 cores; two files at a time keeps timings honest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
