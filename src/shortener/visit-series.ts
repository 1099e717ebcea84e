/** Milliseconds in one visit bucket: every time zone's offset is a whole number of 15 minutes. */
export const bucketMs = 900_000;
const dayMs = 86_400_000;

export interface DayCount {
  /** `YYYY-MM-DD` in the account's time zone. */
  date: string;
  humans: number;
  bots: number;
}

/** `YYYY-MM-DD` plus a number of days. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * dayMs).toISOString().slice(0, 10);
}

export function dateIn(timeZone: string): (time: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (time) => format.format(time);
}

/**
 * Epoch-ms bounds that surely cover the local days `from`..`to` in any time
 * zone (a day of margin either side); `dailySeries` keeps only the days asked for.
 */
export function queryWindow(from: string, to: string): { start: number; end: number } {
  return { start: Date.parse(`${addDays(from, -1)}T00:00:00Z`), end: Date.parse(`${addDays(to, 2)}T00:00:00Z`) };
}

/**
 * Folds 15-minute visit buckets into one row per local day from `from` to
 * `to` (inclusive), days without visits included as zeros.
 */
export function dailySeries(
  buckets: ReadonlyArray<{ bucket: number; bot: number; count: number }>,
  range: { from: string; to: string; timeZone: string },
): DayCount[] {
  const days = new Map<string, DayCount>();
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) days.set(date, { date, humans: 0, bots: 0 });
  const localDate = dateIn(range.timeZone);
  for (const { bucket, bot, count } of buckets) {
    const day = days.get(localDate(bucket * bucketMs));
    if (!day) continue;
    if (bot) day.bots += count;
    else day.humans += count;
  }
  return [...days.values()];
}
