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

/**
 * A name people read (an account's, a flow's, an agent's, a holiday's…): 1 to `maxLength` characters
 * of any script, but no control characters (line breaks, tabs…) and no invisible format characters
 * (bidi overrides, zero-width spaces and joiners): a name is shown on one line in the console and in
 * exports, and such characters would break that line or show another name than the one stored.
 */
export function DisplayName(options: StringOptions & { maxLength: number }) {
  return Patterned('^[^\\p{Cc}\\p{Cf}]*$', 'must not contain line breaks, tabs or other control characters, nor invisible format characters (bidi marks, zero-width spaces)', { minLength: 1, ...options });
}
