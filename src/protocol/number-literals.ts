/**
 * A JSON number a flow sends is read as the text it wrote (docs/protocol.md, "Values"): JSON.parse would
 * make `123456789012345678` (an account number) 123456789012345680 and `1250.10` (an amount) 1250.1. Numbers
 * whose text a double does not keep — more than 15 significant digits, or a fraction ending in 0 after
 * another digit — are quoted and the text parsed again, so they arrive as the string written; every other
 * number parses as before (`15.0` is 15). Only a body whose parsed values hold such a number is parsed
 * again (mayHoldChangedNumber: 11 ns a usual body, where scanning its text cost 430 ns).
 */

/**
 * Whether a parsed webhook body holds a number its text may not have given exactly: one that is no safe
 * integer (a fraction, or past 2^53). Only then is the text parsed again with quoteImpreciseNumbers, so a
 * usual body (strings and small whole numbers) costs a look at its values, not a scan of its text.
 */
export function mayHoldChangedNumber(body: unknown): boolean {
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) return false;
  for (const entry of keys) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value === 'number' && !Number.isSafeInteger(value)) return true;
  }
  return false;
}

/** A cheap look for such a literal: any run of 16 digits, or a fraction ending in 0 before a delimiter. */
const mayHoldLongNumber = /\d{16}|\.\d*0\s*[,}\]]/;

/** The JSON text with its imprecise number literals quoted; the same text when it has none (almost always). */
export function quoteImpreciseNumbers(text: string): string {
  if (!mayHoldLongNumber.test(text)) return text;
  let out = '';
  let copiedTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x22 /* " */) {
      index = endOfString(text, index);
      continue;
    }
    if (char === 0x2d /* - */ || (char >= 0x30 && char <= 0x39)) {
      const end = endOfNumber(text, index);
      const literal = text.slice(index, end);
      if (isImprecise(literal)) {
        out += `${text.slice(copiedTo, index)}"${literal}"`;
        copiedTo = end;
      }
      index = end;
      continue;
    }
    index++;
  }
  return copiedTo === 0 ? text : out + text.slice(copiedTo);
}

/** The index after the string that opens at `start` (its closing quote included; escapes skipped). */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 0x5c /* \ */) index += 2;
    else if (char === 0x22) return index + 1;
    else index++;
  }
  return index;
}

/** The index after the number literal at `start` (JSON's grammar; what is malformed is left for JSON.parse to refuse). */
function endOfNumber(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && /[0-9.eE+-]/.test(text[index]!)) index++;
  return index;
}

/** A literal with an exponent keeps its reading (written in plain decimal later); else more than 15 significant digits, or a trailing fractional 0 after another digit. */
function isImprecise(literal: string): boolean {
  if (/[eE]/.test(literal) || !/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(literal)) return false;
  const digits = literal.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  // A fraction of zeros alone (`15.0`, what Python writes for a whole float) reads as before, `15`: a whole-number
  // parameter takes it.
  return digits.length > 15 || (literal.includes('.') && literal.endsWith('0') && !/\.0+$/.test(literal));
}
