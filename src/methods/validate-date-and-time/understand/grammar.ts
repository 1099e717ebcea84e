import { civilOf, weekdayOf, type Day, type TimeWindow } from '../rules.js';
import { addMonths, civilDay, monthFrom, nextDayMonth, nextDayOfMonth, nthWeekdayOfMonth, upcomingWeekday, weekdayInWeek } from './calendar.js';
import type { Token } from './lexicon.js';

/**
 * The grammar of dates over the canonical token stream (docs/methods/validate-date-and-time.md):
 * each rule looks at most a few tokens ahead of where it starts, so reading
 * the whole stream stays linear.
 */

export interface GrammarContext {
  today: Day;
  /** A festival's day from the account's calendar: the next on or after today, or the one in `year`. */
  festival: (key: string, year?: number) => Day | undefined;
  /** The window a part of the day ("evening") is read inside. */
  window: TimeWindow;
}

interface Found {
  start: number;
  end: number;
}
interface DateFound extends Found {
  /** Undefined: the words name a date that does not exist (30 February, a festival the account has no date for). */
  day?: Day;
  /** A weekday said alone, which only agrees with a date said beside it. */
  weekdayOnly?: number;
}
type Part = 'morning' | 'afternoon' | 'evening' | 'night' | 'noon';
interface TimeFound extends Found {
  hour?: number;
  minute?: number;
  /** am/pm said, or a 24-hour clock past 12: the hour is exact. */
  exact?: boolean;
  /** An hour said without am/pm or minutes ("at 5", "5 baje"): read in the part of the day, or guessed for business hours. */
  guess?: boolean;
  part?: Part;
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const units: Record<string, number> = { day: 1, week: 7, fortnight: 14 };
const parts = new Set<string>(['morning', 'afternoon', 'evening', 'night', 'noon']);
/** Hours of each part of the day, [start, end) in seconds. */
const partHours: Record<Part, [number, number]> = {
  morning: [6 * 3600, 12 * 3600],
  noon: [12 * 3600, 13 * 3600],
  afternoon: [12 * 3600, 17 * 3600],
  evening: [17 * 3600, 21 * 3600],
  night: [20 * 3600, 24 * 3600],
};

type NumberToken = Extract<Token, { kind: 'number' }>;

export interface GrammarResult {
  day?: Day;
  time?: number;
  /** Why nothing was understood, when words were found but cannot be one date. */
  refusal?: 'no-date' | 'invalid-date' | 'two-dates' | 'two-times' | 'unknown-festival';
}

export function readTokens(tokens: readonly Token[], context: GrammarContext): GrammarResult {
  const { today } = context;
  const word = (index: number): string | undefined => {
    const token = tokens[index];
    return token?.kind === 'word' ? token.word : undefined;
  };
  const is = (index: number, ...words: string[]): boolean => {
    const found = word(index);
    return found !== undefined && words.includes(found);
  };
  const number = (index: number): NumberToken | undefined => {
    const token = tokens[index];
    return token?.kind === 'number' ? token : undefined;
  };
  const separator = (index: number, ...texts: string[]): boolean => {
    const token = tokens[index];
    return token?.kind === 'separator' && texts.includes(token.text);
  };
  const monthAt = (index: number): number => months.indexOf(word(index) ?? '') + 1;
  const weekdayAt = (index: number): number => weekdays.indexOf(word(index) ?? '') + 1;
  /** Skips the little words a phrase may carry: the, on, of, commas. */
  const skip = (index: number, words: readonly string[] = ['the', 'on']): number => {
    let at = index;
    while (at < tokens.length && (is(at, ...words) || separator(at, ','))) at++;
    return at;
  };
  /** A time follows: "5 pm", "10:30", "5 baje". */
  const timeFollows = (index: number): boolean => is(index, 'am', 'pm', 'oclock') || separator(index, ':');
  /** A day of the month: 1–31, written in one or two digits or spoken. */
  const dayNumber = (index: number): NumberToken | undefined => {
    const found = number(index);
    return found && found.value >= 1 && found.value <= 31 && (found.spoken || found.digits <= 2) ? found : undefined;
  };
  /** A year: four digits or spoken (1900–2199), or two digits after a month. */
  const yearAt = (index: number, allowTwoDigits: boolean): [number, number] | undefined => {
    const at = skip(index, ['of']);
    const found = number(at);
    if (!found || found.ordinal) return undefined;
    if (found.value >= 1900 && found.value <= 2199 && (found.digits === 4 || found.spoken)) return [found.value, at + 1];
    if (allowTwoDigits && found.digits === 2 && !timeFollows(at + 1) && !is(at + 1, ...Object.keys(units), 'month', 'year')) return [2000 + found.value, at + 1];
    return undefined;
  };
  const dayMonthYear = (day: number, month: number, year: number | undefined): Day | undefined =>
    year === undefined ? nextDayMonth(today, month, day) : civilDay(year, month, day);

  /** Numeric dates: 15/12/2026, 2026/12/15, 15-12-26, 15/12, 15122026, 20261215, 151226, "1 5 1 2 2 0 2 6". */
  function numeric(index: number): DateFound | undefined {
    const first = number(index);
    if (!first || first.spoken || first.ordinal) return undefined;
    if (separator(index + 1, '/', '-', '.') && number(index + 2) && !number(index + 2)!.spoken) {
      const second = number(index + 2)!;
      if (separator(index + 3, '/', '-', '.') && number(index + 4) && !number(index + 4)!.spoken) {
        const third = number(index + 4)!;
        const end = index + 5;
        if (first.digits === 4) return { start: index, end, day: civilDay(first.value, second.value, third.value) };
        if (first.digits > 2 || second.digits > 2 || (third.digits !== 2 && third.digits !== 4)) return { start: index, end };
        const year = third.digits === 2 ? 2000 + third.value : third.value;
        return { start: index, end, day: civilDay(year, second.value, first.value) ?? civilDay(year, first.value, second.value) };
      }
      // Two parts: day/month. "10.30" is a time and "2-3 days" a count, not dates.
      if (separator(index + 1, '.') || first.digits > 2 || second.digits > 2 || is(index + 3, ...Object.keys(units), 'month', 'am', 'pm', 'oclock')) return undefined;
      return { start: index, end: index + 3, day: nextDayMonth(today, second.value, first.value) ?? nextDayMonth(today, first.value, second.value) };
    }
    // Digits said or typed one by one, or in groups: join the run.
    let end = index;
    const groups: NumberToken[] = [];
    while (end < tokens.length && number(end) && !number(end)!.spoken && !number(end)!.ordinal && groups.length < 9) groups.push(number(end++)!);
    if (timeFollows(end)) return undefined;
    const lengths = groups.map((group) => group.digits);
    let digits: string | undefined;
    if (groups.length === 1 && (lengths[0] === 8 || lengths[0] === 6)) digits = String(first.value).padStart(lengths[0]!, '0');
    else if (groups.length >= 6 && lengths.every((length) => length === 1) && (groups.length === 6 || groups.length === 8)) digits = groups.map((group) => group.value).join('');
    else if (groups.length === 3 && lengths[0]! <= 2 && lengths[1]! <= 2 && (lengths[2] === 4 || lengths[2] === 2)) {
      const year = lengths[2] === 2 ? 2000 + groups[2]!.value : groups[2]!.value;
      return { start: index, end, day: civilDay(year, groups[1]!.value, groups[0]!.value) };
    } else if (groups.length === 3 && lengths[0] === 4 && lengths[1]! <= 2 && lengths[2]! <= 2) {
      return { start: index, end, day: civilDay(groups[0]!.value, groups[1]!.value, groups[2]!.value) };
    }
    if (digits === undefined) return undefined;
    const pair = (from: number) => Number(digits!.slice(from, from + 2));
    if (digits.length === 6) return { start: index, end, day: civilDay(2000 + pair(4), pair(2), pair(0)) };
    return { start: index, end, day: civilDay(Number(digits.slice(4)), pair(2), pair(0)) ?? civilDay(Number(digits.slice(0, 4)), pair(4), pair(6)) };
  }

  /** 12 January, 12th of Jan 2027, twelve january, 10 tarikh december. */
  function dayThenMonth(index: number): DateFound | undefined {
    const day = dayNumber(index);
    if (!day) return undefined;
    let at = index + 1;
    if (is(at, 'tarikh')) at++;
    const dashed = separator(at, '-', '/', '.') && monthAt(at + 1) > 0;
    at = dashed ? at + 1 : skip(at, ['of', 'the']);
    const month = monthAt(at);
    if (!month) return undefined;
    const year = yearAt(dashed && separator(at + 1, '-', '/', '.') ? at + 2 : at + 1, true);
    return { start: index, end: year ? year[1] : at + 1, day: dayMonthYear(day.value, month, year?.[0]) };
  }

  /** January 12, January the twelfth, Dec 5th 2026, disambar 10 tarikh. */
  function monthThenDay(index: number): DateFound | undefined {
    const month = monthAt(index);
    if (!month) return undefined;
    const at = skip(index + 1, ['the', 'on', 'ki', 'of']);
    const day = dayNumber(at);
    if (!day || timeFollows(at + 1) || is(at + 1, ...Object.keys(units), 'month', 'year') || monthAt(at + 1)) return undefined;
    let end = at + 1;
    if (is(end, 'tarikh')) end++;
    const year = yearAt(end, false);
    return { start: index, end: year ? year[1] : end, day: dayMonthYear(day.value, month, year?.[0]) };
  }

  /** A month named by what follows "of": January (2027), next month, this month. */
  function monthSpec(index: number): { year?: number; month: number; relative: boolean; end: number } | undefined {
    const at = skip(index, ['of', 'in', 'the']);
    const month = monthAt(at);
    if (month) {
      const year = yearAt(at + 1, false);
      return { month, year: year?.[0], relative: false, end: year ? year[1] : at + 1 };
    }
    if (is(at, 'next', 'this', 'coming') && is(at + 1, 'month')) {
      const { year, month: relativeMonth } = monthFrom(today, is(at, 'this') ? 0 : 1);
      return { month: relativeMonth, year, relative: true, end: at + 2 };
    }
    // "the last day of the month": this month.
    if (is(at, 'month') && at > index) {
      const { year, month: relativeMonth } = monthFrom(today, 0);
      return { month: relativeMonth, year, relative: true, end: at + 1 };
    }
    return undefined;
  }

  /** First Monday of February, last Friday of January, second tuesday of next month, last day of the month. */
  function weekdayOfMonth(index: number): DateFound | undefined {
    const ordinal = number(index);
    const nth = is(index, 'last') ? -1 : ordinal && ordinal.ordinal && ordinal.value >= 1 && ordinal.value <= 5 ? ordinal.value : 0;
    if (!nth) return undefined;
    const weekday = weekdayAt(index + 1);
    const lastDay = nth === -1 && is(index + 1, 'day');
    if (!weekday && !lastDay) return undefined;
    const spec = monthSpec(index + 2);
    if (!spec) return undefined;
    const resolve = (year: number) => (lastDay ? civilDay(year, spec.month, new Date(Date.UTC(year, spec.month, 0)).getUTCDate()) : nthWeekdayOfMonth(year, spec.month, weekday, nth));
    if (spec.year !== undefined) return { start: index, end: spec.end, day: resolve(spec.year) };
    const { year } = civilOf(today);
    for (const candidate of [year, year + 1]) {
      const found = resolve(candidate);
      if (found !== undefined && found >= today) return { start: index, end: spec.end, day: found };
    }
    return { start: index, end: spec.end };
  }

  /** 3rd of next month, 20th of this month, agle mahine ki 5 tarikh, next month 5th. */
  function dayOfRelativeMonth(index: number): DateFound | undefined {
    const day = dayNumber(index);
    if (day) {
      let at = index + 1;
      if (is(at, 'tarikh')) at++;
      at = skip(at, ['of', 'the']);
      if (is(at, 'next', 'this', 'coming') && is(at + 1, 'month')) {
        const { year, month } = monthFrom(today, is(at, 'this') ? 0 : 1);
        return { start: index, end: at + 2, day: civilDay(year, month, day.value) };
      }
      return undefined;
    }
    if (is(index, 'next', 'this', 'coming') && is(index + 1, 'month')) {
      const at = skip(index + 2, ['of', 'the', 'on']);
      const said = dayNumber(at);
      if (!said || timeFollows(at + 1) || is(at + 1, ...Object.keys(units))) return undefined;
      if (!said.ordinal && !is(at + 1, 'tarikh') && !said.weak && said.digits === 0) return undefined;
      const { year, month } = monthFrom(today, is(index, 'this') ? 0 : 1);
      return { start: index, end: is(at + 1, 'tarikh') ? at + 2 : at + 1, day: civilDay(year, month, said.value) };
    }
    return undefined;
  }

  function weekdayPhrases(index: number): DateFound | undefined {
    // next week friday, agle hafte somvar, this week saturday.
    if (is(index, 'next', 'coming', 'this') && is(index + 1, 'week')) {
      const at = skip(index + 2, ['the', 'on', 'of']);
      const weekday = weekdayAt(at);
      if (weekday) return { start: index, end: at + 1, day: weekdayInWeek(today, weekday, is(index, 'this') ? 0 : 1) };
      if (is(index, 'this')) return undefined;
      // Next week alone: its first day.
      return { start: index, end: index + 2, day: weekdayInWeek(today, 1, 1) };
    }
    const weekday = weekdayAt(index);
    if (weekday) {
      const at = skip(index + 1, ['of', 'the', 'on']);
      if (is(at, 'next', 'coming') && is(at + 1, 'week')) return { start: index, end: at + 2, day: weekdayInWeek(today, weekday, 1) };
      if (is(at, 'this') && is(at + 1, 'week')) return { start: index, end: at + 2, day: weekdayInWeek(today, weekday, 0) };
      // The tuesday after next: skip the coming one.
      if (is(index + 1, 'after') && is(index + 2, 'next')) return { start: index, end: index + 3, day: upcomingWeekday(today, weekday) + 7 };
      return { start: index, end: index + 1, day: upcomingWeekday(today, weekday), weekdayOnly: weekday };
    }
    if (is(index, 'next') && is(index + 1, 'next') && (weekdayAt(index + 2) || is(index + 2, 'week'))) {
      // Next to next: the week after next.
      const at = is(index + 2, 'week') ? skip(index + 3, ['the', 'on', 'of']) : index + 2;
      const weekday = weekdayAt(at);
      return weekday ? { start: index, end: at + 1, day: weekdayInWeek(today, weekday, 2) } : { start: index, end: index + 3, day: weekdayInWeek(today, 1, 2) };
    }
    if (is(index, 'next') && weekdayAt(index + 1)) {
      // chrono's reading, kept: "next friday" is the Friday of next week.
      return { start: index, end: index + 2, day: weekdayInWeek(today, weekdayAt(index + 1), 1) };
    }
    if (is(index, 'this', 'coming') && weekdayAt(skip(index + 1, ['coming']))) {
      const at = skip(index + 1, ['coming']);
      return { start: index, end: at + 1, day: upcomingWeekday(today, weekdayAt(at)) };
    }
    if (is(index, 'last') && weekdayAt(index + 1)) {
      const weekday = weekdayAt(index + 1);
      return { start: index, end: index + 2, day: today - (((weekdayOf(today) - weekday + 7) % 7) || 7) };
    }
    return undefined;
  }

  /** today, kal, parson; in 3 days, after 2 weeks, 3 din baad, two weeks from today, a fortnight from now; next month. */
  function relative(index: number): DateFound | undefined {
    const offsets: Record<string, number> = { today: 0, now: 0, tomorrow: 1, overmorrow: 2 };
    const said = word(index);
    if (said !== undefined && said in offsets && said !== 'now') {
      const base = today + offsets[said]!;
      // "aaj se 3 din baad", "tomorrow from 2 days": counted from that day.
      if (is(index + 1, 'from')) {
        const counted = relative(index + 2);
        if (counted && counted.day !== undefined && !is(index + 2, 'in', 'after')) return { start: index, end: counted.end, day: counted.day - today + base };
        return { start: index, end: index + 2, day: base };
      }
      // "kal ke baad": the day after.
      if (is(index + 1, 'later') && !number(index + 2)) return { start: index, end: index + 2, day: base + 1 };
      return { start: index, end: index + 1, day: base };
    }
    if (is(index, 'after') && is(index + 1, 'tomorrow')) return { start: index, end: index + 2, day: today + 2 };
    const leading = is(index, 'in', 'after') ? 1 : 0;
    const count = number(index + leading);
    const unitAt = index + leading + (count ? 1 : 0);
    const unit = word(unitAt);
    if (count && (count.ordinal || count.value < 1 || count.value > 400)) return undefined;
    const countless = !count && !leading && unit !== 'day' && is(unitAt + 1, 'later', 'from') && !number(index - 1);
    if (unit !== undefined && (unit in units || unit === 'month' || unit === 'year') && (count || leading || countless)) {
      let end = unitAt + 1;
      let base = today;
      if (is(end, 'later', 'in', 'after')) end++;
      else if (is(end, 'from') && is(end + 1, 'tomorrow')) {
        base = today + 1;
        end += 2;
      } else if (is(end, 'from') && is(end + 1, 'now', 'today')) end += 2;
      else if (!leading && !is(index - 1, 'from')) return undefined;
      const amount = count?.value ?? 1;
      const day = unit === 'month' ? addMonths(base, amount) : unit === 'year' ? addMonths(base, 12 * amount) : base + amount * units[unit]!;
      return { start: index, end, day };
    }
    if (is(index, 'next', 'coming') && is(index + 1, 'month')) {
      const { year, month } = monthFrom(today, 1);
      return { start: index, end: index + 2, day: civilDay(year, month, 1) };
    }
    return undefined;
  }

  function named(index: number): DateFound | undefined {
    const token = tokens[index];
    if (token?.kind !== 'named') return undefined;
    const year = yearAt(index + 1, false);
    const end = year ? year[1] : index + 1;
    if (token.fixed) return { start: index, end, day: dayMonthYear(token.fixed[1], token.fixed[0], year?.[0]) };
    return { start: index, end, day: context.festival(token.festival!, year?.[0]) };
  }

  /** The 21st, on the 3rd, 10 tarikh: the next such day of a month. A bare number is never a date. */
  function dayOfMonthAlone(index: number): DateFound | undefined {
    const day = dayNumber(index);
    if (!day) return undefined;
    if (is(index + 1, 'tarikh')) return { start: index, end: index + 2, day: nextDayOfMonth(today, day.value) };
    if (is(index + 1, 'ko') && !day.spoken) return { start: index, end: index + 2, day: nextDayOfMonth(today, day.value) };
    if (day.weak || !day.ordinal || timeFollows(index + 1)) return undefined;
    if (day.spoken && !is(index - 1, 'the', 'on')) return undefined;
    return { start: index, end: index + 1, day: nextDayOfMonth(today, day.value) };
  }

  const dateRules = [numeric, weekdayOfMonth, dayOfRelativeMonth, dayThenMonth, monthThenDay, weekdayPhrases, relative, named, dayOfMonthAlone];

  function time(index: number): TimeFound | undefined {
    const at = is(index, 'at') ? index + 1 : index;
    const hour = number(at);
    if (hour && !hour.ordinal && (hour.digits <= 2 || hour.spoken)) {
      let minute = 0;
      let end = at + 1;
      let hasMinutes = false;
      if (separator(end, ':', '.') && number(end + 1)?.digits === 2 && number(end + 1)!.value <= 59) {
        minute = number(end + 1)!.value;
        end += 2;
        hasMinutes = true;
        if (separator(end, ':') && number(end + 1)?.digits === 2) end += 2;
      } else if (hour.spoken && number(end)?.spoken && !number(end)!.ordinal && number(end)!.value >= 10 && number(end)!.value <= 59 && is(end + 1, 'am', 'pm', 'oclock')) {
        // "five thirty pm": the minutes said as a number.
        minute = number(end)!.value;
        end += 1;
      }
      if (is(end, 'am', 'pm') && hour.value >= 1 && hour.value <= 12) {
        return { start: index, end: end + 1, hour: (hour.value % 12) + (is(end, 'pm') ? 12 : 0), minute, exact: true };
      }
      if (hasMinutes && hour.value <= 23) return { start: index, end, hour: hour.value, minute, exact: hour.value > 12 || hour.value === 0 };
      if (is(end, 'oclock') && hour.value <= 23) return { start: index, end: end + 1, hour: hour.value, minute, guess: true };
      const partAfter = skip(end, ['in', 'the']);
      if (hour.value >= 1 && hour.value <= 12 && end === at + 1 && parts.has(word(partAfter) ?? '') && partAfter > end) {
        // "3 in the afternoon".
        return { start: index, end: partAfter + 1, hour: hour.value, minute, guess: true, part: word(partAfter) as Part };
      }
      if (at > index && hour.value >= 1 && hour.value <= 12 && !is(end, ...months, ...Object.keys(units), 'month', 'tarikh') && !separator(end, '/', '-')) {
        return { start: index, end, hour: hour.value, minute, guess: true };
      }
      return undefined;
    }
    const part = word(index);
    if (part !== undefined && parts.has(part)) {
      const after = number(index + 1);
      if (after && !after.ordinal && after.value >= 1 && after.value <= 12 && !monthAt(index + 2) && !is(index + 2, ...Object.keys(units), 'tarikh') && !separator(index + 2, '/', '-')) {
        const withClock = time(index + 1);
        if (withClock) return { ...withClock, start: index, part: part as Part, guess: !withClock.exact };
        return { start: index, end: index + 2, hour: after.value, minute: 0, guess: true, part: part as Part };
      }
      return { start: index, end: index + 1, part: part as Part };
    }
    return undefined;
  }

  const dates: DateFound[] = [];
  const times: TimeFound[] = [];
  let badClock = false;
  let usedNegation = -1;
  for (let index = 0; index < tokens.length; ) {
    let found: DateFound | undefined;
    for (const rule of dateRules) {
      found = rule(index);
      if (found) break;
    }
    if (found) {
      // Hindi puts "nahi" after the day it denies ("kal nahi parso"), English "not" before it.
      const after = is(found.end, 'ko') ? found.end + 1 : found.end;
      let before = found.start - 1;
      while (before >= 0 && is(before, 'on', 'the')) before--;
      const negated = is(after, 'not') || (is(before, 'not') && before !== usedNegation);
      if (is(after, 'not')) usedNegation = after;
      if (!negated) dates.push(found);
      index = found.end;
      continue;
    }
    const clock = time(index);
    if (clock) {
      times.push(clock);
      index = clock.end;
      continue;
    }
    // "99:99" is no time: the whole input is refused rather than read without it.
    if (number(index) && separator(index + 1, ':')) badClock = true;
    index++;
  }

  if (badClock) return { refusal: 'invalid-date' };
  // "10 ya 11 tarikh": a number beside "or" is a second day.
  for (let index = 0; index < tokens.length; index++) {
    if (is(index, 'or') && (number(index - 1) || number(index + 1))) return { refusal: 'two-dates' };
  }
  if (dates.length === 0) return { refusal: 'no-date' };
  if (dates.some((date) => date.day === undefined)) {
    return { refusal: dates.some((date) => date.day === undefined && tokens[date.start]?.kind === 'named') ? 'unknown-festival' : 'invalid-date' };
  }
  const definite = dates.filter((date) => date.weekdayOnly === undefined);
  const days = new Set(definite.map((date) => date.day!));
  for (const date of dates) {
    if (date.weekdayOnly === undefined) continue;
    // "Thursday 10 December": a weekday beside a date must agree with it.
    if (definite.length > 0) {
      if (![...days].every((day) => weekdayOf(day) === date.weekdayOnly)) return { refusal: 'two-dates' };
    } else {
      days.add(date.day!);
    }
  }
  if (days.size !== 1) return { refusal: 'two-dates' };
  const [day] = [...days];
  const clock = timeOfDay(times, context.window);
  if (clock === null) return { refusal: 'two-times' };
  return clock === undefined ? { day } : { day, time: clock };
}

/** One time of day from what was said: exact clocks, hours to place in a part of the day, or a part alone. Null when they disagree. */
function timeOfDay(times: readonly TimeFound[], window: TimeWindow): number | undefined | null {
  if (times.length === 0) return undefined;
  const part = times.find((found) => found.part)?.part;
  const readings = new Set<number>();
  for (const found of times) {
    if (found.hour === undefined) continue;
    let hour = found.hour;
    const partHere = found.part ?? part;
    if (!found.exact && hour <= 12) {
      if (partHere === 'afternoon' || partHere === 'evening' || partHere === 'night') {
        if (hour < 12) hour += 12;
      } else if (partHere === 'morning') {
        if (hour === 12) hour = 0;
      } else if (found.guess && hour >= 1 && hour <= 7) {
        // "at 5" or "5 baje" with no part of the day: business hours mean the afternoon.
        hour += 12;
      }
    }
    readings.add(hour * 3600 + (found.minute ?? 0) * 60);
  }
  if (readings.size > 1) return null;
  if (readings.size === 1) return [...readings][0]!;
  if (!part) return undefined;
  // A part of the day alone: its first moment inside the window, else its start.
  const [start, end] = partHours[part];
  const from = Math.max(start, window.start);
  return from <= Math.min(end, window.end) ? from : start;
}
