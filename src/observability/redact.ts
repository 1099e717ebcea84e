import { maskDigits, numberText } from '../phone/contact-id.js';
import { digitValue } from '../kernel/script-digits.js';

// A decimal digit of any script (ASCII, Devanagari, Thai, Myanmar, NKo, full-width, mathematical bold…), with the
// marks that may follow it: an emoji keycap's U+FE0F U+20E3, a combining accent.
const digit = String.raw`\p{Nd}\p{M}*`;
// What people write between a number's digit groups: white space and line breaks, dots, dashes of every kind,
// slashes, brackets (full-width too) and invisible format characters.
const separator = String.raw`[\s/().\-\u2010-\u2015\u2212\ufe58\ufe63\uff08\uff09\uff0d\uff0f\p{Cf}]`;
// Digits with the separators people write numbers with; isWrittenNumber decides.
const writtenRuns = new RegExp(`[+\uff0b(\uff08]?${digit}(?:${separator}*${digit})*`, 'gu');
// Ten or more digits in a row: a phone number (national or with its country code).
const digitRuns = new RegExp(`[+\uff0b]?(?:${digit}){10,}`, 'gu');
const digitGroups = new RegExp(`(?:${digit})+`, 'gu');
const digitWithMarks = new RegExp(digit, 'gu');

/** A phone number found in a text: where it stands, and where each of its digits does (with the marks after it). */
interface NumberSpan {
  start: number;
  end: number;
  digits: Array<{ at: number; length: number; value: string }>;
}

/**
 * The phone numbers in `text`, by one rule for every masking: a run of ten or more digits, and a number written
 * in groups (`+91-98123-45678`, `98123 45678`, `(022) 4000 1234`, `098200/12345`, split across lines), in the
 * digits of any script, emoji keycaps and digits with combining marks included.
 */
function numberSpans(text: string): NumberSpan[] {
  const spans: NumberSpan[] = [];
  const spanOf = (written: string, start: number): NumberSpan => ({
    start,
    end: start + written.length,
    digits: [...written.matchAll(digitWithMarks)].map((found) => ({ at: start + found.index, length: found[0].length, value: digitValue(found[0]) })),
  });
  for (const run of text.matchAll(writtenRuns)) {
    if (isWrittenNumber(run[0])) spans.push(spanOf(run[0], run.index));
    else for (const digits of run[0].matchAll(digitRuns)) spans.push(spanOf(digits[0], run.index + digits.index));
  }
  return spans;
}

/**
 * Masks every phone number as `98XXXXXX45`, for text that may echo what a
 * caller or a provider said (error messages, a dialer's reason, a refused
 * date text, an id): a run of ten or more digits, and a number written in
 * groups (`+91-98123-45678`, `98123 45678`, `(022) 4000 1234`), in any script's digits.
 */
export function maskPhoneNumbers(written: string): string {
  // A number with a zero-width space inside is a number too: such text is logged as numberText reads it.
  const text = numberText(written);
  return maskPhoneNumbersIn(text, [[0, text.length]])[0]!;
}

/**
 * The parts of `text` at `ranges` (start and end offsets) with every phone number in `text` masked by one rule,
 * for echoing pieces of a text (the invalid entries of a number list): a number a part holds whole is
 * `98XXXXXX45`, as maskPhoneNumbers writes it; a piece of one, where the list was split inside a number (at
 * spaces or lines: `+91 98200`, `12345`), keeps its characters but each digit an `X`, except two at each end of
 * the number's last ten (`+XX 98XXX`, `XXX45`). The numbers are found in the whole text, so no piece shows a
 * number that the pieces together spell.
 */
export function maskPhoneNumbersIn(text: string, ranges: ReadonlyArray<readonly [number, number]>): string[] {
  const spans = numberSpans(text);
  return ranges.map(([start, end]) => {
    let part = '';
    let at = start;
    for (const span of spans) {
      if (span.end <= start || span.start >= end) continue;
      if (span.start >= start && span.end <= end) {
        part += `${text.slice(at, span.start)}${maskDigits(span.digits.slice(-10).map((found) => found.value).join(''))}`;
        at = span.end;
        continue;
      }
      span.digits.forEach((found, index) => {
        if (found.at < at || found.at >= end) return;
        const kept = index === span.digits.length - 10 || index === span.digits.length - 9 || index >= span.digits.length - 2;
        part += `${text.slice(at, found.at)}${kept ? text.slice(found.at, found.at + found.length) : 'X'}`;
        at = found.at + found.length;
      });
    }
    return part + text.slice(at, end);
  });
}

/**
 * 10 to 15 digits in groups of three or more after the first (a country
 * code or an STD code may be shorter): a phone number as written, where a
 * date and time (`15-12-2026 10`, `2026-12-07 10`) has groups of one or two.
 * After a `+`, which no date has, the STD code after the country code may be
 * short too (`+91 22 2222 1234`, `+44 20 7946 0958`): the last group decides.
 */
function isWrittenNumber(run: string): boolean {
  const groups = (run.match(digitGroups) ?? []).map((group) => group.match(digitWithMarks)!.length);
  if (groups.length < 2) return false;
  const digits = groups.reduce((sum, group) => sum + group, 0);
  const international = /^[+\uff0b]/.test(run);
  return digits >= 10 && digits <= 15 && (international ? groups.at(-1)! >= 3 : groups.slice(1).every((group) => group >= 3));
}

// Any scheme://[user info@]host/path[?query][#fragment]: user info and queries may carry passwords, keys or numbers.
// The user info runs to the last "@" before the path, as the URL parser reads it.
const urlSecrets = /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#]*@)?([^\s?#]*)([?#]\S*)?/gi;

/** Keeps a URL's scheme, host and path; drops user info, query and fragment (a query is shown as `?…`). */
export function redactUrls(text: string): string {
  return text.replace(urlSecrets, (_url, scheme: string, rest: string, query: string | undefined) => `${scheme}${rest}${query ? '?…' : ''}`);
}

/** The URL without its user info (`user:password@`), for showing a stored URL; anything not a URL is returned as is. */
export function withoutUserInfo(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.username && !parsed.password) return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/** Masks what an error message may echo (numbers, URLs with keys), for a log line. */
export function safeErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactUrls(maskPhoneNumbers(message));
}

/**
 * Pino `redact` paths: the second line of defence. No code logs these fields,
 * but should one ever log a request, a header set, a flow or a delivery, the
 * secrets in it are replaced. Exact paths only: wildcard paths made every log
 * line several microseconds slower.
 */
export const redactedLogPaths = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'token',
  'apiKey',
  'api_key',
  'secret',
  'dialerSecret',
  'securityId',
  'custToken',
  'password',
  'flow.dialerSecret',
  'flow.securityId',
  'delivery.secret',
];
