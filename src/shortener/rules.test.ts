import { describe, expect, it } from 'vitest';
import { isReservedPath, randomBase62, slugProblem } from './codes.js';
import { hostOfHeader, hostOfUrl, normaliseDomain } from './hosts.js';
import { readShortUrlRequest } from './create-rules.js';
import { checkLongUrl } from './long-url.js';
import { linkState } from './shortener.js';
import { dailySeries } from './visit-series.js';

describe('randomBase62', () => {
  it('makes 8 base62 characters, every character of the alphabet turning up', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 2000; index++) {
      const code = randomBase62();
      expect(code).toMatch(/^[0-9A-Za-z]{8}$/);
      for (const character of code) seen.add(character);
    }
    expect(seen.size).toBe(62);
  });

  it('drops bytes of 248 and above (no modulo bias) and draws more bytes until the code is long enough', () => {
    const requested: number[] = [];
    // 248..255 would map onto 0..7 a second time; 62 maps onto 0 and 63 onto 1.
    const bytes = (size: number) => {
      requested.push(size);
      return Uint8Array.from({ length: size }, (_, index) => (index % 2 === 0 ? 248 + (index % 8) : 10 + index));
    };
    expect(randomBase62(4, bytes)).toBe('BDFH');
    expect(requested).toEqual([12]);
    expect(randomBase62(8, () => Uint8Array.of(255, 62, 1, 248))).toBe('01010101');
  });
});

describe('slugs and reserved paths', () => {
  it('refuses reserved paths in any case and malformed slugs', () => {
    expect(isReservedPath('API')).toBe(true);
    expect(isReservedPath('urlshortner')).toBe(true);
    expect(slugProblem('healthz')).toMatch(/reserved/);
    expect(slugProblem('ab')).toMatch(/3–64/);
    expect(slugProblem('diwali-sale_2026')).toBeUndefined();
  });
});

describe('checkLongUrl', () => {
  it('keeps an http or https URL as written', () => {
    expect(checkLongUrl('https://Example.com/a?b=1#c')).toEqual({ ok: true, url: 'https://Example.com/a?b=1#c', warnings: [] });
    expect(checkLongUrl('https://bücher.example/ä')).toEqual({ ok: true, url: 'https://xn--bcher-kva.example/%C3%A4', warnings: [] });
    expect(checkLongUrl('http://10.0.0.1:8080/x')).toMatchObject({ ok: true });
    // An @ after the host is part of the path or query, not user info.
    expect(checkLongUrl('https://x.example/u/@asha?mail=a@b.example#@c')).toMatchObject({ ok: true });
  });

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:,x', 'file:///x', 'mailto:a@b.c', '/x', '//x.com', 'https://', 'http:x.com', ' https://x.com', 'https://x.com/\u0000', 'https://x.com/\u2028'])(
    'refuses %j',
    (value) => {
      expect(checkLongUrl(value).ok).toBe(false);
    },
  );

  it.each([
    [42, 'longUrl must be a string'],
    ['', 'longUrl is empty'],
    [`https://x.com/${'a'.repeat(2048)}`, 'longUrl is longer than 2048 characters'],
    ['https://x.com/a b', 'longUrl contains whitespace or control characters'],
    ['example.com/page', 'longUrl is not an absolute URL'],
    ['ftp://x.com/file', 'longUrl must use http or https, not ftp:'],
    ['http:x.com', 'longUrl must be an absolute URL with a host'],
    ['http:x.com/?next=http://y.com', 'longUrl must be an absolute URL with a host'],
    ['abcdefghijklmnopqrstuvwxyz://x.com', 'longUrl must use http or https, not abcdefghijklmnopqrst'],
    ['https://user:pass@evil.example/', 'longUrl must not carry user info (user:password@ or user@ before the host)'],
    ['https://good.example@evil.example/login', 'longUrl must not carry user info (user:password@ or user@ before the host)'],
    ['http://@evil.example', 'longUrl must not carry user info (user:password@ or user@ before the host)'],
    ['https://evil.example\\@good.example', 'longUrl contains a backslash: write / or %5C'],
    ['https://x.example/a\\b', 'longUrl contains a backslash: write / or %5C'],
  ])('says why it refuses %j', (value, reason) => {
    expect(checkLongUrl(value)).toEqual({ ok: false, reason });
  });

  it('takes a URL of exactly 2048 characters', () => {
    const longest = `https://x.com/${'a'.repeat(2048 - 'https://x.com/'.length)}`;
    expect(checkLongUrl(longest)).toMatchObject({ ok: true, url: longest });
  });
});

describe('hosts', () => {
  it('normalises domains and Host headers', () => {
    expect(normaliseDomain(' PHN.io. ')).toBe('phn.io');
    expect(normaliseDomain('localhost')).toBeUndefined();
    expect(normaliseDomain('bad_host.com')).toBeUndefined();
    expect(hostOfHeader('PHN.io:443')).toBe('phn.io');
    expect(hostOfHeader('[::1]:8080')).toBe('[::1]');
    expect(hostOfHeader(undefined)).toBe('');
    expect(hostOfHeader(' Go.Example.COM. ')).toBe('go.example.com');
    expect(hostOfHeader('go.example.com:')).toBe('go.example.com');
    expect(hostOfHeader('go.example.com:8080')).toBe('go.example.com');
    // Only a trailing :digits is a port; a bracket without its end is no host at all.
    expect(hostOfHeader('go.example.com:http')).toBe('go.example.com:http');
    expect(hostOfHeader('go.example.com:80x')).toBe('go.example.com:80x');
    expect(hostOfHeader('[::1')).toBe('');
  });

  it('reads the host of a URL as the redirect would read it from that request\'s Host header', () => {
    expect(hostOfUrl('https://S.Example.IN.:8443/loopme1')).toBe('s.example.in');
    expect(hostOfUrl('http://[::1]:8080/x')).toBe('[::1]');
    expect(hostOfUrl('https://bücher.example/ä')).toBe('xn--bcher-kva.example');
    expect(hostOfUrl('http://0x7f.1/x')).toBe('127.0.0.1');
  });
});

describe('linkState', () => {
  const link = { disabled: false, expiresAt: null, maxVisits: null, humanVisits: 0 };
  it('is active until disabled, expired or out of human visits, counting unwritten ones', () => {
    expect(linkState(link, 1000)).toBe('active');
    expect(linkState({ ...link, disabled: true }, 1000)).toBe('disabled');
    expect(linkState({ ...link, expiresAt: 1000 }, 1000)).toBe('expired');
    expect(linkState({ ...link, expiresAt: 1001 }, 1000)).toBe('active');
    expect(linkState({ ...link, maxVisits: 3, humanVisits: 2 }, 1000)).toBe('active');
    expect(linkState({ ...link, maxVisits: 3, humanVisits: 2 }, 1000, 1)).toBe('exhausted');
  });
});

describe('dailySeries', () => {
  it('folds 15-minute buckets into local days, zero-filled', () => {
    const at = (iso: string) => Date.parse(iso) / 900_000;
    const days = dailySeries(
      [
        { bucket: at('2026-03-01T18:15:00Z'), bot: 0, count: 2 }, // 23:45 in Kolkata
        { bucket: at('2026-03-01T18:30:00Z'), bot: 0, count: 1 }, // 00:00 next day in Kolkata
        { bucket: at('2026-03-01T18:30:00Z'), bot: 1, count: 4 },
        { bucket: at('2026-02-01T00:00:00Z'), bot: 0, count: 9 }, // outside the range
      ],
      { from: '2026-03-01', to: '2026-03-03', timeZone: 'Asia/Kolkata' },
    );
    expect(days).toEqual([
      { date: '2026-03-01', humans: 2, bots: 0 },
      { date: '2026-03-02', humans: 1, bots: 4 },
      { date: '2026-03-03', humans: 0, bots: 0 },
    ]);
  });
});

describe('readShortUrlRequest', () => {
  const customer = { id: 'c1', accountId: 7, domains: ['go.example'] };
  const now = Date.parse('2026-12-07T10:00:00Z');
  const read = (request: Parameters<typeof readShortUrlRequest>[0]) => readShortUrlRequest(request, customer, 's.example', now);

  it("makes the customer's link on the default domain or one of its own", () => {
    expect(read({ longUrl: 'https://example.com/a', domain: 'S.Example' })).toEqual({
      ok: true,
      input: { accountId: 7, customerId: 'c1', longUrl: 'https://example.com/a', domain: '', customSlug: undefined, expiresAt: undefined, maxVisits: undefined, redirectStatus: undefined },
      warnings: [],
    });
    expect(read({ longUrl: 'https://example.com/a', domain: 'go.example', customSlug: 'sale', expiresAt: '2026-12-08T00:00:00Z' })).toMatchObject({
      ok: true,
      input: { domain: 'go.example', customSlug: 'sale', expiresAt: Date.parse('2026-12-08T00:00:00Z') },
    });
  });

  it('answers the first issue: the URL, then the domain, then slug and expiry together', () => {
    expect(read({ longUrl: 'javascript:alert(1)', domain: 'other.example' })).toEqual({ ok: false, issue: { code: 'INVALID_URL', message: 'longUrl must use http or https, not javascript:.' } });
    expect(read({ longUrl: 'https://example.com', domain: 'other.example', customSlug: 'x' })).toEqual({
      ok: false,
      issue: { code: 'DOMAIN_NOT_ALLOWED', message: 'The domain "other.example" is not registered to this customer.' },
    });
    expect(read({ longUrl: 'https://example.com', customSlug: 'x', expiresAt: '2026-12-07T09:00:00Z' })).toEqual({
      ok: false,
      issue: { code: 'VALIDATION_FAILED', fields: [{ field: 'customSlug', message: expect.stringMatching(/3–64/) }, { field: 'expiresAt', message: 'is in the past' }] },
    });
  });
});
