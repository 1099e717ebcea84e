import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';
import { slices, sqliteRowsPerStatement } from './statement-slices.js';

describe('slices of a multi-row write', () => {
  it('takes as many of each size as fit, largest first, keeps the order and loses no row', () => {
    const rows = Array.from({ length: 237 }, (_, index) => index);
    const cut = slices(rows, sqliteRowsPerStatement);
    expect(cut.map((slice) => slice.length)).toEqual([100, 100, 10, 10, 10, 1, 1, 1, 1, 1, 1, 1]);
    expect(cut.flat()).toEqual(rows);
    expect(slices(rows, [100]).map((slice) => slice.length)).toEqual([100, 100, 37]);
    expect(slices([], sqliteRowsPerStatement)).toEqual([]);
  });
});

const sqlite = (await databaseTargets()).filter((target) => target.name === 'sqlite');

describe.each(sqlite)('statements SQLite keeps on $name', (target) => {
  let t: TestApp;
  let securityId: string;
  const clientId = 'phononio123456';
  const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });

  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('PATCH', '/api/accounts/1', { clientId });
    // No dispatcher runs in a test app: the jobs stay scheduled and nothing is dialled.
    securityId = (await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'SHAPES01', name: 'Shapes', dialerUrl: 'http://127.0.0.1:9/dial', dialerSecret: undefined })).json().securityId;
  });
  afterAll(() => t.close());

  const preparedStatements = async () => {
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    return Number(/^flowhooks_sqlite_prepared_statements (\d+)$/m.exec(text)?.[1]);
  };
  const schedule = async (count: number, first: number) => {
    const numbers = Array.from({ length: count }, (_, index) => `98${String(first + index).padStart(8, '0')}`);
    const answer = await t.webhook('createOutbound', [key('securityID', securityId), key('flowID', 'SHAPES01'), key('clientID', clientId), key('contactNumbers', numbers.join(','))]);
    return { numbers, requestId: outputsOf(answer)['$flow.key.obdReqID']! };
  };

  it('stays a handful when requests of every size from 1 to 150 numbers are scheduled, and every job is stored in order', async () => {
    let first = 0;
    // The first requests prepare what every request needs (flow, do-not-call list, request row).
    for (const count of [1, 10, 100]) first += (await schedule(count, first)).numbers.length;
    await t.invocations.flush();
    const before = await preparedStatements();
    expect(before).toBeGreaterThan(0);
    let last = { numbers: [] as string[], requestId: '' };
    for (let count = 2; count <= 150; count++) {
      last = await schedule(count, first);
      first += count;
    }
    await t.invocations.flush();
    // One statement a number of jobs would be 149 more; the jobs' inserts take 100, 10 and 1 rows.
    expect((await preparedStatements()) - before).toBeLessThanOrEqual(5);
    const stored = (await t.api('GET', `/api/outbound-requests/${last.requestId}`)).json() as { jobs: Array<{ contactNumber: string }> };
    expect(stored.jobs.map((job) => job.contactNumber)).toEqual(last.numbers.map((number) => `+91${number}`));
  });
});
