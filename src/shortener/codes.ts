import { randomBytesPooled } from '../kernel/random-pool.js';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62 × 4 = 248: bytes at or above it are dropped so every character is equally likely. */
const byteLimit = 248;

/** Length of generated codes: 62^8 ≈ 2.2 × 10^14 possibilities. */
export const codeLength = 8;

/**
 * A random base62 string from the CSPRNG (pooled, src/kernel/random-pool.ts), by rejection sampling (no modulo bias).
 * `bytes` is the source of random bytes (tests pass a fixed one).
 */
export function randomBase62(length: number = codeLength, bytes: (size: number) => Uint8Array = randomBytesPooled): string {
  let text = '';
  while (text.length < length) {
    for (const byte of bytes(length + 8)) {
      if (byte >= byteLimit) continue;
      text += alphabet[byte % 62];
      if (text.length === length) break;
    }
  }
  return text;
}

/**
 * First path segments that belong to the service itself; a custom slug may not
 * take them (in any case), and `GET /{code}` never answers for them.
 */
export const reservedPaths: readonly string[] = [
  'api', 'webhook', 'console', 'docs', 'healthz', 'readyz', 'metrics', 'openapi.json', 'postman.json', 'UrlShortner',
  'favicon.ico', 'robots.txt',
];
const reservedLower = new Set(reservedPaths.map((path) => path.toLowerCase()));

export function isReservedPath(segment: string): boolean {
  return reservedLower.has(segment.toLowerCase());
}

/** Custom slugs: 3–64 letters, digits, `-` or `_` (case-sensitive, like codes). */
export const slugPattern = /^[A-Za-z0-9_-]{3,64}$/;

/** Why a custom slug cannot be used, or undefined when it can. */
export function slugProblem(slug: string): string | undefined {
  if (!slugPattern.test(slug)) return 'must be 3–64 letters, digits, "-" or "_"';
  if (isReservedPath(slug)) return `"${slug}" is reserved by the service`;
  return undefined;
}

/** A path segment that could be a code or slug; anything else is 404 without a lookup. */
export const codePattern = /^[A-Za-z0-9_-]{3,64}$/;
