import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortCustomerToken } from '../../test/secrets.js';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';

// The management probe's findings 3 and 7 (notes/mgmt-probe/findings.md): JSON bodies are typed and
// validated as sent; paths and query strings are text, their whole numbers in decimal digits only.
describe.each(await databaseTargets())('typed bodies and decimal whole numbers on $name', (target) => {
  let t: TestApp;
  const host = 's.example.in';
  let linkPath: string;
  let webhookPath: string;
  beforeAll(async () => {
    t = await createTestApp(target, { env: { FLOWHOOKS_SHORT_BASE_URL: `https://${host}` } });
    expect((await t.api('POST', '/api/accounts/1/short-customers', { name: 'Typed', custToken: shortCustomerToken })).statusCode).toBe(201);
    const link = await t.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: shortCustomerToken, longUrl: 'https://example.com/typed' } });
    linkPath = `/api/short-urls/${host}/${link.json().code}`;
    expect((await t.api('POST', '/api/accounts/1/agents', { cli: '9876500010', name: 'Paused agent' })).statusCode).toBe(201);
    expect((await t.api('PATCH', '/api/accounts/1/agents/9876500010', { paused: true })).json().paused).toBe(true);
    const webhook = await t.api('POST', '/api/accounts/1/status-webhooks', { url: 'http://127.0.0.1:9/status' });
    webhookPath = `/api/accounts/1/status-webhooks/${webhook.json().id}`;
  });
  afterAll(() => t.close());

  /** Every 422 names its one field and what it takes. */
  const refused = (response: { statusCode: number; json(): { error: { code: string; fields: unknown } } }, field: string, message: string, what: string) => {
    expect(response.statusCode, what).toBe(422);
    expect(response.json().error.code, what).toBe('VALIDATION_FAILED');
    expect(response.json().error.fields, what).toEqual([{ field, message }]);
  };

  it('refuses an account body of the wrong types, instead of unwrapping arrays or reading numbers from text, and creates nothing', async () => {
    const before = (await t.api('GET', '/api/accounts')).json();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: ['a'] }, 'name', 'must be a string'],
      [{ name: 123 }, 'name', 'must be a string'],
      [{ name: 'Typed', clientId: 5 }, 'clientId', 'must be a string or null'],
      [{ name: 'Typed', workingDaysOff: 'Sunday' }, 'workingDaysOff', 'must be an array'],
      [{ name: 'Typed', id: '7' }, 'id', 'must be a whole number from 1 to 999999999'],
      [{ name: 'Typed', validMaxDays: '30' }, 'validMaxDays', 'must be a whole number from 1 to 365'],
      [{ name: 'Typed', parameterErrorStatus: '200' }, 'parameterErrorStatus', 'must be one of 422, 200'],
      [{ name: 'Typed', recordMisses: 'true' }, 'recordMisses', 'must be true or false'],
      [{ name: 'Typed', recordMisses: 1 }, 'recordMisses', 'must be true or false'],
    ];
    for (const [body, field, message] of cases) refused(await t.api('POST', '/api/accounts', body), field, message, JSON.stringify(body));
    expect((await t.api('GET', '/api/accounts')).json()).toEqual(before);
    // The same fields of the right types are taken.
    const created = await t.api('POST', '/api/accounts', { id: 7, name: 'Typed', clientId: '5', workingDaysOff: ['Sunday'], validMaxDays: 30, parameterErrorStatus: 200, recordMisses: true });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 7, clientId: '5', parameterErrorStatus: 200, recordMisses: true });
  });

  it('does not take a custToken in an array: no link is made', async () => {
    const listed = (await t.api('GET', '/api/accounts/1/short-urls')).json().length;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/short-urls',
      headers: { 'content-type': 'application/json' },
      payload: { custToken: [shortCustomerToken], longUrl: 'https://example.com/array-token' },
    });
    refused(response, 'custToken', 'must be a string', 'custToken in an array');
    for (const [body, field, message] of [
      [{ customSlug: 12345 }, 'customSlug', 'must be a string'],
      [{ maxVisits: '5' }, 'maxVisits', 'must be a whole number from 1 to 1000000000'],
      [{ redirectStatus: '307' }, 'redirectStatus', 'must be one of 301, 302, 307, 308'],
    ] as const) {
      const create = await t.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: shortCustomerToken, longUrl: 'https://example.com/typed-2', ...body } });
      refused(create, field, message, JSON.stringify(body));
    }
    expect((await t.api('GET', '/api/accounts/1/short-urls')).json()).toHaveLength(listed);
  });

  it('says what maxVisits takes when create gets null or false, as PATCH does', async () => {
    const create = (maxVisits: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: shortCustomerToken, longUrl: 'https://example.com/visits', maxVisits } });
    refused(await create(null), 'maxVisits', 'must be a whole number from 1 to 1000000000, or omitted', 'create null');
    refused(await create(false), 'maxVisits', 'must be a whole number from 1 to 1000000000', 'create false');
    refused(await t.api('PATCH', linkPath, { maxVisits: false }), 'maxVisits', 'must be a whole number from 1 to 1000000000 or null', 'patch false');
  });

  it('does not read 1, 0 or "true" as a boolean: the link, the agent and the status webhook stay as they were', async () => {
    refused(await t.api('PATCH', linkPath, { disabled: 1 }), 'disabled', 'must be true or false', 'disabled: 1');
    refused(await t.api('PATCH', linkPath, { disabled: 'true' }), 'disabled', 'must be true or false', 'disabled: "true"');
    expect((await t.api('GET', linkPath)).json().disabled).toBe(false);
    refused(await t.api('PATCH', '/api/accounts/1/agents/9876500010', { paused: 0 }), 'paused', 'must be true or false', 'paused: 0');
    expect((await t.api('GET', '/api/accounts/1/agents/9876500010')).json().paused).toBe(true);
    refused(await t.api('PATCH', webhookPath, { enabled: 'false' }), 'enabled', 'must be true or false', 'enabled: "false"');
    expect((await t.api('GET', webhookPath)).json().disabled).toBe(false);
    refused(await t.api('POST', '/api/accounts/1/tokens', { label: ['x'] }), 'label', 'must be a string', 'label in an array');
  });

  it('refuses do-not-call numbers that are not an array of strings, naming each as numbers[i], and adds nothing', async () => {
    refused(await t.api('POST', '/api/accounts/1/dnc', { numbers: '9876600006' }), 'numbers', 'must be an array', 'numbers as a string');
    refused(await t.api('POST', '/api/accounts/1/dnc', { numbers: [['9876600008']] }), 'numbers[0]', 'must be a string', 'nested array');
    refused(await t.api('POST', '/api/accounts/1/dnc', { numbers: ['9876600009', null] }), 'numbers[1]', 'must be a string', 'null number');
    expect((await t.api('GET', '/api/accounts/1/dnc')).json().total).toBe(0);
  });

  it('still reads whole numbers and booleans of a path or query string from their text', async () => {
    expect((await t.api('GET', '/api/accounts/1')).json().id).toBe(1);
    expect((await t.api('GET', '/api/accounts/1/short-urls?limit=1')).json()).toHaveLength(1);
    expect((await t.api('GET', '/api/accounts/1/reports/call?format=csv&raw=true')).statusCode).toBe(200);
  });

  it('takes an account id in a path in decimal digits only: 0x1, 1e0, 01 or +1 is a 422 naming id, not account 1', async () => {
    for (const id of ['0x1', '1e0', '01', '+1', '1.0']) {
      refused(await t.api('GET', `/api/accounts/${encodeURIComponent(id)}`), 'id', 'must be a whole number from 1 to 999999999, in decimal digits (no sign, leading zero, exponent or 0x)', id);
    }
    refused(await t.api('PATCH', '/api/accounts/0x1', { name: 'Renamed' }), 'id', 'must be a whole number from 1 to 999999999, in decimal digits (no sign, leading zero, exponent or 0x)', 'PATCH 0x1');
    expect((await t.api('GET', '/api/accounts/1')).json().name).not.toBe('Renamed');
  });
});
