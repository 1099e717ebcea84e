import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInvocationPruning } from '../invocations/retention.js';
import { insertInvocations, type InvocationEntry } from '../storage/invocations.js';
import { createTestApp, databaseTargets, type TestApp } from '../../test/support.js';
import { unknownTokens } from '../../test/secrets.js';

const now = new Date('2026-06-01T10:00:00Z');
const dayMs = 86_400_000;

interface WireInvocation {
  id: number;
  at: string;
  accountId: number | null;
  method: string | null;
  flowId: string | null;
  stage: string;
  httpStatus: number;
  outcome: string;
  errorCode: string | null;
  durationMs: number;
  caller: string | null;
  answerSource: string | null;
  requestId: string;
}

const entry = (overrides: Partial<InvocationEntry>): InvocationEntry => ({
  at: now.getTime(),
  accountId: 1,
  method: 'fetchUserPreferences',
  flowId: null,
  stage: 'prod',
  httpStatus: 200,
  outcome: 'SUCCESS',
  errorCode: null,
  durationMs: 1.5,
  caller: null,
  answerSource: null,
  requestId: 'seeded',
  ...overrides,
});

describe.each(await databaseTargets())('the invocation log on $name', (target) => {
  let t: TestApp;
  let token20: string;
  let token21: string;
  beforeAll(async () => {
    t = await createTestApp(target, { now });
    for (const id of [20, 21, 22, 23]) await t.api('POST', '/api/accounts', { id, name: `Account ${id}` });
    token20 = (await t.api('POST', '/api/accounts/20/tokens')).json().token;
    token21 = (await t.api('POST', '/api/accounts/21/tokens')).json().token;
  });
  afterAll(() => t.close());

  async function list(query = '', token?: string): Promise<{ invocations: WireInvocation[]; nextBefore: number | null }> {
    await t.invocations.flush();
    const response = await t.api('GET', `/api/invocations${query}`, undefined, token);
    expect(response.statusCode).toBe(200);
    return response.json();
  }
  const byRequestId = async (requestId: string) => (await list('?limit=500')).invocations.find((invocation) => invocation.requestId === requestId);

  it('records a call with its method, account, flow, stage, status, duration and the caller masked', async () => {
    const response = await t.webhook(
      'FetchUserPreferences',
      [
        { name: '$user.syskey.contactNumber', value: '9876543245' },
        { name: '$flow.key.flowId', value: '58' },
      ],
      { token: token20, headers: { 'x-request-id': 'recorded-call-1' } },
    );
    expect(response.json().status).toBe('SUCCESS');
    const recorded = await byRequestId('recorded-call-1');
    expect(recorded).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      accountId: 20,
      method: 'fetchUserPreferences',
      flowId: '58',
      stage: 'prod',
      httpStatus: 200,
      outcome: 'SUCCESS',
      errorCode: null,
      durationMs: expect.any(Number),
      caller: '98XXXXXX45',
      answerSource: null,
      requestId: 'recorded-call-1',
    });
    // `at` is when the call arrived by the app's clock.
    expect(now.getTime() - Date.parse(recorded!.at)).toBeGreaterThanOrEqual(0);
    expect(now.getTime() - Date.parse(recorded!.at)).toBeLessThan(5000);
    expect(recorded!.durationMs).toBeGreaterThan(0);

    const rows = await t.database.db.selectFrom('invocations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('76543245');
    expect(t.logs.join('')).not.toContain('9876543245');
  });

  it("records which rule answered a findLanguage call, and nothing for a refused one", async () => {
    const keys = (cli: string) => [{ name: '$flow.key.cli', value: cli }, { name: '$flow.key.languageSupported', value: 'HINDI,MARATHI' }];
    await t.webhook('findLanguage', keys('9820012345'), { token: token20, headers: { 'x-request-id': 'source-circle' } });
    await t.webhook('findLanguage', keys('6100012345'), { token: token20, headers: { 'x-request-id': 'source-default' } });
    await t.webhook('findLanguage', keys('98200'), { token: token20, headers: { 'x-request-id': 'source-refused' } });
    expect(await byRequestId('source-circle')).toMatchObject({ method: 'findLanguage', answerSource: 'circle' });
    expect(await byRequestId('source-default')).toMatchObject({ answerSource: 'default' });
    expect(await byRequestId('source-refused')).toMatchObject({ httpStatus: 422, answerSource: null });
  });

  it('masks a phone number in a caller-chosen x-request-id wherever the id goes: answer header, log and invocation log', async () => {
    const ids = { '9876543210': '98XXXXXX10', 'call-919812345678-retry': 'call-98XXXXXX78-retry', 'trace-42': 'trace-42' };
    for (const [sent, kept] of Object.entries(ids)) {
      const response = await t.webhook('FetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543245' }], { token: token20, headers: { 'x-request-id': sent } });
      expect(response.headers['x-request-id']).toBe(kept);
      expect(await byRequestId(kept)).toMatchObject({ accountId: 20, requestId: kept });
    }
    const rows = await t.database.db.selectFrom('invocations').select('request_id').execute();
    expect(JSON.stringify(rows)).not.toMatch(/9876543210|919812345678/);
    expect(t.logs.join('')).not.toMatch(/9876543210|919812345678/);
  });

  it('takes the flow id and the caller under any scope and case, and the caller from cli first', async () => {
    await t.webhook(
      'updatePauseStatusForCLI',
      [
        { name: '$flow.syskey.FLOWID', value: 'OBD00001' },
        { name: '$call.cli', value: '+91 81607 12345' },
        { name: '$user.syskey.contactNumber', value: '9000000001' },
      ],
      { token: token20, headers: { 'x-request-id': 'scoped-keys' } },
    );
    expect(await byRequestId('scoped-keys')).toMatchObject({ flowId: 'OBD00001', caller: '81XXXXXX45', method: 'updatePauseStatusForCLI' });
  });

  it('records a caller id that is not a phone number as *** and a call without one as null', async () => {
    await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: 'asha@example.com' }], { token: token20, headers: { 'x-request-id': 'e-mail-caller' } });
    await t.webhook('validateDateAndTime', [{ name: '$flow.key.inputDate', value: 'tomorrow' }], { token: token20, headers: { 'x-request-id': 'no-caller' } });
    expect(await byRequestId('e-mail-caller')).toMatchObject({ caller: '***', outcome: 'SUCCESS' });
    expect(await byRequestId('no-caller')).toMatchObject({ caller: null, flowId: null, method: 'validateDateAndTime' });
    const rows = await t.database.db.selectFrom('invocations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('asha');
  });

  it('records failures with their HTTP status and error code', async () => {
    await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543245' }], {
      token: unknownTokens.plain,
      headers: { 'x-request-id': 'bad-token' },
    });
    await t.webhook('fetchUserPrefs', [], { token: token20, headers: { 'x-request-id': 'unknown-method' } });
    await t.webhook('validateDateAndTime', [{ name: '$flow.key.flowId', value: '7' }], { token: token20, headers: { 'x-request-id': 'missing-parameter' } });
    await t.webhook('updatePauseStatusForCLI', [{ name: '$flow.key.cli', value: '9123456789' }], { token: token21, headers: { 'x-request-id': 'business-failure' } });
    await t.app.inject({
      method: 'POST',
      url: '/reliance-nippon-v1/test/',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token20}`, 'x-request-id': 'bad-json' },
      payload: '{"method":',
    });

    expect(await byRequestId('bad-token')).toMatchObject({ accountId: null, method: null, stage: 'prod', httpStatus: 401, outcome: 'FAILURE', errorCode: 'UNAUTHORIZED' });
    expect(await byRequestId('unknown-method')).toMatchObject({ accountId: 20, method: null, httpStatus: 404, outcome: 'FAILURE', errorCode: 'UNKNOWN_METHOD' });
    expect(await byRequestId('missing-parameter')).toMatchObject({
      accountId: 20,
      method: 'validateDateAndTime',
      flowId: '7',
      httpStatus: 422,
      outcome: 'FAILURE',
      errorCode: 'MISSING_PARAMETER',
    });
    expect(await byRequestId('business-failure')).toMatchObject({
      accountId: 21,
      method: 'updatePauseStatusForCLI',
      httpStatus: 200,
      outcome: 'FAILURE',
      errorCode: 'AGENT_NOT_FOUND',
      caller: '91XXXXXX89',
    });
    expect(await byRequestId('bad-json')).toMatchObject({ stage: 'test', httpStatus: 400, outcome: 'FAILURE', errorCode: 'INVALID_JSON', accountId: null });
  });

  it('does not record a call to a stage other than prod or test', async () => {
    const response = await t.webhook('fetchUserPreferences', [], { url: '/svc/staging', token: token20, headers: { 'x-request-id': 'unknown-stage' } });
    expect(response.statusCode).toBe(404);
    expect(await byRequestId('unknown-stage')).toBeUndefined();
  });

  it('filters by account, method in any case and status as outcome or HTTP status', async () => {
    await t.webhook('updatePauseStatusForCLI', [{ name: '$flow.key.cli', value: '9123456780' }], { token: token21 });
    await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9123456780' }], { token: token21 });
    await t.webhook('validateDateAndTime', [], { token: token21 });

    const ofAccount = (await list('?accountId=21')).invocations;
    expect(ofAccount.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ofAccount.map((invocation) => invocation.accountId))).toEqual(new Set([21]));

    const pauses = (await list('?accountId=21&method=UPDATEPAUSESTATUSFORCLI')).invocations;
    expect(pauses.length).toBe(2);
    expect(new Set(pauses.map((invocation) => invocation.method))).toEqual(new Set(['updatePauseStatusForCLI']));

    expect((await list('?accountId=21&status=success')).invocations.map((invocation) => invocation.method)).toEqual(['fetchUserPreferences']);
    const failures = (await list('?accountId=21&status=FAILURE')).invocations;
    expect(failures.length).toBe(ofAccount.length - 1);
    expect(new Set(failures.map((invocation) => invocation.outcome))).toEqual(new Set(['FAILURE']));
    expect((await list('?accountId=21&status=422')).invocations.map((invocation) => invocation.method)).toEqual(['validateDateAndTime']);
  });

  it('pages newest first with before and nextBefore, 50 by default and at most 500', async () => {
    await insertInvocations(t.database.db, Array.from({ length: 120 }, (_, index) => entry({ accountId: 22, requestId: `seeded-${index}` })));
    const firstPage = await list('?accountId=22');
    expect(firstPage.invocations).toHaveLength(50);
    expect(firstPage.invocations[0]!.requestId).toBe('seeded-119');

    const all = await list('?accountId=22&limit=500');
    expect(all.invocations).toHaveLength(120);
    expect(all.nextBefore).toBeNull();

    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page = await list(`?accountId=22&limit=50${before === null ? '' : `&before=${before}`}`);
      seen.push(...page.invocations.map((invocation) => invocation.id));
      before = page.nextBefore;
      pages += 1;
    } while (before !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.invocations.map((invocation) => invocation.id));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('answers 422 naming the field for a bad query', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['before=0', 'before'],
      ['accountId=abc', 'accountId'],
      ['status=OK', 'status'],
      ['status=2000', 'status'],
      ['method=noSuchMethod', 'method'],
      ['colour=red', 'colour'],
    ]) {
      const response = await t.api('GET', `/api/invocations?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().error.fields[0].field, query).toBe(field);
    }
  });

  it('answers a cursor past the largest id a number holds exactly with a 422 naming before, on both databases, not a 500', async () => {
    for (const before of ['9007199254740992', '9223372036854775807', '99999999999999999999']) {
      const response = await t.api('GET', `/api/invocations?before=${before}`);
      expect(response.statusCode, before).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'before', message: 'must be a whole number from 1 to 9007199254740991' }] });
    }
    expect((await t.api('GET', '/api/invocations?before=9007199254740991')).statusCode).toBe(200);
  });

  it('takes whole numbers in decimal digits only: 0x10, 1e2, 5.0, +5 or 010 is a 422 naming the field', async () => {
    for (const [query, field] of [
      ['before=0x10', 'before'],
      ['limit=1e2', 'limit'],
      ['limit=5.0', 'limit'],
      ['limit=+5', 'limit'],
      ['limit=010', 'limit'],
      ['accountId=0x16', 'accountId'],
    ]) {
      const response = await t.api('GET', `/api/invocations?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().error.fields, query).toEqual([{ field, message: expect.stringMatching(/^must be a whole number .*, in decimal digits \(no sign, leading zero, exponent or 0x\)$/) }]);
    }
    expect((await list('?limit=10&before=16')).invocations.length).toBeLessThanOrEqual(10);
  });

  it("shows an account token only its own account's calls, and no other account", async () => {
    const own = (await list('', token20)).invocations;
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((invocation) => invocation.accountId))).toEqual(new Set([20]));
    expect((await list('?accountId=20', token20)).invocations).toEqual(own);
    const other = await t.api('GET', '/api/invocations?accountId=21', undefined, token20);
    expect(other.statusCode).toBe(404);
    expect((await t.api('GET', '/api/invocations')).statusCode).toBe(200);
    expect((await t.api('GET', '/api/invocations', undefined, 'not-a-token-0000000000')).statusCode).toBe(401);
  });

  it('stores a batch field for field, nulls and awkward text included', async () => {
    const awkward = [
      entry({ accountId: 24, requestId: 'awkward-1', flowId: 'a,b "quoted" {braces} back\\slash', method: null, errorCode: 'SOME_CODE', caller: '98XXXXXX45', stage: 'test', httpStatus: 422, outcome: 'FAILURE', durationMs: 0.125 }),
      entry({ accountId: null, requestId: 'awkward-2', flowId: 'NULL', method: 'findLanguage', caller: null, answerSource: 'preference' }),
      entry({ accountId: 24, requestId: 'awkward-3', flowId: 'हिंदी ✓', durationMs: 12345.5 }),
    ];
    await insertInvocations(t.database.db, awkward);
    const stored = (await list('?limit=500')).invocations.filter((invocation) => invocation.requestId.startsWith('awkward-'));
    expect(stored.map(({ id: _id, at: _at, ...fields }) => fields).reverse()).toEqual(
      awkward.map(({ at: _at, ...fields }) => fields),
    );
  });

  it('prunes only entries older than the retention, in chunks', async () => {
    const ages = [10, 8, 7.5, 7.2, 7.01, 6.99, 1];
    await insertInvocations(
      t.database.db,
      ages.map((days) => entry({ accountId: 23, at: now.getTime() - days * dayMs, requestId: `aged-${days}` })),
    );
    const pruning = startInvocationPruning(t.database.db, { retentionDays: 7, clock: () => now, chunk: 2 });
    await pruning.stop();
    expect((await list('?accountId=23')).invocations.map((invocation) => invocation.requestId)).toEqual(['aged-1', 'aged-6.99']);
    // Entries of the other tests are recent and stay.
    expect((await list('?accountId=22&limit=500')).invocations).toHaveLength(120);
    expect(await pruning.pruneNow()).toBe(0);
  });
});

describe.each(await databaseTargets())('the invocation log at shutdown on $name', (target) => {
  it('writes buffered entries when the app closes', async () => {
    const t = await createTestApp(target);
    try {
      await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543245' }], { headers: { 'x-request-id': 'before-close' } });
      expect(t.invocations.stats().buffered).toBe(1);
      await t.app.close();
      const rows = await t.database.db.selectFrom('invocations').select(['request_id', 'method', 'caller']).execute();
      expect(rows).toEqual([{ request_id: 'before-close', method: 'fetchUserPreferences', caller: '98XXXXXX45' }]);
    } finally {
      await t.close();
    }
  });
});
