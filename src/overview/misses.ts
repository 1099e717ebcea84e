import { maskPhoneNumbers } from '../observability/redact.js';

/**
 * What kind of miss each method records (docs/console.md "Misses"): the
 * date text validateDateAndTime could not read, or the 5-digit block of a
 * number findLanguage found no circle for.
 */
export const missKinds: Readonly<Record<string, 'date' | 'block'>> = {
  validateDateAndTime: 'date',
  findLanguage: 'block',
};

/** Longest text kept. */
export const missMaxLength = 100;

// Control characters (and the line and paragraph separators) would only garble a table cell.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A refused date text as it is kept: trimmed, control characters dropped, at
 * most 100 characters, digits kept (a date is digits) — except a run of ten
 * or more digits, which is what a phone number looks like, masked as the
 * logs mask it (`98XXXXXX45`). No date this service reads has ten digits in a row.
 */
export function dateMiss(text: string): string | undefined {
  const kept = maskPhoneNumbers(text.replace(unprintable, ' ').trim()).slice(0, missMaxLength);
  return kept === '' ? undefined : kept;
}

/** The 5-digit block (series) of a 10-digit national number; never more of it. */
export function numberBlockMiss(national: string): string | undefined {
  return /^\d{10}$/.test(national) ? national.slice(0, 5) : undefined;
}
