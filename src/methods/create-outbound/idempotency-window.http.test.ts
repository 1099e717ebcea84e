import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, databaseTargets, outputsOf, type TestApp } from '../../../test/support.js';

const clientId = 'phononio123456';
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
const day = 24 * 60 * 60 * 1000;

// A flow builder retries a createOutbound with the same requestKey; within 24 hours
// the retry must not dial the customer a second time (docs/methods/create-outbound.md).
describe.each(await databaseTargets())('createOutbound idempotency window edges on $name', (target) => {
  let t: TestApp;
  let securityId: string;
  const first = new Date('2026-12-07T10:00:00.000+05:30');

  beforeAll(async () => {
    t = await createTestApp(target, { now: first });
    await t.api('PATCH', '/api/accounts/1', { clientId });
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'OBD00001', name: 'Renewals', dialerUrl: 'https://dialer.example.com/dial' });
    securityId = created.json().securityId;
  });
  afterAll(() => t.close());

  const request = async (requestKey: string, at: Date) => {
    t.setNow(at);
    const response = await t.webhook('createOutbound', [
      key('securityID', securityId),
      key('flowID', 'OBD00001'),
      key('clientID', clientId),
      key('contactNumbers', '9876543210'),
      key('requestKey', requestKey),
    ]);
    expect(response.statusCode).toBe(200);
    return outputsOf(response)['$flow.key.obdReqID'];
  };

  it('answers a retry 1 ms before 24 hours with the first request', async () => {
    const original = await request('retry-before', first);
    expect(await request('retry-before', new Date(first.getTime() + day - 1))).toBe(original);
  });

  it('treats the same key exactly 24 hours later as a new request', async () => {
    const original = await request('retry-at-24h', first);
    expect(await request('retry-at-24h', new Date(first.getTime() + day))).not.toBe(original);
  });

  it('treats the same key 1 ms after 24 hours as a new request', async () => {
    const original = await request('retry-after', first);
    const later = await request('retry-after', new Date(first.getTime() + day + 1));
    expect(later).toMatch(/^[0-9a-f-]{36}$/);
    expect(later).not.toBe(original);
  });

  it('treats the same key 1 hour later as the same request, not a new dial', async () => {
    const original = await request('retry-hour', first);
    expect(await request('retry-hour', new Date(first.getTime() + 60 * 60 * 1000 + 1))).toBe(original);
    expect(await request('retry-hour', new Date(first.getTime() + 23 * 60 * 60 * 1000))).toBe(original);
  });
});
