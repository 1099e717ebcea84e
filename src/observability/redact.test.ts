import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitValue } from '../kernel/script-digits.js';
import { maskPhoneNumbers, maskPhoneNumbersIn, redactUrls, safeErrorMessage, withoutUserInfo } from './redact.js';

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

  // Digits a text shows, in ASCII, whatever script they are written in.
  const shownDigits = (text: string) => [...text.matchAll(/\p{Nd}/gu)].map((found) => digitValue(found[0])).join('');
  // The zero of a script's digits: ASCII, Devanagari, Thai, Myanmar, NKo, full-width, mathematical bold and sans-serif.
  const zeros = [0x30, 0x966, 0xe50, 0x1040, 0x7c0, 0xff10, 0x1d7ce, 0x1d7e2];
  const inScript = (digits: string, zero: number, mark: string) => [...digits].map((d) => `${String.fromCodePoint(zero + Number(d))}${mark}`).join('');
  const written = fc.record({
    national: fc.stringMatching(/^[6-9][0-9]{9}$/),
    zero: fc.constantFrom(...zeros),
    // Nothing, an emoji keycap (U+FE0F U+20E3), a combining acute accent.
    mark: fc.constantFrom('', '\ufe0f\u20e3', '\u0301'),
    separator: fc.constantFrom('', ' ', '/', '\n', '-', '.', ' / '),
    groups: fc.constantFrom([5, 5], [3, 3, 4], [6, 4], [2, 4, 4], [10]),
    prefix: fc.constantFrom('', '+91 ', '0'),
  });
  const writtenText = ({ national, zero, mark, separator, groups, prefix }: fc.RecordValue<typeof written extends fc.Arbitrary<infer T> ? T : never>) => {
    let at = 0;
    const parts = groups.map((size) => national.slice(at, (at += size)));
    return `${prefix}${parts.map((part) => inScript(part, zero, mark)).join(separator)}`;
  };

  it('masks a number in the digits of any script, as emoji keycaps or with combining marks, split by slashes, spaces or lines', () => {
    for (const text of ['๙๘๒๐๐๑๒๓๔๕', '၉၈၂၀၀၁၂၃၄၅', '߉߈߂߀߀߁߂߃߄߅', '𝟗𝟖𝟐𝟎𝟎𝟏𝟐𝟑𝟒𝟓', '9️⃣8️⃣2️⃣0️⃣0️⃣1️⃣2️⃣3️⃣4️⃣5️⃣', '9́820012345', '098200/12345', '+91 98200\n12345']) {
      expect(maskPhoneNumbers(`bad ${text}.`), text).toBe('bad 98XXXXXX45.');
    }
    expect(maskPhoneNumbers('call +91 22 2222 1234 or +44 20 7946 0958')).toBe('call 22XXXXXX34 or 20XXXXXX58');
    for (const kept of ['15/12/2026 10:30', '15-12-2026 1030', '2026/12/07']) expect(maskPhoneNumbers(kept)).toBe(kept);
    fc.assert(
      fc.property(written, (number) => {
        const text = writtenText(number);
        expect(shownDigits(maskPhoneNumbers(`number ${text} refused`)), text).toBe(`${number.national.slice(0, 2)}${number.national.slice(-2)}`);
      }),
      { numRuns: 3_000, seed: 20261205 },
    );
  });

  it('masks the pieces of a number split at spaces or lines in place, so together they never show it, and a number a piece holds whole as everywhere', () => {
    const text = '+91 98200 12345 ext. 56, 9876543210, 12345';
    const pieces = [...text.matchAll(/[^\s,]+/g)].map((found) => [found.index, found.index + found[0].length] as const);
    expect(maskPhoneNumbersIn(text, pieces)).toEqual(['+XX', '98XXX', 'XXX45', 'ext.', '56', '98XXXXXX10', '12345']);
    fc.assert(
      fc.property(written, (number) => {
        const list = writtenText({ ...number, separator: number.separator || ' ' });
        const ranges = [...list.matchAll(/[^\s/]+/gu)].map((found) => [found.index, found.index + found[0].length] as const);
        expect(shownDigits(maskPhoneNumbersIn(list, ranges).join(', ')).length, list).toBeLessThanOrEqual(4);
      }),
      { numRuns: 3_000, seed: 20261206 },
    );
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
