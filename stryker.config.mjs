// Mutation testing (docs/testing.md#mutation-testing): the modules where a wrong
// character costs money or trust. `npm run mutation` runs them all;
// `MUTATION_MODULES=protocol,limits npm run mutation` runs some.
const modules = {
  // kernel/route-doc.ts is the API document's wording (pinned by the document tests), not the wire.
  protocol: ['src/protocol/**/*.ts', 'src/kernel/errors.ts'],
  'method-rules': ['src/methods/*/rules.ts', 'src/agents/breaks.ts'],
  // The scheduler (createOutbound's handler), the dispatcher and its lease loop, and their tables.
  outbound: [
    'src/methods/create-outbound/create-outbound.ts',
    'src/methods/create-outbound/dispatcher.ts',
    'src/methods/create-outbound/lease-loop.ts',
    'src/storage/outbound-jobs.ts',
    'src/storage/outbound-requests.ts',
  ],
  shortener: ['src/shortener/hosts.ts', 'src/shortener/codes.ts', 'src/shortener/long-url.ts', 'src/shortener/shortener.ts'],
  limits: ['src/limits/**/*.ts'],
  // kernel/hash.ts compares stored token and secret hashes.
  auth: ['src/auth/**/*.ts', 'src/kernel/hash.ts'],
};

// Each mutant runs only the fast in-process tests beside the code (vitest.mutation.config.ts),
// on SQLite only: FLOWHOOKS_TEST_PG points at a closed loopback port, so databaseTargets()
// skips PostgreSQL (never set CI here: in CI a missing PostgreSQL fails the run).
process.env.FLOWHOOKS_TEST_PG = 'postgres://postgres@127.0.0.1:1/test';

// Pure rules are pinned by their own unit tests, which run in milliseconds; the HTTP tests
// that also reach them would cost seconds a mutant (each file starts an app) for no more kills.
const unitTested = new Set(['method-rules']);

// The wire protocol is reached by every webhook test in the project (some 70 files, each
// starting an app): its mutants run the protocol's own tests, which drive it end to end
// through one app and pin each rule; the rest would cost half a minute a mutant.
const ownTestDirs = { protocol: ['src/protocol', 'src/kernel'] };

const chosen = (process.env.MUTATION_MODULES ?? Object.keys(modules).join(','))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of chosen) {
  if (!modules[name]) throw new Error(`unknown mutation module "${name}"; known: ${Object.keys(modules).join(', ')}`);
}

// Read by vitest.mutation.config.ts in the test runner processes, which inherit this environment.
if (chosen.every((name) => unitTested.has(name))) process.env.MUTATION_UNIT_TESTS_ONLY = '1';
else delete process.env.MUTATION_UNIT_TESTS_ONLY;
if (chosen.every((name) => ownTestDirs[name])) process.env.MUTATION_TEST_DIRS = chosen.flatMap((name) => ownTestDirs[name]).join(',');
else delete process.env.MUTATION_TEST_DIRS;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false — vitest's import-graph search found no test for files reached through
  // test/support.ts; the dry run runs every fast test once, each mutant only those covering it.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: chosen.flatMap((name) => modules[name]).concat(['!src/**/*.test.ts']),
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  // A mutant that makes a test hang (an endless retry loop) counts as killed once it runs
  // 5 s past the test's normal time; waiting longer only slows the run.
  timeoutMS: 5_000,
  // Mutants in module-level constants (the error table's texts) would each need every test
  // on a fresh module graph; they are left out of the score (reported as ignored).
  ignoreStatic: true,
  thresholds: { high: 90, low: 80, break: null },
  // dist/console stays: the console and short-link tests serve the built page from it.
  // Anchored at the root: a bare 'reports' also dropped src/methods/reports (now pullreport) from the sandbox.
  ignorePatterns: ['/dist/*', '!/dist/console', '/data', '/reports', '/test-results', 'node_modules', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
};
