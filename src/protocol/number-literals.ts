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
    // 0 may be a literal too small for a double (`1e-400`).
    if (typeof value === 'number' && (value === 0 || !Number.isSafeInteger(value))) return true;
  }
  return false;
}

/** The parsed body, or — when it may hold a changed number — the text parsed again with its imprecise literals quoted. */
export function withNumbersAsWritten(text: string, body: unknown): unknown {
  if (!mayHoldChangedNumber(body)) return body;
  const quoted = quoteImpreciseNumbers(text);
  return quoted === text ? body : JSON.parse(quoted);
}

/** A cheap look for such a literal: any run of 16 digits, a fraction ending in 0 before a delimiter, or an exponent. */
const mayHoldLongNumber = /\d{16}|\.\d*0\s*[,}\]]|\d[eE]/;

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
      const exact = /[eE]/.test(literal) ? exponentAsDecimal(literal) : isImprecise(literal) ? literal : undefined;
      if (exact !== undefined) {
        out += `${text.slice(copiedTo, index)}"${exact}"`;
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

/**
 * A literal with an exponent as the plain decimal it names, digit for digit (`12345678901234567890e3`,
 * `5e-324`), its fraction's trailing zeros dropped as `15.0` reads `15`; undefined when it is malformed or its
 * exponent is beyond ±400 (JSON.parse then decides: infinite is refused, `1e-999` reads 0).
 */
function exponentAsDecimal(literal: string): string | undefined {
  const parts = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?[eE]([+-]?\d{1,3})$/.exec(literal);
  if (!parts) return undefined;
  const [, sign, whole, fraction = '', exponentText] = parts as unknown as [string, string, string, string | undefined, string];
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > 400) return undefined;
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const integer = point <= 0 ? '0' : point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point);
  const decimals = point <= 0 ? '0'.repeat(-point) + digits : point >= digits.length ? '' : digits.slice(point);
  const integerPart = integer.replace(/^0+(?=\d)/, '');
  const fractionPart = decimals.replace(/0+$/, '');
  const plain = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return /^0(?:\.0*)?$/.test(plain) ? '0' : `${sign}${plain}`;
}

/** More than 15 significant digits, or a trailing fractional 0 after another digit (literals without an exponent). */
function isImprecise(literal: string): boolean {
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?$/.test(literal)) return false;
  const digits = literal.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  // A fraction of zeros alone (`15.0`, what Python writes for a whole float) reads as before, `15`: a whole-number
  // parameter takes it.
  return digits.length > 15 || (literal.includes('.') && literal.endsWith('0') && !/\.0+$/.test(literal));
}
