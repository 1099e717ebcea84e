/**
 * The first stage of reading a caller's date (docs/methods/validate-date-and-time.md):
 * Unicode NFKC, lower case, Indian-script digits to ASCII, then tokens. Every
 * step is one pass over the text, so the time it takes grows with the length
 * of the input and nothing else.
 */

import { asciiDigits } from '../../../kernel/script-digits.js';

/**
 * NFKC and lower case; Indian-script (and Urdu) digits become ASCII
 * (src/kernel/script-digits.ts); joiners, the Devanagari nukta and
 * apostrophes are dropped and chandrabindu is read as anusvara, so
 * that the spellings callers mix ("पाँच"/"पांच", "फ़रवरी"/"फरवरी", "new year's") meet.
 */
export function normaliseText(text: string): string {
  return asciiDigits(text.normalize('NFKC').toLowerCase())
    .replace(/[\u200b-\u200d\u2060\ufeff\u093c'’‘`´]/g, '')
    .replace(/\u0901/g, '\u0902')
    // Chat spellings whose digits would otherwise read as a count: "2day", "2nite"; "p.m." as one word.
    .replace(/(^|[^\p{L}\p{N}])2(day|nite|night)(?![\p{L}\p{N}])/gu, (_whole, before: string, rest: string) => `${before}${rest === 'day' ? 'today' : 'tonight'}`)
    .replace(/(^|[^\p{L}])([ap])\.\s?m\b\.?/gu, '$1$2m')
    // Chat shorthand "b/w 11 and 12": between (its slash would otherwise split it into two letters).
    .replace(/(^|[^\p{L}])b\/w(?![\p{L}])/gu, '$1between')
    // "call me @ 5 tmrw", "@5pm": "@" before a number is "at" (probe round 10; it was dropped as punctuation).
    .replace(/@\s*(?=\d)/g, ' at ');
}

export type RawToken =
  | { kind: 'word'; text: string }
  | { kind: 'number'; value: number; digits: number; ordinal: boolean }
  | { kind: 'separator'; text: string };

/** Digits (with an ordinal ending: 3rd, 21st), words of any script with their marks, and the separators dates use. */
const tokenPattern = /(\d+)(?:(st|nd|rd|th)(?![\p{L}\p{M}]))?|[\p{L}\p{M}]+|[/\-.:,+]/gu;

/** Longer digit runs than a date can be are kept as one number that no rule accepts. */
const maxDigits = 8;

export function tokenise(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    const [whole, suffixed, ending] = match;
    if (suffixed !== undefined) {
      tokens.push({ kind: 'number', value: suffixed.length > maxDigits ? -1 : Number(suffixed), digits: suffixed.length, ordinal: ending !== undefined });
    } else if (/^[\p{L}\p{M}]/u.test(whole)) {
      tokens.push({ kind: 'word', text: whole });
    } else {
      tokens.push({ kind: 'separator', text: whole });
    }
  }
  return tokens;
}
