import { allTestSecrets } from './secrets.js';

/** Credentials the tests use (test/secrets.ts). None may ever appear in a log line. */
export const testSecrets: readonly string[] = allTestSecrets();

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
// Pino's own epoch-millisecond time stamp is the one long number a line may carry.
const timeField = /"time":\d+/;
const generatedToken = /\bfh_[A-Za-z0-9_-]{32}\b/;
const generatedSecret = /\b[0-9a-f]{64}\b/i;
// Standing alone: digits inside a word (a random schema name, a hex id) are not a number someone dialled.
const phoneNumber = /(?<![A-Za-z0-9_])\+?\d{10,}(?![A-Za-z0-9_])/;

export interface Leak {
  line: string;
  what: string;
}

/** Every log line that carries a test secret, a generated token or secret, or an unmasked phone number (10+ digits). */
export function findLeaks(log: string, secrets: readonly string[] = testSecrets): Leak[] {
  const leaks: Leak[] = [];
  for (const line of log.split('\n')) {
    if (!line.trim()) continue;
    const secret = secrets.find((candidate) => line.includes(candidate));
    if (secret) {
      leaks.push({ line, what: `the test secret "${secret}"` });
      continue;
    }
    if (generatedToken.test(line)) {
      leaks.push({ line, what: 'a generated token (fh_…)' });
      continue;
    }
    const scanned = line.replace(timeField, '').replace(uuid, 'uuid');
    if (generatedSecret.test(scanned)) leaks.push({ line, what: 'a 64-hex-digit secret (security id, dialer secret)' });
    else if (phoneNumber.test(scanned)) leaks.push({ line, what: 'an unmasked phone number (10+ digits in a row)' });
  }
  return leaks;
}
