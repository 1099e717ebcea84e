import { hash, timingSafeEqual } from 'node:crypto';

/**
 * SHA-256 of a text, hex. Tokens and secrets are long random strings, so one
 * SHA-256 is enough to store them safely (docs/security.md); the database
 * keeps this, never the secret.
 */
export function sha256Hex(text: string): string {
  // The one-shot form (Node 20.12): no Hash object a call, which translateText's cache key pays for on every call.
  return hash('sha256', text, 'hex');
}

/**
 * Whether `secret` is the one whose sha256Hex is `storedHex`, compared in
 * constant time: digests have one length, so the time taken says nothing
 * about how much of a guess was right.
 */
export function matchesSha256Hex(secret: string, storedHex: string): boolean {
  return timingSafeEqual(hash('sha256', secret, 'buffer'), Buffer.from(storedHex, 'hex'));
}
