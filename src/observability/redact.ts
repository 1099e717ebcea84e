import { maskPhone } from '../phone/contact-id.js';

// Ten or more digits in a row: a phone number (national or with its country code).
const digitRuns = /\+?\d{10,}/g;

/**
 * Masks every run of ten or more digits as a phone number (`98XXXXXX45`), for
 * text that may echo what a caller or a provider said: error messages, a
 * dialer's reason.
 */
export function maskPhoneNumbers(text: string): string {
  return text.replace(digitRuns, (digits) => maskPhone(digits));
}

// Query strings and user info of URLs may carry keys, secrets or numbers.
const urlSecrets = /\b(https?:\/\/)(?:[^\s/@]+@)?([^\s?#]*)[?#]\S*/gi;

/** Keeps a URL's scheme, host and path; drops user info, query and fragment. */
export function redactUrls(text: string): string {
  return text.replace(urlSecrets, '$1$2?…');
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
