/**
 * How fast the console overview answers over a full day of heavy traffic
 * (docs/console.md "Overview"): seeds 24 hours of 100 webhook calls a second
 * (8 640 000 invocation log rows, 1 % of them with a miss) through the log's
 * own batch writer (rows and hourly rollup in one transaction each), then
 * times `GET /api/overview`'s queries and the misses grouping, and, for
 * comparison, the same per-method figures read from the raw rows.
 *
 *   npm run build && node dist/bench/overview.js [sqlite:/path/file.db | postgres://…] [callsPerSecond]
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createInvocationLog } from '../src/invocations/log.js';
import { buildOverview } from '../src/overview/overview.js';
import { groupMisses } from '../src/storage/invocations.js';
import { migrateToLatest, openDatabase } from '../src/storage/db.js';
import type { InvocationEntry } from '../src/storage/invocations.js';

const url = process.argv[2] ?? `sqlite:${join(tmpdir(), `flowhooks-overview-bench-${process.pid}.db`)}`;
const perSecond = Number(process.argv[3] ?? 100);
const now = Date.parse('2026-06-02T00:30:00Z');
const start = now - 24 * 3_600_000;
const methods = ['validateDateAndTime', 'findLanguage', 'fetchUserPreferences', 'updateUserPreferences', 'allocateAgent', 'pullreport', 'linkcreation', 'createOutbound'];

// A fixed pseudo-random sequence, so runs compare.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);

function entryAt(at: number, index: number): InvocationEntry {
  const roll = random();
  const method = methods[Math.floor(random() * methods.length)]!;
  const refused = roll < 0.03;
  const failed = !refused && roll < 0.08;
  const miss = method === 'validateDateAndTime' && refused ? `someday ${index % 500}` : method === 'findLanguage' && failed ? String(60_000 + (index % 3000)) : null;
  return {
    at,
    accountId: 1 + Math.floor(random() * 10),
    method,
    flowId: 'OBD00001',
    stage: 'prod',
    httpStatus: refused ? 422 : roll > 0.999 ? 500 : 200,
    outcome: refused || failed || roll > 0.999 ? 'FAILURE' : 'SUCCESS',
    errorCode: refused ? 'UNPARSEABLE_DATE' : failed ? 'NOT_FOUND' : null,
    durationMs: Math.round(-Math.log(1 - random()) * 2 * 100) / 100,
    caller: '98XXXXXX45',
    requestId: `bench-${index}`,
    miss,
  };
}

async function time<T>(label: string, run: () => Promise<T>, repeat = 5): Promise<T> {
  let result: T | undefined;
  const times: number[] = [];
  for (let round = 0; round < repeat; round++) {
    const began = performance.now();
    result = await run();
    times.push(performance.now() - began);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${times[Math.floor(times.length / 2)]!.toFixed(1).padStart(8)} ms   (best ${times[0]!.toFixed(1)} ms, ${repeat} runs)`);
  return result!;
}

const handle = openDatabase(url, { schema: process.env.DATABASE_SCHEMA });
await migrateToLatest(handle, process.env.DATABASE_SCHEMA ?? 'public');
const db = handle.db;
const total = 24 * 3600 * perSecond;
const existing = Number((await db.selectFrom('invocations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
if (existing < total) {
  console.log(`seeding ${total.toLocaleString('en')} calls (${perSecond}/s for 24 h) into ${handle.description} …`);
  const log = createInvocationLog(db, { batchSize: 2000, maxBuffered: 20_000, flushIntervalMs: 3_600_000, onError: (error) => { throw error; } });
  const began = performance.now();
  for (let index = existing; index < total; index++) {
    log.record(entryAt(start + Math.floor((index * 1000) / perSecond), index));
    if (index % 2000 === 1999) await log.flush();
    if (index % 1_000_000 === 999_999) console.log(`  ${(index + 1).toLocaleString('en')} rows, ${((performance.now() - began) / 1000).toFixed(0)} s`);
  }
  await log.close();
  const seconds = (performance.now() - began) / 1000;
  console.log(`seeded in ${seconds.toFixed(0)} s (${Math.round((total - existing) / seconds).toLocaleString('en')} rows/s through the batch writer)`);
}
const rollupRows = Number((await db.selectFrom('invocation_hours').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
console.log(`invocations: ${total.toLocaleString('en')} rows; invocation_hours: ${rollupRows.toLocaleString('en')} rows`);

const all = await time('overview, all accounts, 24 h', () => buildOverview(db, { now, hours: 24 }));
await time('overview, one account, 24 h', () => buildOverview(db, { now, hours: 24, accountId: 3 }));
await time('overview, all accounts, 720 h', () => buildOverview(db, { now, hours: 720 }));
await time('misses, all accounts, 24 h (top 100)', () => groupMisses(db, { from: start, limit: 100 }));
await time('misses, one account, validateDateAndTime, 24 h', () => groupMisses(db, { from: start, accountId: 3, method: 'validateDateAndTime', limit: 100 }));
// The same per-method counts from the raw rows, to show what the rollup saves.
await time(
  'for comparison: calls by method and outcome from raw rows',
  () => sql`select method, outcome, http_status / 100 as class, count(*) from invocations where at >= ${start} group by method, outcome, http_status / 100`.execute(db),
  1,
);
console.log(`check: overview counts ${all.calls.toLocaleString('en')} calls; p95 of validateDateAndTime ${all.methods.find((method) => method.method === 'validateDateAndTime')?.durationMs.p95} ms`);
await handle.close();
if (!process.argv[2]) for (const suffix of ['', '-wal', '-shm']) rmSync(url.slice('sqlite:'.length) + suffix, { force: true });
