import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpDialer } from '../../adapters/dialer/dialer.js';
import { openDatabase } from '../../storage/db.js';
import { claimJobs, countLiveJobs } from '../../storage/outbound-jobs.js';
import { completeRequestIfDone } from '../../storage/outbound-requests.js';
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

  /** What dispatchers told their log and metrics, newest last; cleared before each test. */
  let logged: Array<{ level: string; object: Record<string, unknown>; message: string }> = [];
  let measured: Array<[string, string | number]> = [];
  const log = Object.fromEntries(
    ['debug', 'info', 'warn', 'error'].map((level) => [level, (object: Record<string, unknown>, message: string) => logged.push({ level, object, message })]),
  ) as unknown as NonNullable<DispatcherOptions['log']>;
  const metrics: NonNullable<DispatcherOptions['metrics']> = {
    outboundDelivered: (lag) => measured.push(['delivered', lag]),
    outboundFinished: (status) => measured.push(['finished', status]),
    providerCall: () => undefined,
  };
  beforeEach(() => {
    logged = [];
    measured = [];
  });
  const messages = (level: string) => logged.filter((line) => line.level === level).map((line) => line.message);

  /** A dispatcher on the test app's database, its clock and throttle waits on `now`. */
  function dispatcher(options: Partial<DispatcherOptions> = {}): Dispatcher {
    return createDispatcher({
      database: t.database,
      log,
      metrics,
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
    const requestId = outputsOf(response)['$flow.key.obdReqID']!;
    executionIds.set(requestId, outputsOf(response)['$flow.key.obdPhononUUID']!);
    return requestId;
  }
  const executionIds = new Map<string, string>();

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
    expect(delivery?.body.executionId).toBe(executionIds.get(requestId));
    expect(measured).toEqual([['finished', 'delivered'], ['delivered', 0]]);
    expect(delivery?.body.resultPath).toBe(`/api/outbound-jobs/${delivery?.body.jobId}/result`);
    expect(delivery?.messageId).toBe(`${delivery?.body.jobId}_1`);
    expect(delivery?.idempotencyKey).toBe(delivery?.messageId);
    expect(delivery?.headers).not.toHaveProperty('x-flowhooks-signature');
    expect(await jobsOf(requestId)).toEqual([expect.objectContaining({ status: 'delivered', awaitingResult: true, attempt: 1, attempts: 1, lastError: null, deliveredAt: new Date(now).toISOString() })]);
    expect(await dispatcher().tick()).toBe(0);
    expect(receivedFor(requestId)).toHaveLength(1);
  });

  it('keeps twenty deliveries on the wire at once without warning of a listener leak', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const numbers = Array.from({ length: 20 }, (_, index) => `98765433${String(index).padStart(2, '0')}`).join(',');
    const requestId = await schedule(await newFlow(), numbers);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      expect(await dispatcher({ concurrency: 20 }).tick()).toBe(20);
      // Node emits its warnings on the next turn.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(receivedFor(requestId)).toHaveLength(20);
    expect(warnings).not.toContain('MaxListenersExceededWarning');
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
    const retries = logged.filter((line) => line.message === 'outbound delivery failed; will retry');
    expect(retries.map((line) => [line.level, line.object.deliveryAttempt, line.object.error])).toEqual([
      ['info', 1, 'dialer answered HTTP 503'],
      ['info', 2, 'dialer answered HTTP 503'],
    ]);
    expect(retries[0]!.object).toMatchObject({ requestId, attempt: 1, retryAt: expect.stringMatching(/^2026-12-07T04:30:05/) });
    expect(messages('debug')).toEqual(['outbound job delivered']);
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
    expect(await jobsOf(requestId)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 3, lastError: 'dialer answered HTTP 500', deliveredAt: null, awaitingResult: false, finishedAt: '2026-12-07T04:32:00.000Z' }),
    ]);
    expect(receivedFor(requestId)).toHaveLength(3);
    expect(logged.filter((line) => line.level === 'warn')).toEqual([
      { level: 'warn', object: expect.objectContaining({ requestId, deliveryAttempt: 3, error: 'dialer answered HTTP 500' }), message: 'outbound job failed: no attempts left' },
    ]);
    expect(measured).toEqual([['finished', 'failed']]);
    // A failed job is final: its request is complete.
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().completedAt).toBe('2026-12-07T04:32:00.000Z');
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
    expect((await jobsOf(requestId)).map((job) => [job.status, job.awaitingResult, job.finishedAt])).toEqual([
      ['simulated', false, new Date(now).toISOString()],
      ['simulated', false, new Date(now).toISOString()],
    ]);
    expect(receivedFor(requestId)).toHaveLength(0);
    // Simulated jobs are final at once, whatever the flow's result timeout: the request is complete.
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().completedAt).toBe(new Date(now).toISOString());
  });

  it('holds test-stage jobs outside the calling window until it opens, then simulates them, as a real call would wait', async () => {
    now = Date.parse('2026-12-07T22:30:00+05:30');
    const requestId = await schedule(await newFlow({ callingWindow: { start: '09:00', end: '21:00' } }), '9876543218', { stage: 'test' });
    await dispatcher().tick();
    expect(await jobsOf(requestId)).toEqual([expect.objectContaining({ status: 'scheduled', attempts: 0, dueAt: '2026-12-08T03:30:00.000Z' })]);
    now = Date.parse('2026-12-08T09:00:00+05:30');
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'simulated', finishedAt: new Date(now).toISOString() });
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

  it('sends at most throttlePerSecond deliveries of a flow a second, on back-to-back slots', async () => {
    // Real time: a held job reads its standing after its wait, so a clock that jumps at every wait would blur the send times.
    now = Date.now();
    const numbers = Array.from({ length: 8 }, (_, index) => `98765000${String(index).padStart(2, '0')}`).join(',');
    const flow = await newFlow({ throttlePerSecond: 20 });
    const requestId = await schedule(flow, numbers);
    const sentAt: number[] = [];
    const send = httpDialer({ destinations: loopbackDestinations() });
    const worker = createDispatcher({ database: t.database, destinations: loopbackDestinations(), dialer: (delivery) => (sentAt.push(Date.now()), send(delivery)) });
    // Bounded: a dispatcher that stops delivering fails the test instead of hanging it.
    for (let tick = 0; tick < 50 && receivedFor(requestId).length < 8; tick++) await worker.tick();
    send.close();
    expect(receivedFor(requestId)).toHaveLength(8);
    sentAt.sort((a, b) => a - b);
    // Eight slots back to back, 50 ms apart at twenty a second: the flow's next slot is eight intervals after the first…
    const row = await t.database.db.selectFrom('outbound_flows').select('next_slot_at').where('flow_id', '=', flow.flowId).executeTakeFirstOrThrow();
    const firstSlot = Number(row.next_slot_at) - 8 * 50;
    // …and no delivery was sent before its slot (a timer may fire a millisecond early).
    sentAt.forEach((sent, index) => expect(sent).toBeGreaterThanOrEqual(firstSlot + index * 50 - 1));
    expect((await jobsOf(requestId)).every((job) => job.status === 'delivered' && job.attempts === 1)).toBe(true);
  });

  it('takes over the jobs of a crashed dispatcher once their lease expires', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543218,9876543219');
    // A dispatcher claims the jobs and dies before delivering them.
    const leased = await claimJobs(t.database.db, { workerId: 'crashed-node', now, leaseMs: 30_000, limit: 100 });
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
    // Delivered 30.001 s after they were due.
    expect(measured.filter(([kind]) => kind === 'delivered')).toEqual([['delivered', 30.001], ['delivered', 30.001]]);
  });

  it('claims due jobs and jobs of expired leases together, oldest due first, at most the limit', async () => {
    // A clock before every other test's jobs: only this test's jobs are due or expired.
    const start = Date.parse('2021-03-01T10:00:00Z');
    now = start;
    const flow = await newFlow();
    const expiredRequest = await schedule(flow, '9876543230,9876543231');
    const claim = (limit: number) => claimJobs(t.database.db, { workerId: 'claim-order', now, leaseMs: 30_000, limit });
    expect((await claim(10)).map((job) => job.request_id)).toEqual([expiredRequest, expiredRequest]);
    now = start + 20_000;
    const second = await schedule(flow, '9876543232');
    now = start + 5_000;
    const first = await schedule(flow, '9876543233');
    now = start + 10_000;
    const between = await schedule(flow, '9876543234');
    now = start + 40_000;
    // The leases ended at start + 30 s; their jobs were due first.
    expect((await claim(3)).map((job) => [job.request_id, job.due_at - start])).toEqual([
      [expiredRequest, 0],
      [expiredRequest, 0],
      [first, 5_000],
    ]);
    expect((await claim(10)).map((job) => [job.request_id, job.due_at - start])).toEqual([
      [between, 10_000],
      [second, 20_000],
    ]);
    expect(await claim(10)).toEqual([]);
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
      log,
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
    expect(await countLiveJobs(t.database.db, now)).toEqual({ scheduled: 0, dispatching: 1, due: 0 });
    const cancelled = await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    release();
    await ticking;
    expect(receivedFor(requestId)).toHaveLength(1);
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'cancelled' });
    expect(logged).toContainEqual({ level: 'warn', object: expect.objectContaining({ requestId }), message: 'outbound job changed while it was dispatched (cancelled, its outcome already reported, or its lease lost); its state was kept' });
    // Far past any lease or retry: nothing picks it up again.
    now += 3_600_000;
    await worker.tick();
    await worker.stop();
    // It held nothing when it stopped: no lease to release, no line about it.
    expect(messages('info')).not.toContain('released outbound job leases');
    expect(receivedFor(requestId)).toHaveLength(1);
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'cancelled' });
  });

  it('ends deliveries that end together each as its own kind, and keeps the state of a job it no longer holds', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const flow = await newFlow();
    const kept = await schedule(flow, '9876543230,9876543231');
    const cancelledLater = await schedule(flow, '9876543232');
    dialer.behave((_number, body) => (body.contactNumber === '+919876543231' ? 500 : 200));
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let onTheWire = 0;
    const plain = httpDialer({ destinations: loopbackDestinations() });
    const worker = dispatcher({
      maxAttempts: 1,
      dialer: async (delivery) => {
        onTheWire += 1;
        await held;
        return plain(delivery);
      },
    });
    const ticking = worker.tick();
    await vi.waitFor(() => expect(onTheWire).toBe(3));
    expect((await t.api('POST', `/api/outbound-requests/${cancelledLater}/cancel`)).statusCode).toBe(200);
    release();
    expect(await ticking).toBe(3);
    const byNumber = Object.fromEntries((await jobsOf(kept)).map((job) => [job.contactNumber, [job.status, job.lastError, job.deliveredAt]]));
    expect(byNumber).toEqual({
      '+919876543230': ['delivered', null, new Date(now).toISOString()],
      '+919876543231': ['failed', 'dialer answered HTTP 500', null],
    });
    expect((await jobsOf(cancelledLater))[0]).toMatchObject({ status: 'cancelled' });
    expect(messages('warn').sort()).toEqual(['outbound job changed while it was dispatched (cancelled, its outcome already reported, or its lease lost); its state was kept', 'outbound job failed: no attempts left']);
    expect(measured.filter(([kind]) => kind === 'finished').map(([, status]) => status).sort()).toEqual(['delivered', 'failed']);
    dialer.behave(() => 200);
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
    await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
  });

  it('abandons a delivery still on the wire past the shutdown time and gives its job back untouched', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543225');
    let entered: () => void = () => {};
    const onTheWire = new Promise<void>((resolve) => (entered = resolve));
    const worker = dispatcher({
      shutdownMs: 30,
      // A dialer that answers only when the delivery is cut off, as a stalled connection does.
      dialer: (delivery) =>
        new Promise((resolve) => {
          entered();
          delivery.signal?.addEventListener('abort', () => resolve({ ok: false, error: 'aborted' }));
        }),
    });
    const ticking = worker.tick();
    await onTheWire;
    await worker.stop();
    await ticking;
    expect(logged).toContainEqual({ level: 'info', object: { abandoned: 1 }, message: 'outbound deliveries still in flight at shutdown are abandoned' });
    // Nothing written by the cut-off delivery: stop() puts the job back, its attempt given back.
    expect(logged).toContainEqual({ level: 'info', object: { released: 1 }, message: 'released outbound job leases' });
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'scheduled', attempts: 0, lastError: null, dueAt: new Date(now).toISOString() });
    await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
  });

  it('ends a job reclaimed after its last attempt as failed, and the next job of its throttled flow still gets its turn', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const flow = await newFlow({ throttlePerSecond: 5 });
    const lastTry = await schedule(flow, '9876543226');
    // Its dispatcher died during the third and last attempt.
    await t.database.db.updateTable('outbound_jobs').set({ status: 'dispatching', attempts: 3, locked_by: 'crashed-node', locked_until: now - 1 }).where('request_id', '=', lastTry).execute();
    now += 1;
    const fresh = await schedule(flow, '9876543227');
    await dispatcher().tick();
    expect((await jobsOf(lastTry))[0]).toMatchObject({ status: 'failed', attempts: 4, lastError: 'the dispatcher stopped during the last attempt' });
    expect((await jobsOf(fresh))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(receivedFor(lastTry)).toHaveLength(0);
  });

  it('parks the job of a flow paused after the claim, giving its attempt back', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const flow = await newFlow();
    const requestId = await schedule(flow, '9876543228');
    // Paused between the claim and the delivery: the flow row says so, the job row not yet.
    await t.database.db.updateTable('outbound_flows').set({ paused_at: now }).where('flow_id', '=', flow.flowId).execute();
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'paused', attempts: 0 });
    expect(receivedFor(requestId)).toHaveLength(0);
  });

  it('ends a delivered job at once when its flow expects no outcome report (resultTimeoutMinutes 0)', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow({ resultTimeoutMinutes: 0 }), '9876543231');
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'delivered', awaitingResult: false, finishedAt: new Date(now).toISOString() });
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().completedAt).toBe(new Date(now).toISOString());
  });

  it('waits for the outcome report until resultTimeoutMinutes, then closes the job delivered and says so', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow({ resultTimeoutMinutes: 5 }), '9876543229');
    const worker = dispatcher();
    await worker.tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'delivered', awaitingResult: true, finishedAt: null });
    now += 5 * 60_000 - 1;
    await worker.tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ awaitingResult: true, finishedAt: null });
    // A job that waits for its outcome keeps its request open.
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().completedAt).toBeNull();
    now += 1;
    await worker.tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'delivered', awaitingResult: false, finishedAt: new Date(now).toISOString() });
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().completedAt).toBe(new Date(now).toISOString());
    // Completed once: a second look finds nothing to complete.
    expect(await completeRequestIfDone(t.database.db, t.database.dialect, requestId, now + 1)).toBeUndefined();
    expect(logged).toContainEqual({ level: 'info', object: { closed: 1 }, message: 'delivered outbound jobs closed without an outcome report' });
  });

  it('refuses at the claim a job whose number was put on the do-not-call list after scheduling, and counts it', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543230');
    expect((await t.api('POST', '/api/accounts/1/dnc', { numbers: ['9876543230'] })).statusCode).toBe(200);
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'refused', lastError: 'on the do-not-call list', attempts: 0 });
    expect(logged).toContainEqual({ level: 'info', object: { jobId: expect.any(String), requestId }, message: 'outbound job refused: its number is on the do-not-call list' });
    expect(measured).toEqual([['finished', 'refused']]);
    expect(receivedFor(requestId)).toHaveLength(0);
  });

  describe('a job held for its throttle slot', () => {
    let series = 0;
    /**
     * Four numbers of a flow throttled to one a second: the first is sent at once, the others wait for their slots,
     * and `meanwhile` lands while they wait. Answers the numbers dialled and each job, by the last two digits.
     */
    async function heldWhile(meanwhile: (flow: { flowId: string }, requestId: string, numbers: string[]) => Promise<void>) {
      now = Date.parse('2026-12-07T10:00:00+05:30');
      dialer.behave(() => 200);
      const flow = await newFlow({ throttlePerSecond: 1 });
      const numbers = Array.from({ length: 4 }, (_, index) => `98765436${series}${index}`);
      series++;
      const requestId = await schedule(flow, numbers.join(','));
      let landed: Promise<void> | undefined;
      await dispatcher({
        sleep: async (ms) => {
          landed ??= meanwhile(flow, requestId, numbers);
          await landed;
          now += ms;
        },
      }).tick();
      expect(landed).toBeDefined();
      const lastTwo = (number: unknown) => String(number).slice(-2);
      const dialled = receivedFor(requestId).map((delivery) => lastTwo(delivery.body.contactNumber)).sort();
      const jobs = (await jobsOf(requestId)).map((job) => [lastTwo(job.contactNumber), job.status]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      return { dialled, jobs };
    }

    /** The statuses of the jobs that were not dialled. */
    const notDialled = (held: { dialled: string[]; jobs: Array<Array<unknown>> }) => held.jobs.filter(([number]) => !held.dialled.includes(String(number))).map(([, status]) => status);

    it('is not dialled once its number is put on the do-not-call list', async () => {
      const held = await heldWhile(async (_flow, _requestId, numbers) => {
        expect((await t.api('POST', '/api/accounts/1/dnc', { numbers })).statusCode).toBe(200);
      });
      // Only the job sent at once, checked at its claim, was dialled.
      expect(held.dialled).toHaveLength(1);
      expect(notDialled(held)).toEqual(['refused', 'refused', 'refused']);
      expect(measured.filter(([what]) => what === 'finished').map(([, status]) => status).sort()).toEqual(['delivered', 'refused', 'refused', 'refused']);
    });

    it('is not dialled once its request is cancelled or its flow deleted', async () => {
      const cancelled = await heldWhile(async (_flow, requestId) => {
        expect((await t.api('POST', `/api/outbound-requests/${requestId}/cancel`)).statusCode).toBe(200);
      });
      expect(cancelled.dialled).toHaveLength(1);
      expect(notDialled(cancelled)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      const deleted = await heldWhile(async (flow) => {
        expect((await t.api('DELETE', `/api/accounts/1/outbound-flows/${flow.flowId}`)).statusCode).toBe(204);
      });
      expect(deleted.dialled).toHaveLength(1);
      expect(notDialled(deleted)).toEqual(['cancelled', 'cancelled', 'cancelled']);
      expect(messages('info')).toContain('outbound job cancelled while it waited for its throttle slot; not dialled');
    });

    it('waits, paused, once its flow is paused', async () => {
      const held = await heldWhile(async (flow) => {
        expect((await t.api('POST', `/api/accounts/1/outbound-flows/${flow.flowId}/pause`)).statusCode).toBe(200);
      });
      expect(held.dialled).toHaveLength(1);
      expect(notDialled(held)).toEqual(['paused', 'paused', 'paused']);
    });
  });

  it('fails the job of a flow removed between the claim and the delivery', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const flow = await newFlow();
    const requestId = await schedule(flow, '9876543232');
    // The API removes a flow and ends its jobs in one transaction; a dispatcher holding a job claimed before finds no flow.
    await t.database.db.deleteFrom('outbound_flows').where('flow_id', '=', flow.flowId).execute();
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'failed', lastError: 'outbound flow deleted', deliveredAt: null });
    expect(receivedFor(requestId)).toHaveLength(0);
  });

  it('logs a delivery that throws and leaves its job leased, to be taken again when the lease ends', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543233');
    await dispatcher({
      dialer: async () => {
        throw new Error('socket to +919876543233 gone');
      },
    }).tick();
    expect(logged).toContainEqual({ level: 'error', object: { jobId: expect.any(String), error: 'socket to 98XXXXXX33 gone' }, message: 'outbound job handling failed' });
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'dispatching', attempts: 1 });
    now += 31_000;
    await dispatcher().tick();
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('keeps a request open while one job waits for its outcome, even when its other job ends', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow({ resultTimeoutMinutes: 30 }), '9876543234,9876543235');
    dialer.behave((_number, body) => (body.contactNumber === '+919876543235' ? 500 : 200));
    const worker = dispatcher();
    for (let attempt = 0; attempt < 3; attempt++) {
      await worker.tick();
      now += 60_000;
    }
    dialer.behave(() => 200);
    expect((await jobsOf(requestId)).map((job) => [job.status, job.awaitingResult])).toEqual([
      ['delivered', true],
      ['failed', false],
    ]);
    expect((await t.api('GET', `/api/outbound-requests/${requestId}`)).json().completedAt).toBeNull();
  });

  it('logs why the last attempt was refused before it left: a dialer address that is not allowed', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543236');
    // The default destination rules (public addresses only) refuse the local dialer's loopback address, before any connection.
    const worker = dispatcher({ dialer: httpDialer({}) });
    for (let attempt = 0; attempt < 3; attempt++) {
      await worker.tick();
      now += 60_000;
    }
    const last = logged.find((line) => line.message === 'outbound job failed: no attempts left' && line.object.requestId === requestId);
    expect(last?.object.detail).toMatch(/loopback address/);
    expect(receivedFor(requestId)).toHaveLength(0);
  });

  it('waits for a throttle slot on a real timer by default', async () => {
    const flow = await newFlow({ throttlePerSecond: 1 });
    now = Date.now();
    const requestId = await schedule(flow, '9876543237,9876543238');
    await createDispatcher({ database: t.database, destinations: loopbackDestinations() }).tick();
    const times = (await jobsOf(requestId)).map((job) => Date.parse(String(job.deliveredAt))).sort();
    // A second apart at one a second: the second job slept until its slot.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
  });

  it('on stop cuts a throttle wait short and gives the waiting job back within the shutdown time', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow({ throttlePerSecond: 1 }), '9876543239,9876543240');
    // The real timer: the second job sleeps a second for its slot; stop() has half a second.
    const worker = dispatcher({ sleep: undefined, shutdownMs: 500 });
    const ticking = worker.tick();
    await vi.waitFor(() => expect(receivedFor(requestId)).toHaveLength(1));
    await worker.stop();
    await ticking;
    expect(messages('info')).not.toContain('outbound deliveries still in flight at shutdown are abandoned');
    expect((await jobsOf(requestId)).map((job) => [job.status, job.attempts]).sort()).toEqual([
      ['delivered', 1],
      ['scheduled', 0],
    ]);
  });

  it('after abandoning a delivery gives it a third of the shutdown time, at most a second, before the leases go back', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const requestId = await schedule(await newFlow(), '9876543241');
    const send = httpDialer({ destinations: loopbackDestinations() });
    let entered: () => void = () => {};
    const onTheWire = new Promise<void>((resolve) => (entered = resolve));
    // A delivery that ignores the abort and ends 50 ms after it began: later than 30 ms of grace plus 10 ms.
    const worker = dispatcher({
      shutdownMs: 30,
      dialer: async (delivery) => {
        entered();
        await new Promise((resolve) => setTimeout(resolve, 50));
        return send({ ...delivery, signal: undefined });
      },
    });
    const ticking = worker.tick();
    await onTheWire;
    await worker.stop();
    await ticking;
    send.close();
    // The lease went back first; the late answer found the job no longer its own.
    expect((await jobsOf(requestId))[0]).toMatchObject({ status: 'scheduled', attempts: 0 });
    expect(messages('warn')).toContain('outbound job changed while it was dispatched (cancelled, its outcome already reported, or its lease lost); its state was kept');
  });

  it('logs a failed claim and keeps polling', async () => {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    // No migrations: the claim's table does not exist.
    const worker = dispatcher({ database: handle, pollMs: 10 });
    worker.start();
    await vi.waitFor(() => expect(messages('error').filter((message) => message === 'claiming outbound jobs failed').length).toBeGreaterThanOrEqual(2));
    expect(logged.find((line) => line.level === 'error')?.object.error).toMatch(/outbound_jobs/);
    await worker.stop().catch(() => undefined);
    await handle.close();
    await fresh.cleanup();
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
