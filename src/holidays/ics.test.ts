import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ImportError } from './dates.js';
import { holidaysFromIcs, icsLimits, type EventBeingRead } from './ics.js';
import { holidaysFromIcsInWorker, icsWallLimitMs } from './ics-worker.js';

const calendar = (...events: string[][]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((lines) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');
const read = (text: string) => holidaysFromIcs(text, { accountZone: 'Asia/Kolkata', years: [2026, 2027] });

async function refusal(text: string): Promise<string> {
  const error = await read(text).then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ImportError);
  return (error as ImportError).message;
}

describe('iCalendar recurrence bounds', () => {
  it('refuses a rule that can never match, naming the event and its line, instead of searching forever', async () => {
    const message = await refusal(calendar(
      ['SUMMARY:Fine', 'DTSTART;VALUE=DATE:20260815'],
      ['SUMMARY:Thirtieth of February', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ));
    expect(message).toBe(`line 7: event "Thirtieth of February": its recurrence rule cannot match: no occurrence within ${icsLimits.maxStepsPerOccurrence} steps`);
  });

  it('refuses an hourly rule on a time that never matches, and one that repeats more than once a day', async () => {
    expect(await refusal(calendar(['SUMMARY:Hourly', 'DTSTART:20260101T090000Z', 'RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30']))).toContain('event "Hourly": its recurrence rule cannot match');
    expect(await refusal(calendar(['SUMMARY:Every hour', 'DTSTART:20260101T090000Z', 'RRULE:FREQ=HOURLY']))).toContain(
      `event "Every hour": its recurrence rule occurs more than ${icsLimits.maxOccurrencesPerEvent} times in 2026–2027`,
    );
  });

  it('refuses a rule that needs too many steps to reach the imported years', async () => {
    expect(await refusal(calendar(['SUMMARY:Since 1990', 'DTSTART:19900101T090000Z', 'RRULE:FREQ=HOURLY']))).toMatch(/^line 3: event "Since 1990": (its recurrence rule needs more than|takes the import past)/);
  });

  it('answers a rule ical.js cannot expand as a refusal naming the event, not a crash', async () => {
    expect(await refusal(calendar(['SUMMARY:Weekly thirtieth', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=WEEKLY;BYMONTHDAY=30']))).toMatch(
      /^line 3: event "Weekly thirtieth": its recurrence rule cannot be expanded \(.+\)$/,
    );
    expect(await refusal(calendar(['SUMMARY:Hourly day', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=HOURLY']))).toContain('event "Hourly day": its recurrence rule cannot be expanded');
  });

  it(`refuses more than ${icsLimits.maxEvents} events in one import`, async () => {
    const events = Array.from({ length: icsLimits.maxEvents + 1 }, (_, index) => [`SUMMARY:Day ${index}`, 'DTSTART;VALUE=DATE:20260101']);
    expect(await refusal(calendar(...events))).toBe(`more than ${icsLimits.maxEvents} events in one import`);
  });

  it('still expands ordinary rules: yearly from long ago, monthly by weekday, daily with an end', async () => {
    const days = await read(calendar(
      ['SUMMARY:Republic Day', 'DTSTART;VALUE=DATE:19500126', 'RRULE:FREQ=YEARLY'],
      ['SUMMARY:Second Saturday', 'DTSTART;VALUE=DATE:20260110', 'RRULE:FREQ=MONTHLY;BYDAY=2SA;COUNT=3'],
      ['SUMMARY:Leap day', 'DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'],
      ['SUMMARY:Festival week', 'DTSTART;VALUE=DATE:20261020', 'RRULE:FREQ=DAILY;UNTIL=20261022'],
    ));
    expect(days.map((day) => day.date)).toEqual(['2026-01-10', '2026-01-26', '2026-02-14', '2026-03-14', '2026-10-20', '2026-10-21', '2026-10-22', '2027-01-26']);
  });
});

// docs/security.md: answers carry no internal error text. ical.js's own messages ("Same occurrence found twice…",
// "BYHOUR: invalid value "25" must be < 0", "Could not extract integer…") never reach the refusal.
describe("iCalendar refusals in the service's own words", () => {
  const libraryText = /occurrence found twice|death by recursion|must be < |must be > |Could not extract|invalid date-time value|invalid ical body|Invalid parameters|invalid frequency|invalid BYDAY|For WEEKLY|may only appear/i;
  const refusedAs = async (text: string) => {
    const message = await refusal(text);
    expect(message).not.toMatch(libraryText);
    return message;
  };

  it('names the line and the part of a malformed recurrence rule', async () => {
    const rule = (value: string) => refusedAs(calendar(['SUMMARY:Rule', 'DTSTART;VALUE=DATE:20260101', `RRULE:${value}`]));
    expect(await rule('FREQ=MINUTELY;BYHOUR=25')).toBe('line 6: RRULE BYHOUR must be a list of 0 to 23');
    expect(await rule('FREQ=MONTHLY;BYMONTHDAY=0')).toBe('line 6: RRULE BYMONTHDAY must be a list of 1 to 31 (or -31 to -1, counted from the end)');
    expect(await rule('FREQ=FORTNIGHTLY')).toBe('line 6: RRULE FREQ must be one of SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY');
    expect(await rule('COUNT=2')).toBe('line 6: RRULE has no FREQ');
    expect(await rule('FREQ=DAILY;COUNT=abc')).toBe('line 6: RRULE COUNT must be a whole number from 1');
    expect(await rule('FREQ=DAILY;UNTIL=abc')).toBe('line 6: RRULE UNTIL is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)');
    expect(await rule('FREQ=MONTHLY;BYDAY=9XX')).toBe('line 6: RRULE BYDAY must be a list of weekdays (MO, TU, WE, TH, FR, SA, SU), each with an optional ordinal such as 2SA or -1FR');
    expect(await rule('FREQ=YEARLY;WKST=XX')).toBe('line 6: RRULE WKST must be a weekday (MO, TU, WE, TH, FR, SA, SU)');
    expect(await rule('FREQ')).toBe('line 6: RRULE has a part that is not NAME=VALUE');
  });

  it('names the line of malformed recurrence and exception dates and durations', async () => {
    expect(await refusedAs(calendar(['SUMMARY:X', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY', 'EXDATE:xyz']))).toBe(
      'line 7: EXDATE is not a list of dates (YYYYMMDD) or date-times (YYYYMMDDTHHMMSS)',
    );
    expect(await refusedAs(calendar(['SUMMARY:X', 'DTSTART;VALUE=DATE:20260101', 'RDATE:20260105,abc']))).toMatch(/^line 6: RDATE is not a list of dates/);
    expect(await refusedAs(calendar(['SUMMARY:X', 'DTSTART;VALUE=DATE:20260101', 'DURATION:xyz']))).toBe('line 6: DURATION is not a duration such as P1D or PT1H30M');
  });

  it('says which rule parts do not go together when ical.js cannot expand them', async () => {
    const expand = (start: string, value: string) => refusedAs(calendar(['SUMMARY:Parts', start, `RRULE:${value}`]));
    expect(await expand('DTSTART;VALUE=DATE:20260101', 'FREQ=SECONDLY')).toBe('line 3: event "Parts": its recurrence rule cannot be expanded (FREQ=SECONDLY repeats within a day, but DTSTART is a date without a time)');
    expect(await expand('DTSTART;VALUE=DATE:20260101', 'FREQ=WEEKLY;BYMONTHDAY=30')).toBe('line 3: event "Parts": its recurrence rule cannot be expanded (BYMONTHDAY and BYYEARDAY do not go with FREQ=WEEKLY)');
    expect(await expand('DTSTART;VALUE=DATE:20260101', 'FREQ=MONTHLY;BYWEEKNO=3')).toBe('line 3: event "Parts": its recurrence rule cannot be expanded (BYYEARDAY and BYWEEKNO do not go with FREQ=MONTHLY)');
    expect(await expand('DTSTART;VALUE=DATE:20260101', 'FREQ=DAILY;BYYEARDAY=3')).toBe('line 3: event "Parts": its recurrence rule cannot be expanded (BYYEARDAY goes with FREQ=YEARLY only)');
  });

  it('names unmatched BEGIN and END lines and unreadable parameters', async () => {
    expect(await refusedAs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VCALENDAR')).toBe('line 4: END:VCALENDAR does not close BEGIN:VEVENT of line 2');
    expect(await refusedAs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT')).toBe('line 1: BEGIN:VCALENDAR has no END');
    expect(await refusedAs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE:20260101\r\nEND:VEVENT\r\nEND:VCALENDAR')).toBe(
      "line 3: not valid iCalendar: a property's parameters (NAME;PARAM=value:…) cannot be read",
    );
  });

  it("leaves a time zone's own rules to ical.js and still reads well-formed dates, periods and durations", async () => {
    const days = await read(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VTIMEZONE',
        'TZID:Europe/London',
        'BEGIN:DAYLIGHT',
        'DTSTART:19810329T010000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'TZOFFSETFROM:+0000',
        'TZOFFSETTO:+0100',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
        'BEGIN:VEVENT',
        'SUMMARY:Plenty',
        'DTSTART;VALUE=DATE:20260105',
        'DURATION:P1D',
        'RRULE:FREQ=MONTHLY;BYMONTHDAY=5,-1;COUNT=3',
        'EXDATE;VALUE=DATE:20260131',
        'RDATE;VALUE=DATE:20260301,20260302',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    expect(days.map((day) => day.date)).toEqual(['2026-01-05', '2026-02-05', '2026-03-01', '2026-03-02']);
  });
});

describe('iCalendar import in a worker of its own', () => {
  const options = { accountZone: 'Asia/Kolkata', years: [2026, 2027] as [number, number] };
  const outcome = (reading: Promise<unknown>) =>
    reading.then(
      (days) => ({ days }),
      (error: unknown) => (error instanceof ImportError ? { field: error.field, message: error.message, line: error.line } : { failed: error }),
    );

  it('answers as holidaysFromIcs does in this thread: the same days and the same refusals', async () => {
    const texts = [
      calendar(['SUMMARY:Republic Day', 'DTSTART;VALUE=DATE:19500126', 'RRULE:FREQ=YEARLY'], ['SUMMARY:Town hall', 'DTSTART;TZID=Asia/Kolkata:20261201T220000', 'DTEND;TZID=Asia/Kolkata:20261202T010000']),
      calendar(['SUMMARY:Thirtieth of February', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30']),
      calendar(['SUMMARY:Parts', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=WEEKLY;BYMONTHDAY=30']),
      calendar(['SUMMARY:Rule', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=MINUTELY;BYHOUR=25']),
      calendar(...Array.from({ length: icsLimits.maxEvents + 1 }, (_, index) => [`SUMMARY:Day ${index}`, 'DTSTART;VALUE=DATE:20260101'])),
      'hello',
    ];
    for (const text of texts) {
      const [inThisThread, inWorker] = await Promise.all([outcome(read(text)), outcome(holidaysFromIcsInWorker(text, options))]);
      expect(inWorker).toEqual(inThisThread);
      expect(inWorker).not.toHaveProperty('failed');
    }
  });

  // Valid rules on which ical.js (2.2.1) loops for good while it sets the rule up, before the budget
  // can count a step: each blocked the event loop for good before imports ran in a worker.
  const hanging: Array<[start: string, rule: string]> = [
    ['DTSTART:20260101T090000Z', 'FREQ=DAILY;BYMONTHDAY=-1;BYHOUR=5'],
    ['DTSTART;VALUE=DATE:20260101', 'FREQ=WEEKLY;BYWEEKNO=3;BYDAY=MO'],
    ['DTSTART;VALUE=DATE:20260101', 'FREQ=WEEKLY;BYWEEKNO=-1;BYDAY=1MO'],
    ['DTSTART:20260101T090000Z', 'FREQ=DAILY;BYWEEKNO=-1;BYHOUR=5'],
    ['DTSTART:20260101T090000Z', 'FREQ=DAILY;BYHOUR=5;BYDAY=1MO'],
  ];

  it.each(hanging)(`refuses %s with %s within ${icsWallLimitMs} ms, naming the event and its line, while this thread runs on`, async (start, rule) => {
    let stuck!: (at: number) => void;
    const stuckSince = new Promise<number>((resolve) => (stuck = resolve));
    const heard = (event: EventBeingRead | undefined) => event?.name === 'Stuck' && stuck(performance.now());
    let settled = false;
    const importing = outcome(
      holidaysFromIcsInWorker(calendar(['SUMMARY:Fine', 'DTSTART;VALUE=DATE:20260815'], ['SUMMARY:Stuck', start, `RRULE:${rule}`]), options, heard),
    ).finally(() => (settled = true));
    const since = await stuckSince;
    // The worker is in the rule now: this thread still gets its I/O done.
    expect((await readFile(new URL(import.meta.url))).length).toBeGreaterThan(0);
    expect(settled).toBe(false);
    expect(await importing).toEqual({ field: 'ics', message: `line 7: event "Stuck": its recurrence rule cannot be expanded within ${icsWallLimitMs} ms`, line: 7 });
    expect(performance.now() - since).toBeLessThan(icsWallLimitMs + 1000);
  });
});
