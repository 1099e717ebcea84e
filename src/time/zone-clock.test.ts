import fc from 'fast-check';
import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { cachedZone } from './cached-zone.js';
import { instantOfWallTime, isoWithOffset, wallDayOf } from './zone-clock.js';

const zoneNames = ['Asia/Kolkata', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/Santiago', 'UTC'];
const zones = [...zoneNames.flatMap((name) => [IANAZone.create(name), cachedZone(name)]), FixedOffsetZone.instance(330), FixedOffsetZone.instance(-210)];
const wallOf = (year: number, month: number, day: number, hour: number, minute: number, second = 0) => Date.UTC(year, month - 1, day, hour, minute, second);

describe('zone clock', () => {
  it('builds the instant luxon builds for any wall time, except that a repeated time is its earlier instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, date) => {
          const wall = Math.floor(date.getTime() / 1000) * 1000;
          const civil = new Date(wall);
          const luxon = DateTime.fromObject(
            { year: civil.getUTCFullYear(), month: civil.getUTCMonth() + 1, day: civil.getUTCDate(), hour: civil.getUTCHours(), minute: civil.getUTCMinutes(), second: civil.getUTCSeconds() },
            { zone },
          );
          const ours = instantOfWallTime(wall, zone);
          expect(ours.offsetMinutes).toBe(zone.offset(ours.epochMs));
          if (ours.epochMs !== luxon.toMillis()) {
            // Only a repeated wall time may differ: luxon's pick there follows the real clock's offset.
            expect(luxon.toMillis()).toBeGreaterThan(ours.epochMs);
            expect(ours.epochMs + ours.offsetMinutes * 60_000).toBe(wall);
            expect(luxon.toMillis() + luxon.offset * 60_000).toBe(wall);
          } else {
            expect(isoWithOffset(ours)).toBe(luxon.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('moves a time skipped by a clock change forward by the jump', () => {
    const newYork = cachedZone('America/New_York');
    expect(isoWithOffset(instantOfWallTime(wallOf(2026, 3, 8, 2, 30), newYork))).toBe('2026-03-08T03:30:00-04:00');
    const lordHowe = cachedZone('Australia/Lord_Howe');
    expect(isoWithOffset(instantOfWallTime(wallOf(2026, 10, 4, 2, 10), lordHowe))).toBe('2026-10-04T02:40:00+11:00');
  });

  it('gives a repeated time its earlier instant', () => {
    expect(isoWithOffset(instantOfWallTime(wallOf(2026, 11, 1, 1, 30), cachedZone('America/New_York')))).toBe('2026-11-01T01:30:00-04:00');
    expect(isoWithOffset(instantOfWallTime(wallOf(2026, 10, 25, 1, 15), cachedZone('Europe/London')))).toBe('2026-10-25T01:15:00+01:00');
  });

  it('counts the wall-clock day in the zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }), (zone, date) => {
        const local = DateTime.fromJSDate(date, { zone });
        expect(wallDayOf(date.getTime(), zone)).toBe(Date.UTC(local.year, local.month - 1, local.day) / 86_400_000);
      }),
      { numRuns: 3000 },
    );
    // 21:00 in New York on 2 December is 3 December in India.
    const instant = Date.parse('2026-12-02T21:00:00-05:00');
    expect(wallDayOf(instant, cachedZone('America/New_York'))).toBe(Date.UTC(2026, 11, 2) / 86_400_000);
    expect(wallDayOf(instant, cachedZone('Asia/Kolkata'))).toBe(Date.UTC(2026, 11, 3) / 86_400_000);
  });

  it('writes years before 1000 with four digits and negative offsets with their sign', () => {
    expect(isoWithOffset({ epochMs: Date.UTC(999, 0, 2, 3, 4, 5), offsetMinutes: 0 })).toBe('0999-01-02T03:04:05+00:00');
    expect(isoWithOffset({ epochMs: Date.UTC(2026, 0, 1, 12, 0, 0), offsetMinutes: -210 })).toBe('2026-01-01T08:30:00-03:30');
  });
});
