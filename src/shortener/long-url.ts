/** Longest long URL accepted, in characters. */
export const maxLongUrlLength = 2048;

import { lookalikeHostWarnings } from './lookalike-host.js';

export type LongUrlCheck = { ok: true; url: string; warnings: string[] } | { ok: false; reason: string };

/**
 * Whether a value may be a redirect target: a string holding an absolute
 * `http`/`https` URL of at most 2048 characters, with a host, no whitespace,
 * control characters, backslash or user info, parsed by the WHATWG URL parser. An ASCII URL is kept
 * as the caller wrote it (not re-serialised), so the same text finds the same
 * link; a URL with other characters becomes its WHATWG `href` (punycode host,
 * percent-encoded path and query), which is what a browser would request and
 * what a Location header can carry. `warnings` flags a look-alike host.
 */
export function checkLongUrl(value: unknown): LongUrlCheck {
  if (typeof value !== 'string') return { ok: false, reason: 'longUrl must be a string' };
  if (value.length === 0) return { ok: false, reason: 'longUrl is empty' };
  if (value.length > maxLongUrlLength) return { ok: false, reason: `longUrl is longer than ${maxLongUrlLength} characters` };
  // The URL parser would silently strip tabs and newlines and trim spaces; a
  // link with them is a mistake or an attempt to hide something.
  if (/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.test(value)) {
    return { ok: false, reason: 'longUrl contains whitespace or control characters' };
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { ok: false, reason: 'longUrl is not an absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `longUrl must use http or https, not ${parsed.protocol.slice(0, 20)}` };
  }
  // "http:example.com" parses (the parser is lenient) but is not what anyone means.
  if (!/^https?:\/\//i.test(value) || parsed.hostname === '') return { ok: false, reason: 'longUrl must be an absolute URL with a host' };
  // A browser reads `\` as `/` (https://evil.com\@good.com goes to evil.com), other readers do not.
  if (value.includes('\\')) return { ok: false, reason: 'longUrl contains a backslash: write / or %5C' };
  // `https://good.com@evil.com` shows one host and goes to another; credentials would be handed to every visitor.
  const authority = value.slice(value.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@') || parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'longUrl must not carry user info (user:password@ or user@ before the host)' };
  }
  return { ok: true, url: /[^\x00-\x7f]/.test(value) ? parsed.href : value, warnings: lookalikeHostWarnings(parsed.hostname) };
}
