import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayBounds, dayOf, holidayDays, validateDate, type Calendar, type TimeWindow } from './rules.js';

// The edges a caller hits: a time exactly at the window's ends, a time equal
// to "now", the last second of a working day's window and of a holiday.
const ist = IANAZone.create('Asia/Kolkata');
const window: TimeWindow = { start: 9 * 3600, end: 18 * 3600 };
const sundaysOff: Calendar = { daysOff: new Set([7]), holidays: holidayDays(['2026-12-25']) };
const wednesday = dayOf(2026, 12, 2);
const friday = dayOf(2026, 12, 4);

function check(now: string, day: number, time?: number) {
  return validateDate({ now: new Date(now), zone: ist, calendar: sundaysOff, window, validMaxDays: 30, incrementDays: 0, requested: { day, time } });
}

describe('validateDateAndTime at the edges of its window', () => {
  it('accepts a time exactly at the window start', () => {
    expect(check('2026-12-02T08:00:00+05:30', friday, window.start).timeIsValid).toBe(true);
  });

  it('refuses a time one second before the window start', () => {
    const answer = check('2026-12-02T08:00:00+05:30', friday, window.start - 1);
    expect(answer.timeIsValid).toBe(false);
    expect(answer.time).toBe(window.start);
  });

  it('accepts a time exactly at the window end and refuses one second after', () => {
    expect(check('2026-12-02T08:00:00+05:30', friday, window.end).timeIsValid).toBe(true);
    expect(check('2026-12-02T08:00:00+05:30', friday, window.end + 1).timeIsValid).toBe(false);
  });

  it('accepts a time today that is exactly "now" and refuses one a second earlier', () => {
    const tenOClock = 10 * 3600;
    expect(check('2026-12-02T10:00:00.000+05:30', wednesday, tenOClock).timeIsValid).toBe(true);
    expect(check('2026-12-02T10:00:01.000+05:30', wednesday, tenOClock).timeIsValid).toBe(false);
  });

  it('keeps today valid up to the window end itself and moves to the next business day one millisecond later', () => {
    expect(dayBounds(new Date('2026-12-02T18:00:00.000+05:30'), ist, sundaysOff, window, 30).earliest).toBe(wednesday);
    expect(dayBounds(new Date('2026-12-02T18:00:00.001+05:30'), ist, sundaysOff, window, 30).earliest).toBe(wednesday + 1);
  });

  it('treats a holiday as closed up to its last second and opens the next working day at midnight', () => {
    const christmas = dayOf(2026, 12, 25);
    expect(dayBounds(new Date('2026-12-25T23:59:59.999+05:30'), ist, sundaysOff, window, 30).earliest).toBe(christmas + 1);
    expect(check('2026-12-25T23:59:59.999+05:30', christmas).dateIsValid).toBe(false);
    expect(check('2026-12-26T00:00:00.000+05:30', christmas + 1).dateIsValid).toBe(true);
  });
});
