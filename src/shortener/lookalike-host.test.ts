import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lookalikeHostWarnings } from './lookalike-host.js';

const warningsFor = (unicodeHost: string) => lookalikeHostWarnings(domainToASCII(unicodeHost));

describe('look-alike host names', () => {
  it.each([
    ['аррӏе.com', 'Cyrillic letters that look like the Latin "apple"'],
    ['раураӏ.com', 'Cyrillic letters that look like the Latin "paypal"'],
    ['ѕbі-online.in', 'mixes Cyrillic and Latin'],
    ['οnline.com', 'mixes Greek and Latin'],
    ['gооgle.co.in', 'mixes Latin and Cyrillic'],
    ['www.аmazon.in', 'mixes Cyrillic and Latin'],
  ])('flags %s', (host, warning) => {
    expect(warningsFor(host)).toEqual([expect.stringContaining(warning)]);
  });

  it.each(['google.co.in', 'müller.de', 'bücher.example', 'пример.рф', 'яндекс.com', 'पुस्तक.भारत', '例え.jp', 'テスト-shop.jp', '한국.kr', 'xn--mller-kva.de'])('leaves %s alone', (host) => {
    expect(warningsFor(host)).toEqual([]);
  });
});
