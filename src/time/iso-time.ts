import { cachedZone } from './cached-zone.js';
import { instantOfWallTime } from './zone-clock.js';

// ISO 8601 with a date, a `T`, a time and an offset (two digits of whole hours may stand alone: `+05`): the
// form that names an instant by itself; parseIsoDateTime reads it.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-](\d{1,2}:?\d{2}|\d{2}))$/i;

/**
 * Reads an instant written as ISO 8601 with a date, a time and an offset
 * (`2026-11-28T09:00:00+05:30`, `+5:30`, `+0530`, `+05`, `Z`): epoch ms, or
 * undefined when the text is not of that form or names a day or time that
 * does not exist (`2026-02-30`). Unlike parseIsoDateTime it takes no zone:
 * without an offset there is no instant.
 */
export function parseIsoInstant(text: string): number | undefined {
  // With its offset required, the zone parseIsoDateTime would read a wall-clock time in is never used.
  return isoInstant.test(text) ? parseIsoDateTime(text, 'UTC') : undefined;
}

/** A wall-clock date and time, without a zone. Months are 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a DST jump
 * moves forward by the jump; a repeated one takes the earlier instant.
 */
export function wallTimeToEpoch(wall: WallTime, timeZone: string): number {
  const wallMs = utcMs(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  return instantOfWallTime(wallMs, cachedZone(timeZone)).epochMs;
}

/** `YYYY-MM-DD` naming a day that exists (`2026-02-30` does not). */
export function isCalendarDate(text: string): boolean {
  return isoDate.test(text) && isRealDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/** Whether the year, month (1–12) and day name a day of the (proleptic Gregorian) calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : daysInMonth[month - 1]!);
}
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** Date.UTC, for every year: Date.UTC itself reads the years 0–99 as 1900–1999 (`0021-03-01` would be 1921). */
function utcMs(year: number, monthIndex: number, day: number, hour: number, minute: number, second: number, millisecond: number): number {
  if (year < 0 || year >= 100) return Date.UTC(year, monthIndex, day, hour, minute, second, millisecond);
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.setUTCHours(hour, minute, second, millisecond);
}

// Date, `T` or a space, hours and minutes, optional seconds and fraction, optional offset (`Z`, or a sign,
// one or two digits of hours, then optionally an optional colon and two of minutes).
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads an ISO 8601 date-time: `2021-01-11T09:00:00.000+5:30`, `…+05:30`,
 * `…+0530`, `…Z`, with or without seconds and fraction; without an offset it
 * is wall-clock time in `timeZone`. Returns epoch ms, or undefined when the
 * text is not such a date-time or names no real date or time.
 */
export function parseIsoDateTime(text: string, timeZone: string): number | undefined {
  // Read on every pullreport call: one pattern, no intermediate strings or arrays.
  const match = isoDateTime.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = match[7];
  const millisecond = fraction === undefined ? 0 : Number(fraction.length >= 3 ? fraction.slice(0, 3) : fraction.padEnd(3, '0'));
  if (match[8] !== undefined) return utcMs(year, month - 1, day, hour, minute, second, millisecond);
  if (match[9] === undefined) return wallTimeToEpoch({ year, month, day, hour, minute, second, millisecond }, timeZone);
  const offsetHours = Number(match[10]);
  // Whole hours alone are two digits (`+05`); `+5` without minutes is no offset.
  if (match[11] === undefined && match[10]!.length !== 2) return undefined;
  const offsetMinutes = match[11] === undefined ? 0 : Number(match[11]);
  if (offsetHours > 18 || offsetMinutes > 59) return undefined;
  const sign = match[9] === '-' ? -1 : 1;
  return utcMs(year, month - 1, day, hour, minute, second, millisecond) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** `YYYY-MM-DD` as a wall date, or undefined. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = isoDate.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}
