import fc from 'fast-check';
import { FixedOffsetZone, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseInputDate } from './parse-input.js';
import { dayBounds, dayOf, formatAnswer, holidayDays, isBusinessDay, isoDateOf, nextBusinessDay, validateDate, type Calendar, type TimeWindow } from './rules.js';

const ist = IANAZone.create('Asia/Kolkata');
const newYork = IANAZone.create('America/New_York');
const hours = (start: number, end: number): TimeWindow => ({ start: start * 3600, end: end * 3600 });
const callbackHours = hours(8, 20);
const appointmentHours = hours(9, 18);
const sundaysAndChristmas: Calendar = { daysOff: new Set([7]), holidays: holidayDays(['2026-12-25']) };

interface Case {
  input: string;
  now: string;
  zone?: IANAZone;
  window?: TimeWindow;
  calendar?: Calendar;
  validMaxDays?: number;
  incrementDays?: number;
}

/** Reads the input as the handler does, validates it and formats the answer. */
function answer({ input, now, zone = ist, window = callbackHours, calendar = sundaysAndChristmas, validMaxDays = 30, incrementDays = 0 }: Case) {
  const at = new Date(now);
  const parsed = parseInputDate(input, at, zone);
  if (!parsed) throw new Error(`could not parse ${input}`);
  const callZone = parsed.offsetMinutes === undefined ? zone : FixedOffsetZone.instance(parsed.offsetMinutes);
  const validation = validateDate({ now: at, zone: callZone, calendar, window, validMaxDays, incrementDays, requested: parsed });
  return { ...formatAnswer(validation, window, callZone), dateIsValid: validation.dateIsValid, timeIsValid: validation.timeIsValid };
}

// Wednesday 2 December 2026, 10:00 in India.
const wednesdayMorning = '2026-12-02T10:00:00+05:30';

describe('validateDateAndTime rules in India (Asia/Kolkata)', () => {
  it('keeps a valid business day and its time, formatted as the docs show', () => {
    expect(answer({ input: '2026-12-04T11:00', now: wednesdayMorning })).toEqual({
      outputDate: '2026-12-04T11:00:00+05:30',
      smsDate: '4-12-2026',
      outputTime: '08:00 AM to 08:00 PM',
      outputDay: 'Friday',
      dateIsValid: true,
      timeIsValid: true,
    });
  });

  it('moves a day off to the next business day at the window start', () => {
    expect(answer({ input: '2026-12-06', now: wednesdayMorning })).toMatchObject({ outputDate: '2026-12-07T08:00:00+05:30', outputDay: 'Monday', dateIsValid: false, timeIsValid: true });
  });

  it('moves a holiday to the next business day', () => {
    expect(answer({ input: '25-12-2026', now: wednesdayMorning })).toMatchObject({ smsDate: '26-12-2026', outputDay: 'Saturday', dateIsValid: false });
  });

  it('skips a holiday that falls before a day off', () => {
    const calendar = { daysOff: new Set([6, 7]), holidays: holidayDays(['2026-12-04']) };
    expect(answer({ input: '2026-12-04', now: wednesdayMorning, calendar })).toMatchObject({ smsDate: '7-12-2026', dateIsValid: false });
  });

  it('answers the earliest valid day, keeping a valid time, for a past date', () => {
    expect(answer({ input: '2026-11-20T10:30', now: wednesdayMorning })).toMatchObject({ outputDate: '2026-12-02T10:30:00+05:30', dateIsValid: false, timeIsValid: true });
  });

  it('answers the latest valid day for a date beyond validMaxDays business days', () => {
    // Business days after Wednesday 2 Dec with Sundays off: 3, 4, 5, 7, 8 December.
    expect(answer({ input: '2026-12-09', now: wednesdayMorning, validMaxDays: 5 })).toMatchObject({ smsDate: '8-12-2026', outputDay: 'Tuesday', dateIsValid: false });
    expect(answer({ input: '2026-12-08', now: wednesdayMorning, validMaxDays: 5 })).toMatchObject({ smsDate: '8-12-2026', dateIsValid: true });
  });

  it('does not count holidays and days off toward validMaxDays', () => {
    const calendar = { daysOff: new Set([7]), holidays: holidayDays(['2026-12-03', '2026-12-04']) };
    expect(answer({ input: '2026-12-20', now: wednesdayMorning, calendar, validMaxDays: 2 })).toMatchObject({ smsDate: '7-12-2026' });
  });

  it('accepts today while the window is open, up to and including its last minute', () => {
    expect(answer({ input: 'today', now: wednesdayMorning })).toMatchObject({ smsDate: '2-12-2026', dateIsValid: true });
    expect(answer({ input: 'today', now: '2026-12-02T20:00:00+05:30' })).toMatchObject({ smsDate: '2-12-2026', dateIsValid: true });
  });

  it('moves today after closing time to the next business day', () => {
    expect(answer({ input: 'today', now: '2026-12-02T20:00:01+05:30' })).toMatchObject({ outputDate: '2026-12-03T08:00:00+05:30', dateIsValid: false, timeIsValid: true });
    // Saturday evening: Sunday is off, so Monday.
    expect(answer({ input: 'aaj', now: '2026-12-05T21:00:00+05:30' })).toMatchObject({ outputDay: 'Monday', smsDate: '7-12-2026' });
  });

  it('moves today when today is a day off', () => {
    expect(answer({ input: 'today', now: '2026-12-06T10:00:00+05:30' })).toMatchObject({ smsDate: '7-12-2026', dateIsValid: false });
  });

  it('calls a time already past today invalid and answers the window start', () => {
    expect(answer({ input: 'today at 9:30 am', now: wednesdayMorning })).toMatchObject({ outputDate: '2026-12-02T08:00:00+05:30', dateIsValid: true, timeIsValid: false });
    expect(answer({ input: 'today at 11 am', now: wednesdayMorning })).toMatchObject({ outputDate: '2026-12-02T11:00:00+05:30', timeIsValid: true });
  });

  it('calls a time outside the appointment window invalid, and formats that window', () => {
    expect(answer({ input: 'tomorrow 7 pm', now: wednesdayMorning, window: appointmentHours })).toEqual({
      outputDate: '2026-12-03T09:00:00+05:30',
      smsDate: '3-12-2026',
      outputTime: '09:00 AM to 06:00 PM',
      outputDay: 'Thursday',
      dateIsValid: true,
      timeIsValid: false,
    });
    expect(answer({ input: 'tomorrow 6 pm', now: wednesdayMorning, window: appointmentHours })).toMatchObject({ outputDate: '2026-12-03T18:00:00+05:30', timeIsValid: true });
  });

  it('keeps a valid time when it moves the date', () => {
    expect(answer({ input: '2026-12-06T17:15', now: wednesdayMorning })).toMatchObject({ outputDate: '2026-12-07T17:15:00+05:30', dateIsValid: false, timeIsValid: true });
  });

  it('adds incrementDays before checking', () => {
    expect(answer({ input: 'today', now: wednesdayMorning, incrementDays: 2 })).toMatchObject({ smsDate: '4-12-2026', dateIsValid: true });
    expect(answer({ input: 'today', now: wednesdayMorning, incrementDays: 4 })).toMatchObject({ smsDate: '7-12-2026', dateIsValid: false });
  });

  it("uses the input's own offset for today, the window and the answer", () => {
    // 23:30 in India is 22:00 at +04:00: the window (to 20:00) has closed there too, so Thursday.
    expect(answer({ input: '2026-12-02T19:00:00+04:00', now: '2026-12-02T23:30:00+05:30' })).toMatchObject({ outputDate: '2026-12-03T08:00:00+04:00', dateIsValid: false, timeIsValid: false });
    expect(answer({ input: '2026-12-04T09:00:00+04:00', now: wednesdayMorning })).toMatchObject({ outputDate: '2026-12-04T09:00:00+04:00', dateIsValid: true });
  });

  it('formats noon and midnight windows in 12-hour time', () => {
    expect(answer({ input: 'tomorrow', now: wednesdayMorning, window: { start: 0, end: 12 * 3600 + 30 * 60 } }).outputTime).toBe('12:00 AM to 12:30 PM');
  });
});

describe('validateDateAndTime rules in New York (America/New_York)', () => {
  const now = '2026-12-02T10:00:00-05:00';

  it('answers with the zone offset and counts days in that zone', () => {
    expect(answer({ input: 'tomorrow', now, zone: newYork })).toMatchObject({ outputDate: '2026-12-03T08:00:00-05:00', outputDay: 'Thursday', dateIsValid: true });
    // 21:00 in New York is already Thursday in India; in New York it is still Wednesday, after closing.
    expect(answer({ input: 'today', now: '2026-12-02T21:00:00-05:00', zone: newYork })).toMatchObject({ smsDate: '3-12-2026', dateIsValid: false });
  });

  it('answers the summer-time offset for a day after the clocks change', () => {
    expect(answer({ input: '2026-03-09T09:00', now: '2026-03-06T10:00:00-05:00', zone: newYork })).toMatchObject({ outputDate: '2026-03-09T09:00:00-04:00', dateIsValid: true });
  });

  it('moves a Sunday and a holiday the same way', () => {
    const calendar = { daysOff: new Set([6, 7]), holidays: holidayDays(['2026-12-07']) };
    expect(answer({ input: 'Saturday', now, zone: newYork, calendar })).toMatchObject({ smsDate: '8-12-2026', outputDay: 'Tuesday', dateIsValid: false });
  });
});

describe('validateDateAndTime properties', () => {
  const zones = ['Asia/Kolkata', 'America/New_York', 'Europe/London', 'UTC', 'Asia/Kathmandu'].map((name) => IANAZone.create(name));
  const scenario = fc.record({
    now: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
    zone: fc.constantFrom(...zones),
    daysOff: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 6 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -10, max: 120 }), { maxLength: 40 }),
    windowStart: fc.integer({ min: 0, max: 86_000 }),
    windowLength: fc.integer({ min: 60, max: 86_000 }),
    validMaxDays: fc.integer({ min: 1, max: 60 }),
    requestedOffset: fc.integer({ min: -60, max: 150 }),
    time: fc.option(fc.integer({ min: 0, max: 86_399 }), { nil: undefined }),
    incrementDays: fc.integer({ min: -5, max: 5 }),
  });

  function sample(value: { now: Date; zone: IANAZone; daysOff: number[]; holidayOffsets: number[]; windowStart: number; windowLength: number; validMaxDays: number; requestedOffset: number; time: number | undefined; incrementDays: number }) {
    const todayUtc = Math.floor(value.now.getTime() / 86_400_000);
    const holidays = new Set(value.holidayOffsets.map((offset) => new Date((todayUtc + offset) * 86_400_000).toISOString().slice(0, 10)));
    const calendar: Calendar = { daysOff: new Set(value.daysOff), holidays };
    const window = { start: value.windowStart, end: Math.min(86_399, value.windowStart + value.windowLength) };
    const requested = { day: todayUtc + value.requestedOffset, ...(value.time !== undefined && { time: value.time }) };
    const base = { now: value.now, zone: value.zone, calendar, window, validMaxDays: value.validMaxDays };
    return { base, requested, incrementDays: value.incrementDays, result: validateDate({ ...base, incrementDays: value.incrementDays, requested }) };
  }

  it('always answers a business day inside [earliest, latest]', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const { base, result } = sample(value);
        expect(isBusinessDay(result.day, base.calendar)).toBe(true);
        expect(result.day).toBeGreaterThanOrEqual(result.bounds.earliest);
        expect(result.day).toBeLessThanOrEqual(result.bounds.latest);
      }),
      { numRuns: 500 },
    );
  });

  it('finds its own answer valid when asked again', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const { base, result } = sample(value);
        const again = validateDate({ ...base, incrementDays: 0, requested: { day: result.day, time: result.time } });
        expect(again.dateIsValid).toBe(true);
        expect(again.day).toBe(result.day);
      }),
      { numRuns: 500 },
    );
  });

  it('answers the input date itself whenever dateIsValid is true', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const { requested, incrementDays, result } = sample(value);
        if (result.dateIsValid) expect(result.day).toBe(requested.day + incrementDays);
        else expect(result.day).not.toBe(requested.day + incrementDays);
      }),
      { numRuns: 500 },
    );
  });

  it('counts day numbers like the calendar', () => {
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(dayOf(2026, 12, 2) - dayOf(2026, 11, 30)).toBe(2);
  });
});

describe('calendar days', () => {
  it('writes a day as YYYY-MM-DD with two-digit months and days', () => {
    expect(isoDateOf(dayOf(2026, 3, 5))).toBe('2026-03-05');
    expect(isoDateOf(dayOf(2026, 12, 10))).toBe('2026-12-10');
    expect(isoDateOf(dayOf(2026, 10, 9))).toBe('2026-10-09');
  });

  it('closes exactly the stored holidays, across months and years', () => {
    const calendar: Calendar = { daysOff: new Set(), holidays: holidayDays(['2026-12-31', '2027-01-01', '2027-03-04']) };
    const closed = [dayOf(2026, 12, 31), dayOf(2027, 1, 1), dayOf(2027, 3, 4)];
    for (let day = dayOf(2026, 12, 1); day <= dayOf(2027, 3, 31); day++) expect(isBusinessDay(day, calendar)).toBe(!closed.includes(day));
    expect(nextBusinessDay(dayOf(2026, 12, 31), calendar)).toBe(dayOf(2027, 1, 2));
  });

  it('says so when a calendar has no working day at all', () => {
    const never: Calendar = { daysOff: new Set([1, 2, 3, 4, 5, 6, 7]), holidays: new Set() };
    expect(() => nextBusinessDay(dayOf(2026, 12, 7), never)).toThrow('the calendar has no business day within ten years');
  });

  it("reads today in the account's zone, not the server's", () => {
    // 20:00 UTC on Monday 7 December is 01:30 on Tuesday in Kolkata.
    const bounds = dayBounds(new Date('2026-12-07T20:00:00Z'), ist, sundaysAndChristmas, callbackHours, 30);
    expect(isoDateOf(bounds.today)).toBe('2026-12-08');
  });
});
