import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseInputDate, parseWeekdays, parseWindowTime } from './parse-input.js';
import { isoDateOf, validateDate } from './rules.js';

const ist = IANAZone.create('Asia/Kolkata');
// Wednesday 2 December 2026, 10:00 in India.
const now = new Date('2026-12-02T10:00:00+05:30');

/** The parse as `YYYY-MM-DD HH:mm:ss ±offset`, for readable expectations. */
function read(text: string): string | undefined {
  const parsed = parseInputDate(text, now, ist);
  if (!parsed) return undefined;
  const time = parsed.time === undefined ? '' : ` ${[3600, 60, 1].map((unit, index) => String(Math.floor(parsed.time! / unit) % (index === 0 ? 24 : 60)).padStart(2, '0')).join(':')}`;
  const offset = parsed.offsetMinutes === undefined ? '' : ` ${parsed.offsetMinutes}`;
  return `${isoDateOf(parsed.day)}${time}${offset}`;
}

describe('parseInputDate', () => {
  it.each([
    ['2019-12-08T05:00:00+05:30', '2019-12-08 05:00:00 330'],
    ['2026-12-02T09:00+05:30', '2026-12-02 09:00:00 330'],
    ['2026-12-02T09:00', '2026-12-02 09:00:00'],
    ['2026-12-02', '2026-12-02'],
    ['2021-01-11T09:00:00.000+5:30', '2021-01-11 09:00:00 330'],
    ['2026-12-02T03:30:00Z', '2026-12-02 03:30:00 0'],
    ['2026-12-02T09:00:00-0400', '2026-12-02 09:00:00 -240'],
  ])('reads ISO 8601 %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    ['08-12-2019', '2019-12-08'],
    ['8/12/2019 10:30', '2019-12-08 10:30:00'],
    ['8.12.2019', '2019-12-08'],
    ['31/01/27 5 pm', '2027-01-31 17:00:00'],
    ['08-12-2019 10:30 am', '2019-12-08 10:30:00'],
  ])('reads day-first numeric %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    ['4 November 2019', '2019-11-04'],
    ['tomorrow', '2026-12-03'],
    ['Tomorrow at 5 PM', '2026-12-03 17:00:00'],
    ['day after tomorrow', '2026-12-04'],
    ['day after tomorrow at 5 pm', '2026-12-04 17:00:00'],
    ['the day after tomorrow', '2026-12-04'],
    ['next monday', '2026-12-07'],
    ['next monday 5 pm', '2026-12-07 17:00:00'],
    ['in 3 days', '2026-12-05'],
    ['today', '2026-12-02'],
    ['5 pm tomorrow', '2026-12-03 17:00:00'],
    ['25 December', '2026-12-25'],
    ['25th December at 10:30', '2026-12-25 10:30:00'],
    ['December 25', '2026-12-25'],
    ['Dec 5 at 4:30 pm', '2026-12-05 16:30:00'],
    ['Monday', '2026-12-07'],
  ])('reads English %s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    ['aaj', '2026-12-02'],
    ['kal', '2026-12-03'],
    ['Kal 11:30', '2026-12-03 11:30:00'],
    ['parson', '2026-12-04'],
    ['parso 4 pm', '2026-12-04 16:00:00'],
    ['आज', '2026-12-02'],
    ['कल', '2026-12-03'],
    ['परसों', '2026-12-04'],
    // Words no table knows are passed over: the day is still said once (docs/methods/validate-date-and-time.md).
    ['garbage tomorrow', '2026-12-03'],
    ['kal subah jaldi', '2026-12-03 08:00:00'],
  ])('reads Hindi and Hinglish %s in the future sense', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each(['', 'someday', 'tomorrow or friday', 'not tomorrow', '31-02-2026', '2026-13-01', '2026-12-02T25:00', 'kalyan', '12345', '8/12/2019 99:99', 'December 2026'])(
    'refuses %j',
    (text) => {
      expect(read(text)).toBeUndefined();
    },
  );
});

describe('parseInputDate through chrono', () => {
  // A live clock: seconds and milliseconds past the minute.
  const live = new Date('2026-12-07T15:01:37.412+05:30');
  const at = (text: string) => {
    const parsed = parseInputDate(text, live, ist);
    return parsed && `${isoDateOf(parsed.day)} ${parsed.time === undefined ? '' : `${Math.floor(parsed.time / 3600)}:${String((parsed.time % 3600) / 60).padStart(2, '0')}`}`;
  };

  it.each(['a second', 'one second', 'just a sec', 'a min', 'one min', 'hold on a second', 'wait a second', 'i sat down', 'one day', 'in 30 seconds'])('refuses the filler talk %j', (text) => {
    expect(parseInputDate(text, live, ist)).toBeUndefined();
  });

  // No number said ("a few"), or a range of hours (chrono would read "2-3" as 2 March): no one time.
  it.each(['in a few minutes', 'after few hours', 'after a few mins', 'in a few days', 'after several days', 'in 2-3 hours'])('refuses the vague span %j', (text) => {
    expect(parseInputDate(text, live, ist)).toBeUndefined();
  });

  it('reads a span from now in whole minutes, never a minute begun before now', () => {
    expect(at('in an hour')).toBe('2026-12-07 16:01');
    expect(at('in 2 hours')).toBe('2026-12-07 17:01');
    expect(at('2 hours from now')).toBe('2026-12-07 17:01');
    expect(at('now')).toBe('2026-12-07 15:02');
    expect(parseInputDate('now', now, ist)?.time).toBe(10 * 3600);
  });

  it('does not judge "now" a past time on a live clock', () => {
    const parsed = parseInputDate('now', live, ist)!;
    const window = { start: 8 * 3600, end: 20 * 3600 };
    const validation = validateDate({ now: live, zone: ist, calendar: { daysOff: new Set([7]), holidays: new Set() }, window, validMaxDays: 30, incrementDays: 0, requested: parsed });
    expect(validation.timeIsValid).toBe(true);
    expect(validation.time).toBe(15 * 3600 + 2 * 60);
  });
});

describe('parseWindowTime', () => {
  it('takes HH:mm or the time of day of an ISO date-time', () => {
    expect(parseWindowTime('09:00')).toBe(9 * 3600);
    expect(parseWindowTime('2019-11-05T18:00+05:30')).toBe(18 * 3600);
    expect(parseWindowTime('2019-11-05T18:00:30')).toBe(18 * 3600 + 30);
    expect(parseWindowTime('6 pm')).toBe(18 * 3600);
    expect(parseWindowTime('25:00')).toBeUndefined();
    expect(parseWindowTime('soon')).toBeUndefined();
  });
});

describe('parseWeekdays', () => {
  it('reads names in any case, 3 letters accepted, and refuses unknown ones', () => {
    expect(parseWeekdays('Monday,FRI, sun')).toEqual(new Set([1, 5, 7]));
    expect(parseWeekdays('none')).toEqual(new Set());
    expect(parseWeekdays('Monday,Funday')).toBeUndefined();
  });
});
