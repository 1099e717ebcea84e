import { Type, type StringOptions } from '@sinclair/typebox';

/**
 * What a value refused by each field pattern is told, by pattern: src/protocol/http-errors.ts says it
 * instead of Ajv's `must match pattern "^([01]\d|2[0-3])…"`, which no operator can act on.
 */
const wordsByPattern = new Map<string, string>();

/** A text field that must match `pattern`, and what a value that does not is told (`must be …`). */
export function Patterned(pattern: string, words: string, options: StringOptions = {}) {
  const known = wordsByPattern.get(pattern);
  if (known !== undefined && known !== words) throw new Error(`pattern ${pattern} is said two ways: "${known}" and "${words}"`);
  wordsByPattern.set(pattern, words);
  return Type.String({ ...options, pattern });
}

/** The words a refused value of `pattern` is told, when the pattern was declared with Patterned. */
export function patternWords(pattern: string): string | undefined {
  return wordsByPattern.get(pattern);
}

// A zero-width non-joiner or joiner (ZWNJ U+200C, ZWJ U+200D) is part of how some scripts are spelt:
// after a combining mark such as a virama (Devanagari क्<ZWJ>ष, Malayalam's chillu ന്<ZWJ>), after an
// emoji's U+FE0F, between letters (Persian می<ZWNJ>خواهم) or between emoji (👨<ZWJ>👩<ZWJ>👧).
// Anywhere else it is as invisible as a zero-width space.
const joiner = '(?:(?<=\\p{M})[\\u200C\\u200D]|(?<=[\\p{L}\\p{Extended_Pictographic}\\p{Emoji_Modifier}])[\\u200C\\u200D](?=[\\p{L}\\p{M}\\p{Extended_Pictographic}]))';
// No control characters (Cc: tabs, CR, LF, NEL…), no line or paragraph separators (Zl, Zp: U+2028,
// U+2029), no format characters (Cf: bidi marks, zero-width spaces…) but a joiner where it joins.
const displayNamePattern = `^(?:[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]|${joiner})*$`;
const strayFormatCharacters = new RegExp(`(?!${joiner})\\p{Cf}`, 'gu');

/**
 * A name people read (an account's, a flow's, an agent's, a holiday's…): 1 to `maxLength` characters
 * of any script, but no control characters (line breaks, tabs…) and no invisible format characters
 * (bidi overrides, zero-width spaces, a joiner that joins nothing): a name is shown on one line in the
 * console and in exports, and such characters would break that line or show another name than the one stored.
 */
export function DisplayName(options: StringOptions & { maxLength: number }) {
  return Patterned(
    displayNamePattern,
    'must not contain line breaks, tabs or other control characters (line and paragraph separators included), nor invisible format characters (bidi marks, zero-width spaces; a zero-width joiner or non-joiner only within a word or an emoji sequence)',
    { minLength: 1, ...options },
  );
}

/** `text` without the invisible format characters a DisplayName refuses (a joiner within a word stays): an imported name as the API would take it. */
export function withoutStrayFormatCharacters(text: string): string {
  return text.replace(strayFormatCharacters, '');
}
