import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpDialer } from '../../adapters/dialer/dialer.js';
import { openDatabase } from '../../storage/db.js';
import { claimJobs } from '../../storage/outbound-jobs.js';
import { startDialer, type DialerServer } from '../../../harness/dialer.js';
import { dialerSecret } from '../../../test/secrets.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, type TestApp } from '../../../test/support.js';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher.js';

const clientId = 'phononio123456';
const secret = dialerSecret;
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
const targets = await databaseTargets();

describe.each(targets)('the outbound dispatcher on $name', (target) => {
  let t: TestApp;
  let dialer: DialerServer;
  let now: number;
  let flowNumber = 0;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('PATCH', '/api/accounts/1', { clientId });
    dialer = await startDialer(secret);
  });
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
  });
  afterAll(async () => {
    await dialer.close();
    await t.close();
  });

  /** A dispatcher on the test app's database, its clock and throttle waits on `now`. */
  function dispatcher(options: Partial<DispatcherOptions> = {}): Dispatcher {
    return createDispatcher({
      database: t.database,
      clock: () => new Date(now),
      // Waiting moves the clock instead of the test waiting.
      sleep: async (ms) => {
        now += ms;
      },
      random: () => 0.5,
      destinations: loopbackDestinations(),
      backoffMs: 5000,
      maxAttempts: 3,
      ...options,
    });
  }

  async function newFlow(fields: Record<string, unknown> = {}): Promise<{ flowId: string; securityId: string }> {
    const flowId = `FLOW${String(++flowNumber).padStart(4, '0')}`;
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Test', dialerUrl: dialer.url, dialerSecret: secret, ...fields });
    expect(created.statusCode).toBe(201);
    return { flowId, securityId: created.json().securityId };
  }

  async function schedule(flow: { flowId: string; securityId: string }, numbers: string, options: { delayMinutes?: number; stage?: 'prod' | 'test' } = {}) {
    t.setNow(new Date(now));
    const response = await t.webhook(
      'createOutbound',
      [key('securityID', flow.securityId), key('flowID', flow.flowId), key('clientID', clientId), key('contactNumbers', numbers), key('delayMinutes', options.delayMinutes ?? 0)],
      { url: `/centraloutboundwebhook-v1/${options.stage ?? 'prod'}/` },
    );
    expect(outputsOf(response)['$flow.key.obdResponseCode']).toBe('200');
    return outputsOf(response)['$flow.key.obdReqID']!;
  }

  const jobsOf = async (requestId: string) => (await t.api('GET', `/api/outbound-requests/${requestId}`)).json().jobs as Array<Record<string, unknown>>;
  const receivedFor = (requestId: string) => dialer.received.filter((delivery) => delivery.body.requestId === requestId);

  it('delivers a due job once, signed, with the job id as Idempotency-Key, and records it delivered', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    dialer.behave(() => 200);
    const flow = await newFlow();
    const requestId = await schedule(flow, '9876543210');
    expect(await dispatcher().tick()).toBe(1);
    const [delivery] = receivedFor(requestId);
    expect(delivery?.signatureValid).toBe(true);
    expect(Math.abs(delivery!.timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect(delivery?.body).toMatchObject({ requestId, flowId: flow.flowId, accountId: 1, contactNumber: '+919876543210', attempt: 1, deliveryAttempt: 1, stage: 'prod', dueAt: new Date(now).toISOString() });
    expect(delivery?.body.resultPath).toBe(`/api/outbound-jobs/${delivery?.body.jobId}/result`);
    expect(delivery?.messageId).toBe(`${delivery?.body.jobId}_1`);
    expect(delivery?.idempotencyKey).toBe(delivery?.messageId);
    expect(delivery?.headers).not.toHaveProperty('x-flowhooks-signature');
    expect(await jobsOf(requestId)).toEqual([expect.objectContaining({ status: 'delivered', awaitingResult: true, attempt: 1, attempts: 1, lastError: null, deliveredAt: new Date(now).toISOString() })]);
    expect(await dispatcher().tick()).toBe(0);
    expect(receivedFor(requestId)).toHaveLength(1);
  });

  it('leaves a job alone until it is due', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543211', { delayMinutes: 30 });
    now += 29 * 60_000;
    expect(await dispatcher().tick()).toBe(0);
    now += 60_000;
    expect(await dispatcher().tick()).toBe(1);
    expect(receivedFor(requestId)).toHaveLength(1);
  });

  it('retries a failing dialer with exponential backoff and delivers once it accepts', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543212');
    let calls = 0;
    dialer.behave(() => (++calls <= 2 ? 503 : 200));
    const worker = dispatcher();
    await worker.tick();
    expect(await jobsOf(requestId)).toEqual([
      expect.objectContaining({ status: 'scheduled', attempts: 1, lastError: 'dialer answered HTTP 503', dueAt: new Date(now + 5000).toISOString() }),
    ]);
    now += 4999;
    expect(await worker.tick()).toBe(0);
    now += 1;
    await worker.tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ attempts: 2, dueAt: new Date(now + 10_000).toISOString() });
    now += 10_000;
    await worker.tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(receivedFor(requestId).map((delivery) => delivery.body.deliveryAttempt)).toEqual([1, 2, 3]);
    // Delivery retries are one dial: one message id, one attempt.
    expect(new Set(receivedFor(requestId).map((delivery) => delivery.messageId)).size).toBe(1);
    expect(receivedFor(requestId).every((delivery) => delivery.body.attempt === 1)).toBe(true);
    dialer.behave(() => 200);
  });

  it('gives up after the last attempt and keeps the last error', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543213');
    dialer.behave(() => 500);
    const worker = dispatcher();
    for (let attempt = 0; attempt < 5; attempt++) {
      await worker.tick();
      now += 60_000;
    }
    expect(await jobsOf(requestId)).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, lastError: 'dialer answered HTTP 500', deliveredAt: null })]);
    expect(receivedFor(requestId)).toHaveLength(3);
    dialer.behave(() => 200);
  });

  it('treats a dialer that does not answer in time as a failed attempt', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543214');
    dialer.behave(() => 'hang');
    await dispatcher({ dialer: httpDialer({ timeoutMs: 300, destinations: loopbackDestinations() }) }).tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'scheduled', attempts: 1, lastError: 'dialer did not answer within 300 ms' });
    dialer.behave(() => 200);
  });

  it('simulates test-stage jobs without calling the dialer', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543215,9876543216', { stage: 'test' });
    await dispatcher().tick();
    expect((await jobsOf(requestId)).map((job) => job.status)).toEqual(['simulated', 'simulated']);
    expect(receivedFor(requestId)).toHaveLength(0);
  });

  it('holds jobs due outside the calling window until it opens, account time, without counting an attempt', async () => {
    now = Date.parse('2026-12-07T22:30:00+05:30');
    const requestId = await schedule(await newFlow({ callingWindow: { start: '09:00', end: '21:00' } }), '9876543217');
    await dispatcher().tick();
    expect(await jobsOf(requestId)).toEqual([expect.objectContaining({ status: 'scheduled', attempts: 0, dueAt: '2026-12-08T03:30:00.000Z' })]);
    expect(receivedFor(requestId)).toHaveLength(0);
    now = Date.parse('2026-12-08T09:00:00+05:30');
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('sends at most throttlePerSecond deliveries of a flow a second', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const numbers = Array.from({ length: 8 }, (_, index) => `98765000${String(index).padStart(2, '0')}`).join(',');
    const requestId = await schedule(await newFlow({ throttlePerSecond: 2 }), numbers);
    // Send times on the test's clock (the webhook-timestamp is the wall clock).
    const sentAt: number[] = [];
    const send = httpDialer({ destinations: loopbackDestinations() });
    const worker = dispatcher({ dialer: (delivery) => (sentAt.push(Math.floor(now / 1000)), send(delivery)) });
    // Bounded: a dispatcher that stops delivering fails the test instead of hanging it.
    for (let tick = 0; tick < 200 && receivedFor(requestId).length < 8; tick++) await worker.tick();
    send.close();
    expect(receivedFor(requestId)).toHaveLength(8);
    const perSecond = new Map<number, number>();
    for (const second of sentAt) perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2);
    expect((await jobsOf(requestId)).every((job) => job.status === 'delivered' && job.attempts === 1)).toBe(true);
  });

  it('takes over the jobs of a crashed dispatcher once their lease expires', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543218,9876543219');
    // A dispatcher claims the jobs and dies before delivering them.
    const leased = await claimJobs(t.database.db, t.database.dialect, { workerId: 'crashed-node', now, leaseMs: 30_000, limit: 100 });
    expect(leased.map((job) => job.request_id)).toContain(requestId);
    expect((await jobsOf(requestId)).map((job) => job.status)).toEqual(['dispatching', 'dispatching']);
    const survivor = dispatcher({ leaseMs: 30_000 });
    now += 29_999;
    expect(await survivor.tick()).toBe(0);
    now += 2;
    await survivor.tick();
    expect((await jobsOf(requestId)).map((job) => [job.status, job.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 2],
    ]);
    expect(receivedFor(requestId).map((delivery) => delivery.body.deliveryAttempt)).toEqual([2, 2]);
  });

  it('never delivers a cancelled request', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543220', { delayMinutes: 1 });
    await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
    now += 120_000;
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'cancelled' });
    expect(receivedFor(requestId)).toHaveLength(0);
  });

  /** A dispatcher whose dialer holds each delivery until `release()`; `onTheWire` resolves when the first is held. */
  function heldDispatcher() {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const onTheWire = new Promise<void>((resolve) => (entered = resolve));
    const worker = createDispatcher({
      database: t.database,
      clock: () => new Date(now),
      dialer: async (delivery) => {
        entered();
        await held;
        return httpDialer({ destinations: loopbackDestinations() })(delivery);
      },
    });
    return { worker, onTheWire, release };
  }

  it('a cancel while the delivery is on the wire: the dialer has it, the job stays cancelled and is never sent again (docs/methods/create-outbound.md, Cancel)', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543224');
    const { worker, onTheWire, release } = heldDispatcher();
    const ticking = worker.tick();
    await onTheWire;
    const cancelled = await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    release();
    await ticking;
    expect(receivedFor(requestId)).toHaveLength(1);
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'cancelled' });
    // Far past any lease or retry: nothing picks it up again.
    now += 3_600_000;
    await worker.tick();
    await worker.stop();
    expect(receivedFor(requestId)).toHaveLength(1);
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'cancelled' });
  });

  it('on stop finishes the delivery in flight and releases the jobs it was holding', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow({ throttlePerSecond: 1 }), '9876543221,9876543222,9876543223');
    // Real timers for the throttle here: the held jobs wait for their slots until stop().
    const { worker, onTheWire, release } = heldDispatcher();
    const ticking = worker.tick();
    await onTheWire;
    const stopping = worker.stop();
    release();
    await Promise.all([ticking, stopping]);
    const statuses = (await jobsOf(requestId)).map((job) => job.status).sort();
    expect(statuses).toEqual(['delivered', 'scheduled', 'scheduled']);
    expect((await jobsOf(requestId)).filter((job) => job.status === 'scheduled').every((job) => job.attempts === 0)).toBe(true);
  });
});

describe.each(targets.filter((target) => target.name === 'postgres'))('two dispatchers on one $name database', (target) => {
  it('deliver hundreds of jobs, each exactly once', async () => {
    const t = await createTestApp(target);
    const dialer = await startDialer(secret);
    const second = openDatabase(t.settings.DATABASE_URL, { schema: t.settings.DATABASE_SCHEMA, poolSize: 4 });
    try {
      await t.api('PATCH', '/api/accounts/1', { clientId });
      const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'BULK0001', name: 'Bulk', dialerUrl: dialer.url, dialerSecret: secret });
      const securityId = created.json().securityId;
      const requestIds: string[] = [];
      for (let batch = 0; batch < 4; batch++) {
        const numbers = Array.from({ length: 100 }, (_, index) => `97${String(batch * 1000 + index).padStart(8, '0')}`).join(',');
        const response = await t.webhook('createOutbound', [key('securityID', securityId), key('flowID', 'BULK0001'), key('clientID', clientId), key('contactNumbers', numbers)]);
        requestIds.push(outputsOf(response)['$flow.key.obdReqID']!);
      }
      const nodes = [t.database, second].map((database, index) =>
        createDispatcher({ database, workerId: `node-${index}`, concurrency: 20, pollMs: 20, destinations: loopbackDestinations() }),
      );
      nodes.forEach((node) => node.start());
      await dialer.waitFor(400);
      await Promise.all(nodes.map((node) => node.stop()));

      const jobIds = dialer.received.map((delivery) => delivery.body.jobId);
      expect(jobIds).toHaveLength(400);
      expect(new Set(jobIds).size).toBe(400);
      expect(dialer.received.every((delivery) => delivery.signatureValid)).toBe(true);
      const rows = await t.database.db.selectFrom('outbound_jobs').select(['status', 'attempts']).execute();
      expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
    } finally {
      await second.close();
      await dialer.close();
      await t.close();
    }
  }, 60_000);
});
