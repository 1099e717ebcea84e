import { maskDigits, phoneNumberE164Uncached } from '../phone/contact-id.js';

/**
 * Reading a do-not-call scrub file (docs/methods/create-outbound.md, "Do-not-call lists"):
 * one number a line, or CSV whose first column is the number (`,` `;` or tab
 * separated, quotes allowed, other columns ignored). A first line without a
 * digit is a header; blank lines are skipped. National numbers are read with
 * the account's country, so `9876543210`, `09876543210` and `+91 98765 43210`
 * are one number.
 */

/** E.164 of a valid number of `region` (or with its own country code), else undefined. Uncached: an import's numbers are seen once. */
export function scrubNumberE164(text: string, region: string): string | undefined {
  return phoneNumberE164Uncached(text, region, { minLength: 4 });
}

/**
 * A bad value as an answer may show it: a value with six or more digits may
 * be someone's number and is masked, its first and last two digits kept and
 * its length said (`"98XXXXXXX01" (11 digits)`), so the row can be found; a
 * spreadsheet's scientific notation (`9.87654E+09`, the number already lost)
 * is named as such; a long value is not repeated.
 */
export function describeBadNumber(text: string): string {
  if (/^\d(?:[.,]\d+)?e\+?\d{1,2}$/i.test(text.trim())) return `"${text.trim()}" (a spreadsheet's scientific notation: format the column as text and export again)`;
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 6) return `"${maskDigits(digits)}" (${digits.length} digits)`;
  return text.length > 24 ? 'the value' : `"${text}"`;
}

/**
 * What an answer says of a value that is no number of the list: a control character in it is
 * named (`"98XXXXXX13" (10 digits) contains a control character (U+0000)`), since the masked
 * value would otherwise look like a valid number; else that it is not a valid phone number.
 */
export function badNumberMessage(text: string, region: string): string {
  const control = /\p{Cc}/u.exec(text)?.[0];
  if (control !== undefined) {
    return `${describeBadNumber(text)} contains a control character (U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}): it is no phone number`;
  }
  return `${describeBadNumber(text)} is not a valid phone number for ${region} or with its country code`;
}

/** The number field of one line: the first column, unquoted and trimmed; undefined for a blank line. */
export function numberField(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed === '') return undefined;
  let field: string;
  if (trimmed.startsWith('"')) {
    const end = trimmed.indexOf('"', 1);
    field = end === -1 ? trimmed.slice(1) : trimmed.slice(1, end);
  } else {
    const separator = trimmed.search(/[,;\t]/);
    field = separator === -1 ? trimmed : trimmed.slice(0, separator);
  }
  return field.trim();
}

export interface BadRow {
  line: number;
  /** Says what is wrong; a number-like value appears masked (`98XXXXXX01`), never whole. */
  message: string;
}

export interface ScrubFileLimits {
  /** Largest file in bytes; reading stops with `tooLarge` past it. */
  maxBytes: number;
  /** Bad rows named in the answer; the rest are only counted. Default 100. */
  maxBadRowsShown?: number;
}

export interface ScrubFile {
  /** Distinct valid numbers in ascending order, E.164; iterable any number of times. */
  numbers: Iterable<string>;
  /** How many distinct valid numbers the file holds. */
  distinct: number;
  /** Data rows read (blank lines and the header aside). */
  rows: number;
  badRows: BadRow[];
  badRowCount: number;
  /** True when the file passed `maxBytes`; nothing else is meaningful then. */
  tooLarge: boolean;
}

/**
 * Reads a whole scrub file from a stream before anything is stored, holding
 * each valid number as an 8-byte float (E.164 has at most 15 digits, exact in
 * a double) rather than a string: a million rows take 8 MiB, then are sorted
 * and deduplicated in place.
 */
export async function readScrubFile(chunks: AsyncIterable<Buffer | string>, region: string, limits: ScrubFileLimits): Promise<ScrubFile> {
  const maxShown = limits.maxBadRowsShown ?? 100;
  const decoder = new TextDecoder('utf-8');
  let values = new Float64Array(1024);
  let count = 0;
  let rows = 0;
  let lineNumber = 0;
  let sawData = false;
  let bytes = 0;
  let pending = '';
  const badRows: BadRow[] = [];
  let badRowCount = 0;

  const bad = (line: number, message: string) => {
    badRowCount += 1;
    if (badRows.length < maxShown) badRows.push({ line, message });
  };

  const readLine = (line: string) => {
    lineNumber += 1;
    const field = numberField(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line);
    if (field === undefined) return;
    if (!sawData) {
      sawData = true;
      if (!/\d/.test(field)) return; // a header such as "number" or "phone,name"
    }
    rows += 1;
    if (field === '') return bad(lineNumber, 'has no number in its first column');
    const e164 = scrubNumberE164(field, region);
    if (e164 === undefined) {
      return bad(lineNumber, badNumberMessage(field, region));
    }
    if (count === values.length) {
      const grown = new Float64Array(values.length * 2);
      grown.set(values);
      values = grown;
    }
    values[count] = Number(e164.slice(1));
    count += 1;
  };

  for await (const chunk of chunks) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > limits.maxBytes) return { numbers: [], distinct: 0, rows, badRows, badRowCount, tooLarge: true };
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    // CRLF, LF or CR (a spreadsheet's "CSV (Macintosh)"); a CR that ends the chunk waits for a LF after it.
    const heldCr = pending.endsWith('\r');
    const lines = (heldCr ? pending.slice(0, -1) : pending).split(/\r\n|\r|\n/);
    pending = (lines.pop() ?? '') + (heldCr ? '\r' : '');
    for (const line of lines) readLine(line);
  }
  pending += decoder.decode();
  for (const line of pending.split(/\r\n|\r|\n/)) if (line !== '') readLine(line);

  // Sorted, then the distinct values moved to the front in place.
  const sorted = values.subarray(0, count).sort();
  let distinct = 0;
  for (let index = 0; index < sorted.length; index += 1) {
    if (index === 0 || sorted[index] !== sorted[distinct - 1]) sorted[distinct++] = sorted[index] as number;
  }
  const unique = sorted.subarray(0, distinct);
  const numbers = {
    *[Symbol.iterator]() {
      for (const value of unique) yield `+${value}`;
    },
  };
  return { numbers, distinct, rows, badRows, badRowCount, tooLarge: false };
}
