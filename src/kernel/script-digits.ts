/**
 * The zero of each script's decimal digits that callers in India type: Devanagari, Bengali, Gurmukhi,
 * Gujarati, Odia, Tamil, Telugu, Kannada, Malayalam, the Arabic-Indic and extended Arabic-Indic
 * digits of Urdu, Ol Chiki (Santali), Meetei Mayek (Manipuri), Tibetan (Ladakh, Sikkim), Lepcha and
 * Limbu (Sikkim); and the full-width digits of East Asian keyboards. Each script's digits run from its
 * zero to its nine.
 */
const digitZeros = [0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0660, 0x06f0, 0x1c50, 0xabf0, 0x0f20, 0x1c40, 0x1946, 0xff10];
const scriptDigit = new RegExp(`[${digitZeros.map((zero) => `\\u{${zero.toString(16)}}-\\u{${(zero + 9).toString(16)}}`).join('')}]`, 'gu');
/** Any character beyond ASCII: text without one has no other script's digit (and nothing invisible) to read. */
export const nonAscii = /[^\x00-\x7f]/;

function asciiDigit(character: string): string {
  const code = character.codePointAt(0)!;
  for (const zero of digitZeros) if (code >= zero && code <= zero + 9) return String(code - zero);
  return character;
}

/**
 * `text` with those digits as ASCII (`९८२००१२३४५` → `9820012345`), for readers of numbers: an Indic
 * keyboard types them, and the number is the same. ASCII text is returned as it is, without a copy.
 */
export function asciiDigits(text: string): string {
  return nonAscii.test(text) ? scriptDigitsAsAscii(text) : text;
}

/** asciiDigits for text already known to hold a character beyond ASCII. */
export function scriptDigitsAsAscii(text: string): string {
  return text.replace(scriptDigit, asciiDigit);
}

const digitValues = new Map<number, string>();
const decimalDigit = /\p{Nd}/u;

/**
 * The ASCII digit a decimal digit of any script stands for (`๙` Thai, `𝟗` mathematical bold, `߉` NKo → `9`):
 * Unicode encodes each script's digits as ten code points in a row, 0 to 9, so the value is the distance from
 * the first digit of its row, modulo 10 (rows may follow each other, as the mathematical ones do). For masking,
 * which must hide a number in any script (src/observability/redact.ts); readers take only the scripts above.
 */
export function digitValue(digit: string): string {
  const code = digit.codePointAt(0)!;
  let value = digitValues.get(code);
  if (value === undefined) {
    let first = code;
    while (decimalDigit.test(String.fromCodePoint(first - 1))) first--;
    value = String((code - first) % 10);
    digitValues.set(code, value);
  }
  return value;
}
