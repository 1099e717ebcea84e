import { Redis } from 'ioredis';
import type { Database } from '../storage/db.js';
import { addToCounters, deleteCountersEndedBefore, type CounterIncrement, type CounterState } from '../storage/rate-limit-counters.js';

/** What @fastify/rate-limit calls on a store (its `store` option). */
interface RateLimitStore {
  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void;
  child(routeOptions: unknown): RateLimitStore;
}

export interface SharedStoreOptions {
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Told when a batch of counts could not be written; the requests of that batch are let through. */
  onError?: (error: unknown) => void;
  /** How long counts taken locally wait before they are written, in ms. Default 100. */
  flushMs?: number;
  /** Runs after a write at most once a minute: deletes ended windows (the database's table). */
  cleanup?: (before: number) => Promise<unknown>;
}

/** Adds to shared counters at `now` and answers each key's cluster-wide state (a window starts with its key's first request). */
export type CounterBackend = (increments: CounterIncrement[], now: number) => Promise<Map<string, CounterState>>;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * Request counters the nodes share (docs/deploying.md "Limits across nodes"),
 * written through a backend: PostgreSQL's `rate_limit_counters` or Redis.
 *
 * A request far from its limit — the cluster's count as last read plus this
 * node's unwritten ones under half the limit — is answered at once and its
 * count written with the next batch (within `flushMs`), so the common case
 * never waits for the backend. A request nearer the limit, or the first of a
 * window on this node, waits for a write that adds every count of this node
 * so far and reads the cluster's total: the decision that can refuse is made
 * on the shared count. Requests arriving while a write is on its way join
 * the next one, so a node sends at most one write at a time.
 */
export function createSharedCounterStore(add: CounterBackend, options: SharedStoreOptions = {}): { Store: new () => RateLimitStore; trackedKeys(): number; close(): Promise<void> } {
  const now = options.now ?? Date.now;
  const flushMs = options.flushMs ?? 100;
  type Waiting = { windowMs: number; callbacks: Callback[] };
  /** What this node knows of each key: the cluster's count at the last write, and counts taken since. */
  type Known = { count: number; windowEnd: number; windowMs: number; unwritten: number; writing: number };
  let waiting = new Map<string, Waiting>();
  const known = new Map<string, Known>();
  /** Keys with counts taken locally and not yet on their way: a write walks these, not every known key. */
  const unwrittenKeys = new Set<string>();
  let lastPrune = 0;
  let writing: Promise<void> | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let lastCleanup = 0;

  const schedule = () => {
    // Calls of the same turn of the event loop join one write.
    writing ??= new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(write)
      .finally(() => {
        writing = undefined;
        if (waiting.size > 0) schedule();
      });
  };
  const scheduleFlush = () => {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      schedule();
    }, flushMs).unref();
  };

  async function write(): Promise<void> {
    while (waiting.size > 0 || unwrittenKeys.size > 0) {
      const batch = waiting;
      waiting = new Map();
      const at = now();
      const increments = new Map<string, CounterIncrement>();
      for (const key of unwrittenKeys) {
        const entry = known.get(key)!;
        // Counts taken in a window that has ended since are not carried into the next one.
        if (entry.windowEnd > at) {
          increments.set(key, { key, windowMs: entry.windowMs, add: entry.unwritten });
          // Counts on their way still count in this node's decisions until the write answers.
          entry.writing += entry.unwritten;
        }
        entry.unwritten = 0;
      }
      unwrittenKeys.clear();
      for (const [key, entry] of batch) {
        const increment = increments.get(key);
        if (increment) increment.add += entry.callbacks.length;
        else increments.set(key, { key, windowMs: entry.windowMs, add: entry.callbacks.length });
      }
      const settle = () => {
        for (const [key, increment] of increments) {
          const entry = known.get(key);
          if (entry) entry.writing = Math.max(0, entry.writing - (increment.add - (batch.get(key)?.callbacks.length ?? 0)));
        }
      };
      try {
        const states = await add([...increments.values()], at);
        settle();
        for (const [key, state] of states) {
          const entry = known.get(key);
          known.set(key, { count: state.count, windowEnd: state.windowEnd, windowMs: increments.get(key)!.windowMs, unwritten: entry?.unwritten ?? 0, writing: entry?.writing ?? 0 });
        }
        for (const [key, entry] of batch) {
          const state = states.get(key) ?? { count: entry.callbacks.length, windowEnd: at + entry.windowMs };
          const before = state.count - entry.callbacks.length;
          const ttl = Math.max(0, state.windowEnd - at);
          entry.callbacks.forEach((callback, index) => callback(null, { current: before + index + 1, ttl }));
        }
      } catch (error) {
        settle();
        options.onError?.(error);
        // The limit is a guard, not the service: a backend hiccup lets the batch through.
        for (const entry of batch.values()) for (const callback of entry.callbacks) callback(null, { current: 0, ttl: entry.windowMs });
      }
      // Keys whose window ended are read afresh by their next request (looked for once a second).
      if (at - lastPrune > 1000) {
        lastPrune = at;
        for (const [key, entry] of known) if (entry.windowEnd <= at && entry.unwritten === 0 && entry.writing === 0) known.delete(key);
      }
      if (options.cleanup && at - lastCleanup > 60_000) {
        lastCleanup = at;
        await options.cleanup(at - 60_000).catch((error: unknown) => options.onError?.(error));
      }
    }
  }

  class SharedStore implements RateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number, max: number) {
      const at = now();
      const entry = known.get(key);
      if (entry && at < entry.windowEnd && (entry.count + entry.writing + entry.unwritten + 1) * 2 <= max) {
        entry.unwritten += 1;
        unwrittenKeys.add(key);
        callback(null, { current: entry.count + entry.writing + entry.unwritten, ttl: entry.windowEnd - at });
        scheduleFlush();
        return;
      }
      let wait = waiting.get(key);
      if (!wait) waiting.set(key, (wait = { windowMs: timeWindow, callbacks: [] }));
      wait.callbacks.push(callback);
      schedule();
    }
    child() {
      return new SharedStore();
    }
  }
  return {
    Store: SharedStore,
    /** Keys this node remembers (memory: those whose window ended are dropped within a second of a write). */
    trackedKeys: () => known.size,
    async close() {
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = undefined;
      // Counts taken locally are written before the database closes.
      if (unwrittenKeys.size > 0) schedule();
      await writing;
    },
  };
}

/** The shared counters in the database's `rate_limit_counters` table (PostgreSQL: every node's). */
export function createDatabaseStore(db: Database, options: Omit<SharedStoreOptions, 'cleanup'> = {}) {
  return createSharedCounterStore((increments, now) => addToCounters(db, increments, now), { ...options, cleanup: (before) => deleteCountersEndedBefore(db, before) });
}

// One round trip a key: add, start the window with the key's first count, answer the count and the time left.
const redisAdd = `
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return {count, ttl}`;

/** The shared counters in Redis (FLOWHOOKS_REDIS_URL): one key a counter, expiring with its window. */
export function createRedisStore(redis: Redis, options: Omit<SharedStoreOptions, 'cleanup'> = {}) {
  return createSharedCounterStore(async (increments, now) => {
    const answers = await Promise.all(
      increments.map((increment) => redis.eval(redisAdd, 1, `flowhooks-rate-${increment.key}`, increment.add, increment.windowMs) as Promise<[number, number]>),
    );
    return new Map(increments.map((increment, index) => [increment.key, { count: Number(answers[index]![0]), windowEnd: now + Number(answers[index]![1]) }]));
  }, options);
}

/**
 * A Redis client for @fastify/rate-limit's Redis store (FLOWHOOKS_REDIS_URL).
 * Auto-pipelining sends the counts of one turn of the event loop in one
 * round trip. A down Redis fails fast (no offline queue), and the limit lets
 * requests through meanwhile (`skipOnError`).
 */
export function createRedisClient(url: string): Redis {
  return new Redis(url, { enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
}
