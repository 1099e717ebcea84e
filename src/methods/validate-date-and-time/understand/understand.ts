import type { Zone } from 'luxon';
import { wallDayOf } from '../../../time/zone-clock.js';
import { dayOf, type Day, type TimeWindow } from '../rules.js';
import { readTokens, type GrammarResult } from './grammar.js';
import { canonicalise, normaliseText, tokenise } from './lexicon.js';
import { movableDays } from './named-days.js';
import { joinNumbers } from './numbers.js';

/** A holiday of the account's calendar: `YYYY-MM-DD` and its name as imported. */
export interface NamedHoliday {
  date: string;
  name: string;
}

export interface UnderstandOptions {
  now: Date;
  /** The account's zone: "today" is today there. */
  zone: Zone;
  /** The account's holidays, so a caller can name one ("diwali"). Default none. */
  holidays?: readonly NamedHoliday[];
  /** The window a part of the day is placed in ("friday evening"). Default 08:00–20:00, the default callback hours. */
  window?: TimeWindow;
}

export type Understood =
  | { ok: true; day: Day; time?: number }
  | { ok: false; reason: NonNullable<GrammarResult['refusal']> | 'too-long' | 'empty' };

/** Longer text is refused before any work: a spoken or typed date is far shorter (the parameter allows 100 characters). */
export const maxInputLength = 200;

const defaultWindow: TimeWindow = { start: 8 * 3600, end: 20 * 3600 };

/**
 * Festival keys of each account holiday, by the spellings in named-days.ts
 * (longest first, so "Eid ul-Adha" is not "Eid") or else by the holiday's own
 * name, so any name an account imported can be said as written.
 */
const spellings = movableDays
  .flatMap(([key, words]) => words.map((word) => [normaliseText(word).replace(/[^\p{L}\p{M}\d]+/gu, ' ').trim(), key] as const))
  .sort((left, right) => right[0].length - left[0].length);

export function festivalKeyOf(name: string): string {
  const words = ` ${normaliseText(name).replace(/[^\p{L}\p{M}\d]+/gu, ' ').trim()} `;
  for (const [spelling, key] of spellings) if (words.includes(` ${spelling} `)) return key;
  return words.trim();
}

/**
 * Reads a caller's date as a calendar day and maybe a time of day
 * (docs/methods/validate-date-and-time.md, "Reading inputDate"): normalise, map
 * every language's words to canonical English, join spoken numbers, then the
 * grammar. Pure: `now`, the zone and the holidays are passed in.
 */
export function understandDate(input: string, options: UnderstandOptions): Understood {
  if (input.length > maxInputLength) return { ok: false, reason: 'too-long' };
  const text = normaliseText(input).trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const epochMs = options.now.getTime();
  const today = wallDayOf(epochMs, options.zone);
  const wallMs = epochMs + options.zone.offset(epochMs) * 60_000 - today * 86_400_000;
  const holidays = options.holidays ?? [];
  const tokens = joinNumbers(canonicalise(tokenise(text)));
  const accountNames = holidays.length ? holidayPhrases(holidays) : [];
  const result = readTokens(tokens, {
    today,
    window: options.window ?? defaultWindow,
    clock: Math.floor(wallMs / 1000),
    festival: (key, year) => {
      let best: Day | undefined;
      for (const holiday of holidays) {
        if (festivalKeyOf(holiday.name) !== key) continue;
        const [holidayYear, month, date] = holiday.date.split('-').map(Number) as [number, number, number];
        const day = dayOf(holidayYear, month, date);
        if (year !== undefined ? holidayYear !== year : day < today) continue;
        if (best === undefined || day < best) best = day;
      }
      return best;
    },
  });
  if (result.day === undefined && result.refusal === 'no-date' && accountNames.length) {
    // A holiday the tables do not know, said by its name as the account imported it.
    const byName = readAccountHoliday(text, accountNames, today);
    if (byName !== undefined) return { ok: true, day: byName };
  }
  if (result.day === undefined) return { ok: false, reason: result.refusal ?? 'no-date' };
  if (result.now) {
    // "now", "right now": this moment's whole minute, never one already begun (15:01:37 is 15:02); "after 2 hours",
    // "aadhe ghante baad": that many minutes on in whole minutes (17:01 at 15:01:37, as chrono reads "in 2 hours"),
    // into the next days when it must.
    const span = result.afterMinutes ?? 0;
    const time = span > 0 ? Math.floor(wallMs / 60_000) * 60 + span * 60 : Math.ceil(wallMs / 60_000) * 60;
    const days = Math.floor(time / 86_400);
    return { ok: true, day: today + days, time: time - days * 86_400 };
  }
  return result.time === undefined ? { ok: true, day: result.day } : { ok: true, day: result.day, time: result.time };
}

function holidayPhrases(holidays: readonly NamedHoliday[]): Array<{ words: string; date: string }> {
  return holidays.map((holiday) => ({ words: normaliseText(holiday.name).replace(/[^\p{L}\p{M}\d]+/gu, ' ').trim(), date: holiday.date })).filter((holiday) => holiday.words.length >= 3);
}

const wishedBefore = /(?:^| )(?:happy|merry) $/;
const wishedAfter = /^ (?:mubarak|ki shubhkamnaye|ki shubhkamnayen|ki badhai)(?: |$)/;

/** The next holiday whose whole name the text contains (word for word), when only one day matches. */
function readAccountHoliday(text: string, names: ReadonlyArray<{ words: string; date: string }>, today: Day): Day | undefined {
  const words = ` ${text.replace(/[^\p{L}\p{M}\d]+/gu, ' ').trim()} `;
  let best: Day | undefined;
  for (const holiday of names) {
    const at = words.indexOf(` ${holiday.words} `);
    // "happy holi", "foundation day mubarak": a day wished names no day to call on (lexicon.ts).
    if (at < 0 || wishedBefore.test(words.slice(0, at + 1)) || wishedAfter.test(words.slice(at + holiday.words.length + 1))) continue;
    const [year, month, date] = holiday.date.split('-').map(Number) as [number, number, number];
    const day = dayOf(year, month, date);
    if (day >= today && (best === undefined || day < best)) best = day;
  }
  return best;
}
