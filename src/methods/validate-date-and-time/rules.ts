import type { Zone } from 'luxon';
import { weekdays } from '../../accounts/defaults.js';
import { parseIsoDate } from '../../time/iso-time.js';
import { instantOfWallTime, isoWithOffset, wallDayOf, type ZonedInstant } from '../../time/zone-clock.js';

/**
 * The rules of validateDateAndTime (docs/methods/validate-date-and-time.md) as pure functions: plain
 * values in, plain values out, "now" passed in.
 *
 * Days are whole numbers (days since 1970-01-01) so that "the next day" and
 * "is before" are arithmetic; times of day are seconds since midnight, read on
 * the wall clock of the call's zone.
 */
export type Day = number;

const msPerDay = 86_400_000;
/** Ten years: no calendar of a real account has no business day for that long. */
const searchLimitDays = 3660;

export const dayOf = (year: number, month: number, date: number): Day => Math.floor(Date.UTC(year, month - 1, date) / msPerDay);

export function civilOf(day: Day): { year: number; month: number; day: number } {
  const date = new Date(day * msPerDay);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD`. */
export function isoDateOf(day: Day): string {
  const { year, month, day: date } = civilOf(day);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export const weekdayOf = (day: Day): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** The account calendar a date is checked against. */
export interface Calendar {
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are not working days. */
  daysOff: ReadonlySet<number>;
  /** Holidays as days (holidayDays): a business day is checked by a number, not a date text made for each day looked at. */
  holidays: ReadonlySet<Day>;
}

/** The days of holidays stored as `YYYY-MM-DD`, for a Calendar. */
export function holidayDays(dates: Iterable<string>): Set<Day> {
  const days = new Set<Day>();
  for (const date of dates) {
    const wall = parseIsoDate(date);
    if (wall) days.add(dayOf(wall.year, wall.month, wall.day));
  }
  return days;
}

/** A window of the day, in seconds since midnight, both ends included. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** A business day is neither a day off nor a holiday. */
export const isBusinessDay = (day: Day, calendar: Calendar): boolean => !calendar.daysOff.has(weekdayOf(day)) && !calendar.holidays.has(day);

/** The first business day on or after `day`. */
export function nextBusinessDay(day: Day, calendar: Calendar): Day {
  for (let candidate = day; candidate < day + searchLimitDays; candidate++) {
    if (isBusinessDay(candidate, calendar)) return candidate;
  }
  throw new Error('the calendar has no business day within ten years');
}

export interface DayBounds {
  today: Day;
  /** Today while the window is still open and today is a business day, else the next business day. */
  earliest: Day;
  /** The validMaxDays-th business day after today. */
  latest: Day;
}

/** Today, the earliest and the latest valid day, in `zone`, at `now`. */
export function dayBounds(now: Date, zone: Zone, calendar: Calendar, window: TimeWindow, validMaxDays: number): DayBounds {
  const today = wallDayOf(now.getTime(), zone);
  const windowOpen = now.getTime() <= instantOf(today, window.end, zone).epochMs;
  const earliest = windowOpen && isBusinessDay(today, calendar) ? today : nextBusinessDay(today + 1, calendar);
  let latest = today;
  for (let counted = 0; counted < validMaxDays; counted++) latest = nextBusinessDay(latest + 1, calendar);
  return { today, earliest, latest };
}

/** A valid day is a business day inside [earliest, latest]. */
export const isValidDay = (day: Day, bounds: DayBounds, calendar: Calendar): boolean =>
  day >= bounds.earliest && day <= bounds.latest && isBusinessDay(day, calendar);

/**
 * The valid day nearest to `day`: the earliest valid day for a day before it
 * (the past, or today after closing), the latest for a day beyond it, else
 * the first valid day on or after `day`.
 */
export function nearestValidDay(day: Day, bounds: DayBounds, calendar: Calendar): Day {
  if (day < bounds.earliest) return bounds.earliest;
  if (day > bounds.latest) return bounds.latest;
  return nextBusinessDay(day, calendar);
}

/** The instant of a wall-clock time on a day in a zone (a time in a DST gap moves forward, as clocks do). */
export const instantOf = (day: Day, secondOfDay: number, zone: Zone): ZonedInstant => instantOfWallTime(day * msPerDay + secondOfDay * 1000, zone);

export interface RequestedDate {
  day: Day;
  /** Seconds since midnight; absent when the caller gave a date without a time. */
  time?: number;
}

export interface ValidationInput {
  now: Date;
  /** The input's own offset, else the account's zone. */
  zone: Zone;
  calendar: Calendar;
  window: TimeWindow;
  validMaxDays: number;
  /** Calendar days added to the requested date before it is checked. */
  incrementDays: number;
  requested: RequestedDate;
}

export interface DateValidation {
  dateIsValid: boolean;
  timeIsValid: boolean;
  /** The day answered: the requested day when valid, else the nearest valid day. */
  day: Day;
  /** The time of day answered: the requested time when valid, else the window start. */
  time: number;
  bounds: DayBounds;
}

/** docs/methods/validate-date-and-time.md: is the requested day valid, is its time, and what to answer instead. */
export function validateDate(input: ValidationInput): DateValidation {
  const { now, zone, calendar, window, requested } = input;
  const bounds = dayBounds(now, zone, calendar, window, input.validMaxDays);
  const day = requested.day + input.incrementDays;
  const dateIsValid = isValidDay(day, bounds, calendar);
  let timeIsValid = true;
  if (requested.time !== undefined) {
    const inWindow = requested.time >= window.start && requested.time <= window.end;
    const past = day === bounds.today && instantOf(day, requested.time, zone).epochMs < now.getTime();
    timeIsValid = inWindow && !past;
  }
  return {
    dateIsValid,
    timeIsValid,
    day: dateIsValid ? day : nearestValidDay(day, bounds, calendar),
    time: requested.time !== undefined && timeIsValid ? requested.time : window.start,
    bounds,
  };
}

/** `09:00 AM`, `06:00 PM`, `12:00 PM` for noon. */
export function clock12(secondOfDay: number): string {
  const hour = Math.floor(secondOfDay / 3600);
  const minute = Math.floor((secondOfDay % 3600) / 60);
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${String(hour12).padStart(2, '0')}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

export interface DateAnswer {
  /** ISO 8601 with the zone's offset, e.g. `2019-12-09T09:00:00+05:30`. */
  outputDate: string;
  /** D-M-YYYY without zero padding, e.g. `9-12-2019`. */
  smsDate: string;
  /** The window, e.g. `09:00 AM to 06:00 PM`. */
  outputTime: string;
  /** English weekday name. */
  outputDay: string;
}

export function formatAnswer(validation: DateValidation, window: TimeWindow, zone: Zone): DateAnswer {
  const { year, month, day } = civilOf(validation.day);
  return {
    outputDate: isoWithOffset(instantOf(validation.day, validation.time, zone)),
    smsDate: `${day}-${month}-${year}`,
    outputTime: `${clock12(window.start)} to ${clock12(window.end)}`,
    outputDay: weekdays[weekdayOf(validation.day) - 1] as string,
  };
}
