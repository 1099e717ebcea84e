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
 * with a 422 naming the event once a bound is passed. Some rules make ical.js
 * loop for good before it checks a candidate (`FREQ=WEEKLY;BYWEEKNO=3;BYDAY=MO`):
 * those are stopped by the worker's wall-clock limit (ics-worker.ts).
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

const dateValue = /^(\d{4})(\d{2})(\d{2})(T([01]\d|2[0-3])[0-5]\d[0-5]\dZ?)?$/;
/** A DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS, `Z` for UTC) value naming a real day. */
function isDateValue(text: string): boolean {
  const value = dateValue.exec(text.trim());
  return value !== null && isoDate(Number(value[1]), Number(value[2]), Number(value[3])) !== undefined;
}
const durationValue = /^[+-]?P(\d+W|\d+D(T(\d+H)?(\d+M)?(\d+S)?)?|T(\d+H)?(\d+M)?(\d+S)?)$/;
/** An RFC 5545 DURATION (`P1D`, `PT1H30M`, `P2W`) with at least one amount. */
const isDuration = (text: string) => durationValue.test(text.trim()) && /\d/.test(text) && !/T$/.test(text.trim());

const weekday = /^(SU|MO|TU|WE|TH|FR|SA)$/;
/** A BYDAY item: a weekday, optionally after its ordinal (1–53, `-` counted from the end). */
const ordinalWeekday = /^([+-]?0*([1-9]|[1-4]\d|5[0-3]))?(SU|MO|TU|WE|TH|FR|SA)$/;
const frequencies = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const subDaily = new Set(['SECONDLY', 'MINUTELY', 'HOURLY']);
/** The numeric BY parts of a recurrence rule: least and most value, and whether `-n` (counted from the end) is allowed (RFC 5545 3.3.10). */
const numericParts: Record<string, [number, number, boolean]> = {
  BYSECOND: [0, 60, false],
  BYMINUTE: [0, 59, false],
  BYHOUR: [0, 23, false],
  BYMONTHDAY: [1, 31, true],
  BYYEARDAY: [1, 366, true],
  BYWEEKNO: [1, 53, true],
  BYMONTH: [1, 12, false],
  BYSETPOS: [1, 366, true],
};

/**
 * What is wrong with the value of an RRULE (or EXRULE), in this service's words; undefined when
 * each part is well formed. ical.js's own refusals of these name no line and some are wrong
 * (`BYHOUR … must be < 0`). Parts ical.js ignores are left to it.
 */
function recurrenceRuleProblem(value: string): string | undefined {
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const named = /^([A-Za-z-]+)=(.+)$/.exec(part.trim());
    if (!named) return 'has a part that is not NAME=VALUE';
    parts.set(named[1]!.toUpperCase(), named[2]!.trim().toUpperCase());
  }
  const frequency = parts.get('FREQ');
  if (frequency === undefined) return 'has no FREQ';
  if (!frequencies.includes(frequency)) return `FREQ must be one of ${frequencies.join(', ')}`;
  const until = parts.get('UNTIL');
  if (until !== undefined && !isDateValue(until)) return 'UNTIL is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)';
  for (const name of ['COUNT', 'INTERVAL']) {
    const count = parts.get(name);
    if (count !== undefined && !/^0*[1-9]\d{0,8}$/.test(count)) return `${name} must be a whole number from 1`;
  }
  for (const [name, [least, most, fromEnd]] of Object.entries(numericParts)) {
    const list = parts.get(name);
    if (list === undefined) continue;
    const fits = list.split(',').every((item) => {
      const number = /^([+-]?)(\d{1,3})$/.exec(item.trim());
      return number !== null && (number[1] === '' || fromEnd) && Number(number[2]) >= least && Number(number[2]) <= most;
    });
    if (!fits) return `${name} must be a list of ${least} to ${most}${fromEnd ? ` (or -${most} to -${least}, counted from the end)` : ''}`;
  }
  const days = parts.get('BYDAY');
  if (days !== undefined && !days.split(',').every((item) => ordinalWeekday.test(item.trim()))) {
    return 'BYDAY must be a list of weekdays (MO, TU, WE, TH, FR, SA, SU), each with an optional ordinal such as 2SA or -1FR';
  }
  const weekStart = parts.get('WKST');
  if (weekStart !== undefined && !weekday.test(weekStart)) return 'WKST must be a weekday (MO, TU, WE, TH, FR, SA, SU)';
  return undefined;
}

/** What is wrong with an RDATE or EXDATE value list; undefined when each value is a date, a date-time or (RDATE) a period. */
function dateListProblem(name: string, value: string): string | undefined {
  const fits = value.split(',').every((item) => {
    if (isDateValue(item)) return true;
    const period = /^([^/]+)\/(.+)$/.exec(item.trim());
    return name === 'RDATE' && period !== null && isDateValue(period[1]!) && (isDateValue(period[2]!) || isDuration(period[2]!));
  });
  return fits ? undefined : `${name} is not a list of dates (YYYYMMDD) or date-times (YYYYMMDDTHHMMSS)${name === 'RDATE' ? ' or periods (start/end, start/duration)' : ''}`;
}

/**
 * Checks what ical.js lets pass (it rolls 2026-13-99 over into a later date) or refuses
 * in words of its own, naming the line: content lines, dates, BEGIN/END pairs, and an
 * event's recurrence rule, recurrence and exception dates and duration.
 */
function checkLines(lines: LogicalLine[]): void {
  if (!/^BEGIN:VCALENDAR$/i.test(lines[0]?.text.trim() ?? '')) throw new ImportError('ics', 'an iCalendar text starts with BEGIN:VCALENDAR', lines[0]?.line ?? 1);
  const open: Array<{ name: string; line: number }> = [];
  for (const { text, line } of lines) {
    if (!/^[A-Za-z0-9-]+(;[^:]*)?:/.test(text)) throw new ImportError('ics', 'not an iCalendar content line (NAME:value)', line);
    const property = /^([A-Za-z0-9-]+)(;[^:]*)?:(.*)$/.exec(text)!;
    const name = property[1]!.toUpperCase();
    const value = property[3]!.trim();
    if (name === 'BEGIN') open.push({ name: value.toUpperCase(), line });
    else if (name === 'END') {
      const begun = open.pop();
      if (begun?.name !== value.toUpperCase()) throw new ImportError('ics', begun ? `END:${value.slice(0, 40)} does not close BEGIN:${begun.name.slice(0, 40)} of line ${begun.line}` : `END:${value.slice(0, 40)} has no BEGIN`, line);
    }
    if (name === 'DTSTART' || name === 'DTEND' || name === 'RECURRENCE-ID') {
      if (!isDateValue(value)) throw new ImportError('ics', `${name} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`, line);
    }
    // An event's own properties; a time zone's STANDARD and DAYLIGHT rules, and alarms, are not expanded here.
    if (open[open.length - 1]?.name !== 'VEVENT') continue;
    let problem: string | undefined;
    if (name === 'RRULE' || name === 'EXRULE') {
      const ruleProblem = recurrenceRuleProblem(value);
      if (ruleProblem) problem = `${name} ${ruleProblem}`;
    } else if (name === 'RDATE' || name === 'EXDATE') problem = dateListProblem(name, value);
    else if (name === 'DURATION' && !isDuration(value)) problem = 'DURATION is not a duration such as P1D or PT1H30M';
    if (problem) throw new ImportError('ics', problem, line);
  }
  const unclosed = open.pop();
  if (unclosed) throw new ImportError('ics', `BEGIN:${unclosed.name.slice(0, 40)} has no END`, unclosed.line);
}

/**
 * Why ical.js could not expand an event's rule, in this service's words (its own messages
 * are internal and some are misleading): the rule parts that do not go together.
 */
function expansionProblem(component: ICAL.Component, event: ICAL.Event): string {
  let rule: unknown;
  let startIsDate = false;
  try {
    rule = component.getFirstPropertyValue('rrule');
    startIsDate = event.startDate.isDate;
  } catch {
    // Whatever ical.js cannot read here, the general answer stands.
  }
  if (!(rule instanceof ICAL.Recur)) return 'its parts do not fit together';
  const has = (part: string) => (rule.parts as Record<string, unknown>)[part] !== undefined;
  if (subDaily.has(rule.freq) && startIsDate) return `FREQ=${rule.freq} repeats within a day, but DTSTART is a date without a time`;
  if (rule.freq === 'WEEKLY' && (has('BYMONTHDAY') || has('BYYEARDAY'))) return 'BYMONTHDAY and BYYEARDAY do not go with FREQ=WEEKLY';
  if (rule.freq === 'MONTHLY' && (has('BYYEARDAY') || has('BYWEEKNO'))) return 'BYYEARDAY and BYWEEKNO do not go with FREQ=MONTHLY';
  if (rule.freq !== 'YEARLY' && has('BYYEARDAY')) return 'BYYEARDAY goes with FREQ=YEARLY only';
  if (has('BYWEEKNO') && has('BYMONTHDAY')) return 'BYWEEKNO does not go with BYMONTHDAY';
  return 'its parts do not fit together';
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
 * Throws an ImportError naming the line (and event) that fails. `onEvent` hears
 * each event before it is read, and `undefined` after the last. The service
 * calls this in a worker (ics-worker.ts): ical.js can loop for good while it
 * sets up some valid rules, before the budget can count a step.
 */
export async function holidaysFromIcs(
  text: string,
  options: { accountZone: string; years: [number, number]; onEvent?: (event: EventBeingRead | undefined) => void },
): Promise<HolidayEntry[]> {
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  checkLines(lines);
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(lines.map((entry) => entry.text).join('\r\n')));
  } catch (error) {
    // ical.js's message is internal (docs/security.md): it only helps find the line.
    const message = error instanceof Error ? error.message : '';
    const quoted = /["'](.*)["']/.exec(message)?.[1];
    const line = quoted === undefined || quoted === '' ? undefined : lines.find((entry) => entry.text.includes(quoted))?.line;
    throw new ImportError('ics', /parameter/i.test(message) ? "not valid iCalendar: a property's parameters (NAME;PARAM=value:…) cannot be read" : 'not valid iCalendar', line);
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
    const name = String(component.getFirstPropertyValue('summary') ?? '').trim() || 'Holiday';
    // Said before ical.js sets up the event's rule: that is where it can loop for good (ics-worker.ts).
    options.onEvent?.({ name, line: startLines[index] });
    const event = new ICAL.Event(component);
    try {
      entries.push(...(await daysOfEvent(event, startProperty, name, options, budget)));
    } catch (error) {
      if (error instanceof ImportError) throw error;
      const quotedName = JSON.stringify(name.slice(0, 80));
      if (error instanceof ExpansionLimit) throw new ImportError('ics', `event ${quotedName}: ${error.message}`, startLines[index]);
      // ical.js refuses some rules while expanding them (WEEKLY with BYMONTHDAY, HOURLY on a date); said in our words, not its.
      throw new ImportError('ics', `event ${quotedName}: its recurrence rule cannot be expanded (${expansionProblem(component, event)})`, startLines[index]);
    }
  }
  options.onEvent?.(undefined);
  return uniqueByDate(entries, 'ics');
}

/** The event being read, as holidaysFromIcs tells it: its SUMMARY (or "Holiday") and the line of its BEGIN:VEVENT. */
export interface EventBeingRead {
  name: string;
  line: number | undefined;
}

/** What the worker (ics-worker.ts) posts: once loaded, each event it begins to read (null when past the last), then one answer. */
export type IcsWorkerMessage =
  | { loaded: true }
  | { reading: EventBeingRead | null }
  | { entries: HolidayEntry[] }
  | { refusal: { field: ImportError['field']; message: string; line: number | undefined } }
  | { failure: string };

/** The worker's side of holidaysFromIcsInWorker: reads the text and posts its progress and one answer. */
export async function answerInWorker(port: { postMessage(message: IcsWorkerMessage): void }, text: string, options: { accountZone: string; years: [number, number] }): Promise<void> {
  port.postMessage({ loaded: true });
  let answer: IcsWorkerMessage;
  try {
    answer = { entries: await holidaysFromIcs(text, { ...options, onEvent: (event) => port.postMessage({ reading: event ?? null }) }) };
  } catch (error) {
    if (error instanceof ImportError) {
      const prefix = error.line === undefined ? '' : `line ${error.line}: `;
      answer = { refusal: { field: error.field, message: error.message.slice(prefix.length), line: error.line } };
    } else answer = { failure: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
}
