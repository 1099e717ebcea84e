import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortCustomerToken } from '../../test/secrets.js';
import { adminToken, createTestApp, databaseTargets, type TestApp } from '../../test/support.js';

// The hostile-input probe's findings on management bodies (notes/probe-hostile.md, items 2, 9, 11, 12 and 13).
describe.each(await databaseTargets())('hostile management input on $name', (target) => {
  let t: TestApp;
  const host = 's.example.in';
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_SHORT_BASE_URL: `https://${host}` } });
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Hostile', custToken: shortCustomerToken })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const createLink = (body: Record<string, unknown>, url = '/api/short-urls', contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload: JSON.stringify({ custToken: shortCustomerToken, ...body }) });
  /** A value Ajv's type coercion used to turn into null, clearing the field. */
  const falsy = [0, false, '', '0'];

  it('says what a field of a few choices allows, once, and that a field which takes null takes it', async () => {
    const created = await createLink({ longUrl: 'https://example.com/choices' });
    const path = `/api/short-urls/${host}/${created.json().code}`;
    const wrongStatus = await t.api('PATCH', path, { redirectStatus: 303 });
    expect(wrongStatus.json().error.fields).toEqual([{ field: 'redirectStatus', message: 'must be one of 301, 302, 307, 308' }]);
    const zeroVisits = await t.api('PATCH', path, { maxVisits: 0 });
    expect(zeroVisits.json().error.fields).toEqual([{ field: 'maxVisits', message: 'must be a whole number from 1 to 1000000000 or null' }]);
  });

  it('refuses names with line breaks, tabs, bidi overrides or zero-width characters, saying so and creating nothing, and takes any script', async () => {
    const creates: Array<[string, (name: string) => Record<string, unknown>]> = [
      ['/api/accounts', (name) => ({ name })],
      ['/api/accounts/1/agents', (name) => ({ cli: '9876501234', name })],
      ['/api/accounts/1/outbound-flows', (name) => ({ flowId: 'OBD00001', name, dialerUrl: 'http://127.0.0.1:9/dial' })],
      ['/api/accounts/1/short-customers', (name) => ({ name })],
      ['/api/accounts/1/tokens', (label) => ({ label })],
    ];
    for (const [path, body] of creates) {
      for (const name of ['Asha\r\nInjected: yes', 'Asha\tK', 'Asha \u202egnp.exe', 'As\u200bha', 'A\u2028B\u2029C', '\u200dAsha']) {
        const refused = await t.api('POST', path, body(name));
        expect(refused.statusCode, `${path} ${JSON.stringify(name)}`).toBe(422);
        expect(refused.json().error.fields).toEqual([{ field: path.endsWith('tokens') ? 'label' : 'name', message: expect.stringMatching(/^must not contain line breaks, tabs or other control characters/) }]);
      }
    }
    const holiday = await t.api('PUT', '/api/accounts/1/holidays/2026-12-31', { name: 'New\nYear' });
    expect(holiday.json().error.fields).toEqual([{ field: 'name', message: expect.stringMatching(/^must not contain line breaks/) }]);
    expect((await t.api('GET', '/api/accounts/1/agents')).json()).toEqual([]);
    expect((await t.api('GET', '/api/accounts/1/holidays')).json()).toEqual([]);
    expect((await t.api('POST', '/api/accounts/1/agents', { cli: '9876501234', name: 'आशा 🙂' })).statusCode).toBe(201);
  });

  it('takes a zero-width joiner or non-joiner where a script or an emoji sequence needs it, in every name alike', async () => {
    const names = ['می\u200cخواهم', 'ന്\u200d', 'क्\u200dष', '🏳️\u200d🌈', '👨\u200d👩\u200d👧'];
    for (const [index, name] of names.entries()) {
      const holiday = await t.api('PUT', `/api/accounts/1/holidays/2027-11-${11 + index}`, { name });
      expect(holiday.statusCode, JSON.stringify(name)).toBe(201);
      expect(holiday.json()).toEqual({ date: `2027-11-${11 + index}`, name });
      const account = await t.api('POST', '/api/accounts', { name });
      expect(account.statusCode, JSON.stringify(name)).toBe(201);
      expect((await t.api('GET', `/api/accounts/${account.json().id}`)).json().name).toBe(name);
    }
  });

  it('says what a field of a pattern or a date-time wants in words, not as a regular expression', async () => {
    const hours = await t.api('PATCH', '/api/accounts/1', { callbackHours: { start: '8:00', end: '20:00' } });
    expect(hours.json().error.fields).toEqual([{ field: 'callbackHours.start', message: 'must be a 24-hour time HH:mm with two digits each, e.g. 09:00' }]);
    const created = await createLink({ longUrl: 'https://example.com/words' });
    const expiry = await t.api('PATCH', `/api/short-urls/${host}/${created.json().code}`, { expiresAt: '31/12/2026' });
    expect(expiry.json().error.fields).toEqual([{ field: 'expiresAt', message: expect.stringMatching(/^must be an ISO 8601 date-time with an offset/) }]);
  });

  it('refuses true or false for a field that takes neither, instead of storing "false" or 1, saying what it takes, and changes nothing', async () => {
    const before = (await t.api('GET', '/api/accounts/1')).json();
    const refused = await t.api('PATCH', '/api/accounts/1', { clientId: false, validMaxDays: true });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toEqual([
      { field: 'clientId', message: 'must be a string or null' },
      { field: 'validMaxDays', message: 'must be a whole number from 1 to 365' },
    ]);
    expect((await t.api('GET', '/api/accounts/1')).json()).toEqual(before);
    // A field that takes a boolean still does.
    expect((await t.api('PATCH', '/api/accounts/1', { recordMisses: false })).json().recordMisses).toBe(false);
    await t.api('PATCH', '/api/accounts/1', { recordMisses: true });
  });

  it('refuses a bot id of dots alone, which HTTP clients would resolve away in its path', async () => {
    for (const botId of ['.', '..', '...']) {
      const refused = await t.api('POST', '/api/accounts/1/bots', { botId, baseUrl: 'https://bot.example.com/chat', token: 'bot-token-123' });
      expect(refused.statusCode, botId).toBe(422);
      expect(refused.json().error.fields[0].field).toBe('botId');
    }
    expect((await t.api('POST', '/api/accounts/1/bots', { botId: 'v1.2', baseUrl: 'https://bot.example.com/chat', token: 'bot-token-123' })).statusCode).toBe(201);
  });

  it('refuses null for a field that does not take it, instead of reading it as false, 0 or an empty text, saying what it takes', async () => {
    const created = await createLink({ longUrl: 'https://example.com/switched-off' });
    const path = `/api/short-urls/${host}/${created.json().code}`;
    expect((await t.api('PATCH', path, { disabled: true })).json().disabled).toBe(true);
    const nulled = await t.api('PATCH', path, { disabled: null, redirectStatus: null });
    expect(nulled.statusCode).toBe(422);
    expect(nulled.json().error.fields).toEqual([
      { field: 'disabled', message: 'must be true or false, or omitted' },
      { field: 'redirectStatus', message: 'must be one of 301, 302, 307, 308' },
    ]);
    expect((await t.api('GET', path)).json()).toMatchObject({ disabled: true, redirectStatus: 302 });
    // A field that takes null still clears.
    expect((await t.api('PATCH', path, { maxVisits: null })).statusCode).toBe(200);
  });

  it('takes an empty body sent as application/json as no body: a route without one answers, a route that needs one names it', async () => {
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBDEMPTY', name: 'Empty body', dialerUrl: 'https://dialer.example.com/x' });
    expect(created.statusCode).toBe(201);
    const empty = (method: 'POST' | 'PATCH', url: string) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload: '' });
    const paused = await empty('POST', '/api/accounts/1/outbound-flows/OBDEMPTY/pause');
    expect(paused.statusCode).toBe(200);
    expect(paused.json().flow.paused).toBe(true);
    const needsBody = await empty('POST', '/api/accounts');
    expect(needsBody.statusCode).toBe(422);
    expect(needsBody.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field: 'body' })] });
  });

  describe('a falsy value for a nullable field is a 422 that changes nothing (item 2)', () => {
    it('short URL: maxVisits and expiresAt keep their limits', async () => {
      const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
      const created = await createLink({ longUrl: 'https://example.com/limited', maxVisits: 5, expiresAt });
      expect(created.statusCode).toBe(201);
      const path = `/api/short-urls/${host}/${created.json().code}`;
      for (const value of falsy) {
        for (const field of ['maxVisits', 'expiresAt']) {
          const response = await t.api('PATCH', path, { [field]: value });
          expect(response.statusCode, `${field}: ${JSON.stringify(value)}`).toBe(422);
          expect(response.json().error.code).toBe('VALIDATION_FAILED');
          expect(response.json().error.fields.map((issue: { field: string }) => issue.field)).toContain(field);
        }
      }
      expect((await t.api('GET', path)).json()).toMatchObject({ maxVisits: 5, expiresAt, state: 'active' });
      // null still takes a limit off.
      expect((await t.api('PATCH', path, { maxVisits: null, expiresAt: null })).json()).toMatchObject({ maxVisits: null, expiresAt: null });
    });

    it('short URL: an expiresAt in the past is refused on PATCH as on create', async () => {
      const created = await createLink({ longUrl: 'https://example.com/expiry' });
      const path = `/api/short-urls/${host}/${created.json().code}`;
      const past = await t.api('PATCH', path, { expiresAt: '1999-01-01T00:00:00Z', maxVisits: 3 });
      expect(past.statusCode).toBe(422);
      expect(past.json().error.fields).toEqual([{ field: 'expiresAt', message: 'is in the past' }]);
      expect((await t.api('GET', path)).json()).toMatchObject({ expiresAt: null, maxVisits: null, state: 'active' });
      const createdPast = await createLink({ longUrl: 'https://example.com/expiry-create', expiresAt: '1999-01-01T00:00:00Z' });
      expect(createdPast.json().error.fields).toEqual([{ field: 'expiresAt', message: 'is in the past' }]);
    });

    it('outbound flow: throttlePerSecond, callingWindow, retryPolicy and dedupeWindowMinutes keep their values', async () => {
      const settings = {
        throttlePerSecond: 5,
        callingWindow: { start: '09:00', end: '18:00' },
        retryPolicy: { busy: { attempts: 1, afterMinutes: 5 } },
        dedupeWindowMinutes: 30,
      };
      const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'HOSTILE1', name: 'Hostile', dialerUrl: 'https://dialer.example.com/jobs', ...settings });
      expect(created.statusCode).toBe(201);
      const path = '/api/accounts/1/outbound-flows/HOSTILE1';
      for (const field of Object.keys(settings)) {
        for (const value of falsy) {
          const response = await t.api('PATCH', path, { [field]: value });
          expect(response.statusCode, `${field}: ${JSON.stringify(value)}`).toBe(422);
          expect(response.json().error.code).toBe('VALIDATION_FAILED');
        }
        const createdFalsy = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'HOSTILE2', name: 'Hostile', dialerUrl: 'https://dialer.example.com/jobs', [field]: '' });
        expect(createdFalsy.statusCode, `create with ${field}: ""`).toBe(422);
      }
      expect((await t.api('GET', path)).json()).toMatchObject(settings);
      const cleared = await t.api('PATCH', path, { throttlePerSecond: null, callingWindow: null, retryPolicy: null, dedupeWindowMinutes: null });
      expect(cleared.statusCode).toBe(200);
      expect(cleared.json()).toMatchObject({ throttlePerSecond: null, callingWindow: null, dedupeWindowMinutes: null });
    });

    it('account: an empty clientId is refused, null clears it', async () => {
      const created = await t.api('POST', '/api/accounts', { name: 'Client Co', clientId: 'client-0001' });
      const path = `/api/accounts/${created.json().id}`;
      expect((await t.api('PATCH', path, { clientId: '' })).statusCode).toBe(422);
      expect((await t.api('POST', '/api/accounts', { name: 'Empty client', clientId: '' })).statusCode).toBe(422);
      expect((await t.api('GET', path)).json().clientId).toBe('client-0001');
      expect((await t.api('PATCH', path, { clientId: null })).json().clientId).toBeNull();
    });

    it('no request body in the API document declares a coercible null (`type: "null"`): nullable fields are `enum: [null]` or a schema', async () => {
      const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const coercibleNulls: string[] = [];
      const walk = (schema: unknown, at: string) => {
        if (Array.isArray(schema)) return schema.forEach((item, index) => walk(item, `${at}/${index}`));
        if (schema === null || typeof schema !== 'object') return;
        const type = (schema as { type?: unknown }).type;
        if (type === 'null' || (Array.isArray(type) && type.includes('null'))) coercibleNulls.push(at);
        for (const [key, value] of Object.entries(schema)) walk(value, `${at}/${key}`);
      };
      let bodies = 0;
      for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>)) {
        for (const [method, operation] of Object.entries(item)) {
          for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
            // The webhook body is read by the protocol layer with its own rules, not by the API's Ajv.
            if (path === '/webhook' || path.startsWith('/{service}')) continue;
            bodies++;
            walk(content.schema, `${method} ${path} ${type}`);
          }
        }
      }
      expect(bodies).toBeGreaterThan(20);
      expect(coercibleNulls).toEqual([]);
      const patch = document.paths['/api/short-urls/{domain}/{code}'].patch.requestBody.content['application/json'].schema;
      // @fastify/swagger writes the helper's `const: null` as `enum: [null]`; Ajv coerces neither.
      expect(patch.properties.maxVisits.anyOf).toEqual([{ enum: [null] }, expect.objectContaining({ type: 'integer', minimum: 1 })]);
    });
  });

  describe('account country (item 9)', () => {
    it('must be a region libphonenumber knows, on create and on PATCH', async () => {
      const before = (await t.api('GET', '/api/accounts')).json().length;
      for (const country of ['XX', 'ZZ', 'QQ']) {
        const response = await t.api('POST', '/api/accounts', { name: 'Nowhere', country });
        expect(response.statusCode).toBe(422);
        expect(response.json().error.fields.map((issue: { field: string }) => issue.field)).toEqual(['country']);
        expect(response.json().error.message).toContain('country');
      }
      expect((await t.api('GET', '/api/accounts')).json().length).toBe(before);
      const patched = await t.api('PATCH', '/api/accounts/1', { country: 'xx' });
      expect(patched.statusCode).toBe(422);
      expect(patched.json().error.fields[0].field).toBe('country');
      expect((await t.api('GET', '/api/accounts/1')).json().country).toBe('IN');
      const british = await t.api('POST', '/api/accounts', { name: 'Somewhere', country: 'gb' });
      expect(british.statusCode).toBe(201);
      expect(british.json().country).toBe('GB');
    });
  });

  describe('content types (item 11)', () => {
    const send = (method: 'POST' | 'PATCH', url: string, contentType: string, payload: string, token: string | undefined = adminToken) =>
      t.app.inject({ method, url, headers: { 'content-type': contentType, ...(token && { authorization: `Bearer ${token}` }) }, payload });

    it('a JSON route answers a text/plain or text/csv body with 415, as it answers a form', async () => {
      const agent = JSON.stringify({ cli: '9876543212', name: 'ct' });
      for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'text/csv', 'application/x-www-form-urlencoded']) {
        const response = await send('POST', '/api/accounts/1/agents', contentType, agent);
        expect(response.statusCode, contentType).toBe(415);
        expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      expect((await send('PATCH', '/api/accounts/1', 'text/plain', JSON.stringify({ name: 'x' }))).statusCode).toBe(415);
      const link = JSON.stringify({ custToken: shortCustomerToken, longUrl: 'https://example.com/plain' });
      expect((await send('POST', '/api/short-urls', 'text/plain', link, undefined)).json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect((await send('POST', '/UrlShortner/phonon/shortUrl', 'text/plain', link, undefined)).statusCode).toBe(415);
      expect((await send('POST', '/api/outbound-jobs/job-1/result', 'text/plain', '{}', undefined)).statusCode).toBe(415);
      // application/json still reads, with a charset too.
      expect((await send('POST', '/api/accounts/1/agents', 'application/json; charset=utf-8', agent)).statusCode).toBe(201);
    });

    it('refuses a body with a content coding with a 415 saying so, on JSON routes and the scrub-file import alike, changing nothing', async () => {
      const gzipped = (value: string) => gzipSync(Buffer.from(value));
      const coded = (method: 'POST' | 'PATCH', url: string, contentType: string, payload: Buffer, encoding = 'gzip', token: string | undefined = adminToken) =>
        t.app.inject({ method, url, headers: { 'content-type': contentType, 'content-encoding': encoding, ...(token && { authorization: `Bearer ${token}` }) }, payload });
      const accounts = (await t.api('GET', '/api/accounts')).json();
      const link = await createLink({ longUrl: 'https://example.com/coded' });
      const linkPath = `/api/short-urls/${host}/${link.json().code}`;
      const refusals = [
        await coded('POST', '/api/accounts', 'application/json', gzipped(JSON.stringify({ name: 'Zipped' }))),
        await coded('POST', '/api/accounts', 'application/json', Buffer.from(JSON.stringify({ name: 'Zipped' })), 'br'),
        await coded('PATCH', linkPath, 'application/json', gzipped(JSON.stringify({ disabled: true }))),
        await coded('POST', '/api/short-urls', 'application/json', gzipped(JSON.stringify({ custToken: shortCustomerToken, longUrl: 'https://example.com/zipped' })), 'gzip', undefined),
        await coded('POST', '/api/accounts/1/dnc/import', 'text/csv', gzipped('9876500014\n')),
      ];
      for (const response of refusals) {
        expect(response.statusCode).toBe(415);
        expect(response.headers['accept-encoding']).toBe('identity');
        expect(response.json().error).toEqual({ code: 'UNSUPPORTED_CONTENT_ENCODING', message: 'The body has a Content-Encoding (such as gzip): content codings are not accepted; send the body uncompressed.' });
      }
      expect((await t.api('GET', '/api/accounts')).json()).toEqual(accounts);
      expect((await t.api('GET', linkPath)).json().disabled).toBe(false);
      expect((await t.api('GET', '/api/accounts/1/dnc')).json().total).toBe(0);
      // Credentials are still checked first; `identity` is no coding.
      expect((await coded('POST', '/api/accounts', 'application/json', gzipped('{}'), 'gzip', 'fh_not-a-token')).statusCode).toBe(401);
      expect((await coded('POST', '/api/accounts', 'application/json', Buffer.from(JSON.stringify({ name: 'Identity Co' })), 'identity')).statusCode).toBe(201);
    });

    it('routes that read text keep reading it: the numbering import takes text/plain', async () => {
      const response = await send('POST', '/api/numbering/import', 'text/plain', 'not,a,series\n1,2,3\n');
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('the do-not-call import takes application/octet-stream as its doc says, and its 415 names it', async () => {
      const imported = await send('POST', '/api/accounts/1/dnc/import', 'application/octet-stream', '9876543210\n');
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ rows: 1 });
      const json = await send('POST', '/api/accounts/1/dnc/import', 'application/json', '{"numbers":["9876543210"]}');
      expect(json.statusCode).toBe(415);
      expect(json.json().error.message).toContain('application/octet-stream');
    });

    it('a webhook body read as text may start with a UTF-8 byte order mark, as an /api body may', async () => {
      const envelope = JSON.stringify({ method: 'fetchUserPreferences', keys: [{ name: 'contactNumber', value: '919812345678' }] });
      for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {}]) {
        const response = await t.app.inject({ method: 'POST', url: '/webhook', headers: { authorization: `Bearer ${adminToken}`, ...headers }, payload: `\uFEFF${envelope}` });
        expect(response.statusCode, JSON.stringify(headers)).toBe(200);
        expect(response.json().status).toBe('SUCCESS');
      }
      const api = await t.app.inject({ method: 'POST', url: '/api/accounts', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, payload: `\uFEFF${JSON.stringify({ name: 'BOM Co' })}` });
      expect(api.statusCode).toBe(201);
    });
  });

  describe('a NUL in longUrl (item 12)', () => {
    it('is 400 INVALID_URL like the other control characters, on both create paths', async () => {
      for (const url of ['/api/short-urls', '/UrlShortner/phonon/shortUrl']) {
        for (const longUrl of ['https://evil.com/\u0000', 'https://evil.com/\r\n']) {
          const response = await createLink({ longUrl }, url);
          expect(response.statusCode, `${url} ${JSON.stringify(longUrl)}`).toBe(400);
          expect(response.json().error).toEqual({ code: 'INVALID_URL', message: 'longUrl contains whitespace or control characters.' });
        }
      }
      // A NUL anywhere else is still the NUL guard's 422 naming the field.
      const elsewhere = await createLink({ longUrl: 'https://example.com/', customSlug: 'a\u0000b' });
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().error.fields).toEqual([{ field: 'body.customSlug', message: 'contains a NUL character (U+0000)' }]);
    });
  });

  describe('text that is not valid Unicode (mgmt probe finding 6)', () => {
    const send = (url: string, payload: string | Buffer, token: string | undefined = adminToken) =>
      t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, payload });
    /** A JSON body with raw bytes in place of `@`. */
    const withBytes = (json: string, bytes: number[]) => {
      const [head, tail] = json.split('@') as [string, string];
      return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
    };

    it('refuses a lone surrogate with a 422 naming the field and bytes that are not UTF-8 with a 400, storing nothing on either database', async () => {
      const accounts = (await t.api('GET', '/api/accounts')).json();
      const lone = await send('/api/accounts', '{"name":"a\\ud800b"}');
      expect(lone.statusCode).toBe(422);
      expect(lone.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body.name', message: expect.stringMatching(/^is not valid Unicode text/) }] });
      for (const bytes of [[0xff, 0xfe], [0xe9], [0xed, 0xa0, 0x80]]) {
        const raw = await send('/api/accounts', withBytes('{"name":"a@b"}', bytes));
        expect(raw.statusCode, String(bytes)).toBe(400);
        expect(raw.json().error, String(bytes)).toEqual({ code: 'INVALID_JSON', message: 'The body is not valid UTF-8 text, which JSON must be.' });
      }
      expect((await t.api('GET', '/api/accounts')).json()).toEqual(accounts);
    });

    it('refuses them on the short-URL create routes too, making no link', async () => {
      const links = (await t.api('GET', '/api/accounts/1/short-urls')).json().length;
      for (const url of ['/api/short-urls', '/UrlShortner/phonon/shortUrl']) {
        const lone = await send(url, `{"custToken":"${shortCustomerToken}","longUrl":"https://example.com/","customSlug":"a\\udc00b"}`, undefined);
        expect(lone.statusCode, url).toBe(422);
        expect(lone.json().error.fields, url).toEqual([{ field: 'body.customSlug', message: expect.stringMatching(/^is not valid Unicode text/) }]);
        const raw = await send(url, withBytes(`{"custToken":"${shortCustomerToken}","longUrl":"https://example.com/@"}`, [0xff, 0xfe]), undefined);
        expect(raw.statusCode, url).toBe(400);
        expect(raw.json().error.code, url).toBe('INVALID_JSON');
      }
      expect((await t.api('GET', '/api/accounts/1/short-urls')).json()).toHaveLength(links);
    });
  });

  describe('iCalendar import refusals (item 13)', () => {
    const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'SUMMARY:Probe', 'DTSTART;VALUE=DATE:20260101', ...lines, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    it("answer 422 in the service's words naming the line, and import nothing", async () => {
      const cases: Array<[string[], string]> = [
        [['RRULE:FREQ=SECONDLY'], 'line 3: event "Probe": its recurrence rule cannot be expanded (FREQ=SECONDLY repeats within a day, but DTSTART is a date without a time)'],
        [['RRULE:FREQ=MINUTELY;BYHOUR=25'], 'line 6: RRULE BYHOUR must be a list of 0 to 23'],
        [['RRULE:FREQ=YEARLY', 'EXDATE:xyz'], 'line 7: EXDATE is not a list of dates (YYYYMMDD) or date-times (YYYYMMDDTHHMMSS)'],
        [['RDATE:abc'], 'line 6: RDATE is not a list of dates (YYYYMMDD) or date-times (YYYYMMDDTHHMMSS) or periods (start/end, start/duration)'],
      ];
      for (const [lines, message] of cases) {
        const response = await t.api('POST', '/api/accounts/1/holidays/import', { ics: ics(...lines) });
        expect(response.statusCode).toBe(422);
        expect(response.json().error.fields).toEqual([{ field: 'ics', message }]);
      }
      expect((await t.api('GET', '/api/accounts/1/holidays?year=2026')).json()).toEqual([]);
    });
  });
});
