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
  /** The wall clock now, seconds since midnight: "same time tomorrow" is this time of day. */
  clock: number;
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
  /** "(tomorrow or) the day after": days after the day said before it; dropped when none was. */
  afterPrevious?: number;
  /** afterPrevious counts only from a weekday said ("not this friday, the next one"). */
  sameWeekday?: boolean;
  /** "now", "right now": today at this moment. */
  now?: boolean;
  /** "after 2 hours", "aadhe ghante baad": this many minutes from now (with `now`). */
  afterMinutes?: number;
  /** "before friday", "diwali ke baad": excluded, so no one day; another day said beside it is the answer. */
  bounded?: boolean;
  /** "16th", "15 tarikh": a day of the month said without its month (a correction keeps the month said before it). */
  dayOfMonth?: number;
}
type Part = 'morning' | 'afternoon' | 'evening' | 'night' | 'noon' | 'midnight';
interface TimeFound extends Found {
  hour?: number;
  minute?: number;
  /** am/pm said, or a 24-hour clock past 12: the hour is exact. */
  exact?: boolean;
  /** An hour said without am/pm or minutes ("at 5", "5 baje"): read in the part of the day, or guessed for business hours. */
  guess?: boolean;
  part?: Part;
  /** A clock that cannot be ("10:75", "13 pm", "25 baje"): the whole text is refused rather than read without it. */
  invalid?: boolean;
  /** "tomorrow 18": two digits 13–23 with nothing else saying they are a clock. */
  bare24?: boolean;
}

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const units: Record<string, number> = { day: 1, week: 7, fortnight: 14 };
const partNames = ['morning', 'afternoon', 'evening', 'night', 'noon', 'midnight'];
const parts = new Set<string>(partNames);
/** Hours of each part of the day, [start, end) in seconds. */
const partHours: Record<Part, [number, number]> = {
  morning: [6 * 3600, 12 * 3600],
  noon: [12 * 3600, 13 * 3600],
  afternoon: [12 * 3600, 17 * 3600],
  evening: [17 * 3600, 21 * 3600],
  night: [20 * 3600, 24 * 3600],
  /** The midnight that ends the day said: the next day's 00:00. */
  midnight: [24 * 3600, 25 * 3600],
};

type NumberToken = Extract<Token, { kind: 'number' }>;

export interface GrammarResult {
  day?: Day;
  time?: number;
  /** Why nothing was understood, when words were found but cannot be one date. */
  refusal?: 'no-date' | 'invalid-date' | 'two-dates' | 'two-times' | 'unknown-festival';
  /** "now" said, with no other time: the caller means this moment (the reader adds the time of day). */
  now?: boolean;
  /** "in 2 hours", "1 ghante baad": minutes after this moment (with `now`). */
  afterMinutes?: number;
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
  /** A weekday; "weekend" is its Saturday. */
  const weekdayAt = (index: number): number => (is(index, 'weekend') ? 6 : weekdays.indexOf(word(index) ?? '') + 1);
  /** Skips the little words a phrase may carry: the, on, of, commas. */
  const skip = (index: number, words: readonly string[] = ['the', 'on']): number => {
    let at = index;
    while (at < tokens.length && (is(at, ...words) || separator(at, ','))) at++;
    return at;
  };
  /** A time follows: "5 pm", "10:30", "5 baje". */
  const timeFollows = (index: number): boolean => is(index, 'am', 'pm', 'oclock', 'hours') || separator(index, ':');
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
    // "15 dec 26" is 2026; "15 december 10" is 10 o'clock, not a year gone by.
    if (allowTwoDigits && found.digits === 2 && 2000 + found.value >= civilOf(today).year && !timeFollows(at + 1) && !is(at + 1, ...Object.keys(units), 'month', 'year')) return [2000 + found.value, at + 1];
    return undefined;
  };
  const dayMonthYear = (day: number, month: number, year: number | undefined): Day | undefined =>
    year === undefined ? nextDayMonth(today, month, day) : civilDay(year, month, day);

  /** Numeric dates: 15/12/2026, 2026/12/15, 15-12-26, 15/12, 15122026, 20261215, 151226, "1 5 1 2 2 0 2 6". */
  function numeric(index: number): DateFound | undefined {
    const first = number(index);
    if (!first || first.ordinal) return undefined;
    // Digits spoken one by one: "one five one two two zero two six".
    if (first.spoken) {
      const said: number[] = [];
      let end = index;
      while (end < tokens.length && said.length < 9 && number(end)?.spoken && !number(end)!.ordinal && !number(end)!.weak && number(end)!.value <= 9) said.push(number(end++)!.value);
      if (said.length !== 6 && said.length !== 8) return undefined;
      const pair = (from: number) => said[from]! * 10 + said[from + 1]!;
      return { start: index, end, day: civilDay(said.length === 6 ? 2000 + pair(4) : pair(4) * 100 + pair(6), pair(2), pair(0)) };
    }
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
      // "Sat. 12.12.": after a weekday, a day.month pair that falls on it is that date, not a clock (probe round 10).
      const weekdaySaid = weekdayAt(separator(index - 1, '.') ? index - 2 : index - 1);
      const onWeekday = separator(index + 1, '.') && weekdaySaid > 0 && first.digits <= 2 && second.digits <= 2 && !timeFollows(index + 3) && !is(index + 3, 'am', 'pm');
      const weekdayDate = onWeekday ? nextDayMonth(today, second.value, first.value) : undefined;
      if (weekdayDate !== undefined && weekdayOf(weekdayDate) === weekdaySaid) return { start: index, end: index + 3, day: weekdayDate };
      // Two parts: day/month. "10.30" is a time and "2-3 days" a count, not dates; "25.12" can be no time.
      if ((separator(index + 1, '.') && (first.value <= 23 || second.value > 12)) || first.digits > 2 || second.digits > 2 || is(index + 3, ...Object.keys(units), 'month', 'am', 'pm', 'oclock', 'hours', 'minute')) return undefined;
      // "tomorrow 4-5", "friday 9-10", "kal shaam 5-6", "around 4-5": hours right after a day, a part of the day or
      // a word that leads a time, not a day and month.
      if (separator(index + 1, '-') && (index === lastDateEnd || is(index - 1, 'at', 'between', 'from', ...partNames)) && first.value <= 12 && second.value <= 12) return undefined;
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
    // "dec-14" as well as "dec 14".
    // "february mahine ki 10 tarikh", "பிப்ரவரி மாசம் 10ஆம் தேதி": the word for month may stand between.
    const at = separator(index + 1, '-') && number(index + 2) ? index + 2 : skip(index + 1, ['the', 'on', 'ki', 'of', 'month']);
    const day = dayNumber(at);
    if (!day || timeFollows(at + 1) || is(at + 1, ...Object.keys(units), 'month', 'year') || monthAt(at + 1)) return undefined;
    let end = at + 1;
    if (is(end, 'tarikh')) end++;
    // "december 10 to 15", "december 10 se 15 tak", "டிசம்பர் 10 முதல் 15 வரை": a span of days is its first, not an hour.
    const last = is(end, 'to', 'from') ? dayNumber(end + 1) : undefined;
    if (last && last.value > day.value && !timeFollows(end + 2) && !is(end + 2, 'to', 'from', ...partNames) && !separator(end + 2, '-')) end += is(end + 2, 'tarikh') ? 3 : 2;
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
    const nth = is(index, 'last', 'final') ? -1 : ordinal && ordinal.ordinal && ordinal.value >= 1 && ordinal.value <= 5 ? ordinal.value : 0;
    if (!nth) return undefined;
    const weekday = weekdayAt(index + 1);
    const lastDay = nth === -1 && is(index + 1, 'day');
    const firstDay = nth === 1 && is(index + 1, 'day');
    if (!weekday && !lastDay && !firstDay) return undefined;
    const spec = monthSpec(index + 2);
    if (!spec && weekday && nth > 0) {
      // "the first monday after the 15th" is the monday after it; "the second friday after christmas" a week later.
      if (is(index + 2, 'after', 'before')) {
        const inner = weekdayPhrases(index + 1);
        if (inner && inner.weekdayOnly === undefined) return { ...inner, start: index, day: inner.day === undefined ? undefined : inner.day + 7 * (nth - 1) * (is(index + 2, 'before') ? -1 : 1) };
      }
      // "second saturday": of this month, or the next when it has passed; "4th friday" is the 4th when that is a Friday.
      const asDate = nextDayOfMonth(today, nth);
      if (asDate !== undefined && weekdayOf(asDate) === weekday) return undefined;
      for (let offset = 0; offset < 2; offset++) {
        const { year, month } = monthFrom(today, offset);
        const found = nthWeekdayOfMonth(year, month, weekday, nth);
        if (found !== undefined && found >= today) return { start: index, end: index + 2, day: found };
      }
      // "fifth monday" when neither month has one: a date that does not exist, not the Monday alone.
      return { start: index, end: index + 2 };
    }
    if (!spec) {
      // "end of next week" names no one day: refused, not read as the week's Monday.
      const week = skip(index + 2, ['of', 'the']);
      // "beginning of next week" is its Monday, as "next week" is.
      if (firstDay && is(week, 'next') && is(week + 1, 'week')) return { start: index, end: week + 2, day: weekdayInWeek(today, 1, 1) };
      if ((lastDay || firstDay) && is(week, 'next', 'this', 'coming') && is(week + 1, 'week', 'weekend')) return { start: index, end: week + 2 };
      return undefined;
    }
    // "agle mahine ka aakhri shukravar" reads "the last day of next month, friday": the month's last Friday.
    const lastWeekday = lastDay ? weekdayAt(spec.end) : 0;
    if (lastWeekday) return inMonth(spec, -1, lastWeekday, index, spec.end + 1);
    const resolve = (year: number) =>
      lastDay ? civilDay(year, spec.month, new Date(Date.UTC(year, spec.month, 0)).getUTCDate()) : firstDay ? civilDay(year, spec.month, 1) : nthWeekdayOfMonth(year, spec.month, weekday, nth);
    return resolvedInMonth(spec, resolve, index, spec.end);
  }

  /** A day of a month said without its year: this year's, or next year's when this year's has passed. */
  function resolvedInMonth(spec: { year?: number }, resolve: (year: number) => Day | undefined, start: number, end: number): DateFound {
    if (spec.year !== undefined) return { start, end, day: resolve(spec.year) };
    const { year } = civilOf(today);
    for (const candidate of [year, year + 1]) {
      const found = resolve(candidate);
      if (found !== undefined && found >= today) return { start, end, day: found };
    }
    return { start, end };
  }

  /** The `nth` `weekday` of a month (-1: its last). */
  function inMonth(spec: { year?: number; month: number }, nth: number, weekday: number, start: number, end: number): DateFound {
    return resolvedInMonth(spec, (year) => nthWeekdayOfMonth(year, spec.month, weekday, nth), start, end);
  }

  /**
   * The month first, then which of its weekdays, as Indian languages and an English genitive order it: "next
   * month's first monday", "agle mahine ka pehla somvar", "january ka doosra shanivar", "पुढच्या महिन्याचा पहिला
   * सोमवार", "ಮುಂದಿನ ತಿಂಗಳ ಮೊದಲ ಸೋಮವಾರ". A day of the month in digits that falls on the weekday said is that day
   * ("january 4th monday"), as "4th friday" is.
   */
  function monthThenWeekdayOfMonth(index: number): DateFound | undefined {
    if (!monthAt(index) && !(is(index, 'next', 'this', 'coming') && is(index + 1, 'month'))) return undefined;
    const spec = monthSpec(index);
    if (!spec) return undefined;
    // "ஜனவரி மாசம் கடைசி வெள்ளி": the word for month may follow the month's name.
    const at = skip(spec.end, ['of', 'the', 'month']);
    // "agle mahine ke pehle somvar" reads "next month (from) before monday", "அடுத்த மாசம் முதல் திங்கள்" "next month from
    // monday": between a month and a weekday, Hindi पहले and Tamil முதல் are "first", as no bound fits there.
    if (is(at, 'before', 'from') && weekdayAt(skip(at + 1, ['before'])) && !is(at + 1, 'weekend')) {
      const named = skip(at + 1, ['before']);
      return inMonth(spec, 1, weekdayAt(named), index, named + 1);
    }
    const ordinal = number(at);
    const nth = is(at, 'last', 'final') ? -1 : ordinal?.ordinal && ordinal.value >= 1 && ordinal.value <= 5 ? ordinal.value : 0;
    const weekday = nth ? weekdayAt(at + 1) : 0;
    if (!weekday || is(at + 1, 'weekend')) return undefined;
    if (ordinal && ordinal.digits > 0) {
      const asDate = resolvedInMonth(spec, (year) => civilDay(year, spec.month, ordinal.value), index, at + 2);
      if (asDate.day !== undefined && weekdayOf(asDate.day) === weekday) return asDate;
    }
    return inMonth(spec, nth, weekday, index, at + 2);
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

  /** This/coming/next (next) weekend: its Saturday, as "this saturday", "next saturday" are read. */
  function weekendAt(index: number): { day: Day; end: number } | undefined {
    if (is(index, 'this', 'coming') && is(index + 1, 'weekend')) return { day: upcomingWeekday(today, 6), end: index + 2 };
    if (is(index, 'next') && is(index + 1, 'weekend')) return { day: weekdayInWeek(today, 6, 1), end: index + 2 };
    if (is(index, 'next') && is(index + 1, 'next') && is(index + 2, 'weekend')) return { day: weekdayInWeek(today, 6, 2), end: index + 3 };
    return undefined;
  }

  function weekdayPhrases(index: number): DateFound | undefined {
    // next week friday, agle hafte somvar, this week saturday.
    if (is(index, 'next', 'coming', 'this') && is(index + 1, 'week')) {
      const at = skip(index + 2, ['the', 'on', 'of']);
      const weekday = weekdayAt(at);
      if (weekday) return { start: index, end: at + 1, day: weekdayInWeek(today, weekday, is(index, 'this') ? 0 : 1) };
      // "agle hafte ke baad wala somvar": the weekday of the week after that one.
      if (is(at, 'later', 'kebaad') && weekdayAt(at + 1) && !is(index, 'this')) return { start: index, end: at + 2, day: weekdayInWeek(today, weekdayAt(at + 1), 2) };
      if (is(index, 'this')) return undefined;
      // Next week alone: its first day.
      return { start: index, end: index + 2, day: weekdayInWeek(today, 1, 1) };
    }
    // "sunday this weekend", "this weekend sunday", "next weekend, saturday": that day of the weekend said.
    if (is(index, 'saturday', 'sunday')) {
      const weekend = weekendAt(skip(index + 1, ['of', 'the', 'on']));
      if (weekend) return { start: index, end: weekend.end, day: weekend.day + (is(index, 'sunday') ? 1 : 0) };
    }
    const weekend = weekendAt(index);
    const dayAfter = weekend && skip(weekend.end, ['the', 'on']);
    if (weekend && dayAfter !== undefined && is(dayAfter, 'saturday', 'sunday')) return { start: index, end: dayAfter + 1, day: weekend.day + (is(dayAfter, 'sunday') ? 1 : 0) };
    // The week after next: its first day.
    if (is(index, 'week') && is(index + 1, 'after') && is(index + 2, 'next') && !is(index + 3, 'week')) return { start: index, end: index + 3, day: weekdayInWeek(today, 1, 2) };
    const weekday = weekdayAt(index);
    // "monday to wednesday", "somvar se budhvar", "thinkal muthal budhan vare": a span of weekdays is its first day.
    if (weekday && !is(index, 'weekend') && is(index + 1, 'to', 'from') && weekdayAt(index + 2) && !is(index + 2, 'weekend') && !is(index - 1, 'not')) {
      return { start: index, end: index + 3, day: upcomingWeekday(today, weekday) };
    }
    if (weekday) {
      const at = skip(index + 1, ['of', 'the', 'on']);
      if (is(at, 'next', 'coming') && is(at + 1, 'week')) return { start: index, end: at + 2, day: weekdayInWeek(today, weekday, 1) };
      if (is(at, 'this') && is(at + 1, 'week')) return { start: index, end: at + 2, day: weekdayInWeek(today, weekday, 0) };
      // The tuesday after next: skip the coming one.
      if (is(index + 1, 'after') && is(index + 2, 'next')) return { start: index, end: index + 3, day: upcomingWeekday(today, weekday) + 7 };
      // "the friday after christmas", "the sunday before the 20th": that weekday on the far side of the day said.
      if (is(index + 1, 'after', 'before')) {
        const anchor = dateAt(skip(index + 2, ['the']));
        if (anchor?.day !== undefined && anchor.afterPrevious === undefined) return { start: index, end: anchor.end, day: weekdayBeside(anchor.day, weekday, is(index + 1, 'before')) };
      }
      const token = tokens[index];
      if (token?.kind === 'word' && token.loose && (tokens[index - 1]?.kind === 'gap' || tokens[index + 1]?.kind === 'gap')) return undefined;
      return { start: index, end: index + 1, day: upcomingWeekday(today, weekday), weekdayOnly: weekday };
    }
    if (is(index, 'next') && is(index + 1, 'next') && (weekdayAt(index + 2) || is(index + 2, 'week'))) {
      // Next to next: the week after next.
      const at = is(index + 2, 'week') ? skip(index + 3, ['the', 'on', 'of']) : index + 2;
      const weekday = weekdayAt(at);
      return weekday ? { start: index, end: at + 1, day: weekdayInWeek(today, weekday, 2) } : { start: index, end: index + 3, day: weekdayInWeek(today, 1, 2) };
    }
    // "not this friday, the next one", "is friday nahi, agla wala": the weekday said before, a week on (the main loop
    // keeps it only after a weekday); "parso nahi, uske agle din": the day after the day said before.
    if (is(index, 'next')) {
      const one = number(index + 1);
      // Nothing of its own follows: the clause ends, or a time of that day is said ("the next one at 5 pm").
      const saidAlone = (at: number) => at >= tokens.length || separator(at, ',') || is(at, 'but', 'please', 'at', ...partNames) || (number(at) !== undefined && timeFollows(at + 1)) ||
        (is(at, 'in') && is(skip(at + 1, ['the']), ...partNames));
      if ((one?.spoken && !one.ordinal && one.value === 1 && saidAlone(index + 2)) || (saidAlone(index + 1) && index > 0)) {
        return { start: index, end: one ? index + 2 : index + 1, afterPrevious: 7, sameWeekday: true };
      }
      if (is(index + 1, 'day') && saidAlone(index + 2) && index > 0) return { start: index, end: index + 2, afterPrevious: 1 };
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

  /** A whole count and a half at `at` ("dedh", "saade 3", "ஐந்தரை", "1.5", "one and a half") and where its unit is. */
  function halfCountAt(at: number): { value: number; unitAt: number } | undefined {
    const whole = is(at, 'halfpast') ? number(at + 1) : number(at);
    if (!whole || whole.ordinal || whole.value < 1 || whole.value > 12) return undefined;
    if (is(at, 'halfpast')) return { value: whole.value, unitAt: at + 2 };
    if (is(at + 1, 'andahalf')) return { value: whole.value, unitAt: at + 2 };
    const fraction = number(at + 2);
    const decimal = separator(at + 1, '.') && fraction !== undefined && !fraction.spoken && fraction.digits === 1 && fraction.value === 5 && !whole.spoken;
    return decimal ? { value: whole.value, unitAt: at + 3 } : undefined;
  }

  /** today, kal, parson; in 3 days, after 2 weeks, 3 din baad, two weeks from today, a fortnight from now; next month. */
  function relative(index: number): DateFound | undefined {
    const offsets: Record<string, number> = { today: 0, now: 0, tomorrow: 1, overmorrow: 2 };
    const said = word(index);
    // "now", "right now", "now itself": today, at this moment.
    if (said === 'now' && !is(index - 1, 'from')) return { start: index, end: index + 1, day: today, now: true };
    if (said !== undefined && said in offsets && said !== 'now') {
      const base = today + offsets[said]!;
      // "aaj se 3 din baad", "tomorrow from 2 days": counted from that day.
      if (is(index + 1, 'from')) {
        const counted = relative(index + 2);
        if (counted && counted.day !== undefined && !is(index + 2, 'in', 'after')) return { start: index, end: counted.end, day: counted.day - today + base };
        return { start: index, end: index + 2, day: base };
      }
      // "kal ke baad": the day after. "aaj baad mein", "tomorrow later": later that day.
      if (is(index + 1, 'kebaad') && !number(index + 2)) return { start: index, end: index + 2, day: base + 1 };
      if (is(index + 1, 'later')) return { start: index, end: index + 2, day: base };
      return { start: index, end: index + 1, day: base };
    }
    if (is(index, 'after') && is(index + 1, 'tomorrow')) return { start: index, end: index + 2, day: today + 2 };
    const leading = is(index, 'in', 'after') ? 1 : 0;
    // A count and a half from now: "saade 3 ghante baad", "ஒன்றரை மணி நேரம் கழித்து", "dedh mahine baad", "1.5 weeks later",
    // "one and a half months later". Half a month is 15 days; days and weeks are rounded to whole days.
    const half = halfCountAt(index + leading);
    const halfUnit = half && word(half.unitAt);
    if (half && halfUnit !== undefined && (halfUnit === 'hours' || halfUnit === 'month' || halfUnit === 'year' || halfUnit in units)) {
      const way = is(half.unitAt + 1, 'later', 'kebaad', 'in');
      const end = half.unitAt + 1 + (way ? 1 : 0);
      if (!leading && !way) return undefined;
      if (halfUnit === 'hours') return { start: index, end, day: today, now: true, afterMinutes: half.value * 60 + 30 };
      if (halfUnit === 'month') return { start: index, end, day: addMonths(today, half.value) + 15 };
      if (halfUnit === 'year') return { start: index, end, day: addMonths(today, half.value * 12 + 6) };
      return { start: index, end, day: today + Math.round(units[halfUnit]! * (half.value + 0.5)) };
    }
    const count = number(index + leading);
    const unitAt = index + leading + (count ? 1 : 0);
    const unit = word(unitAt);
    if (count && (count.ordinal || count.value < 1 || count.value > 400)) return undefined;
    // "2-3 din baad", "2 to 3 days": a range of counts names no one day; "in 2-3 hours" none either (refused here,
    // so chrono never reads "2-3" as 2 March).
    if (count && !leading && (separator(index - 1, '-') || is(index - 1, 'to', 'or')) && number(index - 2)) {
      return unit === 'hours' || unit === 'minute' ? { start: index, end: unitAt + 1 } : undefined;
    }
    // "after 2 hours", "in 30 minutes", "2 ghante baad", "1 hour later": a span from this moment, only when it says
    // which way ("2 hours" alone is no time).
    // "give me a minute", "in a minute" are no time: a minute is counted in digits or number words above one
    // ("paanch minute baad"), never by "a"/"ek".
    if (count && (unit === 'hours' || (unit === 'minute' && (!count.weak || count.value > 1)))) {
      let minutes = count.value * (unit === 'hours' ? 60 : 1);
      let last = unitAt;
      // "1 hour 30 minutes", "2 hours and 15 min": the minutes add to the hours.
      const more = number(unitAt + 1);
      if (unit === 'hours' && more && !more.ordinal && more.value >= 1 && more.value <= 59 && is(unitAt + 2, 'minute')) {
        minutes += more.value;
        last = unitAt + 2;
      }
      const way = is(last + 1, 'later', 'kebaad', 'in');
      if (!leading && !way) return undefined;
      // "2 din aur 2 ghante baad", "after 2 hours 2 days": a count of days beside the span is no span from now.
      const before = is(index - 1, 'to') ? index - 2 : index - 1;
      const daysBeside = (number(before - 1) && (word(before) ?? '') in units) || (number(last + 1) && (word(last + 2) ?? '') in units);
      if (daysBeside) return { start: index, end: last + 1 };
      return { start: index, end: last + 1 + (way ? 1 : 0), day: today, now: true, afterMinutes: minutes };
    }
    // A shift from another day: "a week from friday", "2 days after christmas", "the day before the 20th", "a week on friday".
    if (!leading && (unit === 'day' || unit === 'week' || unit === 'fortnight' || unit === 'month') && is(unitAt + 1, 'after', 'before', 'from', 'on')) {
      const connector = word(unitAt + 1)!;
      // "a day from monday" counts; "any day from monday" (no count) is from Monday on, not a shift.
      if ((connector !== 'on' || (count && unit !== 'day')) && (connector !== 'from' || count)) {
        const anchorAt = skip(unitAt + 2, ['the']);
        const anchor = dateAt(anchorAt);
        if (anchor && anchor.afterPrevious === undefined) {
          const amount = (count?.value ?? 1) * (connector === 'before' ? -1 : 1);
          const day = anchor.day === undefined ? undefined : unit === 'month' ? addMonths(anchor.day, amount) : anchor.day + amount * units[unit]!;
          return { start: index, end: anchor.end, day };
        }
        // "(tomorrow or) the day after": counted from the day said before it.
        if (unit === 'day' && connector !== 'from' && connector !== 'on') return { start: index, end: unitAt + 2, afterPrevious: (count?.value ?? 1) * (connector === 'before' ? -1 : 1) };
      }
    }
    const countless = !count && !leading && unit !== 'day' && is(unitAt + 1, 'later', 'kebaad', 'from') && !number(index - 1);
    if (unit !== undefined && (unit in units || unit === 'month' || unit === 'year') && (count || leading || countless)) {
      let end = unitAt + 1;
      let base = today;
      if (is(end, 'later', 'kebaad', 'in', 'after')) end++;
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
    // "দুর্গাপূজার পরে", "pujor pore": after the festival, which names no one day (as "diwali ke baad").
    if (is(end, 'later')) return { start: index, end: end + 1, bounded: true };
    if (token.fixed) return { start: index, end, day: dayMonthYear(token.fixed[1], token.fixed[0], year?.[0]) };
    return { start: index, end, day: context.festival(token.festival!, year?.[0]) };
  }

  /** The 21st, on the 3rd, 10 tarikh: the next such day of a month. A bare number is never a date. */
  function dayOfMonthAlone(index: number): DateFound | undefined {
    const found = dayOfMonthAt(index);
    return found && { ...found, dayOfMonth: dayNumber(index)!.value };
  }
  function dayOfMonthAt(index: number): DateFound | undefined {
    const day = dayNumber(index);
    if (!day) return undefined;
    if (is(index + 1, 'tarikh')) return { start: index, end: index + 2, day: nextDayOfMonth(today, day.value) };
    if (is(index + 1, 'ko') && !day.spoken) return { start: index, end: index + 2, day: nextDayOfMonth(today, day.value) };
    // "15 ke agle din": a day number the next day is counted from (shifted() reads the shift).
    if (is(index + 1, 'next') && is(index + 2, 'day') && !day.weak) return { start: index, end: index + 1, day: nextDayOfMonth(today, day.value) };
    // "date 23 12": a day and a month in digits after the word for date, not a day and a clock (probe round 10).
    const monthSaid = number(index + 1);
    if (is(index - 1, 'tarikh') && !number(index - 2) && !day.weak && !day.spoken && monthSaid && !monthSaid.spoken && !monthSaid.ordinal && monthSaid.digits <= 2 && monthSaid.value >= 1 && monthSaid.value <= 12 && !timeFollows(index + 2) && !notAnHour(index + 2) && !is(index + 2, 'hours', ...partNames) && !number(index + 2)) {
      return { start: index, end: index + 2, day: nextDayMonth(today, monthSaid.value, day.value) };
    }
    // "date 10", "date 15th": the day after the word for date, when that word closes no date of its own ("15 tarikh 4 baje").
    if (is(index - 1, 'tarikh') && !number(index - 2) && !day.weak && !timeFollows(index + 1) && !notAnHour(index + 1) && !is(index + 1, 'hours')) return { start: index, end: index + 1, day: nextDayOfMonth(today, day.value) };
    // "call me on 25": a day of the month after "on", when nothing makes it an hour or a count (nor a day before it:
    // "tomorrow on 5").
    // A spoken number past the hours after "on" is a day too ("call me on twenty three", probe round 10).
    if (is(index - 1, 'on') && index - 1 !== lastDateEnd && (!day.spoken || (day.value >= 13 && !day.weak)) && !day.ordinal && !timeFollows(index + 1) && !notAnHour(index + 1) && !is(index + 1, 'hours', ...partNames)) return { start: index, end: index + 1, day: nextDayOfMonth(today, day.value) };
    // "january 2nd week" counts weeks, not days.
    if (day.weak || !day.ordinal || timeFollows(index + 1) || is(index + 1, 'week')) return undefined;
    // A spoken ordinal needs "the"/"on", or to be the whole answer ("eighteenth", "twenty first please", "fifteenth at 4"):
    // "first" and "second" alone are ordinary words ("a second").
    const wholeAnswer = index === 0 && day.value >= 3 && (index + 1 === tokens.length || is(index + 1, 'at', ...partNames));
    // After a weekday a spoken ordinal is its date ("friday eighteenth"), which must agree with it.
    const afterWeekday = weekdays.includes(word(index - 1) ?? '') && day.value >= 3;
    if (day.spoken && !is(index - 1, 'the', 'on') && !wholeAnswer && !afterWeekday) return undefined;
    return { start: index, end: index + 1, day: nextDayOfMonth(today, day.value) };
  }

  /** "11 to 15 december", "between 3 and 5 jan", "15 se 20 tarikh": a range of days is its first day. */
  function dayRange(index: number): DateFound | undefined {
    // "shift it from 10th to 12th": a day denied before "to" is a move, not a range.
    if (is(index - 1, 'not')) return undefined;
    const first = dayNumber(index);
    if (!first) return undefined;
    let at = index + 1;
    // "from the 5th to the 8th": "the" after "to".
    const the = is(at, 'to') && is(at + 1, 'the') && is(index - 1, 'the') ? 1 : 0;
    // "5 tarikh se 8 tarikh tak", "அஞ்சாம் தேதியிலிருந்து எட்டாம் தேதி வரை": the word for date may follow the first day too.
    if (is(at, 'tarikh') && is(at + 1, 'to', 'from') && dayNumber(at + 2) && is(at + 3, 'tarikh')) at++;
    // "(somewhere) between the 20th and the 24th": "the" after "between" and before the last day too (probe round 10).
    const between = is(index - 1, 'between') || (is(index - 1, 'the') && is(index - 2, 'between'));
    if (is(at, 'to', 'from')) at += 1 + the;
    else if (!between) return undefined;
    else if (is(at, 'the') && is(index - 1, 'the')) at++;
    const second = dayNumber(at);
    // "between 20th and 25th": two ordinals need no month.
    if (!second || (!is(at + 1, 'tarikh') && !monthAt(skip(at + 1, ['of', 'the'])) && !(first.ordinal && second.ordinal && !first.spoken && !second.spoken))) return undefined;
    const last = dayThenMonth(at) ?? dayOfMonthAlone(at);
    if (!last) return undefined;
    if (last.day === undefined || first.value >= second.value) return { start: index, end: last.end };
    const { year, month } = civilOf(last.day);
    return { start: index, end: last.end, day: civilDay(year, month, first.value) };
  }

  /** "two fridays from now", "in 3 mondays", "2 fridays later": the Nth of that weekday to come, counting the next one as the first. */
  function countedWeekday(index: number): DateFound | undefined {
    const count = number(index);
    const weekday = weekdayAt(index + 1);
    if (!count || count.ordinal || count.value < 1 || count.value > 8 || !weekday || is(index + 1, 'weekend')) return undefined;
    const later = is(index + 2, 'later', 'kebaad');
    // A weak count ("do friday baad") only with "later" after it.
    if (count.weak && !later) return undefined;
    if (!later && !is(index - 1, 'in')) return undefined;
    return { start: index, end: later ? index + 3 : index + 2, day: upcomingWeekday(today, weekday) + 7 * (count.value - 1) };
  }

  const dateRules = [numeric, monthThenWeekdayOfMonth, weekdayOfMonth, countedWeekday, dayOfRelativeMonth, dayRange, dayThenMonth, monthThenDay, weekdayPhrases, relative, named, dayOfMonthAlone];

  /** The `weekday` after (or before) `day`, never `day` itself. */
  function weekdayBeside(day: Day, weekday: number, before: boolean): Day {
    return before ? day - (((weekdayOf(day) - weekday + 7) % 7) || 7) : day + (((weekday - weekdayOf(day) + 7) % 7) || 7);
  }

  /**
   * What Hindi says after a day: "kal ke 2 din baad", "holi ke ek din pehle", "diwali ke agle din", "friday ke baad
   * wala monday" move it; "diwali ke baad", "friday se pehle" exclude it and name no one day. English "before
   * friday", "after the 15th" likewise.
   */
  function shifted(found: DateFound): DateFound {
    if (found.afterPrevious !== undefined) return found;
    let before = found.start - 1;
    while (before >= 0 && is(before, 'the', 'on')) before--;
    if (is(before, 'before', 'after')) return { start: found.start, end: found.end, bounded: true };
    if (found.day === undefined) return found;
    const at = is(found.end, 'from') ? found.end + 1 : found.end;
    const count = number(at);
    const unitAt = count ? at + 1 : at;
    const unit = word(unitAt);
    if (count && !count.ordinal && count.value >= 1 && count.value <= 400 && unit !== undefined && unit in units && is(unitAt + 1, 'later', 'kebaad', 'before')) {
      return { start: found.start, end: unitAt + 2, day: found.day + count.value * units[unit]! * (is(unitAt + 1, 'before') ? -1 : 1) };
    }
    if (is(at, 'next', 'before') && is(at + 1, 'day')) return { start: found.start, end: at + 2, day: found.day + (is(at, 'before') ? -1 : 1) };
    if (is(at, 'kebaad', 'before') && weekdayAt(at + 1)) return { start: found.start, end: at + 2, day: weekdayBeside(found.day, weekdayAt(at + 1), is(at, 'before')) };
    // "friday before noon", "friday before 5 pm" bound the time, not the day.
    // "15 tarikh ke baad 18 ko": bounded too, when what follows is a day, not an hour.
    if (is(at, 'kebaad', 'before') && (!number(at + 1) || dateAt(at + 1) !== undefined) && !is(at + 1, 'at', 'meal', ...partNames)) return { start: found.start, end: at + 1, bounded: true };
    return found;
  }
  /** The date phrase starting at a token, each token tried once (a shift reads the date after it through this). */
  const dateMemo = new Map<number, DateFound | undefined>();
  function dateAt(index: number): DateFound | undefined {
    if (dateMemo.has(index)) return dateMemo.get(index);
    // "tom 4pm", "thr 5pm", "day aftr tom": a shorthand that is also a name is a day only before a clock or a part of the
    // day, or after "after" (probe round 10).
    const token = tokens[index];
    if (token?.kind === 'word' && token.beforeTime && !(number(index + 1) && timeFollows(index + 2)) && !parts.has(word(index + 1) ?? '') && !is(index - 1, 'after')) return undefined;
    dateMemo.set(index, undefined);
    let found: DateFound | undefined;
    for (const rule of dateRules) {
      found = rule(index);
      if (found) break;
    }
    dateMemo.set(index, found);
    return found;
  }

  /** Words after a number that make it a count or a date, not an hour. */
  const notAnHour = (index: number): boolean => is(index, ...months, ...Object.keys(units), 'month', 'year', 'tarikh', 'minute') || separator(index, '/', '-', '.');

  /**
   * "N past H" or "N to H" at `at`: minutes and the hour. "to" reads as minutes only for 5, 10, 20 or 25 said as
   * words and not inside a range ("10 to 11 am" is a range).
   */
  function minutesPast(at: number, lead: 'at' | 'soft' | 'none'): boolean {
    const said = number(at);
    const target = number(at + 2);
    if (!said || said.ordinal || !target || target.ordinal || (!said.spoken && said.digits > 2) || (!target.spoken && target.digits > 2) || notAnHour(at + 3)) return false;
    if (is(at + 1, 'past')) return true;
    return is(at + 1, 'to') && said.spoken && [5, 10, 20, 25].includes(said.value) && lead !== 'soft' && !is(at - 1, 'between', 'from');
  }

  /**
   * A clock starting at `at`. `lead` is what stands before it: `at` ("at 15" is 15:00), `soft` (a day,
   * a part of the day, after/from/between: a bare hour is a time there) or `none` (a marker must follow:
   * am/pm, o'clock, minutes, a part of the day). `pairs`: "10 30" may be 10:30 (not inside a range);
   * `rangeStart`: a dash may follow ("4-5 pm").
   */
  function clockAt(at: number, lead: 'at' | 'soft' | 'none', pairs = true, rangeStart = false): (TimeFound & { meridiem?: boolean }) | undefined {
    const led = lead !== 'none';
    let hour: number;
    let minute = 0;
    let end: number;
    let minutes = false;
    let twentyFour = false;
    let writtenHour: NumberToken | undefined;
    if (is(at, 'halfpast', 'quarterpast', 'quarterto')) {
      // Half past 4, quarter to 5, saade 4, paune 5.
      const said = number(at + 1);
      if (!said || said.ordinal || said.value < 1 || (!said.spoken && said.digits > 2) || notAnHour(at + 2)) return undefined;
      // "half past 13", "saade 13", "quarter to 25": no clock.
      if (said.value > 12) return { start: at, end: at + 2, invalid: true };
      const before = is(at, 'quarterto');
      hour = before ? (said.value === 1 ? 12 : said.value - 1) : said.value;
      minute = is(at, 'halfpast') ? 30 : before ? 45 : 15;
      end = at + 2;
      minutes = true;
    } else if (minutesPast(at, lead)) {
      // "five past nine", "20 past 4", "ten to five": minutes before or after the hour that follows.
      const said = number(at)!;
      const target = number(at + 2)!;
      const before = is(at + 1, 'to');
      if (target.value < 1 || target.value > 12 || said.value > 59) return { start: at, end: at + 3, invalid: true };
      hour = before ? (target.value === 1 ? 12 : target.value - 1) : target.value;
      minute = before ? 60 - said.value : said.value;
      end = at + 3;
      minutes = true;
    } else {
      const said = number(at);
      if (!said || said.ordinal) return undefined;
      writtenHour = said;
      end = at + 1;
      if (!said.spoken && (said.digits === 3 || said.digits === 4)) {
        // A 24-hour clock in one number: 1630, 0930, "1900 hours"; "at 930". A year (2026) after a day is not one.
        const marked = is(end, 'am', 'pm', 'oclock', 'hours');
        // "tomorrow 1800 rupees", "fifteen hundred people": a number that counts something is no clock.
        // "1700 tomorrow", "0930 friday": four digits said right before a day are its clock (probe round 10).
        // A year near now ("2026 tomorrow") is no clock.
        const nearYear = Math.abs(said.value - civilOf(today).year) <= 2;
        const beforeDay = lead === 'none' && said.digits === 4 && !nearYear && is(end, 'today', 'tomorrow', 'overmorrow', ...weekdays);
        if (!marked && !beforeDay && (lead === 'none' || (lead === 'soft' && (said.value >= 2000 || tokens[end]?.kind === 'gap')))) return undefined;
        hour = Math.floor(said.value / 100);
        minute = said.value % 100;
        if (hour > 23 || minute > 59) return { start: at, end: end + (marked ? 1 : 0), invalid: true };
        minutes = true;
        twentyFour = said.digits === 4;
        if (is(end, 'hours')) end++;
      } else if (said.spoken || said.digits <= 2) {
        hour = said.value;
        const next = number(end + 1);
        if (separator(end, ':') || (separator(end, '.') && next?.digits === 2 && !next.spoken)) {
          // 10:30, 10.30 (10:75 and 10:5 are no clock).
          if (!next || next.spoken || next.digits !== 2 || next.value > 59 || hour > 23) return separator(end, ':') || led ? { start: at, end: end + 2, invalid: true } : undefined;
          minute = next.value;
          end += 2;
          minutes = true;
          if (separator(end, ':') && number(end + 1)?.digits === 2) end += 2;
          // "05:30" is a 24-hour clock; "5:30" is read like "at 5".
          twentyFour = hour > 12 || hour === 0 || (!said.spoken && said.digits === 2 && hour < 10);
        } else {
          const after = number(end);
          // "ten thirty pm", "ten thirty in the morning", "nine thirty tomorrow": minutes said before what marks a clock or a day.
          const markedAfter = (index: number): boolean => is(index, 'am', 'pm', 'oclock', 'today', 'tomorrow', 'overmorrow', ...weekdays) || parts.has(word(skip(index, ['in', 'the', 'at'])) ?? '');
          if (pairs && after && !after.ordinal && hour >= 0 && hour <= 23 && after.value <= 59 && !notAnHour(end + 1) && !separator(end + 1, ':')) {
            // "10 30", "5 30 pm", "five thirty", "eleven forty five": the minutes said as a number.
            const digitsPair = !said.spoken && !after.spoken && after.digits === 2;
            const spokenPair = said.spoken && after.spoken && after.value >= 10;
            if ((digitsPair || spokenPair) && (led || markedAfter(end + 1))) {
              minute = after.value;
              end += 1;
              minutes = true;
            }
          }
        }
      } else {
        return undefined;
      }
    }
    if (is(end, 'am', 'pm')) {
      // "09:30 am", "03:00 PM": the zero does not make a 24-hour clock when am/pm is said.
      if (hour < 1 || hour > 12) return { start: at, end: end + 1, invalid: true };
      return { start: at, end: end + 1, hour: (hour % 12) + (is(end, 'pm') ? 12 : 0), minute, exact: true, meridiem: true };
    }
    if (is(end, 'oclock')) {
      if (hour > 23) return { start: at, end: end + 1, invalid: true };
      // "4 baj kar 30 minute": the minutes after the hour.
      const after = number(end + 1);
      if (!minutes && after && !after.ordinal && is(end + 2, 'minute')) {
        if (after.value > 59) return { start: at, end: end + 3, invalid: true };
        return { start: at, end: end + 3, hour, minute: after.value, exact: hour > 12 || hour === 0, guess: true };
      }
      return { start: at, end: end + 1, hour, minute, exact: twentyFour || hour > 12 || hour === 0, guess: !twentyFour };
    }
    // "at 17 hours", "kal 17 hrs", "0900 hrs"; not "2 hours", a duration.
    if (is(end, 'hours') && (lead === 'at' || (led && (hour > 12 || writtenHour?.digits === 2 && hour < 10)))) {
      if (hour > 23) return undefined;
      return { start: at, end: end + 1, hour, minute, exact: true };
    }
    const partAfter = skip(end, ['in', 'the', 'at']);
    if (partAfter > end && parts.has(word(partAfter) ?? '') && hour >= 1 && hour <= 12 && !twentyFour) {
      // "3 in the afternoon", "9 at night", "ten thirty in the morning".
      return { start: at, end: partAfter + 1, hour, minute, guess: true, part: word(partAfter) as Part };
    }
    if (minutes) return { start: at, end, hour, minute, exact: twentyFour, guess: !twentyFour };
    if (!led || (notAnHour(end) && !(rangeStart && separator(end, '-'))) || is(end, 'hours') || writtenHour?.weak) return undefined;
    // A number that counts something no table knows ("kal 2 log", "tomorrow 4 rupees", "tomorrow 4 of us", "two
    // hundred") is no hour.
    if (lead !== 'at' && (tokens[end]?.kind === 'gap' || is(end, 'of', 'hundred', 'thousand'))) return undefined;
    if (hour >= 1 && hour <= 12) return { start: at, end, hour, minute: 0, guess: true };
    // "tomorrow 18", "kal 17", "after 15": two digits 13–23 after a day (a weekday's 13–31 is its date, read before)
    // can only be a 24-hour hour.
    if (lead === 'soft' && !writtenHour?.spoken && writtenHour?.digits === 2 && hour >= 13 && hour <= 23) return { start: at, end, hour, minute: 0, exact: true, bare24: true };
    if (lead !== 'at' || writtenHour?.spoken) return undefined;
    // "at 15" is 15:00; "at 25" is no hour.
    return hour <= 23 ? { start: at, end, hour, minute: 0, exact: true } : { start: at, end, invalid: true };
  }

  /** A time of day at `index`; `afterDay`: right after a date phrase, where a bare hour is a time ("tomorrow 10"). */
  function time(index: number, afterDay = false): TimeFound | undefined {
    // "same time tomorrow", "kal isi time": the time of day it is now, to the minute.
    if (is(index, 'sametime')) return { start: index, end: index + 1, hour: Math.floor(context.clock / 3600), minute: Math.floor((context.clock % 3600) / 60), exact: true };
    const lead = is(index, 'at') ? 'at' : is(index, 'after', 'from', 'between') ? 'soft' : undefined;
    const at = lead ? index + 1 : index;
    const between = is(index, 'between');
    // "3 to 5", "4-5", Hindi "3 se 5 baje", "between 3 and 5".
    const ranged = (index: number): boolean => separator(index, '-') || is(index, 'to') || (is(index, 'from') && number(index + 1) !== undefined) || (between && number(index) !== undefined);
    // "between 11 and 15 december", "from 11 to 15 december": days, not hours.
    if (number(at) && dateAt(at)) return undefined;
    let first = clockAt(at, lead ?? (afterDay ? 'soft' : 'none'), !between);
    // "4-5 pm", "3 to 5 pm": a bare first hour stands on the second's marker.
    if (!first && number(at) && ranged(at + 1)) first = clockAt(at, 'soft', false, true);
    if (first && !first.invalid && first.meridiem && ranged(first.end)) {
      // "2pm-3pm", "10 am to 12 pm", "between 11 am and 1 pm": the start, as said.
      const second = clockAt(is(first.end, 'to', 'from') || separator(first.end, '-') ? first.end + 1 : first.end, 'soft', false);
      if (second && !second.invalid && second.meridiem) return { ...first, start: index, end: second.end };
    }
    if (first && !first.invalid && first.exact && !first.meridiem && ranged(first.end)) {
      // "between 13 and 15", "14:00 to 16:00": a 24-hour range is its start.
      const second = clockAt(is(first.end, 'to', 'from') || separator(first.end, '-') ? first.end + 1 : first.end, 'soft', false);
      if (second && !second.invalid && second.exact) return { ...first, start: index, end: second.end };
    }
    if (first && !first.invalid && !first.exact && first.part === undefined && ranged(first.end)) {
      // A range is read as its start, in the half of the day its end names: "3 to 5 pm" 15:00, "10 to 11 am" 10:00, "11 to 1 pm" 11:00.
      const second = clockAt(is(first.end, 'to', 'from') || separator(first.end, '-') ? first.end + 1 : first.end, 'soft', false);
      if (second && !second.invalid && second.hour !== undefined) {
        if (second.meridiem) {
          let hour = (first.hour! % 12) + (second.hour >= 12 ? 12 : 0);
          if (hour > second.hour) hour -= 12;
          if (hour < 0) hour += 12;
          return { start: index, end: second.end, hour, minute: first.minute, exact: true };
        }
        return { ...first, start: index, end: second.end, part: second.part };
      }
      if (!lead && !afterDay) first = undefined;
    }
    if (first) return { ...first, start: index };
    const part = word(index);
    if (part !== undefined && parts.has(part)) {
      // "subah 9", "shaam 4 se 6", "shaam ko 6": an hour or a range of hours in that part of the day.
      const clockStart = is(index + 1, 'ko') ? index + 2 : index + 1;
      const withClock = number(clockStart) ? time(clockStart, true) : clockAt(clockStart, 'soft');
      // "tomorrow evening 18" is 18:00; "tomorrow morning 17" is no 17:00: a bare 24-hour hour must fall in the part said
      // (an hour either side).
      const [from, to] = partHours[part as Part];
      const disagrees = withClock?.bare24 === true && withClock.hour !== undefined && (withClock.hour * 3600 < from - 3600 || withClock.hour * 3600 >= to + 3600);
      if (withClock && !withClock.invalid && !disagrees) return { ...withClock, start: index, part: part as Part, guess: !withClock.exact };
      // The disagreeing number is passed over, so it is not read again as an hour after the day.
      return { start: index, end: disagrees ? withClock!.end : index + 1, part: part as Part };
    }
    return undefined;
  }

  const dates: DateFound[] = [];
  const times: TimeFound[] = [];
  let badClock = false;
  let lastDateEnd = -1;
  for (let index = 0; index < tokens.length; ) {
    let found = dateAt(index);
    // "friday 18": a day of the month after a weekday, which must agree with it (1–12 there is an hour: "friday 4").
    const previous = dates[dates.length - 1];
    const after = number(index);
    if (!found && index === lastDateEnd && previous?.weekdayOnly !== undefined && after && !after.spoken && !after.ordinal && after.digits <= 2 && after.value >= 13 && after.value <= 31 && !timeFollows(index + 1) && !notAnHour(index + 1)) {
      found = { start: index, end: index + 1, day: nextDayOfMonth(today, after.value) };
    }
    // "10 days xyz now", "2 weeks today": a count of days left unread right before "now"/"today" is no span the
    // caller's day can be read without (probe round 10): bounded, so alone it is refused, and another day said stands
    // ("waiting for 2 days now, call me tomorrow").
    if (found && (is(found.start, 'now', 'today')) && found.end === found.start + 1) {
      let at = found.start - 1;
      while (at > lastDateEnd && tokens[at]?.kind === 'gap') at--;
      if (at - 1 >= Math.max(lastDateEnd, 0) && is(at, ...Object.keys(units), 'month', 'year', 'hours', 'minute') && number(at - 1) && !number(at - 1)!.ordinal) found = { start: found.start, end: found.end, bounded: true };
    }
    // "the middle of next week" names no one day; nor does "every monday" or "sometime next week" (`vague`, probe round 10),
    // which, like a bound, leaves another day said beside it ("available only on weekends, this saturday").
    if (found) {
      let before = found.start - 1;
      while (before >= 0 && is(before, 'of', 'the')) before--;
      if (is(before, 'middle')) found = { start: found.start, end: found.end };
      // "har mahine 5 tarikh", "ஒவ்வொரு மாசமும் 5ஆம் தேதி": every month's day (probe round 11).
      else if (is(before, 'vague') || (is(before, 'month', 'week') && is(before - 1, 'vague'))) found = { start: found.start, end: found.end, bounded: true };
      else found = shifted(found);
    }
    if (found?.dayOfMonth !== undefined && previous?.day !== undefined && previous.dayOfMonth === undefined) {
      // "january 5th sorry 6th", "15 march no 16th": a day of the month said again keeps the month said before
      // (unless that day has gone by).
      let before = found.start - 1;
      while (before >= 0 && (separator(before, ',') || is(before, 'the', 'on'))) before--;
      const { year, month } = civilOf(previous.day);
      const inMonthSaid = civilDay(year, month, found.dayOfMonth);
      if (is(before, 'correction', 'nahi') && (inMonthSaid === undefined || inMonthSaid >= today)) found = { ...found, day: inMonthSaid };
    }
    // "monday monday, no, tuesday tuesday": a day said twice in a row is said once (probe round 10), so a correction
    // after it withdraws it whole.
    if (found && previous !== undefined && found.start === lastDateEnd && previous.end === lastDateEnd && found.day !== undefined && found.day === previous.day && found.afterPrevious === undefined && !found.bounded && !previous.bounded && !found.now && !previous.now) {
      dates[dates.length - 1] = { ...previous, end: found.end };
      lastDateEnd = found.end;
      index = found.end;
      continue;
    }
    if (found) {
      if (found.afterPrevious !== undefined) {
        // "(tomorrow or) the day after": the day said before it, moved; "the next one" only after a weekday.
        const weekdaySaid = previous !== undefined && tokens.slice(previous.start, previous.end).some((_, at) => weekdayAt(previous.start + at) > 0);
        if (previous?.day !== undefined && (!found.sameWeekday || weekdaySaid)) dates.push({ ...found, day: previous.day + found.afterPrevious });
      } else {
        dates.push(found);
      }
      lastDateEnd = found.end;
      index = found.end;
      continue;
    }
    const clock = time(index, index === lastDateEnd);
    if (clock) {
      // "tomorrow before 5 pm", "kal 11 baje se pehle": a bound on the time, not the time (the day stays).
      const bound = is(clock.start - 1, 'before') || (is(clock.end, 'from') && is(clock.end + 1, 'before'));
      if (!bound) times.push(clock);
      if (clock.invalid) badClock = true;
      // A time joins the day before it to what follows: "friday 4 pm not saturday".
      if (index === lastDateEnd) lastDateEnd = clock.end;
      index = clock.end;
      continue;
    }
    // "99:99" is no time: the whole input is refused rather than read without it.
    if (number(index) && separator(index + 1, ':')) badClock = true;
    // "tomorrow 5 sorry 6": a number after a correction of a time is the time said again; a comma may stand on
    // either side of the correction ("monday at 3, sorry 4", "tomorrow 4pm actually, 5"), and corrections may
    // follow each other ("4pm, actually make it 5"). After a day alone ("15 tarikh matlab 16") it is no hour.
    if (is(index, 'correction') && (index === lastDateEnd || (index - 1 === lastDateEnd && separator(index - 1, ',')))) {
      // The time just said, or said right before the day just said ("at 5 tomorrow, no wait, 6").
      const lastTime = times[times.length - 1];
      const lastDate = dates[dates.length - 1];
      const timeJustSaid = lastTime !== undefined && (lastTime.end === lastDateEnd || (lastDate?.end === lastDateEnd && skip(lastTime.end, ['on']) === lastDate.start));
      if (timeJustSaid || is(index - 1, 'correction') || is(separator(index - 1, ',') ? index - 2 : index - 1, 'nahi')) lastDateEnd = separator(index + 1, ',') ? index + 2 : index + 1;
    }
    // The same for a denied hour and the one said instead: "kal 4 nahi 5", "tomorrow not 4 but 5" (a number that is a
    // day is read as one first).
    if (index === lastDateEnd) {
      const lastTime = times[times.length - 1];
      const timeJustSaid = lastTime !== undefined && lastTime.end === index;
      // "tomorrow at 4, actually no, make it 5": a denial right after a correction of the hour denies it too.
      if (is(index, 'not') || (is(index, 'nahi') && (timeJustSaid || is(index - 1, 'correction'))) || (is(index, 'but') && timeJustSaid && is(lastTime.start - 1, 'not'))) lastDateEnd = index + 1;
    } else if (index - 1 === lastDateEnd && separator(index - 1, ',') && is(index, 'nahi') && times[times.length - 1]?.end === lastDateEnd) {
      // "tomorrow at 4, no, make it 5", "at 4, no 5": the denial of the hour just said may stand after a comma (probe
      // round 11: 16:00 was answered), and what follows it is the hour said instead.
      lastDateEnd = separator(index + 1, ',') ? index + 2 : index + 1;
    }
    index++;
  }

  if (badClock) return { refusal: 'invalid-date' };
  // "10 ya 11 tarikh": a number beside "or" is a second day; so is a day word on both sides ("tomorrow or the day after", "this week or next week").
  for (let index = 0; index < tokens.length; index++) {
    if (!is(index, 'or')) continue;
    if (number(index - 1) || number(index + 1)) return { refusal: 'two-dates' };
    let left = index - 1;
    while (left >= 0 && (tokens[left]?.kind === 'gap' || separator(left, ','))) left--;
    let right = index + 1;
    while (right < tokens.length && (tokens[right]?.kind === 'gap' || separator(right, ',') || is(right, 'the'))) right++;
    if (dayish(left) && dayish(right)) return { refusal: 'two-dates' };
  }
  const deniedTimes = new Set<TimeFound>();
  const denied = deniedDates(dates);
  // A day only bounded ("before friday") is refused; beside another day ("after christmas, 28th") that one is meant.
  let kept = dates.filter((date) => !denied.has(date));
  if (kept.some((date) => !date.bounded)) kept = kept.filter((date) => !date.bounded);
  // "abhi nahi, shaam ko", "can't talk now, call me in the evening": denying the present moment leaves its day for a
  // time said later, when no other day is named.
  if (kept.length === 0 && denied.size > 0 && [...denied].every((date) => date.now && date.afterMinutes === undefined) && times.some((found) => !deniedTimes.has(found))) {
    kept = [...denied].map((date) => ({ ...date, now: false }));
  }
  if (kept.length === 0) return { refusal: 'no-date' };
  if (kept.some((date) => date.day === undefined)) {
    return { refusal: kept.some((date) => date.day === undefined && tokens[date.start]?.kind === 'named') ? 'unknown-festival' : 'invalid-date' };
  }
  // "kal 10 minute baad": beside a day said, a span from now is not the caller's day; beside the present moment
  // alone ("abhi drive kar raha hoon, 1 ghante baad", "busy right now, call me in an hour") it is.
  if (kept.length > 1) {
    const spans = kept.filter((date) => date.afterMinutes !== undefined);
    const others = kept.filter((date) => date.afterMinutes === undefined);
    kept = spans.length > 0 && others.every((date) => date.now) ? spans : others;
  }
  const definite = kept.filter((date) => date.weekdayOnly === undefined);
  const days = new Set(definite.map((date) => date.day!));
  for (const date of kept) {
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
  const keptTimes = times.filter((found) => !deniedTimes.has(found));
  const span = kept.find((date) => date.afterMinutes !== undefined);
  // "after 2 hours" names its own time: another time beside it is a second one.
  if (span && kept.length === 1) return keptTimes.length ? { refusal: 'two-times' } : { day, now: true, afterMinutes: span.afterMinutes };
  const clock = timeOfDay(keptTimes, context.window);
  if (clock === null) return { refusal: 'two-times' };
  if (clock === undefined) return kept.some((date) => date.now) ? { day, now: true } : { day };
  // A night hour past midnight ("raat 12 baje") is on the next day.
  return clock >= 86_400 ? { day: day! + 1, time: clock - 86_400 } : { day, time: clock };

  /** The dates joined to `date` by "and" on either side, in a chain: "today and tomorrow", "monday and tuesday and wednesday". */
  function joinedByAnd(date: DateFound): DateFound[] {
    const joined: DateFound[] = [];
    for (let at = date.end, next = dates.find((found) => found.start === at + 1); is(at, 'andalso') && next; at = next.end, next = dates.find((found) => found.start === at + 1)) joined.push(next);
    for (let at = date.start - 1, previous = dates.find((found) => found.end === at); is(at, 'andalso') && previous; at = previous.start - 1, previous = dates.find((found) => found.end === at)) joined.push(previous);
    return joined;
  }

  /** A word that names or moves a day, on one side of "or". */
  function dayish(index: number): boolean {
    const token = tokens[index];
    if (token?.kind === 'named' || token?.kind === 'number') return true;
    return is(index, 'today', 'tomorrow', 'overmorrow', 'day', 'week', 'fortnight', 'month', 'later', 'kebaad', 'after', 'before', 'next', 'coming', 'tarikh', ...weekdays, ...months);
  }

  /**
   * The days a negation denies, one each, inside its clause (commas and "but" end a clause). English `not` goes
   * before its day: it denies the day right after it ("saturday not friday", "don't call me tomorrow"), else the
   * day before it ("today not, tomorrow"). `notfine` ("is not ok", "won't work", "not available") denies the day it
   * is said of: the one before it, else the one after it. `nahi` and the other Indian languages' denials go after
   * their day and deny the one before them only ("kal nahi, parso"; "nahi, kal" denies nothing).
   */
  function deniedDates(found: readonly DateFound[]): Set<DateFound> {
    const denied = new Set<DateFound>();
    // The clause of each token, then one pass each way: the last date ending by each token and the first starting after it, in its clause.
    const clause: number[] = [];
    for (let at = 0, count = 0; at < tokens.length; at++) clause.push(separator(at, ',') || is(at, 'but') ? ++count : count);
    const before: Array<DateFound | undefined> = [];
    for (let at = 0, next = 0, last: DateFound | undefined; at < tokens.length; at++) {
      while (next < found.length && found[next]!.end <= at) last = found[next++];
      before.push(last !== undefined && clause[last.end - 1] === clause[at] ? last : undefined);
    }
    const after: Array<DateFound | undefined> = new Array<DateFound | undefined>(tokens.length);
    for (let at = tokens.length - 1, next = found.length - 1, first: DateFound | undefined; at >= 0; at--) {
      while (next >= 0 && found[next]!.start > at) first = found[next--];
      after[at] = first !== undefined && clause[first.start] === clause[at] ? first : undefined;
    }
    // Times by where they start and end, so a negation beside an hour or a part of the day denies that time.
    const timeStarting = new Map<number, TimeFound>();
    const timeEnding = new Map<number, TimeFound>();
    for (const found of times) {
      timeStarting.set(found.start, found);
      timeEnding.set(found.end, found);
    }
    // A correction ("friday, sorry, saturday") reaches past commas: the last date ending by each token, and whether
    // a time starts after it, in any clause (whether a day stands after it is known once the denials are).
    const lastBefore: Array<DateFound | undefined> = [];
    for (let at = 0, next = 0, last: DateFound | undefined; at < tokens.length; at++) {
      while (next < found.length && found[next]!.end <= at) last = found[next++];
      lastBefore.push(last);
    }
    const timeLater: boolean[] = new Array<boolean>(tokens.length).fill(false);
    // Whether a date starts after each token, in any clause: "kal shaam nahi, parso subah" names another day.
    const dateLater: boolean[] = new Array<boolean>(tokens.length).fill(false);
    for (let at = tokens.length - 1, seenTime = false, dateNext = found.length - 1; at >= 0; at--) {
      if (timeStarting.has(at + 1)) seenTime = true;
      timeLater[at] = seenTime;
      while (dateNext >= 0 && found[dateNext]!.start > at) dateNext--;
      dateLater[at] = dateNext < found.length - 1;
    }
    // The time that ends right before a token, a comma between them or not: "kal 4 baje(,) nahi 5 baje".
    const timeJustBefore = (index: number) => timeEnding.get(index) ?? (separator(index - 1, ',') ? timeEnding.get(index - 1) : undefined);
    const corrections: number[] = [];
    for (let index = 0; index < tokens.length; index++) {
      const earlier = before[index];
      const later = after[index];
      let target: DateFound | undefined;
      // Corrections are read once every denial is known (below). A denial that starts a clause, after a day said
      // before it, is one too: "friday, no, saturday", "kal, nahi parso", "monday. no. tuesday".
      if (is(index, 'correction') || (is(index, 'nahi') && separator(index - 1, ',', '.') && lastBefore[index] !== undefined)) {
        corrections.push(index);
        continue;
      }
      // "kal subah nahi shaam ko", "tomorrow morning not possible, evening": with another time said, the time before
      // the denial is the one denied, not the day.
      const timeBefore = is(index, 'nahi', 'notfine') ? timeJustBefore(index) : undefined;
      // ... unless another day follows, past a comma too: "kal shaam nahi(,) parso subah" denies tomorrow evening, day and time.
      if (timeBefore !== undefined && times.length > 1 && !((later !== undefined || dateLater[index]) && earlier !== undefined && earlier.end === timeBefore.start)) {
        deniedTimes.add(timeBefore);
        continue;
      }
      if (is(index, 'not')) {
        let at = index + 1;
        while (at < tokens.length && is(at, 'on', 'the', 'in', 'at')) at++;
        if (later !== undefined && later.start === at) {
          target = later;
        } else if (number(at) || parts.has(word(at) ?? '') || is(at, 'halfpast', 'quarterpast', 'quarterto')) {
          // "tomorrow 6 not 5", "not morning, tomorrow evening", "tomorrow but not in the morning": an hour or a part
          // of the day is denied, never a day.
          for (let from = index + 1; from <= at; from++) {
            const clock = timeStarting.get(from);
            if (clock !== undefined) deniedTimes.add(clock);
          }
          continue;
        } else {
          target = earlier;
        }
      } else if (is(index, 'notfine')) {
        target = earlier ?? later;
      } else if (is(index, 'nahi')) {
        target = earlier;
      }
      if (target) {
        denied.add(target);
        // "busy today and tomorrow, thursday", "tomorrow and thursday i'm busy, friday is ok": days joined by "and"
        // (`andalso`, lexicon) are denied together (probe round 10).
        for (const other of joinedByAnd(target)) denied.add(other);
      }
    }
    // A correction withdraws only for a day said after it that stands: "friday actually, not monday" keeps Friday.
    const standsLater: boolean[] = new Array<boolean>(tokens.length).fill(false);
    for (let at = tokens.length - 1, dateNext = found.length - 1, seen = false; at >= 0; at--) {
      while (dateNext >= 0 && found[dateNext]!.start > at) {
        if (!denied.has(found[dateNext]!)) seen = true;
        dateNext--;
      }
      standsLater[at] = seen;
    }
    for (const index of corrections) {
      const earlier = before[index];
      const timeBefore = timeJustBefore(index);
      const anotherDay = after[index] !== undefined || standsLater[index];
      if (timeBefore !== undefined && times.length > 1 && !(anotherDay && earlier !== undefined && earlier.end === timeBefore.start)) {
        deniedTimes.add(timeBefore);
        continue;
      }
      // "friday sorry saturday", "15th i mean 16th", "tomorrow 5 actually 6": said again, the first is withdrawn;
      // with nothing said after it ("tomorrow please, sorry for the trouble") nothing is.
      if (standsLater[index]) {
        const target = lastBefore[index];
        if (target) denied.add(target);
      } else if (timeBefore === undefined && timeLater[index]) {
        // "5 pm tomorrow, sorry, 6 pm": the last time before it.
        const clock = [...times].reverse().find((found) => found.end <= index);
        if (clock) deniedTimes.add(clock);
      }
    }
    // The time said with a denied day goes with it: "kal shaam nahi, parso" is the day after tomorrow, at no time said;
    // so does a time in the denied day's clause when no other day stands there ("kal meeting hai shaam ko, parso karo").
    for (const date of denied) {
      const beside = [timeStarting.get(date.end), timeEnding.get(date.start)];
      for (const found of beside) if (found !== undefined) deniedTimes.add(found);
      const ownClause = clause[date.start];
      // Denying the present moment leaves its day to a time said later ("can't talk now call me in the evening").
      if (date.now || found.some((other) => !denied.has(other) && clause[other.start] === ownClause)) continue;
      for (const said of times) if (clause[said.start] === ownClause) deniedTimes.add(said);
    }
    return denied;
  }
}

/** One time of day from what was said: exact clocks, hours to place in a part of the day, or a part alone. Null when they disagree. */
function timeOfDay(times: readonly TimeFound[], window: TimeWindow): number | undefined | null {
  if (times.length === 0) return undefined;
  const part = times.find((found) => found.part)?.part;
  const readings = new Set<number>();
  for (const found of times) {
    // "tonight at midnight", "friday midnight": the midnight that ends that day.
    if (found.hour === undefined && found.part === 'midnight') readings.add(24 * 3600);
    if (found.hour === undefined) continue;
    let hour = found.hour;
    const partHere = found.part ?? part;
    if (found.exact && hour < 5 && (partHere === 'night' || partHere === 'midnight')) {
      // "tonight 1 am", "tonight 12 am": the night's early hours are the next day's.
      hour += 24;
    } else if (!found.exact && hour <= 12) {
      if ((partHere === 'night' || partHere === 'midnight') && (hour === 12 || hour <= 4)) {
        // "raat 12 baje", "tonight at 1": past midnight, the next day's early hours.
        hour = hour % 12 + 24;
      } else if (partHere === 'afternoon' || partHere === 'evening' || partHere === 'night' || partHere === 'midnight') {
        if (hour < 12) hour += 12;
      } else if (partHere !== 'morning' && found.guess && hour >= 1 && hour <= 7) {
        // "at 5", "5 baje" or "4:30" with no part of the day: business hours mean the afternoon. In the morning an hour
        // is as said, and 12 is the noon that ends it ("subah 12 baje", "morning 10 to 12"), never the midnight before.
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
