import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../storage/db.js';
import type { InvocationEntry } from '../storage/invocations.js';
import { databaseTargets } from '../../test/support.js';
import { createInvocationLog } from './log.js';
import { retentionCutoff } from './retention.js';

const entry = (index: number): InvocationEntry => ({
  at: 1_780_000_000_000 + index,
  accountId: 1,
  method: 'findLanguage',
  flowId: null,
  stage: 'prod',
  httpStatus: 200,
  outcome: 'SUCCESS',
  errorCode: null,
  durationMs: 0.8,
  caller: '98XXXXXX45',
  requestId: `call-${index}`,
});

const requestIds = async (handle: DatabaseHandle) =>
  (await handle.db.selectFrom('invocations').select('request_id').orderBy('id').execute()).map((row) => row.request_id);

describe('the retention cut-off', () => {
  it('is the retention in whole days before now', () => {
    const now = Date.parse('2026-06-08T10:00:00Z');
    expect(retentionCutoff(now, 7)).toBe(Date.parse('2026-06-01T10:00:00Z'));
    expect(retentionCutoff(now, 1)).toBe(Date.parse('2026-06-07T10:00:00Z'));
  });
});

describe.each(await databaseTargets())('the invocation log writer on $name', (target) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function freshDatabase(): Promise<DatabaseHandle> {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA, poolSize: 2 });
    cleanups.push(fresh.cleanup);
    cleanups.push(() => handle.close());
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    return handle;
  }

  /** A log of batches of 10 on a fresh database, flushed only when asked, and the sizes of the batches it wrote. */
  async function batchCountingLog() {
    const handle = await freshDatabase();
    const batches: number[] = [];
    const log = createInvocationLog(handle.db, { batchSize: 10, flushIntervalMs: 3_600_000, onBatch: (size) => batches.push(size) });
    cleanups.push(() => log.close());
    return { handle, log, batches };
  }

  it('writes full batches at once and the rest on flush, one insert a batch, in order', async () => {
    const { handle, log, batches } = await batchCountingLog();
    for (let index = 0; index < 25; index++) log.record(entry(index));
    await log.flush();
    expect(batches).toEqual([10, 10, 5]);
    expect(await requestIds(handle)).toEqual(Array.from({ length: 25 }, (_, index) => `call-${index}`));
    expect(log.stats()).toMatchObject({ buffered: 0, written: 25, batches: 3, failedBatches: 0, dropped: 0 });
  });

  it('leaves what arrives during a write for the next full batch or the timer, so batches stay large', async () => {
    const { handle, log, batches } = await batchCountingLog();
    for (let index = 0; index < 4; index++) log.record(entry(index));
    const flushing = log.flush();
    // The flush has taken its four; these three arrive while that write waits for its commit.
    await new Promise((resolve) => setImmediate(resolve));
    for (let index = 4; index < 7; index++) log.record(entry(index));
    await flushing;
    expect(batches).toEqual([4]);
    expect(log.stats().buffered).toBe(3);
    await log.flush();
    expect(batches).toEqual([4, 3]);
    expect(await requestIds(handle)).toEqual(Array.from({ length: 7 }, (_, index) => `call-${index}`));
  });

  it('writes on its timer without being asked', async () => {
    const handle = await freshDatabase();
    const written = new Promise<number>((resolve) => {
      const log = createInvocationLog(handle.db, { flushIntervalMs: 20, onBatch: resolve });
      cleanups.push(() => log.close());
      log.record(entry(1));
    });
    expect(await written).toBe(1);
    expect(await requestIds(handle)).toEqual(['call-1']);
  });

  it('keeps entries while the table is unavailable and writes them once it is back', async () => {
    const handle = await freshDatabase();
    const errors: unknown[] = [];
    const log = createInvocationLog(handle.db, { batchSize: 5, flushIntervalMs: 3_600_000, onError: (error) => errors.push(error) });
    cleanups.push(() => log.close());
    await sql`alter table invocations rename to invocations_away`.execute(handle.db);
    for (let index = 0; index < 7; index++) log.record(entry(index));
    await log.flush();
    expect(errors.length).toBeGreaterThan(0);
    expect(log.stats()).toMatchObject({ buffered: 7, written: 0, dropped: 0 });

    await sql`alter table invocations_away rename to invocations`.execute(handle.db);
    log.record(entry(7));
    await log.flush();
    expect(await requestIds(handle)).toEqual(Array.from({ length: 8 }, (_, index) => `call-${index}`));
    expect(log.stats()).toMatchObject({ buffered: 0, written: 8, dropped: 0 });
  });

  it('keeps the newest entries when the backlog passes its bound', async () => {
    const handle = await freshDatabase();
    const log = createInvocationLog(handle.db, { batchSize: 10, maxBuffered: 20, flushIntervalMs: 3_600_000 });
    cleanups.push(() => log.close());
    await sql`alter table invocations rename to invocations_away`.execute(handle.db);
    for (let index = 0; index < 50; index++) log.record(entry(index));
    await log.flush();
    await sql`alter table invocations_away rename to invocations`.execute(handle.db);
    await log.flush();
    expect(await requestIds(handle)).toEqual(Array.from({ length: 20 }, (_, index) => `call-${index + 30}`));
    expect(log.stats()).toMatchObject({ written: 20, dropped: 30 });
  });

  it('drops the oldest entries, counted, instead of blocking or failing when the database is closed', async () => {
    const handle = await freshDatabase();
    const dropped: number[] = [];
    const errors: string[] = [];
    const log = createInvocationLog(handle.db, {
      batchSize: 10,
      maxBuffered: 20,
      flushIntervalMs: 3_600_000,
      onDropped: (count) => dropped.push(count),
      onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
    });
    await handle.close();
    for (let index = 0; index < 50; index++) log.record(entry(index));
    await expect(log.flush()).resolves.toBeUndefined();
    await expect(log.close()).resolves.toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(log.stats()).toMatchObject({ buffered: 20, written: 0, dropped: 30 });
    expect(dropped.reduce((sum, count) => sum + count, 0)).toBe(30);
  });
});
