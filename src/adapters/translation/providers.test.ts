import { afterEach, describe, expect, it } from 'vitest';
import {
  googleError,
  googleTranslates,
  googleTranslatesToNothing,
  hang,
  json,
  libreDetects,
  libreError,
  libreTranslates,
  libreTranslatesToNothing,
  startTranslationServer,
} from '../../../harness/translation.js';
import { googleProvider } from './google.js';
import { libreTranslateProvider } from './libretranslate.js';
import { ProviderError, type ProviderFailure } from './provider.js';
import { failingProviderKey, libreTranslateKey, providerKey, providerKeyWithSigns } from '../../../test/secrets.js';

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function server(behaviour: Parameters<typeof startTranslationServer>[0]) {
  const started = await startTranslationServer(behaviour);
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

  it('offers only the languages of its published models', () => {
    const provider = libreTranslateProvider();
    expect(['en', 'hi', 'bn', 'ur', 'fr', 'zh'].map((code) => provider.codeOf(code))).toEqual(['en', 'hi', 'bn', 'ur', 'fr', 'zh']);
    expect(['mni-Mtei', 'gom', 'sat', 'brx', 'doi', 'ta'].map((code) => provider.codeOf(code))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
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
