import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, createTestApp, databaseTargets, type TestApp } from '../../test/support.js';

describe.each(await databaseTargets())('accounts and tokens API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  it('has account 1 with the documented defaults after the first start', async () => {
    const response = await t.api('GET', '/api/accounts/1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 1,
      timezone: 'Asia/Kolkata',
      country: 'IN',
      defaultLanguage: 'HINDI',
      businessHours: { start: '09:00', end: '18:00' },
      callbackHours: { start: '08:00', end: '20:00' },
      workingDaysOff: ['Sunday'],
      validMaxDays: 30,
    });
  });

  it('creates an account with 201, normalising days and language, and lists it', async () => {
    const created = await t.api('POST', '/api/accounts', {
      id: 293,
      name: 'Reliance Nippon',
      clientId: 'phononio123456',
      defaultLanguage: 'marathi',
      workingDaysOff: ['sat', 'SUNDAY'],
      businessHours: { start: '10:00', end: '19:00' },
      timezone: 'Asia/Dubai',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 293, defaultLanguage: 'MARATHI', workingDaysOff: ['Saturday', 'Sunday'], timezone: 'Asia/Dubai', callbackHours: { start: '08:00', end: '20:00' } });
    const list = await t.api('GET', '/api/accounts');
    expect(list.json().map((account: { id: number }) => account.id)).toEqual(expect.arrayContaining([1, 293]));
  });

  it('gives the next free id when none is asked for', async () => {
    const created = await t.api('POST', '/api/accounts', { name: 'Next' });
    expect(created.statusCode).toBe(201);
    expect(created.json().id).toBe(294);
  });

  it('answers 409 for an id that exists', async () => {
    const response = await t.api('POST', '/api/accounts', { id: 1, name: 'Again' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('ALREADY_EXISTS');
  });

  it('answers 422 naming every invalid field, and creates nothing', async () => {
    const before = (await t.api('GET', '/api/accounts')).json().length;
    const response = await t.api('POST', '/api/accounts', { name: 'Bad', timezone: 'Mars/Olympus', workingDaysOff: ['Funday'], callbackHours: { start: '20:00', end: '08:00' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['callbackHours', 'timezone', 'workingDaysOff[0]']);
    expect((await t.api('GET', '/api/accounts')).json().length).toBe(before);
  });

  it('refuses a time zone abbreviation that names different zones, and stores a zone name in its listed spelling', async () => {
    for (const timezone of ['IST', 'EST', '+05:30', 'GMT+5:30']) {
      const refused = await t.api('POST', '/api/accounts', { name: 'Zone', timezone });
      expect(refused.json().error.fields, timezone).toEqual([{ field: 'timezone', message: expect.stringContaining('abbreviations such as IST') }]);
    }
    for (const [written, stored] of [['asia/kolkata', 'Asia/Kolkata'], ['AMERICA/NEW_YORK', 'America/New_York'], ['etc/gmt-5', 'Etc/GMT-5'], ['utc', 'UTC'], ['Asia/Calcutta', 'Asia/Calcutta']]) {
      const created = await t.api('POST', '/api/accounts', { name: 'Zone', timezone: written });
      expect(created.json().timezone, written).toBe(stored);
    }
  });

  it.each([
    [{}, 'name'],
    [{ name: 'x', validMaxDays: 0 }, 'validMaxDays'],
    [{ name: 'x', businessHours: { start: '9am', end: '18:00' } }, 'businessHours.start'],
    [{ name: 'x', surprise: true }, 'surprise'],
  ])('answers 422 for %j naming %s', async (body, field) => {
    const response = await t.api('POST', '/api/accounts', body);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.map((entry: { field: string }) => entry.field)).toContain(field);
  });

  it('updates some fields with PATCH and keeps the rest', async () => {
    const response = await t.api('PATCH', '/api/accounts/293', { validMaxDays: 5, callbackHours: { start: '07:30', end: '21:00' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ validMaxDays: 5, callbackHours: { start: '07:30', end: '21:00' }, name: 'Reliance Nippon' });
    expect((await t.api('PATCH', '/api/accounts/999', { name: 'Ghost' })).statusCode).toBe(404);
    expect((await t.api('PATCH', '/api/accounts/293', {})).statusCode).toBe(422);
  });

  // Found by the fuzz test: PostgreSQL refused the number (integer out of range) and the answer was a 500.
  it('answers 422 for an account id in a path or query too large to be one', async () => {
    for (const url of ['/api/accounts/99999999999999999999', '/api/accounts/1000000000/holidays', '/api/accounts/99999999999999999999/agents', '/api/numbering/lookup?number=9876543210&accountId=99999999999999999999']) {
      const response = await t.api('GET', url);
      expect(response.statusCode, url).toBe(422);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  // Found by the fuzz test: PostgreSQL refuses U+0000 in text, so these were 500s there.
  it('answers 422 naming the field for a NUL character in a path, query or body, and changes nothing', async () => {
    const inPath = await t.api('GET', '/api/short-urls/%00/my-slug');
    expect(inPath.statusCode).toBe(422);
    expect(inPath.json().error.fields).toEqual([{ field: 'params.domain', message: 'contains a NUL character (U+0000)' }]);
    const inBody = await t.api('PATCH', '/api/accounts/1', { name: 'Acme\u0000' });
    expect(inBody.statusCode).toBe(422);
    expect(inBody.json().error.fields[0].field).toBe('body.name');
    expect((await t.api('GET', '/api/accounts/1')).json().name).not.toContain('Acme');
    const inQuery = await t.api('GET', '/api/numbering/lookup?number=98765%0043210');
    expect(inQuery.statusCode).toBe(422);
    expect(inQuery.json().error.fields[0].field).toBe('querystring.number');
  });

  it('answers 400 JSON_TOO_DEEP for a deeply nested body on the API and the short-URL route, and changes nothing', async () => {
    // 100 000 levels: deep enough to overflow a recursive walk's stack.
    const deep = `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const send = (method: 'PATCH' | 'POST', url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url, payload: deep, headers: { 'content-type': 'application/json', ...headers } });
    for (const response of [
      await send('PATCH', '/api/accounts/1', { authorization: `Bearer ${adminToken}` }),
      await send('POST', '/UrlShortner/phonon/shortUrl'),
      await send('POST', '/api/short-urls'),
    ]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({ code: 'JSON_TOO_DEEP', message: 'The body nests objects and arrays more than 32 levels deep.' });
    }
    expect((await t.api('GET', '/api/accounts/1')).json().name).not.toContain('[');
    // A body nested as deep as any route's schema is still read as usual.
    const shallow = await t.api('PATCH', '/api/accounts/1', { name: [[['x']]] });
    expect(shallow.statusCode).toBe(422);
    expect(shallow.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 401 without the admin token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/accounts' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('UNAUTHORIZED');
  });

  describe('tokens', () => {
    it('creates a token shown once, which then calls webhooks as that account', async () => {
      const created = await t.api('POST', '/api/accounts/293/tokens', { label: 'IVR prod' });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json();
      expect(token).toMatch(/^fh_[A-Za-z0-9_-]{32}$/);
      const listed = await t.api('GET', '/api/accounts/293/tokens');
      expect(listed.json()).toEqual([expect.objectContaining({ id, label: 'IVR prod', revokedAt: null })]);
      expect(JSON.stringify(listed.json())).not.toContain(token);
      const call = await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543210' }], { token });
      expect(call.statusCode).toBe(200);
    });

    it('stores only a hash of the token', async () => {
      const { token } = (await t.api('POST', '/api/accounts/293/tokens')).json();
      const rows = await t.database.db.selectFrom('api_tokens').select(['token_hash', 'label']).execute();
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('revokes a token at once', async () => {
      const { id, token } = (await t.api('POST', '/api/accounts/293/tokens')).json();
      const contact = [{ name: '$user.syskey.contactNumber', value: '9876543210' }];
      expect((await t.webhook('fetchUserPreferences', contact, { token })).statusCode).toBe(200);
      expect((await t.api('DELETE', `/api/accounts/293/tokens/${id}`)).statusCode).toBe(204);
      expect((await t.webhook('fetchUserPreferences', contact, { token })).statusCode).toBe(401);
      expect((await t.api('DELETE', '/api/accounts/293/tokens/no-such-token')).statusCode).toBe(404);
    });

    it("lets an account token read its own account but not another's, and change nothing", async () => {
      const { token } = (await t.api('POST', '/api/accounts/293/tokens')).json();
      expect((await t.api('GET', '/api/accounts/293', undefined, token)).statusCode).toBe(200);
      const foreign = await t.api('GET', '/api/accounts/1', undefined, token);
      expect(foreign.statusCode).toBe(404);
      expect((await t.api('GET', '/api/accounts/1/tokens', undefined, token)).statusCode).toBe(404);
      expect((await t.api('GET', '/api/accounts', undefined, token)).json().map((account: { id: number }) => account.id)).toEqual([293]);
      const patch = await t.api('PATCH', '/api/accounts/293', { name: 'Mine now' }, token);
      expect(patch.statusCode).toBe(403);
      expect(patch.json().error.code).toBe('ADMIN_REQUIRED');
      // A change is refused alike for its own and another account, so the answer reveals nothing.
      expect((await t.api('POST', '/api/accounts/1/tokens', {}, token)).statusCode).toBe(403);
      expect((await t.api('POST', '/api/accounts', { name: 'New' }, token)).statusCode).toBe(403);
    });
  });
});
