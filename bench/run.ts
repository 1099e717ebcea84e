import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, postgresProblem, testPgUrl, withPostgresSchema } from '../harness/database.js';
import { repoRoot } from '../harness/process.js';
import { only, parts, profileDatabase, resultsFile } from './options.js';
import { report, type CeilingPart } from './report.js';
import { dispatchBench, floorBench, limitsBench, load, measurePass, profileBench, startBare, startFakeTranslationProvider, workBudgetBench, type Pass } from './runner.js';
import { crashBench, type CrashPart } from './crash.js';
import { scaleBench, type ScalePass } from './scale.js';
import { bareLoad } from './scenarios.js';

/**
 * `npm run bench`: loads every webhook method and the short-URL redirect with
 * autocannon, on SQLite and on PostgreSQL (when FLOWHOOKS_TEST_PG answers;
 * the output says so when it is skipped), beside a bare Fastify handler
 * measured in the same run before each database's pass; then the outbound
 * dispatcher; then the same calls on a database grown to millions of rows
 * (`scale`, bench/scale.ts). Prints the results and writes them to bench/RESULTS.md
 * (BENCH_RESULTS names another file; bench/options.ts lists the settings).
 * Peak RSS of each server process is read from /proc/<pid>/status (VmHWM) before it stops.
 *
 * bench/scenarios.ts holds what is measured and the data seeded for it,
 * bench/runner.ts how (processes, autocannon, the dispatcher's loop),
 * bench/report.ts the report; the processes come from harness/.
 */
async function main() {
  const folder = mkdtempSync(join(tmpdir(), 'flowhooks-bench-'));
  const bare = await startBare();
  const translationProvider = await startFakeTranslationProvider();
  const started = new Date();
  // Other work on the machine takes CPU from the measured processes; the load average shows how much there was.
  const loadAtStart = loadavg()[0] ?? 0;
  const passes: Pass[] = [];
  const skipped: string[] = [];
  let dispatchRows: string[] = [];
  let callbackRows: string[] = [];
  let limitRows: string[] = [];
  let profileLines: string[] = [];
  let bareRss = 'n/a';
  const scalePasses: ScalePass[] = [];
  const scaleNotes: string[] = [];
  let ceiling: CeilingPart | undefined;
  let crash: CrashPart | undefined;
  try {
    // Warm the load generator and the bare handler up before measuring.
    await load(`${bare.address}/webhook`, bareLoad);
    if (parts.has('methods')) {
      passes.push(await measurePass('SQLite', { DATABASE_URL: `sqlite:${join(folder, 'bench.db')}` }, bare, translationProvider.url));
      const postgresPass = await withPostgresSchema('fh_bench', (env) => measurePass('PostgreSQL', env, bare, translationProvider.url));
      if (postgresPass) passes.push(postgresPass);
      else skipped.push(`PostgreSQL skipped: ${testPgUrl} is unreachable (set FLOWHOOKS_TEST_PG).`);
    }
    if (only || !parts.has('limits')) limitRows = ['| skipped (BENCH_ONLY or BENCH_PARTS) | | | | |'];
    else limitRows = (await limitsBench(bare.address, translationProvider.url)) ?? [`| skipped: ${testPgUrl} unreachable | | | | |`];
    if (only || !parts.has('dispatcher')) {
      dispatchRows = ['| skipped (BENCH_ONLY or BENCH_PARTS) | | | | | | | | | | | |'];
    } else {
      process.stdout.write('dispatcher\n');
      const sqliteDispatch = await dispatchBench('SQLite', { DATABASE_URL: `sqlite:${join(folder, 'dispatch.db')}` });
      const postgresDispatch = await withPostgresSchema('fh_bench', (env) => dispatchBench('PostgreSQL', env));
      dispatchRows = [...sqliteDispatch.rows, ...(postgresDispatch?.rows ?? [`| PostgreSQL | skipped: ${testPgUrl} unreachable | | | | | | | | |`])];
      callbackRows = [...sqliteDispatch.callbacks, ...(postgresDispatch?.callbacks ?? [`| PostgreSQL | skipped: ${testPgUrl} unreachable | | | | | | |`])];
    }
    if (parts.has('scale') && !only) {
      // A failed scale pass must not cost the figures measured before it either.
      const failed = (database: string) => (error: unknown) => {
        scaleNotes.push(`${database} scale pass failed: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      };
      const sqlitePass = await scaleBench('SQLite', 'sqlite', bare.address, translationProvider.url).catch(failed('SQLite'));
      if (sqlitePass) scalePasses.push(sqlitePass);
      const postgresPass = (await postgresProblem()) ? undefined : await scaleBench('PostgreSQL', 'postgres', bare.address, translationProvider.url).catch(failed('PostgreSQL'));
      if (postgresPass) scalePasses.push(postgresPass);
      else if (!scaleNotes.some((note) => note.startsWith('PostgreSQL'))) scaleNotes.push(`PostgreSQL skipped: ${testPgUrl} is unreachable (set FLOWHOOKS_TEST_PG).`);
    } else if (parts.has('scale')) {
      scaleNotes.push('Skipped: BENCH_ONLY measures only the scenarios it names.');
    }
    if (parts.has('ceiling') && !only) {
      ceiling = { passes: [], notes: [], workBudget: await workBudgetBench(bare) };
      const sqlite = await freshDatabase('sqlite', 'fh_bench_floor');
      try {
        ceiling.passes.push(await floorBench('SQLite', sqlite.env));
      } finally {
        await sqlite.cleanup();
      }
      const postgresFloor = await withPostgresSchema('fh_bench', (env) => floorBench('PostgreSQL', env));
      if (postgresFloor) ceiling.passes.push(postgresFloor);
      else ceiling.notes.push(`PostgreSQL skipped: ${testPgUrl} is unreachable (set FLOWHOOKS_TEST_PG).`);
    }
    if (parts.has('crash') && !only) {
      process.stdout.write('exactly once at scale: the crash test\n');
      crash = await crashBench();
    }
    if (parts.has('profile')) {
      // A failed profile must not cost the figures measured before it.
      profileLines = await profileBench(profileDatabase, translationProvider.url).catch((error: unknown) => [
        `Profiling failed: ${error instanceof Error ? error.message : String(error)}`,
        '',
      ]);
    }
  } finally {
    bareRss = bare.peakRss();
    await translationProvider.close();
    await bare.stop();
    rmSync(folder, { recursive: true, force: true });
  }
  const text = report({ started, loadAtStart, passes, skipped, limitRows, dispatchRows, callbackRows, profileLines, bareRss, translationProviderCalls: translationProvider.calls(), scalePasses, scaleNotes, ceiling, crash });
  process.stdout.write(`\n${text}`);
  if (only && !resultsFile) return;
  const file = resultsFile ?? join(repoRoot, 'bench', 'RESULTS.md');
  writeFileSync(file, text);
  process.stdout.write(`\nWritten to ${file}\n`);
}

await main();
