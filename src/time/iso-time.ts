/** `+5:30` → `+05:30`, `+0530` → `+05:30`, so Date.parse reads every offset flows send. */
export function normaliseOffset(text: string): string {
  return text.replace(/([+-])(\d{1,2}):?(\d{2})$/, (_match, sign: string, hours: string, minutes: string) => `${sign}${hours.padStart(2, '0')}:${minutes}`);
}

// ISO 8601 with a date, a time and an offset: the form that names an instant by itself.
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{1,2}:?\d{2})$/i;

/**
 * Reads an instant written as ISO 8601 with a date, a time and an offset
 * (`2026-11-28T09:00:00+05:30`, `+5:30`, `+0530`, `Z`): epoch ms, or
 * undefined when the text is not of that form or Date.parse cannot read it.
 * Unlike parseIsoDateTime it takes no zone: without an offset there is no
 * instant.
 */
export function parseIsoInstant(text: string): number | undefined {
  if (!isoInstant.test(text)) return undefined;
  const time = Date.parse(normaliseOffset(text));
  return Number.isNaN(time) ? undefined : time;
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

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of an IANA zone at an instant (Asia/Kolkata → 330). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(epochMs).map((entry) => [entry.type, Number(entry.value)]));
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock time names in a zone. A time skipped by a DST jump
 * moves forward by the jump; a repeated one takes the earlier instant.
 */
export function wallTimeToEpoch(wall: WallTime, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const first = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  const second = asUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
  return Math.min(first, second);
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Date, `T` or a space, hours and minutes, optional seconds and fraction, optional offset (after normaliseOffset).
const isoDateTime = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/i;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads an ISO 8601 date-time: `2021-01-11T09:00:00.000+5:30`, `…+05:30`,
 * `…+0530`, `…Z`, with or without seconds and fraction; without an offset it
 * is wall-clock time in `timeZone`. Returns epoch ms, or undefined when the
 * text is not such a date-time or names no real date or time.
 */
export function parseIsoDateTime(text: string, timeZone: string): number | undefined {
  const match = isoDateTime.exec(normaliseOffset(text.trim()));
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wall = { year, month, day, hour, minute, second, millisecond };
  const offset = match[8];
  if (offset === undefined) return wallTimeToEpoch(wall, timeZone);
  if (offset.toUpperCase() === 'Z') return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetHours = Number(offset.slice(1, 3));
  const offsetMinutes = Number(offset.slice(4, 6));
  if (offsetHours > 18 || offsetMinutes > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** `YYYY-MM-DD` as a wall date, or undefined. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = isoDate.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}
