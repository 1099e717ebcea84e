import { BoundedCache } from '../kernel/bounded-cache.js';
import type { Database } from '../storage/db.js';
import { listHolidays, type Holiday } from '../storage/holidays.js';

const dayMs = 86_400_000;
/** How far back a cached calendar reaches: what validateDateAndTime reads is almost always from yesterday on. */
const cachedDaysBack = 7;

/**
 * Accounts' holiday calendars, read by every validateDateAndTime call,
 * cached for a few seconds from a week ago on (docs/methods/validate-date-and-time.md):
 * a change through this node's API evicts at once; other nodes see it within `ttlMs`.
 * An older `from` reads the database.
 */
export function createHolidayCache(db: Database, options: { ttlMs?: number; now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const cache = new BoundedCache<number, { since: string; holidays: readonly Holiday[] }>({ entries: 10_000, ttl: options.ttlMs ?? 5_000 });
  return {
    /** The account's holidays on or after `from` (YYYY-MM-DD), oldest first. */
    async from(accountId: number, from: string): Promise<Holiday[]> {
      let entry = cache.get(accountId);
      if (!entry) {
        const since = new Date(now() - cachedDaysBack * dayMs).toISOString().slice(0, 10);
        entry = { since, holidays: await listHolidays(db, accountId, { from: since }) };
        cache.set(accountId, entry);
      }
      if (from < entry.since) return listHolidays(db, accountId, { from });
      return entry.holidays.filter((holiday) => holiday.date >= from);
    },
    evict(accountId: number) {
      cache.delete(accountId);
    },
  };
}

export type HolidayCache = ReturnType<typeof createHolidayCache>;
