import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Scans every log line the suite produced for secrets and phone numbers.
    globalSetup: ['test/log-check.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
