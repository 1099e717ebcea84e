import { sql } from 'kysely';
import type { Database } from './db.js';

export interface CounterIncrement {
  /** The limit family and what it counts, e.g. `webhook:account:7`. */
  key: string;
  /** Length of the key's windows in ms. */
  windowMs: number;
  /** Requests to add. */
  add: number;
}

export interface CounterState {
  /** Requests in the current window, these included. */
  count: number;
  /** When the current window ends (epoch ms). */
  windowEnd: number;
}

// A window that ended restarts at this write; otherwise the count grows. Both sides of each
// CASE read the row as it was, on both databases.
const expired = sql`rate_limit_counters.window_start + rate_limit_counters.window_ms <= excluded.window_start`;

/**
 * Adds to many counters in one statement at `now` and answers each key's
 * state. Atomic per key on both databases (an upsert), so nodes adding at
 * once never lose a request. A key's window starts with its first request
 * and lasts `windowMs`, as in @fastify/rate-limit's own store. The
 * increments must name each key once.
 */
export async function addToCounters(db: Database, increments: readonly CounterIncrement[], now: number): Promise<Map<string, CounterState>> {
  if (increments.length === 0) return new Map();
  const rows = await db
    .insertInto('rate_limit_counters')
    .values(increments.map((increment) => ({ key: increment.key, window_start: now, window_ms: increment.windowMs, count: increment.add })))
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet({
        count: sql`case when ${expired} then excluded.count else rate_limit_counters.count + excluded.count end`,
        window_start: sql`case when ${expired} then excluded.window_start else rate_limit_counters.window_start end`,
        window_ms: sql`excluded.window_ms`,
      }),
    )
    .returning(['key', 'window_start', 'window_ms', 'count'])
    .execute();
  return new Map(rows.map((row) => [row.key, { count: Number(row.count), windowEnd: Number(row.window_start) + Number(row.window_ms) }]));
}

/** Deletes counters whose window ended before `before` (epoch ms); answers how many. */
export async function deleteCountersEndedBefore(db: Database, before: number): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_counters')
    .where(sql<boolean>`window_start + window_ms < ${before}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
