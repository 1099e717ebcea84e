import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { migrateToLatest, openDatabase, type Database } from '../storage/db.js';
import { addToCounters, type CounterIncrement } from '../storage/rate-limit-counters.js';
import { createDatabaseStore, createRedisClient, createRedisStore, createSharedCounterStore } from './stores.js';

// The shared counters of docs/deploying.md "Limits across nodes", driven as
// @fastify/rate-limit drives a store, on the injected clock.

type Answer = { current: number; ttl: number };
interface Store {
  incr(key: string, callback: (error: Error | null, result?: Answer) => void, windowMs: number, max: number): void;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.useRealTimers();
  while (cleanups.length) await cleanups.pop()!();
});

/** A request counted: its answer, and whether it came before incr returned (no wait for the backend). */
function count(store: Store, key: string, max: number, windowMs = 60_000): Promise<Answer & { atOnce: boolean }> {
  let returned = false;
  return new Promise((resolve) => {
    store.incr(key, (_error, answer) => resolve({ ...answer!, atOnce: !returned }), windowMs, max);
    returned = true;
  });
}

describe.each(await databaseTargets())('shared request counters on $name', (target) => {
  async function database(): Promise<Database> {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    cleanups.push(async () => {
      await handle.close();
      await fresh.cleanup();
    });
    return handle.db;
  }

  /**
   * A store over the real counter table whose writes are recorded and can be
   * held open (`hold()` until `release()`), to see what a node decides while its
   * write is on the way.
   */
  /** `flushMs` null: the store's default. */
  async function node(db: Database, clock: { now: number }, flushMs: number | null = 60_000) {
    const writes: CounterIncrement[][] = [];
    let gate: Promise<void> | undefined;
    let open = () => {};
    const shared = createSharedCounterStore(
      async (increments, now) => {
        writes.push(increments.map((increment) => ({ ...increment })));
        await gate;
        return addToCounters(db, increments, now);
      },
      { now: () => clock.now, ...(flushMs !== null && { flushMs }) },
    );
    cleanups.push(() => {
      open();
      return shared.close();
    });
    return {
      store: new shared.Store() as unknown as Store,
      shared,
      writes,
      hold() {
        gate = new Promise((resolve) => (open = resolve));
      },
      release() {
        gate = undefined;
        open();
      },
    };
  }

  it('answers the first request of a window from the shared count, with the whole window as its time to live', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    await addToCounters(db, [{ key: 'api:account:3', windowMs: 60_000, add: 3 }], clock.now - 10_000);
    const { store } = await node(db, clock);
    expect(await count(store, 'api:account:3', 100)).toEqual({ current: 4, ttl: 50_000, atOnce: false });
    expect(await count(store, 'api:account:4', 100)).toEqual({ current: 1, ttl: 60_000, atOnce: false });
  });

  it('gives requests that wait together consecutive counts from one write', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, writes } = await node(db, clock);
    const answers = await Promise.all([count(store, 'webhook:account:5', 4), count(store, 'webhook:account:5', 4), count(store, 'webhook:account:5', 4)]);
    expect(answers.map((answer) => answer.current)).toEqual([1, 2, 3]);
    expect(writes).toEqual([[{ key: 'webhook:account:5', windowMs: 60_000, add: 3 }]]);
  });

  it('counts locally while under half the limit, counting what is on its way to the backend, and waits for the shared count near it', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const one = await node(db, clock);
    expect(await count(one.store, 'webhook:account:6', 10)).toMatchObject({ current: 1, atOnce: false });
    clock.now += 1_000;
    expect(await count(one.store, 'webhook:account:6', 10)).toEqual({ current: 2, ttl: 59_000, atOnce: true });
    expect(await count(one.store, 'webhook:account:6', 10)).toEqual({ current: 3, ttl: 59_000, atOnce: true });

    // The two local counts go out in a write that is held on its way: they still count here.
    one.hold();
    const onItsWay = one.shared.close();
    await vi.waitFor(() => expect(one.writes.at(-1)).toEqual([{ key: 'webhook:account:6', windowMs: 60_000, add: 2 }]));
    expect(await count(one.store, 'webhook:account:6', 10)).toEqual({ current: 4, ttl: 59_000, atOnce: true });
    // With a limit of 7, (1 + 2 + 1 + 1) × 2 is past half of it: this one waits for the shared count.
    const nearer = count(one.store, 'webhook:account:6', 7);
    one.release();
    await onItsWay;
    expect(await nearer).toEqual({ current: 5, ttl: 59_000, atOnce: false });
    expect(one.writes.at(-1)).toEqual([{ key: 'webhook:account:6', windowMs: 60_000, add: 2 }]);

    // (5 + 1) × 2 = 12 is past half of 10: waits; exactly half of 14 is still counted here.
    expect(await count(one.store, 'webhook:account:6', 10)).toEqual({ current: 6, ttl: 59_000, atOnce: false });
    expect(await count(one.store, 'webhook:account:6', 14)).toEqual({ current: 7, ttl: 59_000, atOnce: true });
  });

  it('starts a new window with the request that comes exactly when the old one ends', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store } = await node(db, clock);
    await count(store, 'webhook:address:10.0.0.9', 100);
    await count(store, 'webhook:address:10.0.0.9', 100);
    clock.now += 60_000;
    expect(await count(store, 'webhook:address:10.0.0.9', 100)).toEqual({ current: 1, ttl: 60_000, atOnce: false });
  });

  it('writes the counts it took locally when it closes', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, shared } = await node(db, clock);
    await count(store, 'webhook:account:8', 100);
    await count(store, 'webhook:account:8', 100);
    await count(store, 'webhook:account:8', 100);
    await shared.close();
    const row = await db.selectFrom('rate_limit_counters').select('count').where('key', '=', 'webhook:account:8').executeTakeFirstOrThrow();
    expect(Number(row.count)).toBe(3);
  });

  it('writes local counts 100 ms after the first of them by default', async () => {
    const db = await database();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { store, writes } = await node(db, { now: 1_800_000_000_000 }, null);
    await count(store, 'webhook:account:9', 100);
    await count(store, 'webhook:account:9', 100);
    await vi.advanceTimersByTimeAsync(99);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(writes).toEqual([[{ key: 'webhook:account:9', windowMs: 60_000, add: 1 }], [{ key: 'webhook:account:9', windowMs: 60_000, add: 1 }]]));
  });

  it('forgets keys whose window ended, looked for at most once a second', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, shared } = await node(db, clock);
    await count(store, 'ends-at-1000', 100, 1_000);
    await count(store, 'ends-at-1001', 100, 1_001);
    expect(shared.trackedKeys()).toBe(2);
    clock.now += 1_000;
    // A write exactly a second after the last look keeps what it knows…
    await count(store, 'third', 100);
    expect(shared.trackedKeys()).toBe(3);
    clock.now += 1;
    // …one a millisecond later drops both keys whose window has ended by then.
    await count(store, 'fourth', 100);
    expect(shared.trackedKeys()).toBe(2);
  });

  it('deletes counters whose window ended over a minute ago, once a minute, and reports a failed clean-up', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    await addToCounters(db, [{ key: 'old', windowMs: 60_000, add: 1 }], clock.now - 121_000);
    await addToCounters(db, [{ key: 'recent', windowMs: 60_000, add: 1 }], clock.now - 90_000);
    const shared = createDatabaseStore(db, { now: () => clock.now });
    cleanups.push(() => shared.close());
    const store = new shared.Store() as unknown as Store;
    // A request is answered before its write's clean-up runs; close() waits for that write to end.
    const keysAfterWrite = async () => {
      await shared.close();
      return (await db.selectFrom('rate_limit_counters').select('key').orderBy('key').execute()).map((row) => row.key);
    };
    await count(store, 'live-1', 100);
    expect(await keysAfterWrite()).toEqual(['live-1', 'recent']);
    await addToCounters(db, [{ key: 'old', windowMs: 60_000, add: 1 }], clock.now - 121_000);
    clock.now += 60_000;
    await count(store, 'live-2', 100);
    expect(await keysAfterWrite()).toEqual(['live-1', 'live-2', 'old', 'recent']);
    clock.now += 1;
    await count(store, 'live-3', 100);
    expect(await keysAfterWrite()).toEqual(['live-1', 'live-2', 'live-3']);

    const errors: unknown[] = [];
    const failing = createSharedCounterStore((increments, now) => addToCounters(db, increments, now), {
      onError: (error) => errors.push(error),
      cleanup: () => Promise.reject(new Error('clean-up refused')),
    });
    cleanups.push(() => failing.close());
    await count(new failing.Store() as unknown as Store, 'other', 100);
    await failing.close();
    expect(errors).toEqual([new Error('clean-up refused')]);
  });
});

async function redisReachable(): Promise<boolean> {
  const client = new Redis(process.env.FLOWHOOKS_TEST_REDIS ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const withRedis = await redisReachable();
describe('the Redis client and counters', () => {
  it('connects at once and fails a command fast while Redis is down, instead of queueing it', async () => {
    // Port 1 on loopback: nothing listens there.
    const client = createRedisClient('redis://127.0.0.1:1');
    client.on('error', () => undefined);
    cleanups.push(async () => client.disconnect());
    expect(client.status).toBe('connecting');
    await expect(client.get('any')).rejects.toThrow(/enableOfflineQueue/);
  });

  it.runIf(withRedis)('answers the Redis counter with the time left in its window', async () => {
    const client = createRedisClient(process.env.FLOWHOOKS_TEST_REDIS ?? 'redis://127.0.0.1:6379');
    cleanups.push(async () => client.disconnect());
    if (client.status !== 'ready') await once(client, 'ready');
    const shared = createRedisStore(client, { now: () => 1_800_000_000_000 });
    cleanups.push(() => shared.close());
    const key = `test:${process.pid}:${Date.now()}`;
    expect(await count(new shared.Store() as unknown as Store, key, 100, 45_000)).toEqual({ current: 1, ttl: 45_000, atOnce: false });
  });
});
