import { BoundedCache } from '../kernel/bounded-cache.js';
import type { Database } from '../storage/db.js';
import { listHolidays, type Holiday } from '../storage/holidays.js';

const dayMs = 86_400_000;
/** How far back a cached calendar reaches: what validateDateAndTime reads is almost always from yesterday on. */
const cachedDaysBack = 7;

/**
 * A cached calendar's heap bytes, estimated: about 100 bytes for the entry and 110 a holiday beside its
 * name (two bytes a character, as a name beyond Latin-1 is kept), so an account that stored years of
 * holidays cannot make 10 000 calendars hold what it stored (docs/benchmark.md, twenty-fourth section).
 */
export const calendarBytes = (entry: { holidays: readonly Holiday[] }): number =>
  entry.holidays.reduce((bytes, holiday) => bytes + 110 + 2 * holiday.name.length, 100);

/** An account's cached calendar: its holidays on or after `since` (YYYY-MM-DD), oldest first; the same object while it is cached. */
export interface HolidayCalendar {
  since: string;
  holidays: readonly Holiday[];
}

/**
 * Accounts' holiday calendars, read by every validateDateAndTime call,
 * cached for a few seconds from a week ago on (docs/methods/validate-date-and-time.md):
 * a change through this node's API evicts at once; other nodes see it within `ttlMs`.
 * An older `from` reads the database.
 */
export function createHolidayCache(db: Database, options: { ttlMs?: number; now?: () => number; bytes?: number } = {}) {
  const now = options.now ?? Date.now;
  const cache = new BoundedCache<number, HolidayCalendar>({
    entries: 10_000,
    bytes: options.bytes ?? 16 * 1024 * 1024,
    bytesOf: calendarBytes,
    ttl: options.ttlMs ?? 5_000,
  });
  const calendar = async (accountId: number): Promise<HolidayCalendar> => {
    let entry = cache.get(accountId);
    if (!entry) {
      const since = new Date(now() - cachedDaysBack * dayMs).toISOString().slice(0, 10);
      entry = { since, holidays: await listHolidays(db, accountId, { from: since }) };
      cache.set(accountId, entry);
    }
    return entry;
  };
  return {
    /** The account's cached calendar, read from the database when it is not cached. */
    calendar,
    /** The account's holidays on or after `from` (YYYY-MM-DD), oldest first. */
    async from(accountId: number, from: string): Promise<Holiday[]> {
      const entry = await calendar(accountId);
      if (from < entry.since) return listHolidays(db, accountId, { from });
      return entry.holidays.filter((holiday) => holiday.date >= from);
    },
    evict(accountId: number) {
      cache.delete(accountId);
    },
  };
}

export type HolidayCache = ReturnType<typeof createHolidayCache>;
