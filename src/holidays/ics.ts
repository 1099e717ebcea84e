import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { ImportError, isoDate, uniqueByDate, type HolidayEntry } from './dates.js';

/** Longest event kept: a longer one is a mistake, not a holiday. */
const maxEventDays = 366;
/** Most occurrences read from one recurring event. */
const maxOccurrences = 1000;

interface LogicalLine {
  text: string;
  /** 1-based number of the physical line it starts on. */
  line: number;
}

/** RFC 5545 unfolding: a line starting with a space or tab continues the previous one. */
function unfold(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  text.split(/\r?\n/).forEach((physical, index) => {
    const last = lines[lines.length - 1];
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && last) last.text += physical.slice(1);
    else lines.push({ text: physical, line: index + 1 });
  });
  return lines.filter((entry) => entry.text.trim() !== '');
}

/** Checks what ical.js lets pass (it rolls 2026-13-99 over into a later date), naming the line. */
function checkLines(lines: LogicalLine[]): void {
  if (!/^BEGIN:VCALENDAR$/i.test(lines[0]?.text.trim() ?? '')) throw new ImportError('ics', 'an iCalendar text starts with BEGIN:VCALENDAR', lines[0]?.line ?? 1);
  for (const { text, line } of lines) {
    if (!/^[A-Za-z0-9-]+(;[^:]*)?:/.test(text)) throw new ImportError('ics', 'not an iCalendar content line (NAME:value)', line);
    const date = /^(DTSTART|DTEND|RECURRENCE-ID)(;[^:]*)?:(.*)$/i.exec(text);
    if (!date) continue;
    const value = /^(\d{4})(\d{2})(\d{2})(T([01]\d|2[0-3])[0-5]\d[0-5]\dZ?)?$/.exec(date[3]!.trim());
    if (!value || !isoDate(Number(value[1]), Number(value[2]), Number(value[3]))) {
      throw new ImportError('ics', `${date[1]!.toUpperCase()} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`, line);
    }
  }
}

/** The zone an event's wall-clock times are in: UTC for `Z`, its TZID when that is an IANA zone, else the account's. */
function zoneOf(property: ICAL.Property | null, time: ICAL.Time, accountZone: string): string {
  if (time.zone === ICAL.Timezone.utcTimezone) return 'UTC';
  const tzid = property?.getParameter('tzid');
  return typeof tzid === 'string' && IANAZone.isValidZone(tzid) ? tzid : accountZone;
}

/** The account-calendar days an occurrence covers: each day from start to end (exclusive). */
function daysOf(start: ICAL.Time, end: ICAL.Time | null, sourceZone: string, accountZone: string): string[] {
  if (start.isDate) {
    const first = Date.UTC(start.year, start.month - 1, start.day);
    const last = end && end.isDate ? Date.UTC(end.year, end.month - 1, end.day) - 86_400_000 : first;
    return spanDays(first, Math.max(first, last));
  }
  const local = (time: ICAL.Time) =>
    DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone: sourceZone }).setZone(accountZone);
  const from = local(start);
  // An event ending exactly at midnight does not take the next day.
  const to = end ? local(end).minus({ seconds: 1 }) : from;
  const first = Date.UTC(from.year, from.month - 1, from.day);
  const last = Date.UTC(to.year, to.month - 1, to.day);
  return spanDays(first, Math.max(first, last));
}

function spanDays(first: number, last: number): string[] {
  const count = Math.round((last - first) / 86_400_000) + 1;
  if (count > maxEventDays) throw new ImportError('ics', `an event spans more than ${maxEventDays} days`);
  return Array.from({ length: count }, (_, index) => new Date(first + index * 86_400_000).toISOString().slice(0, 10));
}

/**
 * Holidays from iCalendar text: every VEVENT (all-day or timed) marks each
 * day it covers in the account's zone; recurring events are expanded for
 * `years` (the current and the next year). Cancelled events are skipped.
 * Throws an ImportError naming the line that fails.
 */
export function holidaysFromIcs(text: string, options: { accountZone: string; years: [number, number] }): HolidayEntry[] {
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  checkLines(lines);
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(lines.map((entry) => entry.text).join('\r\n')));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable';
    const quoted = /"(.*)"/.exec(message)?.[1];
    const line = quoted === undefined ? undefined : lines.find((entry) => entry.text.includes(quoted))?.line;
    throw new ImportError('ics', `not valid iCalendar (${message.slice(0, 120)})`, line);
  }
  const [firstYear, lastYear] = options.years;
  const entries: HolidayEntry[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const startProperty = component.getFirstProperty('dtstart');
    if (!startProperty) throw new ImportError('ics', 'an event has no DTSTART');
    const event = new ICAL.Event(component);
    const name = String(event.summary ?? '').trim() || 'Holiday';
    const sourceZone = zoneOf(startProperty, event.startDate, options.accountZone);
    const duration = event.endDate ? event.endDate.subtractDate(event.startDate) : null;
    const starts: ICAL.Time[] = [];
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(), count = 0; next && next.year <= lastYear && count < maxOccurrences; next = iterator.next(), count++) {
        if (next.year >= firstYear) starts.push(next);
      }
    } else {
      starts.push(event.startDate);
    }
    for (const start of starts) {
      let end: ICAL.Time | null = null;
      if (duration) {
        end = start.clone();
        end.addDuration(duration);
      }
      for (const date of daysOf(start, end, sourceZone, options.accountZone)) entries.push({ date, name });
    }
  }
  return uniqueByDate(entries, 'ics');
}
