import { civilOf, dayOf, weekdayOf, type Day } from '../rules.js';

/** Calendar arithmetic on whole days (days since 1970-01-01), for the grammar. */

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The day, when year, month and day name a real date between 1900 and 2199. */
export function civilDay(year: number, month: number, day: number): Day | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayOf(year, month, day);
}

/** The first day/month on or after today (a date without a year is never in the past). */
export function nextDayMonth(today: Day, month: number, day: number): Day | undefined {
  const { year } = civilOf(today);
  // Eight years reach the next 29 February.
  for (let candidate = year; candidate <= year + 8; candidate++) {
    const found = civilDay(candidate, month, day);
    if (found !== undefined && found >= today) return found;
  }
  return undefined;
}

/** The first day-of-month `day` on or after today. */
export function nextDayOfMonth(today: Day, day: number): Day | undefined {
  const { year, month } = civilOf(today);
  for (let offset = 0; offset < 13; offset++) {
    const found = civilDay(year + Math.floor((month - 1 + offset) / 12), ((month - 1 + offset) % 12) + 1, day);
    if (found !== undefined && found >= today) return found;
  }
  return undefined;
}

/** Year and month `offset` months from today's. */
export function monthFrom(today: Day, offset: number): { year: number; month: number } {
  const { year, month } = civilOf(today);
  const index = year * 12 + month - 1 + offset;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Today plus whole months, the day kept or clamped to the month's last (31 January + 1 month = 28/29 February). */
export function addMonths(today: Day, months: number): Day {
  const { day } = civilOf(today);
  const { year, month } = monthFrom(today, months);
  return dayOf(year, month, Math.min(day, daysInMonth(year, month)));
}

/** The next `weekday` (1 = Monday … 7 = Sunday) after today; today's own weekday means a week on. */
export function upcomingWeekday(today: Day, weekday: number): Day {
  return today + (((weekday - weekdayOf(today) + 7) % 7) || 7);
}

/** `weekday` in the week (Monday to Sunday) `weeks` after this one. */
export function weekdayInWeek(today: Day, weekday: number, weeks: number): Day {
  return today - (weekdayOf(today) - 1) + 7 * weeks + (weekday - 1);
}

/** The `nth` (1–5, or -1 for the last) `weekday` of a month, when the month has one. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): Day | undefined {
  if (nth === -1) {
    const last = dayOf(year, month, daysInMonth(year, month));
    return last - ((weekdayOf(last) - weekday + 7) % 7);
  }
  const first = dayOf(year, month, 1);
  const found = first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1);
  return civilOf(found).month === month ? found : undefined;
}
