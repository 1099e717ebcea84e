import { Type, type StringOptions } from '@sinclair/typebox';

/**
 * No control characters (line breaks, tabs…) and no invisible format characters (bidi
 * overrides, zero-width spaces and joiners): a name is shown on one line in the console and
 * in exports, and such characters would break that line or show another name than the one stored.
 */
export const displayNamePattern = '^[^\\p{Cc}\\p{Cf}]*$';
/** What a refused name is told (src/protocol/http-errors.ts says it instead of the pattern). */
export const displayNameProblem = 'must not contain line breaks, tabs or other control characters, nor invisible format characters (bidi marks, zero-width spaces)';

/** A name people read (an account's, a flow's, an agent's, a holiday's…): 1 to `maxLength` characters, none of the above. */
export function DisplayName(options: StringOptions & { maxLength: number }) {
  return Type.String({ minLength: 1, pattern: displayNamePattern, ...options });
}
