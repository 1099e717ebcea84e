import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../test/support.js';

const clientId = 'phononio123456';
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });

describe.each(await databaseTargets())('GET /api/accounts/{id}/outbound-requests on $name', (target) => {
  let t: TestApp;
  const securityIds: Record<string, string> = {};
  const requestIds: string[] = [];

  const createOutbound = async (flowId: string, numbers: string, at: string) => {
    t.setNow(new Date(at));
    const response = await t.webhook('createOutbound', [key('securityID', securityIds[flowId]), key('flowID', flowId), key('clientID', clientId), key('contactNumbers', numbers), key('delayMinutes', 60)]);
    const requestId = outputsOf(response)['$flow.key.obdReqID'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    requestIds.push(requestId!);
    return requestId!;
  };

  beforeAll(async () => {
    t = await createTestApp(target, { now: new Date('2026-12-07T10:00:00+05:30') });
    await t.api('PATCH', '/api/accounts/1', { clientId });
    for (const flowId of ['OBDLIST1', 'OBDLIST2']) {
      const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: flowId, dialerUrl: 'http://127.0.0.1:9/dial' });
      expect(created.statusCode).toBe(201);
      securityIds[flowId] = created.json().securityId;
    }
    await createOutbound('OBDLIST1', '9876543210,9812345678', '2026-12-07T10:00:00+05:30');
    await createOutbound('OBDLIST2', '9876543211', '2026-12-07T10:05:00+05:30');
    await createOutbound('OBDLIST1', '9876543212,9812345679,9812345670', '2026-12-07T10:10:00+05:30');
    expect((await t.api('POST', `/api/outbound-requests/${requestIds[0]}/cancel`)).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it("lists the account's requests newest first, with their numbers counted by status", async () => {
    const response = await t.api('GET', '/api/accounts/1/outbound-requests');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      expect.objectContaining({ id: requestIds[2], flowId: 'OBDLIST1', stage: 'prod', status: 'pending', numbers: 3, jobs: { scheduled: 3 }, createdAt: '2026-12-07T04:40:00.000Z', cancelledAt: null }),
      expect.objectContaining({ id: requestIds[1], flowId: 'OBDLIST2', status: 'pending', numbers: 1, jobs: { scheduled: 1 } }),
      expect.objectContaining({ id: requestIds[0], flowId: 'OBDLIST1', status: 'cancelled', numbers: 2, jobs: { cancelled: 2 }, cancelledAt: expect.any(String) }),
    ]);
  });

  it('filters by flow and limits the count', async () => {
    const ofFlow = (await t.api('GET', '/api/accounts/1/outbound-requests?flowId=OBDLIST1')).json() as Array<{ id: string }>;
    expect(ofFlow.map((request) => request.id)).toEqual([requestIds[2], requestIds[0]]);
    const newest = (await t.api('GET', '/api/accounts/1/outbound-requests?limit=1')).json() as Array<{ id: string }>;
    expect(newest.map((request) => request.id)).toEqual([requestIds[2]]);
    expect((await t.api('GET', '/api/accounts/1/outbound-requests?flowId=NOSUCH00')).json()).toEqual([]);
  });

  it('refuses a bad limit or an unknown filter with 422 naming it', async () => {
    for (const [url, field] of [['?limit=0', 'limit'], ['?limit=501', 'limit'], ['?status=pending', 'status']] as const) {
      const response = await t.api('GET', `/api/accounts/1/outbound-requests${url}`);
      expect(response.statusCode, url).toBe(422);
      expect(response.json().error.message).toContain(field);
    }
  });

  it("answers 404 for an unknown account and for another account's token", async () => {
    expect((await t.api('GET', '/api/accounts/999/outbound-requests')).statusCode).toBe(404);
    const other = await t.api('POST', '/api/accounts', { name: 'Other' });
    const token = (await t.api('POST', `/api/accounts/${other.json().id}/tokens`, {})).json().token as string;
    expect((await t.api('GET', '/api/accounts/1/outbound-requests', undefined, token)).statusCode).toBe(404);
    expect((await t.api('GET', `/api/accounts/${other.json().id}/outbound-requests`, undefined, token)).json()).toEqual([]);
  });
});
