import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupWriteCounts } from '../../kernel/group-write.js';
import { sha256Hex } from '../../kernel/hash.js';
import { findFlowAndListedNumbers } from '../../storage/outbound-flows.js';
import { startDialer, type DialerServer } from '../../../harness/dialer.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, type TestApp } from '../../../test/support.js';
import { createDispatcher } from './dispatcher.js';
import { dialerSecret } from '../../../test/secrets.js';

const clientId = 'dnccheck000001';
const secret = dialerSecret;
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });

describe.each(await databaseTargets())('do-not-call checks of outbound calls on $name', (target) => {
  let t: TestApp;
  let dialer: DialerServer;
  let securityId: string;
  let now = Date.parse('2026-12-07T10:00:00+05:30');

  beforeAll(async () => {
    t = await createTestApp(target, { now: new Date(now) });
    await t.api('PATCH', '/api/accounts/1', { clientId });
    dialer = await startDialer(secret);
    // This dialer reports no outcomes: a delivered job is final, so a request can complete (docs/methods/create-outbound.md).
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'DNCFLOW1', name: 'Offers', dialerUrl: dialer.url, dialerSecret: secret, resultTimeoutMinutes: 0 });
    securityId = created.json().securityId;
    await t.api('POST', '/api/accounts', { id: 2, name: 'Other', country: 'IN' });
    // The same number on another account's list changes nothing for account 1.
    await t.api('POST', '/api/accounts/2/dnc', { numbers: ['9876500004'] });
  });
  afterAll(async () => {
    await dialer.close();
    await t.close();
  });

  const schedule = (numbers: string, options: { stage?: 'prod' | 'test'; requestKey?: string } = {}) =>
    t.webhook(
      'createOutbound',
      [key('securityID', securityId), key('flowID', 'DNCFLOW1'), key('clientID', clientId), key('contactNumbers', numbers), ...(options.requestKey ? [key('requestKey', options.requestKey)] : [])],
      { url: `/centraloutboundwebhook-v1/${options.stage ?? 'prod'}/` },
    );
  const jobsOf = async (requestId: string) => (await t.api('GET', `/api/outbound-requests/${requestId}`)).json().jobs as Array<{ contactNumber: string; status: string; attempts: number }>;
  const dispatcher = () => createDispatcher({ database: t.database, clock: () => new Date(now), sleep: async () => {}, random: () => 0.5, destinations: loopbackDestinations(), log: t.app.log });

  it('schedules the numbers not on the list and names the refused ones in obdRefusedNumbers, in E.164 and the order given', async () => {
    await t.api('POST', '/api/accounts/1/dnc', { numbers: ['9876500002', '+919876500003'] });
    const response = await schedule('09876500003, 9876500001;9876500002 9876500004', { requestKey: 'dnc-partial-1' });
    expect(response.json().status).toBe('SUCCESS');
    const outputs = outputsOf(response);
    expect(outputs['$flow.key.obdResponseCode']).toBe('200');
    expect(outputs['$flow.key.obdRefusedNumbers']).toBe('+919876500003,+919876500002');
    const jobs = await jobsOf(outputs['$flow.key.obdReqID']!);
    expect(jobs.map((job) => job.contactNumber)).toEqual(['+919876500001', '+919876500004']);

    // A repeat with the same key answers the first answer, refused numbers included.
    const repeat = await schedule('09876500003, 9876500001;9876500002 9876500004', { requestKey: 'dnc-partial-1' });
    expect(outputsOf(repeat)).toEqual(outputs);
  });

  it('answers obdRefusedNumbers empty when no number is listed', async () => {
    const outputs = outputsOf(await schedule('9876500005'));
    expect(outputs).toMatchObject({ '$flow.key.obdResponseCode': '200', '$flow.key.obdRefusedNumbers': '' });
  });

  it('schedules nothing when every number is listed: FAILURE OUTBOUND_ALL_DO_NOT_CALL with obdResponseCode 403, on both stages', async () => {
    const before = (await t.api('GET', '/api/accounts/1/outbound-requests?limit=100')).json().length;
    for (const stage of ['prod', 'test'] as const) {
      const response = await schedule('9876500002,+919876500003', { stage });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ status: 'FAILURE', error: { code: 'OUTBOUND_ALL_DO_NOT_CALL' } });
      expect(outputsOf(response)).toMatchObject({
        '$flow.key.obdResponseCode': '403',
        '$flow.key.obdReqID': '',
        '$flow.key.obdPhononUUID': '',
        '$flow.key.obdRefusedNumbers': '+919876500002,+919876500003',
      });
    }
    expect((await t.api('GET', '/api/accounts/1/outbound-requests?limit=100')).json()).toHaveLength(before);
  });

  it('checks calls made at once each against its own account\'s list, and reads them in one statement on PostgreSQL', async () => {
    await t.api('POST', '/api/accounts/1/dnc', { numbers: ['9876500031', '9876500033'] });
    await t.api('POST', '/api/accounts/2/dnc', { numbers: ['9876500032'] });
    const theirs = (await t.api('POST', '/api/accounts/2/outbound-flows', { flowId: 'DNCFLOW1', name: 'Theirs', dialerUrl: dialer.url })).json().securityId as string;
    const lookups: Array<[number, string, string[]]> = [
      [1, 'DNCFLOW1', ['+919876500031', '+919876500032', '+919876500034']],
      [2, 'DNCFLOW1', ['+919876500031', '+919876500032']],
      [1, 'NOSUCHFL', ['+919876500031']],
      [1, 'DNCFLOW1', []],
      [1, 'DNCFLOW1', ['+919876500033', '+919876500033', '+919876500031']],
    ];
    const reads = () => groupWriteCounts(t.database.db).get('outbound_flow_read')?.writes ?? 0;
    const readsBefore = reads();
    const found = await Promise.all(lookups.map(([accountId, flowId, numbers]) => findFlowAndListedNumbers(t.database.db, accountId, flowId, numbers)));
    expect(reads() - readsBefore).toBe(target.name === 'postgres' ? 1 : 0);
    // Account 2's flow of the same id is its own, told apart by its security id.
    const hashes = new Map([[sha256Hex(securityId), 'account 1'], [sha256Hex(theirs), 'account 2']]);
    expect(found.map(({ flow, listed }) => [flow && hashes.get(flow.securityHash), flow?.flowId, [...listed].sort()])).toEqual([
      ['account 1', 'DNCFLOW1', ['+919876500031']],
      ['account 2', 'DNCFLOW1', ['+919876500032']],
      [undefined, undefined, []],
      ['account 1', 'DNCFLOW1', []],
      ['account 1', 'DNCFLOW1', ['+919876500031', '+919876500033']],
    ]);

    // Through the webhook: four requests at once, each told its own refused numbers and scheduling the rest.
    const sent = ['9876500031,9876500035', '9876500036', '9876500033,9876500037,9876500031', '9876500032'];
    const answers = (await Promise.all(sent.map((numbers) => schedule(numbers)))).map(outputsOf);
    expect(answers.map((outputs) => [outputs['$flow.key.obdResponseCode'], outputs['$flow.key.obdRefusedNumbers']])).toEqual([
      ['200', '+919876500031'],
      ['200', ''],
      ['200', '+919876500033,+919876500031'],
      ['200', ''],
    ]);
    expect(await Promise.all(answers.map(async (outputs) => (await jobsOf(outputs['$flow.key.obdReqID']!)).map((job) => job.contactNumber)))).toEqual([
      ['+919876500035'],
      ['+919876500036'],
      ['+919876500037'],
      ['+919876500032'],
    ]);
  });

  it('closes a due job as refused when its number was listed after scheduling, dials the others, and counts it in the request', async () => {
    now += 60_000;
    t.setNow(new Date(now));
    const response = await schedule('9876500011,9876500012,9876500013');
    const requestId = outputsOf(response)['$flow.key.obdReqID']!;
    const opted = await t.webhook('optOut', [{ name: '$flow.key.cli', value: '9876500012' }]);
    expect(outputsOf(opted)['$flow.key.optOutStatus']).toBe('added');

    const before = dialer.received.length;
    await dispatcher().tick();
    const jobs = await jobsOf(requestId);
    expect(jobs.map((job) => [job.contactNumber, job.status])).toEqual([
      ['+919876500011', 'delivered'],
      ['+919876500012', 'refused'],
      ['+919876500013', 'delivered'],
    ]);
    // Nothing was sent for the refused job, so it used no attempt.
    expect(jobs[1]?.attempts).toBe(0);
    const dialled = dialer.received.slice(before).filter((delivery) => delivery.body.requestId === requestId).map((delivery) => delivery.body.contactNumber);
    expect(dialled.sort()).toEqual(['+919876500011', '+919876500013']);
    const summary = (await t.api('GET', '/api/accounts/1/outbound-requests?limit=1')).json()[0];
    expect(summary).toMatchObject({ id: requestId, status: 'completed', jobs: { delivered: 2, refused: 1 } });
  });

  it('refuses a test-stage job too instead of simulating it', async () => {
    now += 60_000;
    t.setNow(new Date(now));
    const trial = outputsOf(await schedule('9876500021', { stage: 'test' }))['$flow.key.obdReqID']!;
    await t.api('POST', '/api/accounts/1/dnc', { numbers: ['9876500021'] });
    await dispatcher().tick();
    expect((await jobsOf(trial)).map((job) => job.status)).toEqual(['refused']);
  });

  it('never writes a listed or refused number to the log', async () => {
    const log = t.logs.join('');
    for (const digits of ['9876500002', '9876500003', '9876500012', '9876500021']) expect(log).not.toContain(digits);
    expect(log).toContain('outbound job refused: its number is on the do-not-call list');
  });
});
