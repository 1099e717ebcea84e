import { describe, expect, it } from 'vitest';
import { findLeaks } from './log-leaks.js';
import { webhookToken } from './support.js';

const line = (fields: Record<string, unknown>) => JSON.stringify({ level: 30, time: 1764381349000, pid: 4242, reqId: '0b9d6f7e-1234-4567-8901-234567890123', ...fields });

describe('the suite log check', () => {
  it('passes lines with masked numbers, ids and time stamps', () => {
    expect(
      findLeaks(
        [
          line({ msg: 'request completed', contact: '98XXXXXX10', durationMs: 1.25 }),
          line({ jobId: '11111111-2222-3333-4444-555555555555' }),
          line({ database: 'postgres://127.0.0.1:5432/test (schema fh_test_c51464341773)' }),
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('finds a test token, a generated token, a 64-hex secret and an unmasked phone number', () => {
    const leaks = findLeaks(
      [
        line({ msg: 'oops', authorization: `Bearer ${webhookToken}` }),
        line({ token: 'fh_abcdefghijklmnopqrstuvwxyz012345' }),
        line({ securityId: 'a'.repeat(64) }),
        line({ error: 'dialer unreachable: +919876543210' }),
        line({ url: 'http://dialer.example.com/dial?cli=9876543210' }),
      ].join('\n'),
    );
    expect(leaks.map((leak) => leak.what)).toEqual([
      `the test secret "${webhookToken}"`,
      'a generated token (fh_…)',
      'a 64-hex-digit secret (security id, dialer secret)',
      'an unmasked phone number (10+ digits in a row)',
      'an unmasked phone number (10+ digits in a row)',
    ]);
  });
});
