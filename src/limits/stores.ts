import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';
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

/** A reserve is neither taken nor given back this close to its window's end (clocks of nodes may differ a little). */
const windowEndMarginMs = 1_000;

/**
 * Request counters the nodes share (docs/deploying.md "Limits across nodes"),
 * written through a backend: PostgreSQL's `rate_limit_counters` or Redis.
 *
 * Every request a node lets through is counted in the backend before it is
 * answered, so the cluster never lets more than the limit through:
 * - a request waits for a write that adds it (with the other requests of
 *   its turn) and reads the cluster's total; its place in that total decides;
 * - a busy key in the lower half of its limit also takes a reserve in that
 *   write: as many slots as it had requests since the last write, counted
 *   in the backend at once. The next requests are answered from the reserve
 *   without waiting. A write every `flushMs` while the key has a reserve tops
 *   it up to the demand, or gives back what was not used; slots that landed
 *   past the limit (another node was faster) are given back too.
 * So a node that goes quiet holds unused slots for at most `flushMs`: the
 * only error is refusing a little early, never letting one too many through.
 */
export function createSharedCounterStore(add: CounterBackend, options: SharedStoreOptions = {}): { Store: new () => RateLimitStore; trackedKeys(): number; close(): Promise<void> } {
  const now = options.now ?? Date.now;
  const flushMs = options.flushMs ?? 100;
  type Waiting = { windowMs: number; max: number; callbacks: Callback[] };
  /** What this node knows of a key: the cluster's count at its last write, and its own reserve. */
  type Known = {
    count: number;
    windowEnd: number;
    windowMs: number;
    max: number;
    /** Slots counted in the backend, below the limit, not used yet: answered here at once. */
    reserved: number;
    /** Slots reserved past the limit: given back at the next write. */
    surplus: number;
    /** Requests answered from the reserve since the last write (the demand). */
    used: number;
  };
  let waiting = new Map<string, Waiting>();
  const known = new Map<string, Known>();
  /** Keys whose reserve is reviewed by the next write. */
  const reviewKeys = new Set<string>();
  let lastPrune = 0;
  let writing: Promise<void> | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let lastCleanup = 0;
  let closing = false;

  const schedule = () => {
    // Calls of the same turn of the event loop join one write.
    writing ??= new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(write)
      .finally(() => {
        writing = undefined;
        if (waiting.size > 0) schedule();
        else if (reviewKeys.size > 0 && !closing) scheduleFlush();
      });
  };
  const scheduleFlush = () => {
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      schedule();
    }, flushMs).unref();
  };

  /** One write: the waiting requests, and the reserves under review. */
  async function write(): Promise<void> {
    const batch = waiting;
    waiting = new Map();
    const at = now();
    type Plan = { asked: number; take: number; gaveReserved: number; gaveSurplus: number; windowMs: number; max: number };
    const plans = new Map<string, Plan>();
    for (const key of new Set([...reviewKeys, ...batch.keys()])) {
      const entry = known.get(key);
      const asked = batch.get(key)?.callbacks.length ?? 0;
      const plan: Plan = { asked, take: 0, gaveReserved: 0, gaveSurplus: 0, windowMs: batch.get(key)?.windowMs ?? entry!.windowMs, max: batch.get(key)?.max ?? entry!.max };
      if (entry && entry.windowEnd - at > windowEndMarginMs) {
        const demand = closing ? 0 : entry.used + asked;
        // Reserves stay in the lower half of the limit: near it, every request is decided on the shared count.
        const room = Math.max(0, Math.floor(plan.max / 2) - entry.count - asked);
        const target = demand >= 2 ? Math.min(demand, room) : 0;
        plan.gaveReserved = Math.max(0, entry.reserved - target);
        plan.gaveSurplus = entry.surplus;
        plan.take = Math.max(0, target - entry.reserved);
        entry.reserved -= plan.gaveReserved;
        entry.surplus = 0;
      }
      // Otherwise (a new key, or the last second of a window) nothing is reserved or given back: a
      // reserve left is used until the window ends, and a new window voids it (below).
      if (entry) entry.used = 0;
      if (plan.asked + plan.take + plan.gaveReserved + plan.gaveSurplus > 0) plans.set(key, plan);
    }
    reviewKeys.clear();
    if (plans.size === 0) return;
    const increments = [...plans].map(([key, plan]) => ({ key, windowMs: plan.windowMs, add: plan.asked + plan.take - plan.gaveReserved - plan.gaveSurplus }));
    try {
      const states = await add(increments, at);
      for (const [key, plan] of plans) {
        const state = states.get(key) ?? { count: plan.asked, windowEnd: at + plan.windowMs };
        let entry = known.get(key);
        if (!entry || entry.windowEnd !== state.windowEnd) {
          // A new window: whatever was reserved in the old one is void.
          entry = { count: 0, windowEnd: state.windowEnd, windowMs: plan.windowMs, max: plan.max, reserved: 0, surplus: 0, used: entry?.used ?? 0 };
          known.set(key, entry);
        }
        entry.count = state.count;
        entry.windowMs = plan.windowMs;
        entry.max = plan.max;
        // This write's requests come first in its share of the total, the new reserve last.
        const beforeReserve = state.count - plan.take;
        const usable = Math.min(plan.take, Math.max(0, plan.max - beforeReserve));
        entry.reserved += usable;
        entry.surplus += plan.take - usable;
        if (entry.reserved > 0 || entry.surplus > 0) reviewKeys.add(key);
        const before = beforeReserve - plan.asked;
        const ttl = Math.max(0, state.windowEnd - at);
        batch.get(key)?.callbacks.forEach((callback, index) => callback(null, { current: before + index + 1, ttl }));
      }
    } catch (error) {
      // Nothing was written: what was to be given back is still held.
      for (const [key, plan] of plans) {
        const entry = known.get(key);
        // A key first seen in this write has nothing to hold on to.
        if (!entry) continue;
        entry.reserved += plan.gaveReserved;
        entry.surplus += plan.gaveSurplus;
        reviewKeys.add(key);
      }
      options.onError?.(error);
      // The limit is a guard, not the service: a backend hiccup lets the batch through.
      for (const entry of batch.values()) for (const callback of entry.callbacks) callback(null, { current: 0, ttl: entry.windowMs });
    }
    // Keys whose window ended are read afresh by their next request (looked for once a second).
    if (at - lastPrune > 1000) {
      lastPrune = at;
      for (const [key, entry] of known) {
        if (entry.windowEnd > at) continue;
        known.delete(key);
        reviewKeys.delete(key);
      }
    }
    if (options.cleanup && at - lastCleanup > 60_000) {
      lastCleanup = at;
      await options.cleanup(at - 60_000).catch((error: unknown) => options.onError?.(error));
    }
  }

  class SharedStore implements RateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number, max: number) {
      const at = now();
      const entry = known.get(key);
      if (entry && at < entry.windowEnd && entry.reserved > 0) {
        // The reserve's slots are the top of the count as last read, below any surplus.
        const current = entry.count - entry.surplus - entry.reserved + 1;
        entry.reserved -= 1;
        entry.used += 1;
        reviewKeys.add(key);
        scheduleFlush();
        callback(null, { current, ttl: entry.windowEnd - at });
        return;
      }
      let wait = waiting.get(key);
      if (!wait) waiting.set(key, (wait = { windowMs: timeWindow, max, callbacks: [] }));
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
    /** Gives back every unused reserve, then ends. */
    async close() {
      closing = true;
      clearTimeout(flushTimer);
      flushTimer = undefined;
      await writing;
      schedule();
      while (writing) await writing;
    },
  };
}

/** The shared counters in the database's `rate_limit_counters` table (PostgreSQL: every node's). */
export function createDatabaseStore(db: Database, options: Omit<SharedStoreOptions, 'cleanup'> = {}) {
  return createSharedCounterStore((increments, now) => addToCounters(db, increments, now), { ...options, cleanup: (before) => deleteCountersEndedBefore(db, before) });
}

// One round trip a key: add, start the window with the key's first count, answer the count and the time left.
// Slots given back to a window that has ended meanwhile are dropped (they must not lower the next one).
const redisAdd = `
if tonumber(ARGV[1]) < 0 and redis.call('EXISTS', KEYS[1]) == 0 then return {0, 0} end
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
  // Loaded here, not at start: only nodes with FLOWHOOKS_REDIS_URL need it (9 MiB of resident memory).
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  return new RedisClient(url, { enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
}
