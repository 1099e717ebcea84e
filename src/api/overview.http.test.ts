import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInvocationPruning } from '../invocations/retention.js';
import { claimJobs, finishJob } from '../storage/outbound-jobs.js';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';
import { unknownTokens } from '../../test/secrets.js';

const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const defaultHost = 's.example.in';
const hourMs = 3_600_000;
const clientId = 'phononio123456';

interface WireInvocation {
  accountId: number | null;
  method: string | null;
  httpStatus: number;
  outcome: 'SUCCESS' | 'FAILURE';
  errorCode: string | null;
}
type Outcomes = { SUCCESS: number; FAILURE: number; '4xx': number; '5xx': number };
interface Overview {
  from: string;
  hours: number;
  accountId: number | null;
  calls: number;
  outcomes: Outcomes;
  errorCodes: Array<{ code: string; calls: number }>;
  methods: Array<{ method: string | null; calls: number; outcomes: Outcomes; errorCodes: Array<{ code: string; calls: number }>; durationMs: { p50: number | null; p95: number | null; p99: number | null } }>;
  callsPerHour: Array<{ hour: string } & Outcomes>;
  outbound: { jobs: Record<string, number>; deliveriesPerHour: Array<{ hour: string; delivered: number }> };
  visitsPerHour: Array<{ hour: string; humans: number; bots: number }>;
}

const kindOf = (call: WireInvocation): keyof Outcomes => (call.httpStatus >= 500 ? '5xx' : call.httpStatus >= 400 ? '4xx' : call.outcome);

describe.each(await databaseTargets())('GET /api/overview on $name', (target) => {
  let t: TestApp;
  let token20: string;
  let token21: string;
  // Three clock hours: 08:xx, 09:xx and 10:xx UTC; the test's "now" is in the last.
  const hour8 = new Date('2026-06-01T08:15:00Z');
  const hour9 = new Date('2026-06-01T09:40:00Z');
  const now = new Date('2026-06-01T10:05:00Z');

  beforeAll(async () => {
    t = await createTestApp(target, { now: hour8, env: { FLOWHOOKS_SHORT_BASE_URL: `https://${defaultHost}` } });
    for (const id of [20, 21]) await t.api('POST', '/api/accounts', { id, name: `Account ${id}` });
    token20 = (await t.api('POST', '/api/accounts/20/tokens')).json().token;
    token21 = (await t.api('POST', '/api/accounts/21/tokens')).json().token;

    const dates = (token: string, count: number, inputDate: string) =>
      Promise.all(Array.from({ length: count }, () => t.webhook('validateDateAndTime', [{ name: '$flow.key.inputDate', value: inputDate }], { token })));
    // 08:xx: account 20 answers and refuses dates; a call with a bad token has no account.
    await dates(token20, 5, 'tomorrow');
    await dates(token20, 3, 'someday soon');
    await t.webhook('fetchUserPreferences', [{ name: '$user.syskey.contactNumber', value: '9876543245' }], { token: unknownTokens.plain });
    // 09:xx: both accounts; a method that does not exist.
    t.setNow(hour9);
    await dates(token21, 4, 'tomorrow');
    await dates(token21, 2, 'never ever');
    await t.webhook('noSuchMethod', [], { token: token21 });
    await Promise.all(
      ['9876543210', '8160712345', '7000012345'].map((cli) =>
        t.webhook('findLanguage', [{ name: '$flow.key.cli', value: cli }, { name: '$flow.key.languageSupported', value: 'HINDI,ENGLISH,MARATHI' }], { token: token20 }),
      ),
    );
    t.setNow(now);
    await dates(token20, 2, 'day after tomorrow');
    await t.invocations.flush();
  });
  afterAll(() => t.close());

  async function overview(query = '', token?: string): Promise<Overview> {
    const response = await t.api('GET', `/api/overview${query}`, undefined, token);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  async function log(query = ''): Promise<WireInvocation[]> {
    return (await t.api('GET', `/api/invocations?limit=500${query}`)).json().invocations;
  }

  it('adds up with the invocation log: calls, outcomes, error codes and calls per method', async () => {
    const calls = await log();
    expect(calls.length).toBe(21);
    const answer = await overview('?hours=24');
    expect(answer.calls).toBe(calls.length);
    const outcomes: Outcomes = { SUCCESS: 0, FAILURE: 0, '4xx': 0, '5xx': 0 };
    for (const call of calls) outcomes[kindOf(call)] += 1;
    expect(answer.outcomes).toEqual(outcomes);
    const codes = new Map<string, number>();
    for (const call of calls) if (call.errorCode) codes.set(call.errorCode, (codes.get(call.errorCode) ?? 0) + 1);
    expect(Object.fromEntries(answer.errorCodes.map((entry) => [entry.code, entry.calls]))).toEqual(Object.fromEntries(codes));
    expect(answer.errorCodes[0]).toEqual({ code: 'UNPARSEABLE_DATE', calls: 5 });
    for (const method of answer.methods) {
      const own = calls.filter((call) => call.method === method.method);
      expect(method.calls, String(method.method)).toBe(own.length);
      expect(method.outcomes.SUCCESS + method.outcomes.FAILURE + method.outcomes['4xx'] + method.outcomes['5xx']).toBe(own.length);
      expect(method.durationMs.p50).toBeGreaterThan(0);
      expect(method.durationMs.p95).toBeGreaterThanOrEqual(method.durationMs.p50!);
      expect(method.durationMs.p99).toBeGreaterThanOrEqual(method.durationMs.p95!);
    }
    const dates = answer.methods.find((method) => method.method === 'validateDateAndTime')!;
    expect(dates).toMatchObject({ calls: 16, outcomes: { SUCCESS: 11, FAILURE: 0, '4xx': 5, '5xx': 0 }, errorCodes: [{ code: 'UNPARSEABLE_DATE', calls: 5 }] });
    // The unknown method and the bad token are counted too, under no method.
    expect(answer.methods.find((method) => method.method === null)?.calls).toBe(2);
  });

  it('counts calls in the clock hour they arrived, every hour of the period listed', async () => {
    const answer = await overview('?hours=3');
    expect(answer.callsPerHour.map((entry) => entry.hour)).toEqual(['2026-06-01T08:00:00.000Z', '2026-06-01T09:00:00.000Z', '2026-06-01T10:00:00.000Z']);
    expect(answer.callsPerHour.map((entry) => entry.SUCCESS + entry.FAILURE + entry['4xx'] + entry['5xx'])).toEqual([9, 10, 2]);
    expect(answer.callsPerHour[0]).toMatchObject({ SUCCESS: 5, '4xx': 4 });
    // The last hour only: the two calls of 10:xx.
    expect((await overview('?hours=1')).calls).toBe(2);
    expect((await overview('?hours=2')).calls).toBe(12);
    expect((await overview()).callsPerHour).toHaveLength(24);
  });

  it('shows one account to the admin on request, and an account token only its own', async () => {
    const own = (await log('&accountId=20')).length;
    expect((await overview('?accountId=20')).calls).toBe(own);
    expect((await overview('?accountId=20')).accountId).toBe(20);
    const asToken = await overview('', token21);
    expect(asToken.accountId).toBe(21);
    expect(asToken.calls).toBe((await log('&accountId=21')).length);
    expect((await overview('?accountId=21', token21)).calls).toBe(asToken.calls);
    const foreign = await t.api('GET', '/api/overview?accountId=20', undefined, token21);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('UNPARSEABLE_DATE');
    expect((await t.api('GET', '/api/overview?accountId=999')).statusCode).toBe(404);
  });

  it('refuses hours outside 1…720 and unknown parameters, naming them', async () => {
    for (const query of ['hours=0', 'hours=721', 'hours=abc', 'hours=2.5', 'accountId=0', 'colour=red']) {
      const response = await t.api('GET', `/api/overview?${query}`);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().error.fields.map((field: { field: string }) => field.field), query).toContain(query.split('=')[0]);
    }
  });

  it('counts outbound jobs by state, deliveries per hour and link visits per hour, humans and bots apart', async () => {
    await t.api('PATCH', '/api/accounts/21', { clientId });
    const flow = (await t.api('POST', '/api/accounts/21/outbound-flows', { flowId: 'OBD00001', name: 'Renewals', dialerUrl: 'http://127.0.0.1:9/dial' })).json();
    const created = await t.webhook(
      'createOutbound',
      [
        { name: '$flow.syskey.securityID', value: flow.securityId },
        { name: '$flow.syskey.flowID', value: 'OBD00001' },
        { name: '$flow.syskey.clientID', value: clientId },
        { name: '$flow.syskey.contactNumbers', value: '9876543210,9812345678,9000000001' },
      ],
      { token: token21 },
    );
    expect(created.statusCode).toBe(200);
    expect(outputsOf(created)['$flow.key.obdResponseCode']).toBe('200');
    // A dispatcher's two steps, as src/methods/create-outbound/dispatcher.ts takes them: claim, then deliver one.
    const claimed = await claimJobs(t.database.db, { workerId: 'overview-test', now: now.getTime(), leaseMs: 60_000, limit: 1 });
    expect(claimed).toHaveLength(1);
    expect(await finishJob(t.database.db, claimed[0]!.id, 'overview-test', { status: 'delivered', lastError: null }, now.getTime())).toBe(true);

    const customer = await t.api('POST', '/api/accounts/21/short-customers', { name: 'Phonon', domains: [] });
    const shortened = await t.app.inject({
      method: 'POST',
      url: '/api/short-urls',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ custToken: customer.json().custToken, longUrl: 'https://example.com/overview' }),
    });
    const code = new URL(shortened.json().shortUrl).pathname.slice(1);
    for (const agent of [browser, browser, 'Googlebot/2.1 (+http://www.google.com/bot.html)']) {
      expect((await t.app.inject({ method: 'GET', url: `/${code}`, headers: { host: defaultHost, 'user-agent': agent } })).statusCode).toBe(302);
    }
    // Reading the link writes its buffered visits.
    expect((await t.api('GET', `/api/short-urls/${defaultHost}/${code}`)).json().visits).toMatchObject({ humans: 2, bots: 1 });

    for (const query of ['?accountId=21&hours=2', '?hours=2']) {
      const answer = await overview(query);
      expect(answer.outbound.jobs).toEqual({ scheduled: 2, dispatching: 0, paused: 0, delivered: 1, answered: 0, unreached: 0, failed: 0, cancelled: 0, refused: 0, simulated: 0 });
      expect(answer.outbound.deliveriesPerHour).toEqual([
        { hour: '2026-06-01T09:00:00.000Z', delivered: 0 },
        { hour: '2026-06-01T10:00:00.000Z', delivered: 1 },
      ]);
      expect(answer.visitsPerHour.at(-1)).toEqual({ hour: '2026-06-01T10:00:00.000Z', humans: 2, bots: 1 });
    }
    const other = await overview('?accountId=20&hours=2');
    expect(other.outbound.jobs.scheduled + other.outbound.jobs.delivered).toBe(0);
    expect(other.visitsPerHour.reduce((sum, entry) => sum + entry.humans + entry.bots, 0)).toBe(0);
  });

  it('keeps the hourly counts 31 days, past the log retention, so 720 hours stay answerable', async () => {
    const daysAgo = (days: number) => now.getTime() - days * 24 * hourMs;
    for (const [days, requestId] of [[20, 'twenty-days'], [40, 'forty-days']] as const) {
      t.invocations.record({ at: daysAgo(days), accountId: 20, method: 'allocateAgent', flowId: null, stage: 'prod', httpStatus: 200, outcome: 'SUCCESS', errorCode: null, durationMs: 2, caller: null, requestId });
    }
    await t.invocations.flush();
    const before = (await overview('?accountId=20&hours=720')).calls;
    const pruning = startInvocationPruning(t.database.db, { retentionDays: 7, clock: () => now });
    await pruning.stop();
    // The log keeps 7 days: both old calls are gone from it; the rollup keeps the 20-day-old hour and drops the 40-day-old.
    expect((await log('&accountId=20')).some((call) => call.method === 'allocateAgent')).toBe(false);
    expect((await overview('?accountId=20&hours=720')).calls).toBe(before);
    const hours = await t.database.db.selectFrom('invocation_hours').select('hour').where('method', '=', 'allocateAgent').execute();
    expect(hours.map((row) => Number(row.hour))).toEqual([Math.floor(daysAgo(20) / hourMs) * hourMs]);
  });
});
