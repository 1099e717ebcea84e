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
    const errors: unknown[] = [];
    let gate: Promise<void> | undefined;
    let open = () => {};
    const backend = { down: false, answered: 0 };
    const shared = createSharedCounterStore(
      async (increments, now) => {
        writes.push(increments.map((increment) => ({ ...increment })));
        try {
          await gate;
          if (backend.down) throw new Error('backend down');
          return await addToCounters(db, increments, now);
        } finally {
          backend.answered += 1;
        }
      },
      { now: () => clock.now, onError: (error) => errors.push(error), ...(flushMs !== null && { flushMs }) },
    );
    cleanups.push(() => {
      open();
      return shared.close();
    });
    return {
      store: new shared.Store() as unknown as Store,
      shared,
      writes,
      errors,
      backend,
      /** Once every write sent has been answered (or has failed) and the node has taken its answer in. */
      settled: () => vi.waitFor(() => expect(backend.answered).toBe(writes.length)),
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

  /** A node on the default review time (100 ms) with fake timers: `review()` runs the review and waits for its write. */
  async function reviewedNode() {
    const db = await database();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const one = await node(db, { now: 1_800_000_000_000 }, null);
    const review = async () => {
      await vi.advanceTimersByTimeAsync(100);
      await one.settled();
    };
    return { db, ...one, review };
  }

  /** The key's count in the backend. */
  async function stored(db: Database, key: string): Promise<number> {
    const row = await db.selectFrom('rate_limit_counters').select('count').where('key', '=', key).executeTakeFirstOrThrow();
    return Number(row.count);
  }
  const together = (store: Store, key: string, max: number, requests: number) => Promise.all(Array.from({ length: requests }, () => count(store, key, max)));

  it('takes a reserve for a busy key in the lower half of its limit, counted in the backend before any of it is answered at once', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, writes } = await node(db, clock);
    const key = 'webhook:account:6';
    // A key this node has not seen yet: no reserve before its count is known.
    expect((await together(store, key, 100, 3)).map((answer) => answer.current)).toEqual([1, 2, 3]);
    clock.now += 1_000;
    // Four waiting together: they take 4…7 and reserve 8…11 for the next four.
    expect((await together(store, key, 100, 4)).map((answer) => answer.current)).toEqual([4, 5, 6, 7]);
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: 8 }]);
    expect(await stored(db, key)).toBe(11);
    for (const current of [8, 9, 10, 11]) expect(await count(store, key, 100)).toEqual({ current, ttl: 59_000, atOnce: true });
    expect(writes).toHaveLength(2);
    // The reserve is used up: the next request waits, and its write tops the reserve up to the five asked since.
    expect(await count(store, key, 100)).toEqual({ current: 12, ttl: 59_000, atOnce: false });
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: 6 }]);
    expect(await stored(db, key)).toBe(17);
  });

  it('takes no reserve past half the limit: near it every request waits for the shared count', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, writes } = await node(db, clock);
    const key = 'webhook:account:16';
    await together(store, key, 10, 2);
    // 2 counted + 3 asked = 5: exactly half of 10, no room for a reserve.
    expect((await together(store, key, 10, 3)).map((answer) => answer.current)).toEqual([3, 4, 5]);
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: 3 }]);
    expect(await count(store, key, 10)).toMatchObject({ current: 6, atOnce: false });
    // With a limit of 18 there is room for one slot (9 − 6 counted − 2 asked): two asked together reserve one.
    expect((await together(store, key, 18, 2)).map((answer) => answer.current)).toEqual([7, 8]);
    expect(await count(store, key, 18)).toMatchObject({ current: 9, atOnce: true });
    expect(await count(store, key, 18)).toMatchObject({ current: 10, atOnce: false });
  });

  it('gives back slots it reserved past the limit because another node counted meanwhile, at its review, even after a failed write', async () => {
    const one = await reviewedNode();
    const { db } = one;
    const key = 'webhook:account:26';
    await together(one.store, key, 20, 2);
    // Another node counts 17 (19 in all) while this one still thinks 2.
    await addToCounters(db, [{ key, windowMs: 60_000, add: 17 }], 1_800_000_000_000);
    const answers = await together(one.store, key, 20, 2);
    expect(answers.map((answer) => answer.current)).toEqual([20, 21]);
    // Its reserve (22, 23) landed past 20: nothing is answered from it, and the review gives both back…
    expect(await stored(db, key)).toBe(23);
    one.backend.down = true;
    await one.review();
    expect(one.writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: -2 }]);
    // …the next one, since that write failed.
    one.backend.down = false;
    await one.review();
    expect(one.writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: -2 }]);
    expect(await stored(db, key)).toBe(21);
    expect(await count(one.store, key, 20)).toMatchObject({ current: 22, atOnce: false });
  });

  it('answers from the part of a reserve below the limit, and waits for the shared count once that is used', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, writes } = await node(db, clock);
    const key = 'webhook:account:27';
    await together(store, key, 20, 2);
    // Another node brings the count to 17: the two asked here take 18 and 19, the reserve 20 (usable) and 21 (past the limit).
    await addToCounters(db, [{ key, windowMs: 60_000, add: 15 }], clock.now);
    expect((await together(store, key, 20, 2)).map((answer) => answer.current)).toEqual([18, 19]);
    expect(await count(store, key, 20)).toEqual({ current: 20, ttl: 60_000, atOnce: true });
    expect(await stored(db, key)).toBe(21);
    // Slot 21 is not answered from: this one waits, and its write counts it while giving 21 back.
    expect(await count(store, key, 20)).toEqual({ current: 21, ttl: 60_000, atOnce: false });
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: 0 }]);
    expect(await stored(db, key)).toBe(21);
  });

  it('gives back an unused reserve at the review 100 ms later by default, then stops writing', async () => {
    const { db, store, writes, settled } = await reviewedNode();
    const key = 'webhook:account:9';
    await together(store, key, 100, 2);
    await together(store, key, 100, 2);
    expect(await stored(db, key)).toBe(6);
    expect(await count(store, key, 100)).toMatchObject({ current: 5, atOnce: true });
    await vi.advanceTimersByTimeAsync(99);
    expect(writes).toHaveLength(2);
    // One slot used since the last write: a demand of one takes no reserve, and the other slot goes back.
    await vi.advanceTimersByTimeAsync(1);
    await settled();
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: -1 }]);
    expect(await stored(db, key)).toBe(5);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(writes).toHaveLength(3);
  });

  it('gives back a reserve that was never used at its review, without another request', async () => {
    const { db, store, writes, review } = await reviewedNode();
    const key = 'webhook:account:19';
    await together(store, key, 100, 2);
    await together(store, key, 100, 3);
    expect(await stored(db, key)).toBe(8);
    await review();
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: -3 }]);
    expect(await stored(db, key)).toBe(5);
  });

  it('tops a reserve up to the demand at its review, and writes nothing when what is left matches it', async () => {
    const { db, store, writes, review } = await reviewedNode();
    const key = 'webhook:account:29';
    const answered = async (requests: number) => (await together(store, key, 100, requests)).map((answer) => [answer.current, answer.atOnce]);
    await together(store, key, 100, 2);
    await together(store, key, 100, 4);
    // Three of the reserve 7…10 used: the review tops the one left up to three (10, 11, 12).
    expect(await answered(3)).toEqual([[7, true], [8, true], [9, true]]);
    await review();
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: 2 }]);
    expect(await answered(3)).toEqual([[10, true], [11, true], [12, true]]);
    // Used up: the next waits, and its write reserves the four asked since (14…17).
    expect(await answered(1)).toEqual([[13, false]]);
    expect(writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: 1 + 4 }]);
    // Two used, two left: a demand of two, matched — the review writes nothing.
    expect(await answered(2)).toEqual([[14, true], [15, true]]);
    const before = writes.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toHaveLength(before);
    expect(await stored(db, key)).toBe(17);
  });

  it('holds on to what it meant to give back when that write fails, and gives it back with the next one', async () => {
    const one = await reviewedNode();
    const { db } = one;
    const key = 'webhook:account:39';
    await together(one.store, key, 100, 2);
    await together(one.store, key, 100, 3);
    one.backend.down = true;
    await vi.advanceTimersByTimeAsync(100);
    await vi.waitFor(() => expect(one.errors).toEqual([new Error('backend down')]));
    expect(await stored(db, key)).toBe(8);
    // A request for a key new to this node, meanwhile: let through (a limit is a guard, not the service).
    expect(await count(one.store, 'webhook:account:40', 100)).toMatchObject({ current: 0, atOnce: false });
    one.backend.down = false;
    await one.review();
    expect(one.writes.at(-1)).toEqual([{ key, windowMs: 60_000, add: -3 }]);
    expect(await stored(db, key)).toBe(5);
  });

  it('never lets two nodes together pass the limit, and after they close the count is exactly the requests made', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const [one, two] = [await node(db, clock), await node(db, clock)];
    const key = 'webhook:account:36';
    const max = 40;
    const answers: Answer[] = [];
    // Rounds of bursts on both nodes at once: each node reserves from a count the other has moved on.
    for (let round = 0; round < 10; round += 1) {
      const burst = await Promise.all([together(one.store, key, max, 3 + (round % 4)), together(two.store, key, max, 6 - (round % 3))]);
      answers.push(...burst.flat());
    }
    const passed = answers.filter((answer) => answer.current <= max);
    expect(passed.length).toBeLessThanOrEqual(max);
    // Reserves are only ever refusals made a little early, never one request too many.
    expect(passed.length).toBeGreaterThanOrEqual(max - 10);
    await one.shared.close();
    await two.shared.close();
    expect(await stored(db, key)).toBe(answers.length);
  });

  it('keeps a reserve in the last second of its window without giving it back, and drops it when the window ends', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, writes } = await node(db, clock);
    const key = 'webhook:account:46';
    await together(store, key, 100, 2);
    await together(store, key, 100, 3);
    expect(await stored(db, key)).toBe(8);
    clock.now += 59_000;
    // 1 s before the end: answered from the reserve; the next write (another key's) gives nothing back.
    expect(await count(store, key, 100)).toEqual({ current: 6, ttl: 1_000, atOnce: true });
    await count(store, 'webhook:account:47', 100);
    expect(writes.at(-1)).toEqual([{ key: 'webhook:account:47', windowMs: 60_000, add: 1 }]);
    expect(await stored(db, key)).toBe(8);
    expect(await count(store, key, 100)).toEqual({ current: 7, ttl: 1_000, atOnce: true });
    clock.now += 1_000;
    // The window ended: the last reserved slot is void, and the request starts a new window.
    expect(await count(store, key, 100)).toEqual({ current: 1, ttl: 60_000, atOnce: false });
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

  it('gives back its unused reserve when it closes', async () => {
    const db = await database();
    const clock = { now: 1_800_000_000_000 };
    const { store, shared } = await node(db, clock);
    await together(store, 'webhook:account:8', 100, 2);
    await together(store, 'webhook:account:8', 100, 4);
    // Two used from the reserve of four: a demand that would keep two reserved, were the node not closing.
    expect(await together(store, 'webhook:account:8', 100, 2)).toMatchObject([{ atOnce: true }, { atOnce: true }]);
    expect(await stored(db, 'webhook:account:8')).toBe(10);
    await shared.close();
    expect(await stored(db, 'webhook:account:8')).toBe(8);
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
