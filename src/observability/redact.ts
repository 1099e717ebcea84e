import { maskPhone, numberText } from '../phone/contact-id.js';

// Ten or more digits in a row: a phone number (national or with its country code).
const digitRuns = /\+?\d{10,}/g;
// Digits with the separators people write numbers with; isWrittenNumber decides.
const writtenRuns = /[+(]?\d[\d\s().-]*\d/g;

/**
 * Masks every phone number as `98XXXXXX45`, for text that may echo what a
 * caller or a provider said (error messages, a dialer's reason, a refused
 * date text, an id): a run of ten or more digits, and a number written in
 * groups (`+91-98123-45678`, `98123 45678`, `(022) 4000 1234`).
 */
export function maskPhoneNumbers(written: string): string {
  // A number in an Indic script's digits, or with a zero-width space inside, is a number too: such text is logged as numberText reads it.
  const text = numberText(written);
  return text.replace(writtenRuns, (run) => (isWrittenNumber(run) ? maskPhone(run) : run.replace(digitRuns, (digits) => maskPhone(digits))));
}

/**
 * 10 to 15 digits in groups of three or more after the first (a country
 * code or an STD code may be shorter): a phone number as written, where a
 * date and time (`15-12-2026 10`, `2026-12-07 10`) has groups of one or two.
 */
function isWrittenNumber(run: string): boolean {
  const groups = run.match(/\d+/g) ?? [];
  if (groups.length < 2) return false;
  const digits = groups.reduce((sum, group) => sum + group.length, 0);
  return digits >= 10 && digits <= 15 && groups.slice(1).every((group) => group.length >= 3);
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
