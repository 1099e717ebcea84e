import { describe, expect, it } from 'vitest';
import { maskPhoneNumbers, redactUrls, safeErrorMessage } from './redact.js';

describe('log masking', () => {
  it('masks every run of ten or more digits as a phone number and keeps shorter numbers', () => {
    expect(maskPhoneNumbers('dialer refused +919876543210 and 9812345645; attempt 3 of 8, HTTP 500')).toBe(
      'dialer refused 98XXXXXX10 and 98XXXXXX45; attempt 3 of 8, HTTP 500',
    );
  });

  it('drops the query, fragment and user info of URLs, keeping host and path', () => {
    expect(redactUrls('GET https://user:pass@translation.googleapis.com/language/translate/v2?key=AIzaSecret#x failed')).toBe(
      'GET https://translation.googleapis.com/language/translate/v2?… failed',
    );
    expect(redactUrls('see http://dialer.example.com/dial for details')).toBe('see http://dialer.example.com/dial for details');
  });

  it('makes an error message safe to log', () => {
    expect(safeErrorMessage(new Error('getaddrinfo ENOTFOUND 9876543210.dialer.example.com at http://x.example/?cli=9876543210'))).toBe(
      'getaddrinfo ENOTFOUND 98XXXXXX10.dialer.example.com at http://x.example/?…',
    );
    expect(safeErrorMessage('plain text')).toBe('plain text');
  });
});
