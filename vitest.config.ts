import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Scans every log line the suite produced for secrets and phone numbers.
    globalSetup: ['test/log-check.global.ts'],
    // Process tests start real servers (node, migrations) on a 2-core machine the whole suite shares:
    // under that load a start alone can take 10 s or more. A hung test still fails, a minute later.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a user would see (the console's status lines): the same allowance, not 1 s, since a
    // form's round trip can take seconds under that load. What never comes still fails.
    expect: { poll: { timeout: 15_000 } },
  },
});
