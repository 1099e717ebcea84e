// English only: the package's root loads every locale it has (some 10 MiB of resident memory).
import * as chronoEnglish from 'chrono-node/en';
import { type Zone } from 'luxon';
import { weekdayName, weekdays } from '../../accounts/defaults.js';
import { isoDate } from '../../holidays/dates.js';
import { dayOf, type Day, type TimeWindow } from './rules.js';
import { maxInputLength, understandDate, type NamedHoliday } from './understand/understand.js';

/** What a caller's date text means. */
export interface ParsedDate {
  day: Day;
  /** Seconds since midnight, when the text names a time of day. */
  time?: number;
  /** The text's own UTC offset in minutes, when it has one. */
  offsetMinutes?: number;
}

const validCivil = (year: number, month: number, day: number): boolean => isoDate(year, month, day) !== undefined;

/**
 * A time of day: `17:00`, `5:30 pm`, `5 pm`, `10.30`, `17:00:15`, with an
 * optional leading `at`. A bare number is not a time. Seconds since midnight.
 */
export function parseClock(text: string): number | undefined {
  const match = /^(?:at\s+)?(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)?\s*([ap])?(?:\.?m\.?)?$/i.exec(text.trim());
  if (!match) return undefined;
  const [, hourText, minuteText, secondText, meridiem] = match;
  const hasMeridiem = meridiem !== undefined && /m\.?$/i.test(text.trim());
  if (minuteText === undefined && !hasMeridiem) return undefined;
  if (meridiem !== undefined && !hasMeridiem) return undefined;
  let hour = Number(hourText);
  const minute = Number(minuteText ?? 0);
  const second = Number(secondText ?? 0);
  if (minute > 59 || second > 59) return undefined;
  if (hasMeridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem!.toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return hour * 3600 + minute * 60 + second;
}

/** `+05:30`, `+5:30`, `+0530`, `Z` → minutes east of UTC. */
function offsetOf(text: string): number | undefined {
  if (/^z$/i.test(text)) return 0;
  const match = /^([+-])(\d{1,2}):?(\d{2})$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (Number(match[2]) > 14 || Number(match[3]) > 59) return undefined;
  return match[1] === '-' ? -minutes : minutes;
}

/** ISO 8601: `2019-12-08`, `2026-12-02T09:00`, `2019-12-08T05:00:00+05:30`, `…T05:00:00.000Z`. */
function parseIso(text: string): ParsedDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{1,2}:?\d{2})?)?$/i.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, offset] = match;
  if (!validCivil(Number(year), Number(month), Number(day))) return undefined;
  const parsed: ParsedDate = { day: dayOf(Number(year), Number(month), Number(day)) };
  if (hour !== undefined) {
    if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined;
    parsed.time = Number(hour) * 3600 + Number(minute) * 60 + Number(second ?? 0);
  }
  if (offset !== undefined) {
    const offsetMinutes = offsetOf(offset);
    if (offsetMinutes === undefined) return undefined;
    parsed.offsetMinutes = offsetMinutes;
  }
  return parsed;
}

/** English natural language through chrono, accepted only when one reading covers the whole text. */
function parseNatural(input: string, now: Date, zone: Zone): ParsedDate | undefined {
  // chrono reads "December 25" as December 2025; "25 December" is the same day, read right. Only a month name moves.
  const text = input.replace(monthFirst, '$2 $1');
  const results = chronoEnglish.GB.parse(text, { instant: now, timezone: zone.offset(now.getTime()) }, { forwardDate: true });
  if (results.length !== 1) return undefined;
  const [result] = results;
  if (!result || result.index !== 0 || result.text.length !== text.length || result.end) return undefined;
  const start = result.start;
  // A month or a year alone ("December 2026") is not a day a caller can be given.
  if (!start.isCertain('day') && !start.isCertain('weekday')) return undefined;
  // A span of time counts only when it says which way from now: "in an hour", "2 hours from now"; not "a second", "one day", "just a sec".
  // "in a few minutes", "after few hours", "several days": no number said, so no one time or day.
  if (result.tags().has('result/relativeDate') && (!relativeDirection.test(text) || /\bsecs?\b|\bseconds?\b|\bfew\b|\bseveral\b/i.test(text))) return undefined;
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null || !validCivil(year, month, day)) return undefined;
  const parsed: ParsedDate = { day: dayOf(year, month, day) };
  if (start.isCertain('hour')) {
    // Whole minutes ("in an hour" at 15:01:37 is 16:01), and never a minute begun before now: "now" at 15:01:37.412 is 15:02.
    const seconds = (start.get('second') ?? 0) + (start.get('millisecond') ?? 0) / 1000;
    const instant = start.date().getTime();
    const roundUp = seconds > 0 && instant - (instant % 60_000) < now.getTime();
    const time = (start.get('hour') ?? 0) * 3600 + (start.get('minute') ?? 0) * 60 + (roundUp ? 60 : 0);
    if (time >= 86_400) {
      parsed.day += 1;
      parsed.time = time - 86_400;
    } else {
      parsed.time = time;
    }
  }
  if (start.isCertain('timezoneOffset')) parsed.offsetMinutes = start.get('timezoneOffset') ?? undefined;
  return parsed;
}

/** The words that point a span of time from now. */
const relativeDirection = /^(in|within|after)\b|\b(later|from now|hence|ago)$/i;

const monthFirst = /^(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? (\d{1,2})(?:st|nd|rd|th)?(?=$|[ ,])/i;

const chronoMaxLength = 60;

export interface ParseOptions {
  /** The account's holidays by name, so "diwali" can be said (docs/methods/validate-date-and-time.md). */
  holidays?: readonly NamedHoliday[];
  /** The window a part of the day ("evening") is placed in. */
  window?: TimeWindow;
}

/**
 * Reads a caller's date: ISO 8601 with its offset as written, then the
 * understanding module (understand/: numeric forms, English, Hindi and other
 * Indian languages, spoken numbers, typos, named days), then chrono-node for
 * English it does not know. `zone` is the account's zone: "today" and "next
 * monday" are counted there. Undefined when the text cannot be understood.
 */
export function parseInputDate(input: string, now: Date, zone: Zone, options: ParseOptions = {}): ParsedDate | undefined {
  const text = input.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  if (text === '' || text.length > maxInputLength) return undefined;
  const iso = parseIso(text);
  if (iso) return iso;
  const understood = understandDate(text, { now, zone, holidays: options.holidays, window: options.window });
  if (understood.ok) return understood.time === undefined ? { day: understood.day } : { day: understood.day, time: understood.time };
  // chrono is the slowest step: it only sees short text that named no date at all.
  if (understood.reason !== 'no-date' || text.length > chronoMaxLength) return undefined;
  return parseNatural(text, now, zone);
}

/** A window end: `HH:mm` (or `HH:mm:ss`, `9 am`), or the time-of-day part of an ISO date-time. */
export function parseWindowTime(text: string): number | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}[T ](.+?)(?:Z|[+-]\d{1,2}:?\d{2})?$/i.exec(text.trim());
  const clock = iso ? iso[1]! : text;
  if (iso && !/^\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/.test(clock)) return undefined;
  return parseClock(clock.replace(/\.\d+$/, ''));
}

/** `Monday,Friday,sun` → ISO weekdays; `none` → no day off. Undefined for any unknown name. */
export function parseWeekdays(text: string): Set<number> | undefined {
  if (text.trim().toLowerCase() === 'none') return new Set();
  const days = new Set<number>();
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const day = weekdayName(part);
    if (!day) return undefined;
    days.add(weekdays.indexOf(day) + 1);
  }
  return days.size ? days : undefined;
}
