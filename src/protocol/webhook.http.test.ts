import { gzipSync } from 'node:zlib';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, createTestApp, databaseTargets, outputsOf, webhookToken, type TestApp } from '../../test/support.js';
import Fastify from 'fastify';
import { allMethods, methodRegistry } from '../methods/registry.js';
import { webhookRoutes, type WebhookRouteDeps } from './webhook-route.js';
import { defineMethod, success } from '../methods/contract.js';
import { supportBotToken, unknownTokens } from '../../test/secrets.js';

/** A method that echoes what the protocol handed it, to observe the protocol itself. */
const echoMethod = defineMethod({
  name: 'protocolEcho',
  summary: 'Test method: echoes the account, stage, now and parameters.',
  params: Type.Object({
    '$flow.key.count': Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    '$flow.key.word': Type.String({ minLength: 2 }),
    '$flow.key.accountID': Type.Optional(Type.String()),
  }),
  accountParam: '$flow.key.accountID',
  outputs: [],
  failureOutputs: [{ name: '$flow.key.echoed', value: 'false' }],
  async handle({ params }, context) {
    context.noteMiss(`word ${params['$flow.key.word']}`);
    return success([
      { name: '$flow.key.idempotencyKey', value: context.idempotencyKey ?? 'none' },
      { name: '$flow.key.account', value: String(context.account.id) },
      { name: '$flow.key.stage', value: context.stage },
      { name: '$flow.key.now', value: context.now.toISOString() },
      { name: '$flow.key.word', value: params['$flow.key.word'] },
      { name: '$flow.key.count', value: String(params['$flow.key.count'] ?? 'none') },
      { name: '$flow.key.countType', value: typeof params['$flow.key.count'] },
    ]);
  },
});

/** A method whose handler fails unexpectedly, as a bug or a lost database would. */
const faultyMethod = defineMethod({
  name: 'protocolFault',
  summary: 'Test method: throws.',
  params: Type.Object({}),
  outputs: [],
  failureOutputs: [],
  async handle() {
    throw new Error('secret-internal-detail at /srv/flowhooks/app.js:1');
  },
});

const clockNow = new Date('2026-11-28T10:00:00.000Z');

describe.each(await databaseTargets())('wire protocol on $name', (target) => {
  let t: TestApp;
  let otherAccountToken: string;
  beforeAll(async () => {
    t = await createTestApp(target, { methods: [...allMethods, echoMethod, faultyMethod], now: clockNow });
    expect((await t.api('POST', '/api/accounts', { id: 2, name: 'Other' })).statusCode).toBe(201);
    otherAccountToken = (await t.api('POST', '/api/accounts/2/tokens', { label: 'other' })).json().token;
  });
  afterAll(() => t.close());

  const word = { name: '$flow.key.word', value: 'hello' };

  it('answers a call on /webhook with the method name, SUCCESS and string outputs', async () => {
    const response = await t.webhook('protocolEcho', [word, { name: '$flow.key.count', value: 3 }]);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.method).toBe('protocolEcho');
    expect(body.status).toBe('SUCCESS');
    expect(body.keys.every((key: { value: unknown }) => typeof key.value === 'string')).toBe(true);
    expect(outputsOf(response)).toMatchObject({ '$flow.key.stage': 'prod', '$flow.key.count': '3', '$flow.key.countType': 'number' });
  });

  it('matches method names case-insensitively', async () => {
    for (const name of ['PROTOCOLECHO', 'protocolecho', 'ProtocolEcho']) {
      expect((await t.webhook(name, [word])).json().method).toBe('protocolEcho');
    }
  });

  it.each([
    ['/centraloutboundwebhook-v1/prod/', 'prod'],
    ['/reliance-nippon-v1/test/', 'test'],
    ['/googleapiwebhook-v1/prod', 'prod'],
  ])('serves %s as stage %s', async (url, stage) => {
    const response = await t.webhook('protocolEcho', [word], { url });
    expect(response.statusCode).toBe(200);
    expect(outputsOf(response)['$flow.key.stage']).toBe(stage);
  });

  it('answers 404 UNKNOWN_STAGE for a stage other than prod or test', async () => {
    const response = await t.webhook('protocolEcho', [word], { url: '/some-service/dev/' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 'FAILURE', error: { code: 'UNKNOWN_STAGE', message: 'Unknown stage "dev": use prod or test.' } });
    const long = await t.webhook('protocolEcho', [word], { url: `/some-service/${'s'.repeat(40)}/` });
    expect(long.json().error.message).toBe(`Unknown stage "${'s'.repeat(32)}": use prod or test.`);
  });

  // Found by the fuzz test: Fastify answered these in its own shape, echoing the whole path, without x-request-id.
  it('answers 400 INVALID_PATH for a path that is not valid percent-encoding or has an over-long segment, without echoing it', async () => {
    for (const url of ['/svc/%zz', `/${'9'.repeat(120)}/prod`]) {
      const response = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toEqual({ error: { code: 'INVALID_PATH', message: expect.any(String) } });
      expect(response.body).not.toContain('999999999');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  // Found by the fuzz test: the body was parsed before the not-found handler ran, so an unknown route with an odd content type was a 415.
  it('answers 404 for an unknown route whatever the content type of its body', async () => {
    for (const contentType of ['', 'a/b/c', 'application/xml']) {
      const response = await t.app.inject({ method: 'POST', url: '/svc/prod/extra', headers: { 'content-type': contentType }, payload: '<x/>' });
      expect(response.statusCode, contentType).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
  });

  it('returns a flat object with ?format=flat, in any case', async () => {
    for (const url of ['/webhook?format=flat', '/webhook?format=FLAT', '/webhook?format=Flat']) {
      const response = await t.webhook('protocolEcho', [word], { url });
      expect(response.json(), url).toMatchObject({ status: 'SUCCESS', word: 'hello', stage: 'prod' });
      expect(response.json().keys, url).toBeUndefined();
    }
  });

  it('answers errors before the method in the flat shape too when ?format=flat asks for it', async () => {
    const unauthorized = await t.webhook('protocolEcho', [word], { url: '/webhook?format=flat', token: null });
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.json()).toMatchObject({ status: 'FAILURE', errorCode: 'UNAUTHORIZED' });
    expect(unauthorized.json().keys).toBeUndefined();
    const unknown = await t.webhook('noSuchMethod', [word], { url: '/svc/prod?format=FLAT' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 'FAILURE', errorCode: 'UNKNOWN_METHOD' });
    // Without it, the keys shape.
    expect((await t.webhook('protocolEcho', [word], { token: null })).json().keys).toEqual(expect.arrayContaining([{ name: '$flow.key.errorCode', value: 'UNAUTHORIZED' }]));
  });

  it('puts an x-request-id on every response, keeping a sane one from the caller', async () => {
    const mine = await t.webhook('protocolEcho', [word], { headers: { 'x-request-id': 'flow-trace-123' } });
    expect(mine.headers['x-request-id']).toBe('flow-trace-123');
    const junk = await t.webhook('protocolEcho', [word], { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(junk.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const notFound = await t.app.inject({ method: 'GET', url: '/nowhere' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 422 naming each bad parameter, with the failure outputs in keys', async () => {
    const response = await t.webhook('protocolEcho', [{ name: '$flow.key.count', value: 'many' }]);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.status).toBe('FAILURE');
    expect(body.error.code).toBe('INVALID_PARAMETER');
    expect(body.error.parameters.sort()).toEqual(['$flow.key.count', '$flow.key.word']);
    expect(body.error.message).toContain('$flow.key.count must be a whole number');
    expect(body.error.message).toContain('$flow.key.word is required');
    expect(outputsOf(response)).toMatchObject({ '$flow.key.echoed': 'false', '$flow.key.errorCode': 'INVALID_PARAMETER' });
  });

  it('answers MISSING_PARAMETER when only required parameters are missing, counting empty values as missing', async () => {
    const response = await t.webhook('protocolEcho', [{ name: '$flow.key.word', value: '  ' }]);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'MISSING_PARAMETER', parameters: ['$flow.key.word'] });
  });

  it('finds parameters by last segment under another scope', async () => {
    const response = await t.webhook('protocolEcho', [{ name: '$call.WORD', value: 'segment' }]);
    expect(outputsOf(response)['$flow.key.word']).toBe('segment');
  });

  describe('bad envelopes', () => {
    const post = (payload: string, contentType = 'application/json') =>
      t.app.inject({ method: 'POST', url: '/webhook', headers: { authorization: `Bearer ${webhookToken}`, 'content-type': contentType }, payload });

    it.each([
      ['not JSON', '{"method":', 400, 'INVALID_JSON'],
      ['an empty body', '', 400, 'INVALID_JSON'],
      ['a JSON array', '[]', 400, 'INVALID_ENVELOPE'],
      ['no method', '{"keys":[]}', 400, 'MISSING_METHOD'],
      ['keys not an array', '{"method":"protocolEcho","keys":"x"}', 400, 'INVALID_KEYS'],
      ['an unknown method', '{"method":"makeCoffee","keys":[]}', 404, 'UNKNOWN_METHOD'],
    ])('answers %s (%s) with %i %s', async (_label, payload, status, code) => {
      const response = await post(payload);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ status: 'FAILURE', error: { code } });
    });

    it('lists the known methods for an unknown one, quoting at most 64 characters of its name', async () => {
      const known = [...allMethods, echoMethod, faultyMethod].map((method) => method.name);
      const response = await post('{"method":"makeCoffee","keys":[]}');
      expect(response.json().error).toEqual({ code: 'UNKNOWN_METHOD', message: `Unknown method "makeCoffee". Known methods: ${known.join(', ')}.`, knownMethods: known });
      const long = await post(JSON.stringify({ method: `m${'x'.repeat(99)}`, keys: [] }));
      expect(long.json().error.message).toMatch(new RegExp(`^Unknown method "m${'x'.repeat(63)}"\\. Known`));
    });

    it('reads an empty text/plain body as no envelope, and unreadable text as invalid JSON', async () => {
      const empty = await post('', 'text/plain');
      expect(empty.json()).toMatchObject({ status: 'FAILURE', error: { code: 'INVALID_ENVELOPE' } });
      const unreadable = await post('{"method":', 'text/plain');
      expect(unreadable.statusCode).toBe(400);
      expect(unreadable.json()).toMatchObject({ status: 'FAILURE', error: { code: 'INVALID_JSON', message: 'The body is not valid JSON.' } });
    });

    it('reads a number a double would change as the text written: a long account number, an amount with its trailing zero', async () => {
      for (const contentType of ['application/json', 'text/plain']) {
        for (const [literal, text] of [['123456789012345678', '123456789012345678'], ['1250.10', '1250.10'], ['42', '42'], ['15.0', '15'], ['1e21', '1000000000000000000000'], ['12345678901234567890e3', '12345678901234567890000'], ['123456789012345678e-3', '123456789012345.678'], ['1.5e-25', `0.${'0'.repeat(24)}15`], ['1e-400', `0.${'0'.repeat(399)}1`]]) {
          const response = await post(`{"method":"protocolEcho","keys":[{"name":"$flow.key.word","value":${literal}}]}`, contentType);
          expect(outputsOf(response)['$flow.key.word'], `${contentType} ${literal}`).toBe(text);
        }
      }
    });

    it('accepts JSON sent as text/plain', async () => {
      const response = await post(JSON.stringify({ method: 'protocolEcho', keys: [word] }), 'text/plain');
      expect(response.statusCode).toBe(200);
    });

    it('says a Content-Type that names no media type is one, and a prototype key is refused, in the webhook shape', async () => {
      for (const contentType of ['json', ';', 'application/']) {
        const response = await post(JSON.stringify({ method: 'protocolEcho', keys: [word] }), contentType);
        expect(response.statusCode, contentType).toBe(415);
        expect(response.json(), contentType).toMatchObject({ status: 'FAILURE', error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('not a media type') } });
      }
      for (const body of ['{"method":"protocolEcho","keys":[],"__proto__":{"x":1}}', '{"method":"protocolEcho","keys":[],"constructor":{"prototype":{"x":1}}}']) {
        const response = await post(body, 'application/json');
        expect(response.statusCode, body).toBe(400);
        expect(response.json(), body).toMatchObject({ status: 'FAILURE', error: { code: 'INVALID_JSON', message: expect.stringContaining('"__proto__"') } });
      }
    });

    it('refuses a body that is not UTF-8, sent as JSON or as text, and a lone surrogate in a value, storing nothing on either database', async () => {
      const contact = { name: '$user.syskey.contactNumber', value: '9876543299' };
      const [head, tail] = `{"method":"updateUserPreferences","keys":[${JSON.stringify(contact)},{"name":"$user.key.note","value":"caf@"}]}`.split('@') as [string, string];
      for (const contentType of ['application/json', 'text/plain']) {
        const latin1 = await t.app.inject({
          method: 'POST',
          url: '/webhook',
          headers: { authorization: `Bearer ${webhookToken}`, 'content-type': contentType },
          payload: Buffer.concat([Buffer.from(head), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(tail)]),
        });
        expect(latin1.statusCode, contentType).toBe(400);
        expect(latin1.json(), contentType).toMatchObject({ status: 'FAILURE', error: { code: 'INVALID_JSON', message: 'The body is not valid UTF-8 text, which JSON must be.' } });
      }
      const surrogate = await post(`${head}\\ud800${tail}`);
      expect(surrogate.statusCode).toBe(400);
      expect(surrogate.json()).toMatchObject({ status: 'FAILURE', error: { code: 'INVALID_KEYS', message: expect.stringMatching(/^keys\[1\]\.value is not valid Unicode text/) } });
      const stored = await t.webhook('fetchUserPreferences', [contact]);
      expect(outputsOf(stored)).toEqual({ '$flow.key.userPrefsFound': 'false' });
      // A whole pair (an emoji) is text like any other.
      expect((await post(`${head}\\ud83d\\ude00${tail}`)).statusCode).toBe(200);
    });

    it('refuses a gzipped body with 415 in the webhook shape, saying content codings are not accepted', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/webhook',
        headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        payload: gzipSync(Buffer.from(JSON.stringify({ method: 'protocolEcho', keys: [word] }))),
      });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ status: 'FAILURE', error: { code: 'UNSUPPORTED_CONTENT_ENCODING', message: expect.stringContaining('content codings are not accepted') } });
      expect(outputsOf(response)).toMatchObject({ '$flow.key.errorCode': 'UNSUPPORTED_CONTENT_ENCODING' });
    });

    it('answers 413 for a body over 64 KiB', async () => {
      const response = await post(JSON.stringify({ method: 'protocolEcho', keys: [{ name: 'big', value: 'x'.repeat(70_000) }] }));
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('BODY_TOO_LARGE');
    });

    it('answers 400 for more than 200 keys', async () => {
      const keys = Array.from({ length: 201 }, (_, index) => ({ name: `k${index}`, value: '1' }));
      const response = await post(JSON.stringify({ method: 'protocolEcho', keys }));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('INVALID_KEYS');
    });
  });

  describe('authentication and tenancy', () => {
    it('answers 401 without a token and with an unknown token', async () => {
      expect((await t.webhook('protocolEcho', [word], { token: null })).json().error.code).toBe('UNAUTHORIZED');
      const wrong = await t.webhook('protocolEcho', [word], { token: unknownTokens.webhook });
      expect(wrong.statusCode).toBe(401);
    });

    it("uses the token's account", async () => {
      const response = await t.webhook('protocolEcho', [word], { token: otherAccountToken });
      expect(outputsOf(response)['$flow.key.account']).toBe('2');
    });

    it("answers 403 when the keys name another account than the token's", async () => {
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.key.accountID', value: '1' }], { token: otherAccountToken });
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toEqual({ code: 'FORBIDDEN_ACCOUNT', message: 'The keys name an account this token does not belong to.' });
    });

    it.each([
      ['findLanguage', [{ name: '$flow.key.cli', value: '9820012345' }, { name: '$flow.key.languageSupported', value: 'HINDI' }]],
      ['linkcreation', [{ name: '$flow.key.cli', value: '9820012345' }, { name: '$flow.key.botid', value: 'b' }, { name: '$flow.key.token', value: 't' }]],
      ['translateText', [{ name: '$flow.key.inputText', value: 'hello' }, { name: '$flow.key.targetLang', value: 'hi' }]],
    ])('answers 403 for %s too when its keys name another account, and 422 for an account the admin token names that does not exist', async (method, keys) => {
      const forbidden = await t.webhook(method, [...keys, { name: '$flow.syskey.accountID', value: '1' }], { token: otherAccountToken });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error.code).toBe('FORBIDDEN_ACCOUNT');
      const missing = await t.webhook(method, [...keys, { name: '$flow.key.accountID', value: '99' }], { token: adminToken });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.code).toBe('ACCOUNT_NOT_FOUND');
    });

    it('accepts the keys naming the token\'s own account', async () => {
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.key.accountID', value: 2 }], { token: otherAccountToken });
      expect(response.statusCode).toBe(200);
    });

    it('lets the admin token act for the account the keys name', async () => {
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.key.accountID', value: '2' }], { token: adminToken });
      expect(outputsOf(response)['$flow.key.account']).toBe('2');
      const unknown = await t.webhook('protocolEcho', [word, { name: '$flow.key.accountID', value: '99' }], { token: adminToken });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().error).toMatchObject({ code: 'ACCOUNT_NOT_FOUND', message: '$flow.key.accountID names no account', parameters: ['$flow.key.accountID'] });
    });

    it.each(['two', '12a', 'x12', '1234567890', '-1', '1.5'])('answers 422 for the accountID %j, which is not a whole number of at most 9 digits', async (value) => {
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.key.accountID', value }]);
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'INVALID_PARAMETER', message: '$flow.key.accountID must be a whole number of at most 9 digits', parameters: ['$flow.key.accountID'] });
    });
  });

  describe('test stage clock', () => {
    const testNow = { name: '$flow.syskey.testNow', value: '2026-12-06T19:00:00+05:30' };

    it('pins now with $flow.syskey.testNow on the test stage', async () => {
      const response = await t.webhook('protocolEcho', [word, testNow], { url: '/svc/test/' });
      expect(outputsOf(response)['$flow.key.now']).toBe('2026-12-06T13:30:00.000Z');
    });

    it('accepts a one-digit hour in the offset', async () => {
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.syskey.testNow', value: '2026-12-06T19:00:00+5:30' }], { url: '/svc/test/' });
      expect(outputsOf(response)['$flow.key.now']).toBe('2026-12-06T13:30:00.000Z');
    });

    it('ignores testNow on prod', async () => {
      const response = await t.webhook('protocolEcho', [word, testNow]);
      expect(outputsOf(response)['$flow.key.now']).toBe(clockNow.toISOString());
    });

    it('answers 422 for a testNow that is not an ISO instant, or names a day that does not exist', async () => {
      const impossible = await t.webhook('protocolEcho', [word, { name: '$flow.syskey.testNow', value: '2026-02-30T10:00:00+05:30' }], { url: '/svc/test/' });
      expect(impossible.statusCode).toBe(422);
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.syskey.testNow', value: 'next sunday' }], { url: '/svc/test/' });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({
        parameters: ['$flow.syskey.testNow'],
        message: '$flow.syskey.testNow must be an ISO 8601 date-time with an offset of a day that exists, e.g. 2026-12-06T19:00:00+05:30',
      });
    });
  });

  describe('what a call leaves behind: its invocation-log entry and its metrics', () => {
    /** The invocation-log row of the call answered with `response`. */
    async function invocationOf(response: { headers: Record<string, unknown> }) {
      await t.invocations.flush();
      return t.database.db.selectFrom('invocations').selectAll().where('request_id', '=', String(response.headers['x-request-id'])).executeTakeFirstOrThrow();
    }

    it('records the account, method, stage, flowId (at most 64 characters) and the masked caller of a call', async () => {
      const flowId = `F${'x'.repeat(80)}`;
      const response = await t.webhook('protocolEcho', [word, { name: '$Flow.Key.FlowID', value: flowId }, { name: '$flow.key.cli', value: '9876543210' }], { url: '/svc/test/' });
      expect(await invocationOf(response)).toMatchObject({
        account_id: 1, method: 'protocolEcho', stage: 'test', flow_id: flowId.slice(0, 64), caller: '98XXXXXX10', outcome: 'SUCCESS', error_code: null, http_status: 200,
      });
      const byContact = await t.webhook('protocolEcho', [word, { name: '$user.syskey.contactNumber', value: '9123456789' }]);
      expect(await invocationOf(byContact)).toMatchObject({ stage: 'prod', caller: '91XXXXXX89', flow_id: null });
    });

    it('masks a phone number inside a flowId, in the invocation log and in the log line', async () => {
      const logged = t.logs.length;
      const response = await t.webhook('protocolEcho', [word, { name: '$flow.key.flowId', value: 'call-919812345678-retry' }]);
      expect(await invocationOf(response)).toMatchObject({ flow_id: 'call-98XXXXXX78-retry' });
      const lines = t.logs.slice(logged).join('');
      expect(lines).toContain('call-98XXXXXX78-retry');
      expect(lines).not.toContain('9812345678');
    });

    it('records a refused call with its error code, and what an account that asks for misses did not understand', async () => {
      const refused = await t.webhook('protocolEcho', [word], { token: null });
      expect(await invocationOf(refused)).toMatchObject({ outcome: 'FAILURE', error_code: 'UNAUTHORIZED', http_status: 401, account_id: null, method: null });
      expect((await t.api('PATCH', '/api/accounts/1', { recordMisses: false })).statusCode).toBe(200);
      expect((await invocationOf(await t.webhook('protocolEcho', [word]))).miss).toBeNull();
      expect((await t.api('PATCH', '/api/accounts/1', { recordMisses: true })).statusCode).toBe(200);
      expect((await invocationOf(await t.webhook('protocolEcho', [word]))).miss).toBe('word hello');
    });

    it('counts each call by method, stage, outcome and status, and times it in seconds', async () => {
      const scrape = async () => (await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${adminToken}` } })).body;
      const count = (text: string, labels: string) => Number(new RegExp(`^flowhooks_webhook_requests_total\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      const before = await scrape();
      await t.webhook('protocolEcho', [word], { url: '/svc/test/' });
      await t.webhook('protocolEcho', [word], { token: null });
      // Refused before the protocol read it: neither method nor stage is known.
      await t.app.inject({ method: 'POST', url: '/svc/test/', headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken}` }, payload: JSON.stringify({ method: 'protocolEcho', keys: [{ name: 'big', value: 'x'.repeat(70_000) }] }) });
      const after = await scrape();
      expect(count(after, 'method="unknown",stage="unknown",outcome="FAILURE",status="413"') - count(before, 'method="unknown",stage="unknown",outcome="FAILURE",status="413"')).toBe(1);
      expect(count(after, 'method="protocolEcho",stage="test",outcome="SUCCESS",status="200"') - count(before, 'method="protocolEcho",stage="test",outcome="SUCCESS",status="200"')).toBe(1);
      expect(count(after, 'method="unknown",stage="prod",outcome="FAILURE",status="401"') - count(before, 'method="unknown",stage="prod",outcome="FAILURE",status="401"')).toBe(1);
      // Seconds, not milliseconds: every echo call so far took well under a second.
      const bucket = (le: string) => Number(new RegExp(`^flowhooks_webhook_duration_seconds_bucket\\{method="protocolEcho",le="${le}"\\} (\\d+)$`, 'm').exec(after)?.[1]);
      expect(bucket('1')).toBeGreaterThan(0);
      const timed = Number(/^flowhooks_webhook_duration_seconds_count\{method="protocolEcho"\} (\d+)$/m.exec(after)?.[1]);
      expect(bucket('1')).toBe(timed);
    });
  });

  it('hands the method the Idempotency-Key header, trimmed; a blank one is none', async () => {
    const echoed = async (value: string | undefined) =>
      outputsOf(await t.webhook('protocolEcho', [word], value === undefined ? {} : { headers: { 'idempotency-key': value } }))['$flow.key.idempotencyKey'];
    expect(await echoed(' retry-7 ')).toBe('retry-7');
    expect(await echoed('   ')).toBe('none');
    expect(await echoed(undefined)).toBe('none');
  });

  it('answers an internal fault with 500 and the request id, never the error itself', async () => {
    const response = await t.webhook('protocolFault', []);
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.requestId).toBe(response.headers['x-request-id']);
    expect(response.body).not.toContain('secret-internal-detail');
    const logged = t.logs.find((line) => line.includes('internal error'));
    expect(logged).toContain(String(response.headers['x-request-id']));
    expect(logged).not.toMatch(/"stack"/);
  });

  it('never writes tokens or request bodies to the log', async () => {
    await t.webhook('protocolEcho', [word, { name: '$flow.key.cli', value: '9876543245' }]);
    const log = t.logs.join('');
    expect(log).toContain('request completed');
    expect(log).not.toContain(webhookToken);
    expect(log).not.toContain(adminToken);
    expect(log).not.toContain('9876543245');
  });
});

describe.each(await databaseTargets())('FLOWHOOKS_AUTH=off on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_AUTH: 'off' }, methods: [echoMethod] });
    await t.api('POST', '/api/accounts', { id: 163, name: 'VPN client' });
  });
  afterAll(() => t.close());

  it('trusts the accountID in the keys when no token is sent', async () => {
    const response = await t.webhook('protocolEcho', [{ name: '$flow.key.word', value: 'hi' }, { name: '$flow.key.accountID', value: '163' }], { token: null });
    expect(response.statusCode).toBe(200);
    expect(outputsOf(response)['$flow.key.account']).toBe('163');
  });

  it('uses account 1 when the keys name none', async () => {
    const response = await t.webhook('protocolEcho', [{ name: '$flow.key.word', value: 'hi' }], { token: null });
    expect(outputsOf(response)['$flow.key.account']).toBe('1');
  });

  it('still refuses an unknown token', async () => {
    const response = await t.webhook('protocolEcho', [{ name: '$flow.key.word', value: 'hi' }], { token: unknownTokens.webhookOther });
    expect(response.statusCode).toBe(401);
  });

  it('still protects the management API', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/accounts' });
    expect(response.statusCode).toBe(401);
  });
});

describe('answers that depend on settings, on SQLite', () => {
  it('with FLOWHOOKS_AUTH=off and no account 1, a call naming no account is refused', async () => {
    const [sqlite] = await databaseTargets();
    const t = await createTestApp(sqlite!, { env: { FLOWHOOKS_AUTH: 'off' }, methods: [echoMethod] });
    try {
      await t.database.db.deleteFrom('accounts').where('id', '=', 1).execute();
      const response = await t.webhook('protocolEcho', [{ name: '$flow.key.word', value: 'hi' }], { token: null });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toEqual({ code: 'UNAUTHORIZED', message: 'No account is named and the default account does not exist.' });
    } finally {
      await t.close();
    }
  });

  it('turns away an address past the failed-authentication limit even when the failure is a business answer (a wrong bot token)', async () => {
    const [sqlite] = await databaseTargets();
    const t = await createTestApp(sqlite!, { env: { FLOWHOOKS_AUTH_FAILURES_PER_MINUTE: '1' } });
    try {
      await t.api('PATCH', '/api/accounts/1', { clientId: 'protocolclient1' });
      expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'support', baseUrl: 'https://bot.example.com/chat', token: supportBotToken })).statusCode).toBe(201);
      const link = () => t.webhook('linkcreation', [{ name: '$flow.key.cli', value: '918160712345' }, { name: '$flow.key.botid', value: 'support' }, { name: '$flow.key.token', value: 'not-the-token' }]);
      const first = await link();
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ status: 'FAILURE', error: { code: 'INVALID_BOT_TOKEN' } });
      const second = await link();
      expect(second.statusCode).toBe(429);
      expect(second.json()).toMatchObject({ method: 'linkcreation', status: 'FAILURE', error: { code: 'RATE_LIMITED' } });
    } finally {
      await t.close();
    }
  });
});

describe('registering the webhook routes', () => {
  it('stops with the method named when a parameter schema does not compile, before any call', async () => {
    const broken = defineMethod({
      name: 'brokenSchema',
      summary: 'Test method: a pattern no validator can be built from.',
      params: Type.Object({ '$flow.key.code': Type.String({ pattern: '([a-z]' }) }),
      outputs: [],
      failureOutputs: [],
      async handle() {
        return success([]);
      },
    });
    const app = Fastify();
    // Only the methods are read before the schemas are compiled; the rest of the routes' dependencies never come into play.
    const deps = { methods: methodRegistry([...allMethods, broken]) } as unknown as WebhookRouteDeps;
    await expect(app.register(async (scope) => webhookRoutes(scope, deps))).rejects.toThrow(/^brokenSchema: its parameter schema does not compile \(.*Invalid regular expression/);
    await app.close();
  });
});
