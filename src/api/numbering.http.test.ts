import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminToken, createTestApp, databaseTargets, longSipForms, outputsOf, type TestApp, webhookToken } from '../../test/support.js';
import { buildApp } from '../app.js';
import { openDatabase } from '../storage/db.js';
import { insertInvocations } from '../storage/invocations.js';

const header = 'series,operator,circle,circle_code,operator_legacy,operator_original,operator_status,operator_source,libphonenumber_operator,operator_agrees,circle_alt,confidence,sources,note';

describe.each(await databaseTargets())('numbering API on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
  });
  afterAll(() => t.close());

  const lookup = (query: string, token = adminToken) => t.api('GET', `/api/numbering/lookup?${query}`, undefined, token);
  const importCsv = (csv: string, token = adminToken, contentType = 'text/csv') =>
    t.app.inject({ method: 'POST', url: '/api/numbering/import', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: csv });
  const webhookLanguage = (app: TestApp['app'], cli: string) =>
    app.inject({
      method: 'POST',
      url: '/webhook',
      headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json' },
      payload: { method: 'findLanguage', keys: [{ name: '$flow.key.cli', value: cli }, { name: '$flow.key.languageSupported', value: 'HINDI,GUJARATI,MARATHI' }] },
    });

  it('looks a mobile number up with everything known about it', async () => {
    const response = await lookup('number=%2B919831012345&languageSupported=HINDI,BANGLA');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      kind: 'MOBILE',
      prefix: '9831',
      source: 'shipped',
      operator: 'AIRTEL',
      operatorSource: 'allotment',
      currentOperator: 'AIRTEL',
      legacyOperator: 'AIRTEL',
      operatorStatus: 'active',
      circle: 'KOLKATA',
      circleCode: 'KO',
      circleAlternative: { code: 'MH', name: 'MAHARASHTRA' },
      state: null,
      place: null,
      languages: { primary: 'BENGALI', secondary: 'HINDI' },
      language: 'BANGLA',
      languageReason: 'primary',
      languageSource: 'circle',
      confidence: 'low',
      sources: 'tcf+rm+lpn',
      note: expect.any(String),
    });
  });

  it('looks up the number a SIP URI longer than 32 characters carries, as findLanguage reads it', async () => {
    const plain = (await lookup('number=9831012345')).json();
    for (const sip of longSipForms('9831012345')) {
      const response = await lookup(`number=${encodeURIComponent(sip)}`);
      expect(response.statusCode, sip).toBe(200);
      expect(response.json(), sip).toEqual(plain);
    }
  });

  it('looks a landline up with its place and state', async () => {
    const body = (await lookup('number=01342123456')).json();
    expect(body).toMatchObject({ kind: 'LANDLINE', prefix: '1342', place: 'Bijnor', state: 'Uttar Pradesh', circle: 'UNKNOWN', circleCode: null, languages: { primary: 'HINDI' }, confidence: 'none' });
    expect(body.language).toBeUndefined();
  });

  it("lets an account token look up with its own account's settings, not another's", async () => {
    expect((await lookup('number=9820012345', webhookToken)).json().operator).toBe('VODAFONE');
    expect((await lookup('number=9820012345&accountId=7', webhookToken)).statusCode).toBe(404);
    expect((await lookup('number=9820012345', 'fh_not-a-token-at-all-000000000')).statusCode).toBe(401);
  });

  it('answers 422 naming the field for a bad number, cliSource or languageSupported', async () => {
    const response = await lookup('number=12345&cliSource=fax&languageSupported=,');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.map((field: { field: string }) => field.field)).toEqual(['number', 'cliSource', 'languageSupported']);
    expect((await lookup('')).statusCode).toBe(422);
  });

  it('imports series that override the shipped data at once, on every node and after a restart', async () => {
    const csv = `${header}\n9824,VI,MAHARASHTRA,MH,IDEA,Idea,merged,series-source,Idea,Y,,high,own,moved\n99999,JIO,,,JIO,Jio,active,series-source,,,,operator-only,own,\n`;
    // A second node on the same database, polling for imports every 20 ms.
    const otherDatabase = openDatabase(t.settings.DATABASE_URL, { schema: t.settings.DATABASE_SCHEMA, poolSize: 2 });
    const other = await buildApp({ settings: { ...t.settings, FLOWHOOKS_LOG_LEVEL: 'silent' }, database: otherDatabase, numberingPollMs: 20 });
    try {
      expect(outputsOf(await webhookLanguage(t.app, '9824012345'))['$flow.key.cliCircle']).toBe('GUJARAT');
      const imported = await importCsv(csv);
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toMatchObject({ imported: 2, importedSeries: 2 });

      expect(outputsOf(await webhookLanguage(t.app, '9824012345'))).toMatchObject({ '$flow.key.cliCircle': 'MAHARASHTRA', '$flow.key.cliBasedLanguage': 'MARATHI', '$flow.key.cliOperator': 'IDEA' });
      expect((await lookup('number=9999912345')).json()).toMatchObject({ source: 'imported', operator: 'JIO', circle: 'UNKNOWN' });
      await vi.waitFor(async () => {
        expect(outputsOf(await webhookLanguage(other, '9824012345'))['$flow.key.cliCircle']).toBe('MAHARASHTRA');
        // The poll runs every 20 ms; the bound is generous because test machines are shared and loaded.
      }, { timeout: 10_000 });
    } finally {
      await other.close();
      await otherDatabase.close();
    }

    const restartedDatabase = openDatabase(t.settings.DATABASE_URL, { schema: t.settings.DATABASE_SCHEMA, poolSize: 2 });
    const restarted = await buildApp({ settings: { ...t.settings, FLOWHOOKS_LOG_LEVEL: 'silent' }, database: restartedDatabase });
    try {
      expect(outputsOf(await webhookLanguage(restarted, '9824012345'))['$flow.key.cliCircle']).toBe('MAHARASHTRA');
    } finally {
      await restarted.close();
      await restartedDatabase.close();
    }
  });

  it('replaces an imported series when it is imported again', async () => {
    expect((await importCsv('series,operator,circle_code\n98240,AIRTEL,KA\n')).statusCode).toBe(200);
    expect((await importCsv('series,operator,circle_code\n98240,BSNL,KL\n')).json()).toMatchObject({ imported: 1 });
    expect((await lookup('number=9824012345')).json()).toMatchObject({ prefix: '98240', currentOperator: 'BSNL', circle: 'KERALA', confidence: 'medium' });
  });

  it('applies nothing when one row is bad, and names its line', async () => {
    const response = await importCsv('series,operator,circle_code\n98250,AIRTEL,KA\n98251,AIRTEL,ZZ\n');
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ line: 3, column: 'circle_code' }] });
    expect(response.json().error.message).toContain('line 3');
    expect((await lookup('number=9825012345')).json()).toMatchObject({ source: 'shipped', circle: 'GUJARAT' });
  });

  it('refuses an account token\'s 15 MB import with 403 before reading its body', async () => {
    const base = new URL(await t.app.listen({ host: '127.0.0.1', port: 0 }));
    const size = 15 * 1024 * 1024;
    // Only the first KiB of the declared 15 MB is ever sent: the answer must come without the rest.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: base.hostname, port: base.port, method: 'POST', path: '/api/numbering/import', headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'text/csv', 'content-length': size } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      request.write(`${header}\n${'9'.repeat(1023 - header.length)}`);
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe('ADMIN_REQUIRED');
  });

  it('takes imports from the admin token only, as CSV', async () => {
    expect((await importCsv('series,operator\n98260,JIO\n', webhookToken)).statusCode).toBe(403);
    expect((await importCsv('{"series":"98260"}', adminToken, 'application/json')).statusCode).toBe(415);
    expect((await importCsv('series,operator\n98260,JIO\n', adminToken, 'text/plain')).statusCode).toBe(200);
  });
});

describe.each(await databaseTargets())('findLanguage answer sources on $name', (target) => {
  const now = new Date('2026-06-10T10:00:00Z');
  let t: TestApp;
  let token31: string;
  beforeAll(async () => {
    t = await createTestApp(target, { now });
    for (const id of [31, 32]) await t.api('POST', '/api/accounts', { id, name: `Account ${id}` });
    token31 = (await t.api('POST', '/api/accounts/31/tokens')).json().token;
  });
  afterAll(() => t.close());

  const find = (cli: string, token: string, languageSupported = 'HINDI,MARATHI,TAMIL') =>
    t.webhook('findLanguage', [{ name: '$flow.key.cli', value: cli }, { name: '$flow.key.languageSupported', value: languageSupported }], { token });
  const sources = async (query: string, token = adminToken) => {
    await t.invocations.flush();
    return t.api('GET', `/api/numbering/language-sources?${query}`, undefined, token);
  };

  it("counts an account's findLanguage answers by source over the last days, leaving out failures, old calls and other accounts", async () => {
    await t.webhook('updateUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9820011111' }, { name: '$user.key.language', value: 'TAMIL' }], { token: token31 });
    await find('9820011111', token31);
    await find('9820011112', token31);
    await find('9820011113', token31);
    await find('022 2600 1234', token31);
    await find('6100012345', token31);
    await find('6100012345', token31, 'TAMIL,KANNADA');
    await find('98200', token31);
    await find('9820011114', webhookToken);
    // An answer recorded eight days ago is outside the default window.
    await insertInvocations(t.database.db, [{ at: now.getTime() - 8 * 86_400_000, accountId: 31, method: 'findLanguage', flowId: null, stage: 'prod', httpStatus: 200, outcome: 'SUCCESS', errorCode: null, durationMs: 1, caller: null, answerSource: 'circle', requestId: 'old' }]);

    const response = await sources('accountId=31');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      accountId: 31,
      days: 7,
      since: '2026-06-03T10:00:00.000Z',
      total: 6,
      sources: { preference: 1, circle: 2, state: 1, default: 1, first: 1 },
    });
    expect((await sources('accountId=31&days=9')).json()).toMatchObject({ total: 7, sources: { circle: 3 } });
    expect((await sources('accountId=32')).json()).toMatchObject({ total: 0, sources: { preference: 0, circle: 0, state: 0, default: 0, first: 0 } });
  });

  it("lets an account token read its own counts only, and refuses a bad window", async () => {
    expect((await sources('', token31)).json()).toMatchObject({ accountId: 31 });
    expect((await sources('accountId=32', token31)).statusCode).toBe(404);
    expect((await sources('accountId=31&days=0')).statusCode).toBe(422);
    expect((await sources('accountId=31&days=91')).statusCode).toBe(422);
    expect((await sources('accountId=404')).statusCode).toBe(404);
  });
});
