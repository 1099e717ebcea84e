import { describe, expect, it } from 'vitest';
import { ImportError } from './dates.js';
import { holidaysFromIcs, icsLimits } from './ics.js';

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
