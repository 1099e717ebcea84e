import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDialer, type DialerServer } from '../../../harness/dialer.js';
import { dialerSecret } from '../../../test/secrets.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, type TestApp } from '../../../test/support.js';
import { createDispatcher } from './dispatcher.js';

const clientId = 'phononio123456';
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
const leaseMs = 30_000;

// The edges a flow builder or an operator hits (docs/methods/create-outbound.md): delayMinutes 0…10080,
// and the throttle that holds a job for its slot only while the slot is at most a third of the lease away.
describe.each(await databaseTargets())('createOutbound and dispatcher boundaries on $name', (target) => {
  let t: TestApp;
  let dialer: DialerServer;
  let now: number;
  let flowNumber = 0;

  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('PATCH', '/api/accounts/1', { clientId });
    dialer = await startDialer(dialerSecret);
  });
  afterAll(async () => {
    await dialer.close();
    await t.close();
  });

  async function newFlow(fields: Record<string, unknown> = {}) {
    const flowId = `EDGE${String(++flowNumber).padStart(4, '0')}`;
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Edges', dialerUrl: dialer.url, dialerSecret, ...fields });
    expect(created.statusCode).toBe(201);
    return { flowId, securityId: created.json().securityId as string };
  }

  const schedule = (flow: { flowId: string; securityId: string }, numbers: string, delayMinutes?: unknown) => {
    t.setNow(new Date(now));
    return t.webhook('createOutbound', [
      key('securityID', flow.securityId),
      key('flowID', flow.flowId),
      key('clientID', clientId),
      key('contactNumbers', numbers),
      ...(delayMinutes === undefined ? [] : [key('delayMinutes', delayMinutes)]),
    ]);
  };
  const jobsOf = async (requestId: string) => (await t.api('GET', `/api/outbound-requests/${requestId}`)).json().jobs as Array<Record<string, unknown>>;

  describe('delayMinutes', () => {
    it('0 makes the calls due at once', async () => {
      now = Date.parse('2026-12-07T10:00:00.000+05:30');
      const response = await schedule(await newFlow(), '9876543210', 0);
      expect(outputsOf(response)['$flow.key.obdResponseCode']).toBe('200');
      expect(await jobsOf(outputsOf(response)['$flow.key.obdReqID']!)).toEqual([expect.objectContaining({ status: 'scheduled', dueAt: '2026-12-07T04:30:00.000Z' })]);
    });

    it('10080 (exactly 7 days) is accepted and due 7 days later to the millisecond', async () => {
      now = Date.parse('2026-12-07T10:00:00.000+05:30');
      const response = await schedule(await newFlow(), '9876543211', 10080);
      expect(response.statusCode).toBe(200);
      expect(outputsOf(response)['$flow.key.obdResponseCode']).toBe('200');
      expect(await jobsOf(outputsOf(response)['$flow.key.obdReqID']!)).toEqual([expect.objectContaining({ status: 'scheduled', dueAt: '2026-12-14T04:30:00.000Z' })]);
    });

    it('10081 and -1 are refused with 422 naming delayMinutes, scheduling nothing', async () => {
      now = Date.parse('2026-12-07T10:00:00.000+05:30');
      const flow = await newFlow();
      for (const delay of [10081, -1]) {
        const refused = await schedule(flow, '9876543212', delay);
        expect(refused.statusCode, String(delay)).toBe(422);
        expect(refused.json().error.parameters).toEqual(['$flow.syskey.delayMinutes']);
      }
      const jobs = await t.database.db.selectFrom('outbound_jobs').select('id').where('contact_number', '=', '+919876543212').execute();
      expect(jobs).toEqual([]);
    });
  });

  describe('the throttle wait bound (a third of the lease)', () => {
    /**
     * A throttled flow whose next free slot is `slotIn` ms away; the job is due now.
     * Returns what the dispatcher did with it and how long it held it.
     */
    async function dispatchWithSlotIn(slotIn: number) {
      now = Date.parse('2026-12-07T10:00:00.000+05:30');
      const flow = await newFlow({ throttlePerSecond: 1 });
      const requestId = outputsOf(await schedule(flow, '9876543213'))['$flow.key.obdReqID']!;
      await t.database.db.updateTable('outbound_flows').set({ next_slot_at: now + slotIn }).where('account_id', '=', 1).where('flow_id', '=', flow.flowId).execute();
      const start = now;
      const sentAt: number[] = [];
      const worker = createDispatcher({
        database: t.database,
        clock: () => new Date(now),
        // Waiting moves the clock instead of the test waiting.
        sleep: async (ms) => {
          now += ms;
        },
        destinations: loopbackDestinations(),
        leaseMs,
        dialer: async (delivery) => {
          // Jobs of the other tests here are due too; only this flow's job counts.
          if (delivery.payload.requestId === requestId) sentAt.push(now - start);
          return { ok: true };
        },
      });
      await worker.tick();
      await worker.stop();
      return { sentAt, jobs: await jobsOf(requestId), start };
    }

    it('holds a job whose slot is exactly lease/3 away and sends it at the slot', async () => {
      const { sentAt, jobs } = await dispatchWithSlotIn(leaseMs / 3);
      expect(sentAt).toEqual([10_000]);
      expect(jobs).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
    });

    it('holds a job whose slot is 1 ms under lease/3 away', async () => {
      const { sentAt, jobs } = await dispatchWithSlotIn(leaseMs / 3 - 1);
      expect(sentAt).toEqual([9_999]);
      expect(jobs).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);
    });

    it('puts back, without an attempt, a job whose slot is 1 ms over lease/3 away: due at that slot', async () => {
      const { sentAt, jobs, start } = await dispatchWithSlotIn(leaseMs / 3 + 1);
      expect(sentAt).toEqual([]);
      expect(jobs).toEqual([expect.objectContaining({ status: 'scheduled', attempts: 0, dueAt: new Date(start + 10_001).toISOString() })]);
    });
  });
});
