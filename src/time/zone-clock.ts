import type { Zone } from 'luxon';

/**
 * Wall-clock arithmetic on a luxon Zone's offsets alone. Building a luxon
 * DateTime (normalising, locale, validity) and formatting one through a format
 * string cost validateDateAndTime more than its whole date grammar; these
 * answer the same from `zone.offset` (cached per quarter hour by cachedZone).
 */

const msPerMinute = 60_000;
const msPerDay = 86_400_000;

/** Days since 1970-01-01 on the wall clock of `zone` at an instant. */
export const wallDayOf = (epochMs: number, zone: Zone): number => Math.floor((epochMs + zone.offset(epochMs) * msPerMinute) / msPerDay);

export interface ZonedInstant {
  epochMs: number;
  /** Minutes east of UTC at that instant. */
  offsetMinutes: number;
}

/**
 * The instant a wall-clock time names in `zone`; the wall time is given as
 * milliseconds since the epoch read as if it were UTC. A time skipped by a
 * clock change moves forward by the jump, as clocks do (and as luxon builds
 * it); a repeated time takes the earlier of its two instants. Zones change
 * their offset at most once within a day either side, which is what the two
 * candidates rely on.
 */
export function instantOfWallTime(wallMs: number, zone: Zone): ZonedInstant {
  const offsetBefore = zone.offset(wallMs - msPerDay);
  const offsetAfter = zone.offset(wallMs + msPerDay);
  const underBefore = wallMs - offsetBefore * msPerMinute;
  const underAfter = wallMs - offsetAfter * msPerMinute;
  const beforeHolds = zone.offset(underBefore) === offsetBefore;
  const afterHolds = zone.offset(underAfter) === offsetAfter;
  if (beforeHolds && afterHolds) {
    const epochMs = Math.min(underBefore, underAfter);
    return { epochMs, offsetMinutes: epochMs === underBefore ? offsetBefore : offsetAfter };
  }
  if (beforeHolds) return { epochMs: underBefore, offsetMinutes: offsetBefore };
  if (afterHolds) return { epochMs: underAfter, offsetMinutes: offsetAfter };
  // In a gap: read with the offset before the jump, which lands after it.
  return { epochMs: underBefore, offsetMinutes: zone.offset(underBefore) };
}

const two = (value: number): string => (value < 10 ? `0${value}` : String(value));

/** An offset as ISO 8601 writes it: 330 → `+05:30`, −210 → `-03:30`, 0 → `+00:00`. */
export function offsetText(offsetMinutes: number): string {
  const offset = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(offset / 60))}:${two(offset % 60)}`;
}

/** `2019-12-09T09:00:00+05:30`: ISO 8601 to the second, on the wall clock of the offset. */
export function isoWithOffset(instant: ZonedInstant): string {
  const wall = new Date(instant.epochMs + instant.offsetMinutes * msPerMinute);
  const year = wall.getUTCFullYear();
  return (
    `${year < 1000 ? String(year).padStart(4, '0') : year}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}` +
    `T${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}${offsetText(instant.offsetMinutes)}`
  );
}
