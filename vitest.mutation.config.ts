import { defineConfig } from 'vitest/config';

// The tests Stryker runs for each mutant (docs/testing.md#mutation-testing):
// the fast in-process tests beside the code. Process, browser, fuzz and crash
// tests under test/ start servers or browsers and would cost minutes per mutant.
// PostgreSQL is left out by the npm script (FLOWHOOKS_TEST_PG points at a closed
// loopback port, so databaseTargets() gives SQLite only); the full suite covers both.
export default defineConfig({
  test: {
    // stryker.config.mjs narrows some modules to the tests in their own folders.
    include: process.env.MUTATION_TEST_DIRS ? process.env.MUTATION_TEST_DIRS.split(',').map((dir) => `${dir}/**/*.test.ts`) : ['src/**/*.test.ts'],
    exclude: [
      '**/node_modules/**',
      'test/**',
      '**/*.e2e.*',
      '**/*fuzz*',
      '**/*process*.test.ts',
      // Modules of pure rules (stryker.config.mjs) are measured by their unit tests alone.
      ...(process.env.MUTATION_UNIT_TESTS_ONLY ? ['**/*.http.test.ts'] : []),
    ],
    // One module graph for all files: each test file would otherwise import the app again,
    // which costs more than the tests themselves (Stryker swaps mutants at run time).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
