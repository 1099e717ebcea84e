import { afterEach, describe, expect, it } from 'vitest';
import {
  googleError,
  googleTranslates,
  googleTranslatesToNothing,
  hang,
  json,
  libreDetects,
  libreDoesNotSupport,
  libreError,
  libreLanguages,
  libreTranslatePublished,
  libreTranslates,
  libreTranslatesToNothing,
  startTranslationServer,
} from '../../../harness/translation.js';
import { googleProvider } from './google.js';
import { languagesRefreshMs, languagesRetryMs, libreTranslateProvider, type LibreTranslateOptions } from './libretranslate.js';
import { ProviderError, type ProviderFailure } from './provider.js';
import { failingProviderKey, libreTranslateKey, providerKey, providerKeyWithSigns } from '../../../test/secrets.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function server(behaviour: Parameters<typeof startTranslationServer>[0], languages?: Parameters<typeof startTranslationServer>[0]) {
  const started = await startTranslationServer(behaviour, { languages });
  servers.push(started);
  return started;
}

async function failureOf(promise: Promise<unknown>): Promise<{ failure: ProviderFailure; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return { failure: (error as ProviderError).failure, message: (error as ProviderError).message };
}

describe('Google Cloud Translation v2', () => {
  it('posts q, target, source and format=text with the key in the query string', async () => {
    const fake = await server(googleTranslates);
    const result = await googleProvider(fake.url).translate({ text: 'Hello & "welcome"', format: 'text', source: 'en', target: 'hi', apiKey: providerKeyWithSigns }, 2000);
    expect(result).toEqual({ translatedText: '[hi] HELLO & "WELCOME"' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.method).toBe('POST');
    expect(fake.requests[0]!.url).toBe(`/language/translate/v2?key=${encodeURIComponent(providerKeyWithSigns)}`);
    expect(fake.requests[0]!.body).toEqual({ q: ['Hello & "welcome"'], target: 'hi', source: 'en', format: 'text' });
  });

  it('omits source to detect and returns the detected language', async () => {
    const fake = await server(googleTranslates);
    const result = await googleProvider(`${fake.url}/`).translate({ text: 'Hello', format: 'text', target: 'ta', apiKey: providerKey }, 2000);
    expect(result).toEqual({ translatedText: '[ta] HELLO', detectedSource: 'en' });
    expect(fake.requests[0]!.body).not.toHaveProperty('source');
  });

  it.each([
    ['a bad key', googleError(400, 'INVALID_ARGUMENT', 'API_KEY_INVALID', 'API key not valid. Please pass a valid API key.'), 'auth'],
    ['a missing key', googleError(403, 'PERMISSION_DENIED', 'forbidden', 'The request is missing a valid API key.'), 'auth'],
    ['a daily quota', googleError(403, 'PERMISSION_DENIED', 'dailyLimitExceeded', 'Daily Limit Exceeded'), 'quota'],
    ['a rate limit', googleError(429, 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED', 'Quota exceeded for quota metric'), 'quota'],
    ['a server fault', googleError(500, 'INTERNAL', 'backendError', 'Internal error encountered.'), 'error'],
  ] as const)('reports %s as %s with the provider reason', async (_label, behaviour, failure) => {
    const fake = await server(behaviour);
    const result = await failureOf(googleProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi', apiKey: failingProviderKey }, 2000));
    expect(result.failure).toBe(failure);
    expect(result.message).not.toContain(failingProviderKey);
    expect(result.message.length).toBeGreaterThan(5);
  });

  it('gives up at the timeout when the provider hangs', async () => {
    const fake = await server(hang);
    const result = await failureOf(googleProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi', apiKey: providerKey }, 150));
    expect(result).toEqual({ failure: 'timeout', message: 'The provider did not answer within 150 ms.' });
  });

  it('reports an answer without a translation as an error', async () => {
    const fake = await server((_request, response) => json(response, 200, { data: {} }));
    expect((await failureOf(googleProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi', apiKey: providerKey }, 2000))).failure).toBe('error');
  });

  it('reports an empty translation as an error', async () => {
    const fake = await server(googleTranslatesToNothing);
    expect(await failureOf(googleProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi', apiKey: providerKey }, 2000))).toEqual({
      failure: 'error',
      message: 'The provider answered with an empty translation.',
    });
  });

  it('takes every language of the table by its own code', () => {
    const provider = googleProvider();
    expect([provider.codeOf('zh-TW'), provider.codeOf('gom'), provider.codeOf('mni-Mtei')]).toEqual(['zh-TW', 'gom', 'mni-Mtei']);
  });

  it('sends format=html when asked', async () => {
    const fake = await server(googleTranslates);
    await googleProvider(fake.url).translate({ text: 'Hello <span translate="no">{name}</span>', format: 'html', target: 'hi', apiKey: providerKey }, 2000);
    expect(fake.requests[0]!.body).toEqual({ q: ['Hello <span translate="no">{name}</span>'], target: 'hi', format: 'html' });
  });

  it('reports an unreachable provider as an error', async () => {
    const fake = await server(hang);
    const url = fake.url;
    await fake.close();
    servers.pop();
    expect((await failureOf(googleProvider(url).translate({ text: 'Hi', format: 'text', target: 'hi', apiKey: providerKey }, 2000))).failure).toBe('error');
  });
});

describe('LibreTranslate', () => {
  it('posts q, source, target, format and api_key to /translate', async () => {
    const fake = await server(libreTranslates);
    const result = await libreTranslateProvider(fake.url).translate({ text: 'Namaste', format: 'text', source: 'en', target: 'fr', apiKey: libreTranslateKey }, 2000);
    expect(result).toEqual({ translatedText: '[fr] NAMASTE' });
    expect(fake.requests[0]!.url).toBe('/translate');
    expect(fake.requests[0]!.body).toEqual({ q: 'Namaste', source: 'en', target: 'fr', format: 'text', api_key: libreTranslateKey });
  });

  it('sends source auto to detect, and no api_key when there is none', async () => {
    const fake = await server(libreTranslates);
    const result = await libreTranslateProvider(fake.url).translate({ text: 'namaste', format: 'text', target: 'en' }, 2000);
    expect(result).toEqual({ translatedText: '[en] NAMASTE', detectedSource: 'hi' });
    expect(fake.requests[0]!.body).toEqual({ q: 'namaste', source: 'auto', target: 'en', format: 'text' });
  });

  it("sends Traditional Chinese as LibreTranslate's zt, and reads a detected zt back as the table's zh-TW", async () => {
    const fake = await server(libreDetects('zt'));
    const result = await libreTranslateProvider(fake.url).translate({ text: 'Hello', format: 'text', target: 'zh-TW' }, 2000);
    expect(fake.requests[0]!.body).toEqual({ q: 'Hello', source: 'auto', target: 'zt', format: 'text' });
    expect(result).toEqual({ translatedText: '[zt] HELLO', detectedSource: 'zh-TW' });
  });

  it('sends format=html when asked', async () => {
    const fake = await server(libreTranslates);
    await libreTranslateProvider(fake.url).translate({ text: 'Hello <span translate="no">{name}</span>', format: 'html', source: 'en', target: 'hi' }, 2000);
    expect(fake.requests[0]!.body).toEqual({ q: 'Hello <span translate="no">{name}</span>', source: 'en', target: 'hi', format: 'html' });
  });

  it('refuses nothing and sends the first code of a language before the server said what it offers', () => {
    const provider = libreTranslateProvider('http://127.0.0.1:9');
    provider.close!();
    expect(['ta', 'gom', 'zh-TW', 'pt'].map((code) => provider.codeOf(code))).toEqual(['ta', 'gom', 'zt', 'pt']);
    expect(provider.translatesBetween('ta', 'hi')).toBe(true);
  });

  it('reports an empty translation as an error', async () => {
    const fake = await server(libreTranslatesToNothing);
    expect((await failureOf(libreTranslateProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi' }, 2000))).failure).toBe('error');
  });

  it.each([
    [400, 'Invalid request: missing q parameter', 'error'],
    [403, 'Invalid API key', 'auth'],
    [429, 'Too many request limits violations', 'quota'],
    [500, 'Cannot translate text: boom', 'error'],
  ] as const)('reports HTTP %i as %s with the provider message', async (status, message, failure) => {
    const fake = await server(libreError(status, message));
    expect(await failureOf(libreTranslateProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi' }, 2000))).toEqual({ failure, message });
  });

  it('gives up at the timeout when the provider hangs', async () => {
    const fake = await server(hang);
    expect((await failureOf(libreTranslateProvider(fake.url).translate({ text: 'Hi', format: 'text', target: 'hi' }, 150))).failure).toBe('timeout');
  });
});

describe("LibreTranslate's languages, as its GET /languages says", () => {
  /** A clock the test moves. */
  const clock = () => {
    let now = Date.parse('2026-12-07T10:00:00Z');
    return { now: () => now, move: (ms: number) => (now += ms) };
  };

  async function readFrom(fake: Awaited<ReturnType<typeof server>>, options: LibreTranslateOptions = {}) {
    const provider = libreTranslateProvider(fake.url, { timeoutMs: 2000, ...options });
    await provider.refreshLanguages!();
    return provider;
  }

  it("offers what the server lists, by its codes, and asks with GET /languages and no key", async () => {
    const fake = await server(libreTranslates, libreLanguages([...libreTranslatePublished, 'ta', 'te']));
    const provider = await readFrom(fake);
    expect(['en', 'hi', 'ta', 'te', 'zh-TW', 'fr'].map((code) => provider.codeOf(code))).toEqual(['en', 'hi', 'ta', 'te', 'zt', 'fr']);
    expect(['gom', 'mni-Mtei', 'gu'].map((code) => provider.codeOf(code))).toEqual([undefined, undefined, undefined]);
    expect(fake.languageRequests).toHaveLength(1);
    expect(fake.languageRequests[0]).toMatchObject({ method: 'GET', url: '/languages', body: {} });
    expect(fake.languageRequests[0]!.headers).not.toHaveProperty('authorization');
    expect(fake.requests).toHaveLength(0);
  });

  it('honours targets: a source translates only into those its entry lists; an entry without targets into any', async () => {
    const fake = await server(libreTranslates, libreLanguages({ en: ['hi', 'ta'], hi: ['en'], ta: ['en'], fr: undefined }));
    const provider = await readFrom(fake);
    expect([provider.translatesBetween('en', 'ta'), provider.translatesBetween('ta', 'en'), provider.translatesBetween('fr', 'ta')]).toEqual([true, true, true]);
    expect([provider.translatesBetween('ta', 'hi'), provider.translatesBetween('hi', 'ta')]).toEqual([false, false]);
  });

  it('sends Portuguese as pb to a server that has Brazilian Portuguese only', async () => {
    const fake = await server(libreTranslates, libreLanguages(['en', 'pb']));
    const provider = await readFrom(fake);
    expect([provider.codeOf('pt'), provider.codeOf('zh-TW')]).toEqual(['pb', undefined]);
    await provider.translate({ text: 'Hello', format: 'text', source: 'en', target: 'pt' }, 2000);
    expect(fake.requests[0]!.body).toMatchObject({ source: 'en', target: 'pb' });
  });

  it('refuses nothing while no list was read (failed, malformed, empty, too slow), then keeps the last list read', async () => {
    const outcomes: unknown[] = [];
    const fake = await server(libreTranslates, libreError(500, 'Cannot load languages'));
    const provider = await readFrom(fake, { timeoutMs: 150, onLanguagesRead: (outcome) => outcomes.push(outcome) });
    const gom = () => provider.codeOf('gom');
    expect(gom()).toBe('gom');
    for (const answer of [(_request, response) => json(response, 200, { languages: ['en'] }), libreLanguages([]), hang] satisfies Array<Parameters<typeof server>[0]>) {
      fake.offer(answer);
      await provider.refreshLanguages!();
      expect(gom()).toBe('gom');
    }
    fake.offer(libreLanguages(['en', 'hi']));
    await provider.refreshLanguages!();
    expect([gom(), provider.codeOf('hi')]).toEqual([undefined, 'hi']);
    fake.offer(libreError(503, 'Unavailable'));
    await provider.refreshLanguages!();
    expect([gom(), provider.codeOf('hi')]).toEqual([undefined, 'hi']);
    expect(outcomes).toEqual([
      { ok: false, reason: 'The provider answered HTTP 500.' },
      { ok: false, reason: 'The provider answered without a list of languages.' },
      { ok: false, reason: 'The provider answered without a list of languages.' },
      { ok: false, reason: 'The provider did not answer within 150 ms.' },
      { ok: true, languages: 2 },
      { ok: false, reason: 'The provider answered HTTP 503.' },
    ]);
  });

  it('reads again in the background when a lookup finds the list 10 minutes old, answering at once from the list it has', async () => {
    const time = clock();
    const fake = await server(libreTranslates, libreLanguages(['en', 'hi']));
    const provider = await readFrom(fake, { now: time.now });
    fake.offer(libreLanguages(['en', 'hi', 'ta']));
    time.move(languagesRefreshMs);
    const requested = fake.nextLanguagesRequest();
    expect(provider.codeOf('ta')).toBeUndefined();
    await requested;
    await provider.refreshLanguages!();
    expect(fake.languageRequests).toHaveLength(2);
    expect(provider.codeOf('ta')).toBe('ta');
  });

  it('reads again when the server answers that a language the list has is not supported', async () => {
    const time = clock();
    const fake = await server(libreDoesNotSupport, libreLanguages(['en', 'ta']));
    const provider = await readFrom(fake, { now: time.now });
    fake.offer(libreLanguages(['en']));
    time.move(languagesRetryMs);
    const requested = fake.nextLanguagesRequest();
    expect(await failureOf(provider.translate({ text: 'Hello', format: 'text', source: 'en', target: 'ta' }, 2000))).toEqual({ failure: 'error', message: 'ta is not supported' });
    await requested;
    await provider.refreshLanguages!();
    expect(fake.languageRequests).toHaveLength(2);
    expect(provider.codeOf('ta')).toBeUndefined();
  });

  it('reads nothing once closed', async () => {
    const fake = await server(libreTranslates, libreLanguages(['en', 'hi']));
    const provider = libreTranslateProvider(fake.url, { timeoutMs: 2000 });
    provider.close!();
    await provider.refreshLanguages!();
    expect(provider.codeOf('gom')).toBe('gom');
    expect(fake.languageRequests).toHaveLength(0);
  });
});
