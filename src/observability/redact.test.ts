import { describe, expect, it } from 'vitest';
import { maskPhoneNumbers, redactUrls, safeErrorMessage, withoutUserInfo } from './redact.js';

describe('log masking', () => {
  it('masks every run of ten or more digits as a phone number and keeps shorter numbers', () => {
    expect(maskPhoneNumbers('dialer refused +919876543210 and 9812345645; attempt 3 of 8, HTTP 500')).toBe(
      'dialer refused 98XXXXXX10 and 98XXXXXX45; attempt 3 of 8, HTTP 500',
    );
  });

  it('masks a number written in groups, and leaves dates, times and short numbers alone', () => {
    expect(maskPhoneNumbers('call +91-98123-45678 or 98123 45678 or (022) 4000 1234 today')).toBe('call 98XXXXXX78 or 98XXXXXX78 or 22XXXXXX34 today');
    for (const kept of ['15-12-2026 10:30', '2026-12-07 10 am', '1 5 1 2 2 0 2 6', 'attempt 3 of 8', '10.0.0.1', '4000 1234']) expect(maskPhoneNumbers(kept)).toBe(kept);
  });

  it('masks a number written in an Indic script\'s or full-width digits, or with a zero-width space inside', () => {
    expect(maskPhoneNumbers('flow-९८७६५४३२१० and ৯৮১২৩ ৪৫৬৭৮')).toBe('flow-98XXXXXX10 and 98XXXXXX78');
    expect(maskPhoneNumbers('ref 98765\u200b43210, ９８７６５４３２１０')).toBe('ref 98XXXXXX10, 98XXXXXX10');
  });

  it('drops the query, fragment and user info of URLs, keeping host and path', () => {
    expect(redactUrls('GET https://user:pass@translation.googleapis.com/language/translate/v2?key=AIzaSecret#x failed')).toBe(
      'GET https://translation.googleapis.com/language/translate/v2?… failed',
    );
    expect(redactUrls('see http://dialer.example.com/dial for details')).toBe('see http://dialer.example.com/dial for details');
  });

  it('drops user info from URLs that have no query or fragment, whatever the scheme', () => {
    expect(redactUrls('POST http://dialer:hunter2pw@dialer.example.com/dial failed')).toBe('POST http://dialer.example.com/dial failed');
    expect(redactUrls('(http://user:p@ss:w0rd@10.0.0.1:8080)')).toBe('(http://10.0.0.1:8080)');
    expect(redactUrls('connect to postgres://flowhooks:dbsecret@db.internal:5432/prod refused')).toBe('connect to postgres://db.internal:5432/prod refused');
    expect(redactUrls('HTTPS://A:B@Host.example')).toBe('HTTPS://Host.example');
    expect(redactUrls('mail ops@example.com about http://example.com/a@b')).toBe('mail ops@example.com about http://example.com/a@b');
  });

  it('shows a stored URL without its user info', () => {
    expect(withoutUserInfo('https://dialer:hunter2pw@dialer.example.com/dial?x=1')).toBe('https://dialer.example.com/dial?x=1');
    expect(withoutUserInfo('https://dialer.example.com/dial')).toBe('https://dialer.example.com/dial');
  });

  it('makes an error message safe to log', () => {
    expect(safeErrorMessage(new Error('getaddrinfo ENOTFOUND 9876543210.dialer.example.com at http://x.example/?cli=9876543210'))).toBe(
      'getaddrinfo ENOTFOUND 98XXXXXX10.dialer.example.com at http://x.example/?…',
    );
    expect(safeErrorMessage('plain text')).toBe('plain text');
  });
});
