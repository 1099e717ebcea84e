import { isRealDate } from '../time/iso-time.js';
import { withoutStrayFormatCharacters } from '../kernel/patterned.js';

/** `YYYY-MM-DD` when the parts name a real day between 1900 and 2999. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2999 || !isRealDate(year, month, day)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** English month names by their first three letters (`sept` and full names read the same). */
const monthsByPrefix = new Map(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((prefix, index) => [prefix, index + 1]));
const monthNames = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/;

/** A year written with two digits is of this century, as spreadsheets write them (`26/01/27`). */
const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/**
 * A holiday date as `YYYY-MM-DD` (ISO, a midnight time after it allowed, as spreadsheets export dates),
 * or day first (`26-01-2027`, `26/1/27`, the Indian convention), the month as a number or an English
 * name (`15-Aug-2027`, `15 August 27`, `Aug 15, 2027`).
 */
export function parseHolidayDate(text: string): string | undefined {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$/.exec(trimmed);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(trimmed);
  if (dayFirst) return isoDate(fullYear(dayFirst[3]!), Number(dayFirst[2]), Number(dayFirst[1]));
  const named = /^(\d{1,2})(?:st|nd|rd|th)?[-/. ]+([a-z]+)[-/., ]+(\d{4}|\d{2})$/i.exec(trimmed) ?? monthFirst(trimmed);
  if (!named || !monthNames.test(named[2]!.toLowerCase())) return undefined;
  return isoDate(fullYear(named[3]!), monthsByPrefix.get(named[2]!.slice(0, 3).toLowerCase())!, Number(named[1]));
}

/** `Aug 15, 2027`, `August 15th 2027` as [, day, month, year]. */
function monthFirst(text: string): string[] | undefined {
  const match = /^([a-z]+)[-. ]+(\d{1,2})(?:st|nd|rd|th)?,?[-. ]+(\d{4})$/i.exec(text);
  return match ? [match[0], match[2]!, match[1]!, match[3]!] : undefined;
}

export interface HolidayEntry {
  date: string;
  name: string;
}

/** Thrown by an importer: the line (1-based) that failed, when there is one, and why. */
export class ImportError extends Error {
  constructor(
    readonly field: 'country' | 'region' | 'year' | 'ics' | 'csv',
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'ImportError';
  }
}

/** Longest holiday name kept. */
export const maxNameLength = 200;
/** Most days one import may add: a larger file is a mistake, not a holiday calendar. */
export const maxImportDays = 5000;

// Line breaks (U+2028 and U+2029 are \s too) and tabs (a quoted CSV field, an iCalendar SUMMARY's \n) and other control characters.
const controlRuns = /[\p{Cc}\s]+/gu;

/**
 * An imported name as the API would take it by hand (DisplayName, src/kernel/patterned.ts): on one
 * line, its control characters as one space, invisible format characters dropped but a joiner within
 * a word; at most maxNameLength characters, counted as the API counts them (never half of a surrogate
 * pair); 'Holiday' when nothing is left.
 */
function oneLineName(name: string): string {
  const oneLine = withoutStrayFormatCharacters(name).replace(controlRuns, ' ').trim();
  return Array.from(oneLine).slice(0, maxNameLength).join('').trimEnd() || 'Holiday';
}

/** Keeps the first name of each date, in date order, refusing more than maxImportDays. */
export function uniqueByDate(entries: Iterable<HolidayEntry>, field: ImportError['field']): HolidayEntry[] {
  const byDate = new Map<string, string>();
  for (const entry of entries) {
    if (!byDate.has(entry.date)) byDate.set(entry.date, oneLineName(entry.name));
    if (byDate.size > maxImportDays) throw new ImportError(field, `more than ${maxImportDays} days in one import`);
  }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, name]) => ({ date, name }));
}
