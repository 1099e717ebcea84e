import { describe, expect, it } from 'vitest';
import { parseIsoDateTime, parseIsoInstant, wallTimeToEpoch } from './iso-time.js';

describe('parseIsoInstant', () => {
  it('reads a date-time with any offset form flows send', () => {
    const instant = Date.parse('2026-11-28T03:30:00Z');
    expect(parseIsoInstant('2026-11-28T09:00:00+05:30')).toBe(instant);
    expect(parseIsoInstant('2026-11-28T09:00+5:30')).toBe(instant);
    expect(parseIsoInstant('2026-11-28T09:00:00.000+0530')).toBe(instant);
    expect(parseIsoInstant('2026-11-28T03:30:00z')).toBe(instant);
    // An offset of whole hours may leave out its minutes, as ISO 8601 allows.
    expect(parseIsoInstant('2026-11-28T08:30:00+05')).toBe(instant);
    expect(parseIsoInstant('2026-11-27T22:30:00-05')).toBe(instant);
  });

  it('reads the years 0–99 as written, where Date.UTC would make 0021 into 1921', () => {
    expect(new Date(parseIsoInstant('0021-03-01T09:00:00Z')!).toISOString()).toBe('0021-03-01T09:00:00.000Z');
    expect(new Date(parseIsoInstant('0099-12-31T23:59:59.999+05:30')!).toISOString()).toBe('0099-12-31T18:29:59.999Z');
    // Leap years of the proleptic calendar: 0 and 2000 are, 1900 is not.
    expect(new Date(parseIsoInstant('0000-02-29T00:00:00Z')!).toISOString()).toBe('0000-02-29T00:00:00.000Z');
    expect(parseIsoInstant('2000-02-29T00:00:00Z')).toBe(Date.parse('2000-02-29T00:00:00Z'));
    expect(parseIsoInstant('1900-02-29T00:00:00Z')).toBeUndefined();
    expect(new Date(parseIsoDateTime('0050-06-15 12:00', 'UTC')!).toISOString()).toBe('0050-06-15T12:00:00.000Z');
  });

  it.each(['2026-11-28T09:00:00', '2026-11-28', '2026-11-28 09:00:00+05:30', 'yesterday', '2026-13-45T09:00:00Z', '2026-02-30T10:00:00Z', '2027-02-29T10:00:00+05:30', '2026-04-31T09:00:00+05:30'])('names no instant in %j (no such day rolls over into the next month)', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});

describe('parseIsoDateTime', () => {
  it('reads every offset form flows send, fractions and wall-clock time in the zone', () => {
    const instant = Date.parse('2021-01-11T03:30:00.000Z');
    for (const text of ['2021-01-11T09:00:00.000+5:30', '2021-01-11T09:00:00+05:30', '2021-01-11T09:00+0530', ' 2021-01-11 09:00:00,000+05:30 ', '2021-01-11T03:30:00z', '2021-01-11T09:00:00']) {
      expect(parseIsoDateTime(text, 'Asia/Kolkata')).toBe(instant);
    }
    expect(parseIsoDateTime('2021-01-11T09:00:00.5+05:30', 'UTC')).toBe(instant + 500);
    expect(parseIsoDateTime('2021-01-11 08:30:00+05', 'UTC')).toBe(instant);
    expect(parseIsoDateTime('2021-01-11T09:00:00.123456789-05:00', 'UTC')).toBe(Date.parse('2021-01-11T14:00:00.123Z'));
  });

  it.each(['2021-02-29T09:00:00Z', '2021-01-11T24:00:00Z', '2021-01-11T09:60:00Z', '2021-01-11T09:00:00+19:00', '2021-01-11T09:00:00+05:60', '2021-01-11', '11-01-2021 09:00', '2021-01-11T09:00:00+5'])('refuses %j', (text) => {
    expect(parseIsoDateTime(text, 'Asia/Kolkata')).toBeUndefined();
  });
});

describe('wallTimeToEpoch', () => {
  const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute, second: 0, millisecond: 0 });

  it('moves a time skipped by a clock change forward by the jump', () => {
    // New York's clocks went from 02:00 to 03:00 on 8 March 2026: 02:30 is 03:30 EDT.
    expect(new Date(wallTimeToEpoch(wall(2026, 3, 8, 2, 30), 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // Santiago's midnight of 6 September 2026 did not happen: the day starts at 01:00 (-03:00).
    expect(new Date(wallTimeToEpoch(wall(2026, 9, 6, 0, 0), 'America/Santiago')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('gives a repeated time its earlier instant', () => {
    expect(new Date(wallTimeToEpoch(wall(2026, 11, 1, 1, 30), 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // Lord Howe goes back half an hour: 01:45 on 5 April 2026 is first at +11:00.
    expect(new Date(wallTimeToEpoch(wall(2026, 4, 5, 1, 45), 'Australia/Lord_Howe')).toISOString()).toBe('2026-04-04T14:45:00.000Z');
  });
});
