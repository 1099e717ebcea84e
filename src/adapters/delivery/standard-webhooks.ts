import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (standardwebhooks.com), the signing side and the
 * verification of what dialers send back (docs/methods/create-outbound.md).
 * The project's tests check every signature made here with the
 * `standardwebhooks` package, the receivers' own library.
 */

const prefix = 'whsec_';
/** How far a received webhook-timestamp may be from the wall clock (the specification's 5 minutes). */
export const timestampToleranceSeconds = 5 * 60;

/** A new secret in the specification's form: `whsec_` + base64 of 32 random bytes. */
export function generateSecret(): string {
  return prefix + randomBytes(32).toString('base64');
}

/** The HMAC key of a secret, as the specification's libraries read it: base64 after an optional `whsec_`. */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(prefix) ? secret.slice(prefix.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of a message; with several secrets (a rotation's grace period) one signature each, space-separated. */
export function signedHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => sign(secret, id, timestamp, body)).join(' '),
  };
}

export type Verification = { ok: true; id: string } | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'no-matching-signature' };

/**
 * Checks a received message against any of `secrets`: the three headers, a
 * timestamp within five minutes of `nowSeconds` (wall clock), and one `v1`
 * signature matching, compared in constant time.
 */
export function verify(secrets: readonly string[], headers: Record<string, string | string[] | undefined>, body: string, nowSeconds: number): Verification {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestampText = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestampText || !signatures) return { ok: false, reason: 'missing-headers' };
  const timestamp = Number(timestampText);
  if (!/^\d{1,12}$/.test(timestampText) || Math.abs(nowSeconds - timestamp) > timestampToleranceSeconds) return { ok: false, reason: 'stale-timestamp' };
  const given = signatures
    .split(' ')
    .filter((signature) => signature.startsWith('v1,'))
    .map((signature) => Buffer.from(signature.slice(3)));
  for (const secret of secrets) {
    const expected = Buffer.from(sign(secret, id, timestamp, body).slice(3));
    if (given.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected))) return { ok: true, id };
  }
  return { ok: false, reason: 'no-matching-signature' };
}
