import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';
import {
  googleDetects,
  googleDropsUntranslated,
  googleEchoesKey,
  googleError,
  googleTranslates,
  googleTranslatesToNothing,
  hang,
  json,
  libreDetects,
  libreDoesNotSupport,
  libreError,
  libreFailsEchoingKey,
  libreLanguages,
  libreTranslatePublished,
  libreTranslates,
  libreTranslatesToNothing,
  startTranslationServer,
} from '../../../harness/translation.js';
import { languagesRefreshMs, languagesRetryMs } from '../../adapters/translation/libretranslate.js';
import { callTranslationKey, googleShapedKey, secondCallTranslationKey, serverTranslationKey } from '../../../test/secrets.js';

const text = (value: unknown) => ({ name: '$flow.key.inputText', value });
const source = (value: unknown) => ({ name: '$flow.key.sourceLang', value });
const target = (value: unknown) => ({ name: '$flow.key.targetLang', value });
const apiKey = (value: unknown) => ({ name: '$flow.key.apiKey', value });
const callKey = callTranslationKey;
const kept = (piece: string, index: number) => `<span translate="no" class="notranslate" data-fh="${index}">${piece}</span>`;
const ssml = '<speak>Your code is <say-as interpret-as="digits">4821</say-as><break time="500ms"/> thank you</speak>';

describe.each(await databaseTargets())('translateText with Google on $name', (target_) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startTranslationServer>>;
  let otherToken: string;
  beforeAll(async () => {
    provider = await startTranslationServer(googleTranslates);
    t = await createTestApp(target_, { env: { FLOWHOOKS_TRANSLATE_URL: provider.url, FLOWHOOKS_TRANSLATE_TIMEOUT_MS: '300' } });
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other' });
    otherToken = (await t.api('POST', '/api/accounts/2/tokens')).json().token;
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });
  beforeEach(() => {
    provider.answer(googleTranslates);
    provider.requests.length = 0;
  });

  const translate = (keys: Array<{ name: string; value: unknown }>, token?: string) => t.webhook('translateText', keys, { token });

  it('translates with the names flows use and answers SUCCESS', async () => {
    const response = await translate([text('Your appointment is tomorrow'), source('English'), target('HINDI'), apiKey(callKey)]);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('SUCCESS');
    expect(outputsOf(response)).toEqual({
      '$flow.key.status': 'SUCCESS',
      '$flow.key.translatedText': '[hi] YOUR APPOINTMENT IS TOMORROW',
      '$flow.key.detectedSourceLanguage': 'English',
    });
    expect(provider.requests[0]!.body).toEqual({ q: ['Your appointment is tomorrow'], source: 'en', target: 'hi', format: 'text' });
  });

  it('detects the source when sourceLang is empty and names it in English', async () => {
    const response = await translate([text('Detect me'), source(''), target('Telgu'), apiKey(callKey)]);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.translatedText': '[te] DETECT ME', '$flow.key.detectedSourceLanguage': 'English' });
    expect(provider.requests[0]!.body).not.toHaveProperty('source');
  });

  it('answers a repeated text from the cache without calling the provider, detected answers included', async () => {
    const first = await translate([text('Press 1 for balance'), target('ta'), apiKey(callKey)]);
    const again = await translate([text('Press 1 for balance'), target('Tamil'), apiKey(callKey)]);
    expect(provider.requests).toHaveLength(1);
    expect(outputsOf(again)).toEqual(outputsOf(first));
  });

  it("keeps a translation cached for its time by the server's clock, whatever test clock the call that cached it pinned", async () => {
    t.setNow(new Date('2026-12-07T10:00:00+05:30'));
    const keys = [text('Your callback is booked'), source('en'), target('gu'), apiKey(callKey)];
    const onTest = await t.webhook('translateText', [...keys, { name: '$flow.syskey.testNow', value: '2099-01-01T10:00:00+05:30' }], { url: '/ivr/test' });
    expect(outputsOf(onTest)['$flow.key.translatedText']).toBe('[gu] YOUR CALLBACK IS BOOKED');
    expect(provider.requests).toHaveLength(1);
    // The default lifetime is 30 days: a day later production reads the cache, 31 days later the provider again.
    t.setNow(new Date('2026-12-08T10:00:00+05:30'));
    await translate(keys);
    expect(provider.requests).toHaveLength(1);
    t.setNow(new Date('2027-01-07T10:00:01+05:30'));
    expect(outputsOf(await translate(keys))['$flow.key.translatedText']).toBe('[gu] YOUR CALLBACK IS BOOKED');
    expect(provider.requests).toHaveLength(2);
    t.setNow(new Date());
  });

  it('keeps each account\'s cache apart', async () => {
    await translate([text('Thank you for calling'), source('en'), target('mr'), apiKey(callKey)]);
    await translate([text('Thank you for calling'), source('en'), target('mr'), apiKey(callKey)], otherToken);
    expect(provider.requests).toHaveLength(2);
  });

  it('returns the text itself when source and target are the same language', async () => {
    const response = await translate([text('Namaste'), source('hi'), target('Hindi')]);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.translatedText': 'Namaste' });
    expect(provider.requests).toHaveLength(0);
  });

  it('answers FAILED NO_PROVIDER_KEY when neither the call nor the server has a key', async () => {
    const response = await translate([text('Needs a key'), target('hi')]);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('FAILURE');
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'NO_PROVIDER_KEY', '$flow.key.translatedText': '' });
    expect(provider.requests).toHaveLength(0);
  });

  it('answers FAILED PROVIDER_TIMEOUT when the provider hangs past the timeout', async () => {
    provider.answer(hang);
    const response = await translate([text('Too slow'), target('hi'), apiKey(callKey)]);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_TIMEOUT' });
  });

  it.each([
    [googleError(400, 'INVALID_ARGUMENT', 'API_KEY_INVALID', 'API key not valid. Please pass a valid API key.'), 'PROVIDER_AUTH', 'API key not valid'],
    [googleError(429, 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED', 'Quota exceeded'), 'PROVIDER_QUOTA', 'Quota exceeded'],
    [googleError(503, 'UNAVAILABLE', 'backendError', 'The service is currently unavailable.'), 'PROVIDER_ERROR', 'currently unavailable'],
  ])('answers FAILED with %s and the provider reason, caching nothing', async (behaviour, code, reason) => {
    provider.answer(behaviour);
    const keys = [text(`Failing ${code}`), target('hi'), apiKey(callKey)];
    const response = await translate(keys);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': code });
    expect(outputsOf(response)['$flow.key.errorMessage']).toContain(reason);
    provider.answer(googleTranslates);
    expect(outputsOf(await translate(keys))['$flow.key.status']).toBe('SUCCESS');
  });

  it.each([
    [[target('hi'), apiKey(callKey)], '$flow.key.inputText'],
    [[text('  '), target('hi'), apiKey(callKey)], '$flow.key.inputText'],
    [[text('x'.repeat(5001)), target('hi'), apiKey(callKey)], '$flow.key.inputText'],
    [[text('Hello'), apiKey(callKey)], '$flow.key.targetLang'],
    [[text('Hello'), target('Klingon'), apiKey(callKey)], '$flow.key.targetLang'],
    [[text('Hello'), source('Elvish'), target('hi'), apiKey(callKey)], '$flow.key.sourceLang'],
  ])('answers 422 naming the parameter and sends nothing to the provider (%#)', async (keys, parameter) => {
    const response = await translate(keys);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.parameters).toEqual([parameter]);
    expect(outputsOf(response)['$flow.key.status']).toBe('FAILED');
    expect(provider.requests).toHaveLength(0);
  });

  it('answers an empty translation FAILED PROVIDER_ERROR and caches nothing, so the next call translates', async () => {
    provider.answer(googleTranslatesToNothing);
    const keys = [text('Your balance is low'), source('en'), target('hi'), apiKey(callKey)];
    expect(outputsOf(await translate(keys))).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_ERROR', '$flow.key.translatedText': '' });
    provider.answer(googleTranslates);
    expect(outputsOf(await translate(keys))).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.translatedText': '[hi] YOUR BALANCE IS LOW' });
    expect(provider.requests).toHaveLength(2);
  });

  it('sends placeholders as HTML the provider leaves untranslated and gives them back as written, with the words decoded', async () => {
    const keys = [text("Hello {name}, it's order {orderId} & ${amount} due; OTP {{otp}}, %1$s"), source('en'), target('hi'), apiKey(callKey)];
    const response = await translate(keys);
    expect(provider.requests[0]!.body).toEqual({
      q: [`Hello ${kept('{name}', 0)}, it's order ${kept('{orderId}', 1)} &amp; ${kept('${amount}', 2)} due; OTP ${kept('{{otp}}', 3)}, ${kept('%1$s', 4)}`],
      source: 'en',
      target: 'hi',
      format: 'html',
    });
    expect(outputsOf(response)['$flow.key.translatedText']).toBe("[hi] HELLO {name}, IT'S ORDER {orderId} & ${amount} DUE; OTP {{otp}}, %1$s");
    // The translation as the flow got it is what the cache gives again.
    expect(outputsOf(await translate(keys))).toEqual(outputsOf(response));
    expect(provider.requests).toHaveLength(1);
  });

  it('keeps SSML: its tags as written, say-as and break untranslated', async () => {
    const response = await translate([text(ssml), source('en'), target('ta'), apiKey(callKey)]);
    expect(provider.requests[0]!.body).toMatchObject({
      q: [`<speak>Your code is ${kept('&lt;say-as interpret-as="digits"&gt;4821&lt;/say-as&gt;', 0)}${kept('&lt;break time="500ms"/&gt;', 1)} thank you</speak>`],
      format: 'html',
    });
    expect(outputsOf(response)['$flow.key.translatedText']).toBe('[ta] <speak>YOUR CODE IS <say-as interpret-as="digits">4821</say-as><break time="500ms"/> THANK YOU</speak>');
  });

  it('answers FAILED PROVIDER_ERROR, caching nothing, when the translation drops a placeholder', async () => {
    provider.answer(googleDropsUntranslated);
    const keys = [text('Your OTP is {{otp}}'), source('en'), target('hi'), apiKey(callKey)];
    expect(outputsOf(await translate(keys))).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_ERROR', '$flow.key.translatedText': '' });
    provider.answer(googleTranslates);
    expect(outputsOf(await translate(keys))['$flow.key.translatedText']).toBe('[hi] YOUR OTP IS {{otp}}');
  });

  it.each([
    ['und', ''],
    ['jw', 'Javanese'],
    ['iw', 'Hebrew'],
  ])('names a detected %s as %j', async (detected, name) => {
    provider.answer(googleDetects(detected));
    const response = await translate([text(`Detected as ${detected}`), target('en'), apiKey(callKey)]);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.detectedSourceLanguage': name });
  });

  it('gives the flow the reason of a provider that echoes the key without the key', async () => {
    provider.answer(googleEchoesKey);
    const response = await translate([text('Echo my key'), target('hi'), apiKey(googleShapedKey)]);
    expect(provider.requests[0]!.url).toContain(googleShapedKey);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_AUTH' });
    expect(outputsOf(response)['$flow.key.errorMessage']).toMatch(/^API key not valid: key=\[key\] for https:\/\/translation\.googleapis\.com\/language\/translate\/v2\?… \(INVALID_ARGUMENT\)$/);
    expect(response.body).not.toContain(googleShapedKey);
    expect(t.logs.join('')).not.toContain(googleShapedKey);
  });

  it('never puts the API key in a response, a log line or the database', async () => {
    provider.answer(googleError(400, 'INVALID_ARGUMENT', 'API_KEY_INVALID', 'API key not valid.'));
    const failed = await translate([text('Secret check'), target('hi'), apiKey(callKey)]);
    provider.answer(googleTranslates);
    const succeeded = await translate([text('Secret check'), target('hi'), apiKey(callKey)]);
    expect(failed.body + succeeded.body).not.toContain(callKey);
    expect(t.logs.join('')).not.toContain(callKey);
    const rows = await t.database.db.selectFrom('translations').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(callKey);
    expect(JSON.stringify(rows)).not.toContain('Secret check');
  });
});

describe.each(await databaseTargets())('translateText with LibreTranslate and a server key on $name', (target_) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startTranslationServer>>;
  beforeAll(async () => {
    // A server with LibreTranslate's published models, read before the tests.
    provider = await startTranslationServer(libreTranslates, { languages: libreLanguages(libreTranslatePublished) });
    t = await createTestApp(target_, {
      env: { FLOWHOOKS_TRANSLATE_PROVIDER: 'libretranslate', FLOWHOOKS_TRANSLATE_URL: provider.url, FLOWHOOKS_TRANSLATE_API_KEY: serverTranslationKey },
    });
    await t.translation.refreshLanguages();
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });
  beforeEach(() => {
    provider.answer(libreTranslates);
    provider.requests.length = 0;
  });

  it('uses the server key when the call brings none and names the detected language', async () => {
    const response = await t.webhook('translateText', [text('aap kaise hain'), target('English')]);
    expect(outputsOf(response)).toEqual({
      '$flow.key.status': 'SUCCESS',
      '$flow.key.translatedText': '[en] AAP KAISE HAIN',
      '$flow.key.detectedSourceLanguage': 'Hindi',
    });
    expect(provider.requests[0]!.body).toEqual({ q: 'aap kaise hain', source: 'auto', target: 'en', format: 'text', api_key: serverTranslationKey });
  });

  it("prefers the call's key over the server's", async () => {
    await t.webhook('translateText', [text('second text'), source('hi'), target('en'), apiKey(secondCallTranslationKey)]);
    expect(provider.requests.at(-1)!.body.api_key).toBe(secondCallTranslationKey);
  });

  it("sends Traditional Chinese as LibreTranslate's zt and names a detected zt in English", async () => {
    provider.answer(libreDetects('zt'));
    const response = await t.webhook('translateText', [text('Thank you'), target('Chinese Traditional')]);
    expect(provider.requests[0]!.body).toMatchObject({ target: 'zt', source: 'auto' });
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.detectedSourceLanguage': 'Chinese (Traditional)' });
  });

  it.each([
    [[text('Hello'), target('Konkani')], '$flow.key.targetLang', 'Konkani'],
    [[text('Hello'), target('mni-Mtei')], '$flow.key.targetLang', 'Manipuri'],
    [[text('Hello'), source('Santali'), target('English')], '$flow.key.sourceLang', 'Santali'],
    [[text('Hello'), source('en'), target('Bodo')], '$flow.key.targetLang', 'Bodo'],
    [[text('Hello'), source('en'), target('Dogri')], '$flow.key.targetLang', 'Dogri'],
  ])('answers 422 for a language the LibreTranslate server does not offer, naming the parameter, and sends nothing (%#)', async (keys, parameter, name) => {
    const response = await t.webhook('translateText', keys);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.parameters).toEqual([parameter]);
    expect(response.json().error.message).toBe(`${parameter} is ${name}, which LibreTranslate, the configured translation provider, does not offer`);
    expect(provider.requests).toHaveLength(0);
  });

  it('answers an empty translation FAILED PROVIDER_ERROR and caches nothing', async () => {
    provider.answer(libreTranslatesToNothing);
    const keys = [text('Please hold'), source('en'), target('hi')];
    expect(outputsOf(await t.webhook('translateText', keys))).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_ERROR' });
    provider.answer(libreTranslates);
    expect(outputsOf(await t.webhook('translateText', keys))).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.translatedText': '[hi] PLEASE HOLD' });
  });

  it('sends placeholders and SSML as HTML and gives them back as written', async () => {
    const response = await t.webhook('translateText', [text(`Dear {name}, ${ssml}`), source('en'), target('fr')]);
    expect(provider.requests[0]!.body).toMatchObject({ format: 'html', target: 'fr' });
    expect(outputsOf(response)['$flow.key.translatedText']).toBe(
      '[fr] DEAR {name}, <speak>YOUR CODE IS <say-as interpret-as="digits">4821</say-as><break time="500ms"/> THANK YOU</speak>',
    );
  });

  it("gives the flow a server fault's reason without the server key, its HTML or its file paths", async () => {
    provider.answer(libreFailsEchoingKey);
    const response = await t.webhook('translateText', [text('Echo the server key'), source('en'), target('hi')]);
    expect(provider.requests[0]!.body.api_key).toBe(serverTranslationKey);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_ERROR', '$flow.key.errorMessage': 'Backend Error internal at [path] (api_key=[key])' });
    expect(response.body).not.toContain(serverTranslationKey);
  });
});

describe.each(await databaseTargets())('translateText with the languages the LibreTranslate server says it offers on $name', (target_) => {
  const started = new Date('2026-12-07T10:00:00+05:30');
  const at = (ms: number) => new Date(started.getTime() + ms);
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startTranslationServer>>;
  const translate = (keys: Array<{ name: string; value: unknown }>) => t.webhook('translateText', keys);
  const notOffered = (parameter: string, name: string, from = '') =>
    `${parameter} is ${name}, which LibreTranslate, the configured translation provider, does not offer${from && ` from ${from}`}`;

  beforeAll(async () => {
    provider = await startTranslationServer(libreTranslates, { languages: libreLanguages(['en', 'hi', 'ta']) });
    // No test here waits on a timeout: a long one, so a busy machine's slow read of the list is not taken for none.
    t = await createTestApp(target_, {
      now: started,
      env: { FLOWHOOKS_TRANSLATE_PROVIDER: 'libretranslate', FLOWHOOKS_TRANSLATE_URL: provider.url, FLOWHOOKS_TRANSLATE_API_KEY: serverTranslationKey, FLOWHOOKS_TRANSLATE_TIMEOUT_MS: '10000' },
    });
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });
  beforeEach(async () => {
    t.setNow(started);
    provider.answer(libreTranslates);
    provider.offer(libreLanguages(['en', 'hi', 'ta']));
    await t.translation.refreshLanguages();
    provider.requests.length = 0;
  });

  it('translates into Tamil, which the server offers, and refuses French, which it does not, naming the parameter and the provider and sending nothing', async () => {
    const tamil = await translate([text('Your order has shipped'), source('English'), target('Tamil')]);
    expect(outputsOf(tamil)).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.translatedText': '[ta] YOUR ORDER HAS SHIPPED' });
    expect(provider.requests[0]!.body).toMatchObject({ source: 'en', target: 'ta' });
    const french = await translate([text('Your order has shipped'), source('English'), target('French')]);
    expect(french.statusCode).toBe(422);
    expect(french.json().error.parameters).toEqual(['$flow.key.targetLang']);
    expect(french.json().error.message).toBe(notOffered('$flow.key.targetLang', 'French'));
    expect(provider.requests).toHaveLength(1);
  });

  it("refuses a target the source's entry does not list, naming both, and translates the pairs it lists", async () => {
    provider.offer(libreLanguages({ en: ['hi', 'ta'], hi: ['en'], ta: ['en'] }));
    await t.translation.refreshLanguages();
    const refused = await translate([text('Vanakkam'), source('Tamil'), target('Hindi')]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.parameters).toEqual(['$flow.key.targetLang']);
    expect(refused.json().error.message).toBe(notOffered('$flow.key.targetLang', 'Hindi', 'Tamil'));
    expect(provider.requests).toHaveLength(0);
    expect(outputsOf(await translate([text('Vanakkam'), source('Tamil'), target('English')]))['$flow.key.translatedText']).toBe('[en] VANAKKAM');
    // Detection names no source: the target need only be offered.
    expect(outputsOf(await translate([text('Vanakkam'), target('Hindi')]))['$flow.key.status']).toBe('SUCCESS');
  });

  it('uses a list read later: Tamil, refused while the server did not offer it, is translated once a read ten minutes on finds it, and no call waits for that read', async () => {
    provider.offer(libreLanguages(libreTranslatePublished));
    await t.translation.refreshLanguages();
    const keys = [text('Press 1 to confirm'), source('en'), target('Tamil')];
    const refused = await translate(keys);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe(notOffered('$flow.key.targetLang', 'Tamil'));
    // The operator installs the Tamil model; the list in use is ten minutes old at the next call.
    provider.offer(libreLanguages([...libreTranslatePublished, 'ta']));
    t.setNow(at(languagesRefreshMs));
    const requested = provider.nextLanguagesRequest();
    expect((await translate(keys)).statusCode).toBe(422);
    await requested;
    await t.translation.refreshLanguages();
    expect(outputsOf(await translate(keys))).toMatchObject({ '$flow.key.status': 'SUCCESS', '$flow.key.translatedText': '[ta] PRESS 1 TO CONFIRM' });
    expect(provider.requests).toHaveLength(1);
  });

  it('reads the list again when the server answers that a language the list has is not supported, and refuses it from then on', async () => {
    // The operator removed the Tamil model; the list read at start still has it.
    provider.answer(libreDoesNotSupport);
    provider.offer(libreLanguages(['en', 'hi']));
    t.setNow(at(languagesRetryMs));
    const requested = provider.nextLanguagesRequest();
    const keys = [text('Your ticket is closed'), source('en'), target('ta')];
    expect(outputsOf(await translate(keys))).toMatchObject({ '$flow.key.status': 'FAILED', '$flow.key.errorCode': 'PROVIDER_ERROR', '$flow.key.errorMessage': 'ta is not supported' });
    await requested;
    await t.translation.refreshLanguages();
    const refused = await translate(keys);
    expect(refused.statusCode).toBe(422);
    expect(provider.requests).toHaveLength(1);
  });

  it('asks for the languages with no key, and logs neither the key nor the URL', async () => {
    expect(provider.languageRequests.length).toBeGreaterThan(0);
    for (const request of provider.languageRequests) {
      expect(request).toMatchObject({ method: 'GET', url: '/languages', body: {} });
      expect(request.headers).not.toHaveProperty('authorization');
    }
    expect(JSON.stringify(provider.languageRequests)).not.toContain(serverTranslationKey);
    const logs = t.logs.join('');
    expect(logs).toContain('translation provider languages read');
    expect(logs).not.toContain(serverTranslationKey);
    expect(logs).not.toContain(provider.url);
  });
});

describe.each(await databaseTargets())('translateText with a LibreTranslate server whose languages cannot be read on $name', (target_) => {
  let t: TestApp;
  let provider: Awaited<ReturnType<typeof startTranslationServer>>;
  const translate = (keys: Array<{ name: string; value: unknown }>) => t.webhook('translateText', keys);
  beforeAll(async () => {
    provider = await startTranslationServer(libreTranslates, { languages: libreError(500, 'Cannot load languages') });
    t = await createTestApp(target_, {
      env: { FLOWHOOKS_TRANSLATE_PROVIDER: 'libretranslate', FLOWHOOKS_TRANSLATE_URL: provider.url, FLOWHOOKS_TRANSLATE_API_KEY: serverTranslationKey, FLOWHOOKS_TRANSLATE_TIMEOUT_MS: '300' },
    });
    await t.translation.refreshLanguages();
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });
  beforeEach(() => {
    provider.requests.length = 0;
  });

  it('refuses no language by a list and lets the server answer: Tamil and Konkani are sent, and the failed read is logged without the key', async () => {
    expect(outputsOf(await translate([text('Thank you for waiting'), source('en'), target('Tamil')]))['$flow.key.translatedText']).toBe('[ta] THANK YOU FOR WAITING');
    expect(outputsOf(await translate([text('Thank you for waiting'), source('en'), target('Konkani')]))['$flow.key.translatedText']).toBe('[gom] THANK YOU FOR WAITING');
    expect(provider.requests.map((request) => request.body.target)).toEqual(['ta', 'gom']);
    const logs = t.logs.join('');
    expect(logs).toContain('translation provider languages not read');
    expect(logs).not.toContain(serverTranslationKey);
  });

  it.each([
    ['a malformed answer', ((_request, response) => json(response, 200, { languages: [{ code: 'en' }] })) satisfies Parameters<typeof startTranslationServer>[0]],
    ['an empty list', libreLanguages([])],
    ['no answer within the timeout', hang],
  ])('refuses none after %s either', async (_label, behaviour) => {
    provider.offer(behaviour);
    await t.translation.refreshLanguages();
    expect(outputsOf(await translate([text(`Sent despite ${_label}`), source('en'), target('Telugu')]))['$flow.key.status']).toBe('SUCCESS');
    expect(provider.requests[0]!.body).toMatchObject({ target: 'te' });
  });
});
