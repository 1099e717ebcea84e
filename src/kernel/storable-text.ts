// Half of a surrogate pair without the other half (`"\ud800"` in JSON) is no character of Unicode.
// With the `u` flag a whole pair is one code point, so only a lone half matches.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/**
 * Why a text could not be stored alike on both databases (`contains a NUL character (U+0000)`), or
 * undefined: PostgreSQL refuses U+0000 in text where SQLite keeps it, and the drivers write a lone
 * surrogate as one U+FFFD (PostgreSQL) or three (SQLite). Said after the field's name.
 */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (loneSurrogate.test(text)) return 'is not valid Unicode text: it holds half of a surrogate pair (such as \\ud800) without the other';
  return undefined;
}
