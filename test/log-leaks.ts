import { adminToken, webhookToken } from './support.js';

/**
 * Credentials the tests use. None may ever appear in a log line; add a test's
 * secret here when it introduces one.
 */
export const testSecrets = [
  adminToken,
  webhookToken,
  'metrics-token-for-tests-0001',
  'whsec_ZGlhbGVyLXNlY3JldC1mb3ItdGVzdHMtMDAwMQ==',
  'whsec_ZGlhbGVyLXNlY3JldC1mb3ItcHJvY2Vzcy0wMQ==',
  'whsec_ZGlhbGVyLXNlY3JldC1mb3ItbWV0cmljcy0wMQ==',
  'whsec_ZGlhbGVyLXNlY3JldC1mb3Itc2h1dGRvd24tMDE=',
  'whsec_ZGlhbGVyLXNlY3JldC1mb3ItcG9zdG1hbi0wMQ==',
  `whsec_${Buffer.from('outbound-loop-dialer-secret-01').toString('base64')}`,
  // The secret part alone: a log line must not carry it even without its prefix.
  Buffer.from('outbound-loop-dialer-secret-01').toString('base64'),
  'translation-key-for-metrics-01',
  'server-side-key-0001',
  'secret-key-123',
  'call-key-0002',
  'call-key-AIzaSyExample0000000000',
  'support-token-1',
  'private-token-1',
  'brand-token-1',
  'bot-token-123',
  'limits-cust-token',
  'metrics-cust-token',
];

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
