import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What `npm run bench` reads from its environment (docs/benchmark.md).
 *
 * BENCH_SECONDS (default 5) sets each scenario's duration; BENCH_CONNECTIONS
 * (default 10) its concurrency; BENCH_JOBS (default 2000) the dispatcher's jobs.
 * BENCH_ONLY=validateDate,findLanguage measures only the scenarios whose names contain one of them (no dispatcher, RESULTS.md untouched unless BENCH_RESULTS is set).
 * BENCH_PARTS=methods,ceiling,limits,dispatcher,crash,scale (default all) picks the parts: the webhook
 * scenarios, the floor of a call (bench/ceiling.ts), the cost of cluster-wide limits, the crash test at
 * scale (bench/crash.ts; BENCH_CRASH_SECONDS, BENCH_CRASH_RATE), the dispatcher and outcome reports, and the
 * same calls on a database grown to millions of rows (bench/scale.ts).
 * SCALE_PREFERENCES (default 1000000 contacts), SCALE_REPORT_ROWS (1000000) and
 * SCALE_SHORT_LINKS (100000) size the `scale` part's data; small counts smoke-test it.
 * `--profile` (npm run bench -- --profile) or BENCH_PARTS=profile adds CPU profiles of the main
 * scenarios and the dispatcher, each on a server of its own (bench/profile.ts), on SQLite;
 * BENCH_PROFILE_DATABASE=postgres profiles them on PostgreSQL instead.
 * BENCH_RESULTS names the file the report is written to (default bench/RESULTS.md).
 * BENCH_PROFILE_BEFORE names an earlier run's report whose profile tables are shown beside this run's.
 * BENCH_NODE_ARGS (space-separated) adds options for node to the measured flowhooks processes, to try
 * a V8 or Node setting before adopting it (e.g. BENCH_NODE_ARGS=--max-semi-space-size=8).
 * FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS, when set, is passed to the measured servers
 * (0 keeps a server on a busy machine from shedding the bench's own load).
 */
export const seconds = Number(process.env.BENCH_SECONDS ?? 5);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
export const jobCount = Number(process.env.BENCH_JOBS ?? 2000);
/** Deliveries in flight of the dispatcher's floor: the service's default (FLOWHOOKS_DISPATCH_CONCURRENCY), which the dispatcher part runs with. */
export const dispatchConcurrency = 100;
export const parts = new Set((process.env.BENCH_PARTS ?? 'methods,ceiling,limits,dispatcher,crash,scale').split(',').map((part) => part.trim()));
if (process.argv.includes('--profile')) parts.add('profile');
/** BENCH_ONLY (parts of scenario names, comma-separated, case-insensitive). */
export const only = process.env.BENCH_ONLY?.toLowerCase();
export const onlyParts = (only ?? '').split(',').map((part) => part.trim()).filter(Boolean);
export const resultsFile = process.env.BENCH_RESULTS;
/** BENCH_PROFILE_DATABASE: the database the profiled servers run on (default sqlite). */
export const profileDatabase: 'sqlite' | 'postgres' = process.env.BENCH_PROFILE_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
/** Splits a command line's words into its `NAME=value` settings of the environment and the rest. */
export function environmentWords(words: readonly string[]): { env: Record<string, string>; rest: string[] } {
  const setting = (word: string) => /^[A-Z_][A-Z0-9_]*=/.test(word);
  return {
    env: Object.fromEntries(words.filter(setting).map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)])),
    rest: words.filter((word) => !setting(word)),
  };
}

/** `npm start`'s command line (package.json): `NAME=value` words, then `node`, its options and the script. */
const startScript = (() => {
  // The nearest package.json above this module: dist/bench/ when built, bench/ when a test imports the source.
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  const { scripts } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const { env, rest: [command, ...options] } = environmentWords(scripts.start.split(' '));
  return { env, nodeArgs: command === 'node' ? options.slice(0, options.findIndex((word) => !word.startsWith('--'))) : [] };
})();
/**
 * The options `npm start` gives node (package.json), so the measured servers run as in
 * production, then BENCH_NODE_ARGS.
 */
export const extraNodeArgs = [...startScript.nodeArgs, ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)];
/** The environment `npm start` sets before node (MALLOC_ARENA_MAX), given to every measured flowhooks server. */
export const startScriptEnv: Record<string, string> = startScript.env;
export const shedding: Record<string, string> =
  process.env.FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS !== undefined ? { FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: process.env.FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS } : {};
/** Rows the `scale` part seeds directly into the tables (docs/benchmark.md "Cost as data grows"). */
export const scaleCounts = {
  contacts: Number(process.env.SCALE_PREFERENCES ?? 1_000_000),
  reportRows: Number(process.env.SCALE_REPORT_ROWS ?? 1_000_000),
  shortLinks: Number(process.env.SCALE_SHORT_LINKS ?? 100_000),
};
export const redisUrl = process.env.FLOWHOOKS_TEST_REDIS ?? 'redis://127.0.0.1:6379';
