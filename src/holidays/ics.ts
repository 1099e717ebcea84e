import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { ImportError, isoDate, uniqueByDate, type HolidayEntry } from './dates.js';

/** Longest event kept: a longer one is a mistake, not a holiday. */
const maxEventDays = 366;

/**
 * Bounds of one iCalendar import (docs/management-api.md, holiday imports).
 * ical.js looks for a rule's next occurrence in a loop of its own that never
 * ends when the rule cannot match (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`), so
 * every candidate it checks is counted as a step, and the expansion stops
 * with a 422 naming the event once a bound is passed.
 */
export const icsLimits = {
  /** VEVENTs in one import. */
  maxEvents: 1000,
  /** Occurrences of one event in the imported years: a holiday needs at most one a day (HOURLY rules are refused). */
  maxOccurrencesPerEvent: 1000,
  /** Candidates checked to find one occurrence: a rule needing more cannot match in practice (1000 days are 2.7 years). */
  maxStepsPerOccurrence: 1000,
  /** Candidates checked for one event until the end of the imported years. */
  maxStepsPerEvent: 50_000,
  /** Candidates checked in one import. */
  maxSteps: 200_000,
  /** Time one import may spend reading events, in ms (the pauses for other requests not counted). */
  maxWorkMs: 2000,
  /** Longest stretch of work before other requests get a turn, in ms. */
  sliceMs: 10,
};

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

/** Thrown (also from inside ical.js's iteration) when a bound of icsLimits is passed; completes "event "X": …". */
class ExpansionLimit extends Error {}

/** What one import may still spend; `step()` is called by ical.js for every candidate it checks. */
class ExpansionBudget {
  private steps = 0;
  private eventSteps = 0;
  private occurrenceSteps = 0;
  private spentMs = 0;
  private sliceStartedAt = performance.now();

  step(): void {
    this.steps++;
    this.eventSteps++;
    this.occurrenceSteps++;
    if (this.occurrenceSteps > icsLimits.maxStepsPerOccurrence) throw new ExpansionLimit(`its recurrence rule cannot match: no occurrence within ${icsLimits.maxStepsPerOccurrence} steps`);
    if (this.eventSteps > icsLimits.maxStepsPerEvent) throw new ExpansionLimit(`its recurrence rule needs more than ${icsLimits.maxStepsPerEvent} steps to reach the end of the imported years`);
    if (this.steps > icsLimits.maxSteps) throw new ExpansionLimit(`its recurrence rule takes the import past its ${icsLimits.maxSteps} steps`);
    if ((this.steps & 63) === 0) this.checkTime();
  }

  startEvent(): void {
    this.eventSteps = 0;
  }

  startOccurrence(): void {
    this.occurrenceSteps = 0;
  }

  checkTime(): void {
    if (this.spentMs + performance.now() - this.sliceStartedAt > icsLimits.maxWorkMs) throw new ExpansionLimit(`takes the import past its ${icsLimits.maxWorkMs} ms of work`);
  }

  /** Lets other requests run once the current slice is long enough. */
  async pause(): Promise<void> {
    this.checkTime();
    const now = performance.now();
    if (now - this.sliceStartedAt < icsLimits.sliceMs) return;
    this.spentMs += now - this.sliceStartedAt;
    await nextTurn();
    this.sliceStartedAt = performance.now();
  }
}

/** ical.js's per-rule iterators inside an expansion (not in its types; ical.js is pinned). */
type RuleIterator = { check_contracting_rules(): boolean };

/** Makes every candidate the expansion's rule iterators check call `budget.step()`. */
function meter(expansion: ICAL.RecurExpansion, budget: ExpansionBudget): void {
  const iterators = (expansion as unknown as { ruleIterators?: unknown }).ruleIterators;
  if (!Array.isArray(iterators) || iterators.some((iterator: Partial<RuleIterator>) => typeof iterator?.check_contracting_rules !== 'function')) {
    throw new Error('ical.js recurrence iterators are not where they were: recurrence expansion cannot be bounded');
  }
  for (const iterator of iterators as RuleIterator[]) {
    const check = iterator.check_contracting_rules;
    iterator.check_contracting_rules = function metered(this: RuleIterator) {
      budget.step();
      return check.call(this);
    };
  }
}

/** 1-based lines of each `BEGIN:VEVENT`, in order (the order ical.js lists the events in). */
function eventLines(lines: LogicalLine[]): number[] {
  return lines.filter((entry) => /^BEGIN:VEVENT\s*$/i.test(entry.text)).map((entry) => entry.line);
}

/**
 * The occurrences of a recurring event that start in `firstYear`…`lastYear`,
 * counting every step ical.js takes against `budget`.
 */
async function occurrencesOf(event: ICAL.Event, firstYear: number, lastYear: number, budget: ExpansionBudget): Promise<ICAL.Time[]> {
  const starts: ICAL.Time[] = [];
  const iterator = event.iterator();
  meter(iterator, budget);
  for (;;) {
    budget.startOccurrence();
    const next = iterator.next();
    if (!next || next.year > lastYear) return starts;
    if (next.year >= firstYear && starts.push(next) > icsLimits.maxOccurrencesPerEvent) {
      throw new ExpansionLimit(`its recurrence rule occurs more than ${icsLimits.maxOccurrencesPerEvent} times in ${firstYear}–${lastYear}; a holiday needs at most one a day`);
    }
    await budget.pause();
  }
}

/** The holidays one event marks: each day of each of its occurrences in the imported years. */
async function daysOfEvent(
  event: ICAL.Event,
  startProperty: ICAL.Property,
  name: string,
  options: { accountZone: string; years: [number, number] },
  budget: ExpansionBudget,
): Promise<HolidayEntry[]> {
  const sourceZone = zoneOf(startProperty, event.startDate, options.accountZone);
  const duration = event.endDate ? event.endDate.subtractDate(event.startDate) : null;
  budget.startEvent();
  const starts = event.isRecurring() ? await occurrencesOf(event, options.years[0], options.years[1], budget) : [event.startDate];
  const entries: HolidayEntry[] = [];
  for (const start of starts) {
    let end: ICAL.Time | null = null;
    if (duration) {
      end = start.clone();
      end.addDuration(duration);
    }
    for (const date of daysOf(start, end, sourceZone, options.accountZone)) entries.push({ date, name });
    await budget.pause();
  }
  return entries;
}

/**
 * Holidays from iCalendar text: every VEVENT (all-day or timed) marks each
 * day it covers in the account's zone; recurring events are expanded for
 * `years` (the current and the next year), within icsLimits, handing the
 * event loop to other requests between slices. Cancelled events are skipped.
 * Throws an ImportError naming the line (and event) that fails.
 */
export async function holidaysFromIcs(text: string, options: { accountZone: string; years: [number, number] }): Promise<HolidayEntry[]> {
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
  const components = calendar.getAllSubcomponents('vevent');
  if (components.length > icsLimits.maxEvents) throw new ImportError('ics', `more than ${icsLimits.maxEvents} events in one import`);
  const startLines = eventLines(lines);
  const budget = new ExpansionBudget();
  const entries: HolidayEntry[] = [];
  for (const [index, component] of components.entries()) {
    if (String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
    const startProperty = component.getFirstProperty('dtstart');
    if (!startProperty) throw new ImportError('ics', 'an event has no DTSTART', startLines[index]);
    const event = new ICAL.Event(component);
    const name = String(event.summary ?? '').trim() || 'Holiday';
    try {
      entries.push(...(await daysOfEvent(event, startProperty, name, options, budget)));
    } catch (error) {
      if (error instanceof ImportError) throw error;
      const quotedName = JSON.stringify(name.slice(0, 80));
      if (error instanceof ExpansionLimit) throw new ImportError('ics', `event ${quotedName}: ${error.message}`, startLines[index]);
      // ical.js refuses some rules while expanding them (WEEKLY with BYMONTHDAY, HOURLY on a date); its messages name no data.
      const reason = error instanceof Error ? error.message.slice(0, 120) : 'unreadable';
      throw new ImportError('ics', `event ${quotedName}: its recurrence rule cannot be expanded (${reason})`, startLines[index]);
    }
  }
  return uniqueByDate(entries, 'ics');
}
