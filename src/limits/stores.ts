import { Redis } from 'ioredis';
import type { Database } from '../storage/db.js';
import { addToCounters, deleteCountersEndedBefore } from '../storage/rate-limit-counters.js';

/** What @fastify/rate-limit calls on a store (its `store` option). */
interface RateLimitStore {
  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void;
  child(routeOptions: unknown): RateLimitStore;
}

export interface DatabaseStoreOptions {
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Told when a batch of counts could not be written; the requests of that batch are let through. */
  onError?: (error: unknown) => void;
}

/**
 * Request counters the nodes share, in `rate_limit_counters` (a key's window
 * starts with its first request, docs/deploying.md "Limits across nodes"). Requests arriving while a write
 * is on its way are added together in the next one, so a node sends at most
 * one statement at a time whatever its load, and each request still gets its
 * own place in the cluster-wide count (the total before the batch plus its
 * position in it).
 */
export function createDatabaseStore(db: Database, options: DatabaseStoreOptions = {}): { Store: new () => RateLimitStore; close(): Promise<void> } {
  const now = options.now ?? Date.now;
  type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
  type Waiting = { windowMs: number; callbacks: Callback[] };
  let pending = new Map<string, Waiting>();
  let writing: Promise<void> | undefined;
  let lastCleanup = 0;
  const schedule = () => {
    // Calls of the same turn of the event loop join one write.
    writing ??= new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(write)
      .finally(() => {
        writing = undefined;
        if (pending.size > 0) schedule();
      });
  };

  async function write(): Promise<void> {
    while (pending.size > 0) {
      const batch = pending;
      pending = new Map();
      const at = now();
      try {
        const states = await addToCounters(db, [...batch].map(([key, entry]) => ({ key, windowMs: entry.windowMs, add: entry.callbacks.length })), at);
        for (const [key, entry] of batch) {
          const state = states.get(key) ?? { count: entry.callbacks.length, windowEnd: at + entry.windowMs };
          const before = state.count - entry.callbacks.length;
          const ttl = Math.max(0, state.windowEnd - at);
          entry.callbacks.forEach((callback, index) => callback(null, { current: before + index + 1, ttl }));
        }
      } catch (error) {
        options.onError?.(error);
        // The limit is a guard, not the service: a database hiccup lets the batch through.
        for (const entry of batch.values()) for (const callback of entry.callbacks) callback(null, { current: 0, ttl: entry.windowMs });
      }
      if (at - lastCleanup > 60_000) {
        lastCleanup = at;
        await deleteCountersEndedBefore(db, at - 60_000).catch((error: unknown) => options.onError?.(error));
      }
    }
  }

  class DatabaseStore implements RateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number) {
      let entry = pending.get(key);
      if (!entry) pending.set(key, (entry = { windowMs: timeWindow, callbacks: [] }));
      entry.callbacks.push(callback);
      schedule();
    }
    child() {
      return new DatabaseStore();
    }
  }
  return {
    Store: DatabaseStore,
    async close() {
      await writing;
    },
  };
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
