import { describe, expect, it } from 'vitest';
import { googleShapedKey, otherGoogleShapedKey, serverTranslationKey } from '../../../test/secrets.js';
import { lookupLanguage } from './languages.js';
import { languagesNotOffered, providerReason, reasonMaxLength, resolveLanguages } from './rules.js';

const unknown = (parameter: string) => ({
  parameter,
  code: 'INVALID_PARAMETER',
  message: `${parameter} is not a language flowhooks knows (use a name such as Hindi or a code such as hi${parameter.endsWith('sourceLang') ? '; leave it empty, or send auto, to detect it' : ''})`,
});

describe('resolveLanguages', () => {
  it('reads the target, and the source only when one is given (absent: the provider detects it)', () => {
    expect(resolveLanguages(undefined, 'Hindi')).toEqual({ target: lookupLanguage('hi') });
    expect(resolveLanguages('English', 'hi')).toEqual({ source: lookupLanguage('en'), target: lookupLanguage('hi') });
    // LibreTranslate's `auto`, and `detect`, ask for detection as an empty sourceLang does.
    for (const detect of ['auto', 'AUTO', 'detect', 'auto-detect']) expect(resolveLanguages(detect, 'Hindi'), detect).toEqual({ target: lookupLanguage('hi') });
  });

  it('names each parameter that is no language, with how to write one', () => {
    expect(resolveLanguages('Klingon', 'Hindi')).toEqual({ issues: [unknown('$flow.key.sourceLang')] });
    expect(resolveLanguages(undefined, 'Elvish')).toEqual({ issues: [unknown('$flow.key.targetLang')] });
    expect(resolveLanguages('Klingon', 'Elvish')).toEqual({ issues: [unknown('$flow.key.sourceLang'), unknown('$flow.key.targetLang')] });
  });
});

describe('languagesNotOffered', () => {
  // English into Hindi and Traditional Chinese; Hindi into English only; Traditional Chinese into any.
  const targets: Record<string, string[] | undefined> = { en: ['hi', 'zh-TW'], hi: ['en'], 'zh-TW': undefined };
  const offers = { offers: (code: string) => code in targets, translatesBetween: (source: string, target: string) => targets[source]?.includes(target) ?? true };
  const language = (text: string) => lookupLanguage(text)!;

  it('passes the languages the provider offers, and detection', () => {
    expect(languagesNotOffered({ source: language('English'), target: language('Chinese Traditional') }, 'LibreTranslate', offers)).toEqual([]);
    expect(languagesNotOffered({ target: language('Hindi') }, 'LibreTranslate', offers)).toEqual([]);
  });

  it('names each parameter whose language the provider does not offer, and the provider', () => {
    expect(languagesNotOffered({ source: language('Konkani'), target: language('Manipuri') }, 'LibreTranslate', offers)).toEqual([
      { parameter: '$flow.key.sourceLang', code: 'INVALID_PARAMETER', message: '$flow.key.sourceLang is Konkani, which LibreTranslate, the configured translation provider, does not offer' },
      { parameter: '$flow.key.targetLang', code: 'INVALID_PARAMETER', message: '$flow.key.targetLang is Manipuri, which LibreTranslate, the configured translation provider, does not offer' },
    ]);
  });

  it('names the target the provider does not offer from the source, and passes a pair it does not list when the source lists no targets', () => {
    expect(languagesNotOffered({ source: language('Hindi'), target: language('Chinese Traditional') }, 'LibreTranslate', offers)).toEqual([
      { parameter: '$flow.key.targetLang', code: 'INVALID_PARAMETER', message: '$flow.key.targetLang is Chinese (Traditional), which LibreTranslate, the configured translation provider, does not offer from Hindi' },
    ]);
    expect(languagesNotOffered({ source: language('Chinese Traditional'), target: language('Hindi') }, 'LibreTranslate', offers)).toEqual([]);
    expect(languagesNotOffered({ source: language('Hindi'), target: language('Hindi') }, 'LibreTranslate', offers)).toEqual([]);
  });
});

describe('providerReason', () => {
  it('keeps a plain reason as the provider gave it', () => {
    expect(providerReason('Quota exceeded for quota metric (RESOURCE_EXHAUSTED)', [])).toBe('Quota exceeded for quota metric (RESOURCE_EXHAUSTED)');
  });

  it('removes the keys given, as written and URL-encoded, and any Google-shaped key', () => {
    const keyWithSigns = `${serverTranslationKey}/+`;
    const message = `API key not valid: ${googleShapedKey}; server ${keyWithSigns} sent as ${encodeURIComponent(keyWithSigns)}; project key ${otherGoogleShapedKey}`;
    expect(providerReason(message, [googleShapedKey, keyWithSigns, undefined])).toBe('API key not valid: [key]; server [key] sent as [key]; project key [key]');
  });

  it("drops a URL's query, HTML tags, scripts and file paths, and decodes entities", () => {
    expect(providerReason('Backend Error <b>internal</b> at /var/lib/libretranslate/app.py (&quot;boom&quot;)', [])).toBe('Backend Error internal at [path] ("boom")');
    expect(providerReason('<html><head><style>body { color: red }</style></head><body><h1>502 Bad Gateway</h1></body></html>', [])).toBe('502 Bad Gateway');
    expect(providerReason('POST https://translation.googleapis.com/language/translate/v2?key=abc failed', [])).toBe('POST https://translation.googleapis.com/language/translate/v2?… failed');
  });

  it(`is at most ${reasonMaxLength} characters, and says so when the provider said nothing`, () => {
    const reason = providerReason(`Backend Error ${'x'.repeat(500)}`, []);
    expect([...reason]).toHaveLength(reasonMaxLength);
    expect(reason.endsWith('…')).toBe(true);
    expect(providerReason('<p> </p>', [])).toBe('The provider gave no reason.');
  });
});
