import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpDialer } from '../../adapters/dialer/dialer.js';
import { startDialer, type DialerServer } from '../../../harness/dialer.js';
import { startReceiver, type ReceiverServer } from '../../../harness/receiver.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, type TestApp } from '../../../test/support.js';
import { createCallbackSender, type CallbackSender } from './callback-sender.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';
import { loopDialerSecret, strangerDialerSecret } from '../../../test/secrets.js';

const clientId = 'phononio123456';
const dialerSecret = loopDialerSecret;
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
type Shown = Array<[string, unknown, unknown]>;
const sortedCallbacks = (callbacks: Array<{ type: string; data: Record<string, unknown> }> | Shown): string[] =>
  (callbacks as Array<unknown>)
    .map((entry) => (Array.isArray(entry) ? entry : [(entry as { type: string }).type, (entry as { data: Record<string, unknown> }).data.attempt ?? null, (entry as { data: Record<string, unknown> }).data.status]))
    .map((entry) => JSON.stringify(entry))
    .sort();

describe.each(await databaseTargets())('the outbound loop on $name', (target) => {
  let t: TestApp;
  let dialer: DialerServer;
  let receiver: ReceiverServer;
  let now: number;
  let flowNumber = 0;
  let dispatcher: Dispatcher;
  let sender: CallbackSender;

  beforeAll(async () => {
    t = await createTestApp(target);
    await t.api('PATCH', '/api/accounts/1', { clientId, timezone: 'Asia/Kolkata', workingDaysOff: ['Sunday'] });
    dialer = await startDialer(dialerSecret);
    receiver = await startReceiver();
    const endpoint = await t.api('POST', '/api/accounts/1/status-webhooks', { url: receiver.url });
    expect(endpoint.statusCode).toBe(201);
    expect(endpoint.json().secret).toMatch(/^whsec_/);
    receiver.useSecret(endpoint.json().secret);
    // Clocks on the test's `now`: due times, windows and leases move when the test says.
    dispatcher = createDispatcher({ database: t.database, clock: () => new Date(now), sleep: async (ms) => void (now += ms), random: () => 0.5, destinations: loopbackDestinations() });
    sender = createCallbackSender({ database: t.database, clock: () => new Date(now), random: () => 0.5, backoffMs: 1000, destinations: loopbackDestinations() });
  });
  afterAll(async () => {
    await dialer.close();
    await receiver.close();
    await t.close();
  });

  async function newFlow(fields: Record<string, unknown> = {}) {
    const flowId = `LOOP${String(++flowNumber).padStart(4, '0')}`;
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Loop', dialerUrl: dialer.url, dialerSecret, ...fields });
    expect(created.statusCode, created.body).toBe(201);
    return { flowId, securityId: created.json().securityId as string };
  }

  async function request(flow: { flowId: string; securityId: string }, numbers: string) {
    t.setNow(new Date(now));
    const response = await t.webhook('createOutbound', [key('securityID', flow.securityId), key('flowID', flow.flowId), key('clientID', clientId), key('contactNumbers', numbers)]);
    const outputs = outputsOf(response);
    expect(outputs['$flow.key.obdResponseCode']).toBe('200');
    return outputs;
  }

  /** An outcome report as a dialer sends it: signed with the `standardwebhooks` package. */
  function report(jobId: string, body: Record<string, unknown>, secret = dialerSecret, headers: Record<string, string> | undefined = undefined) {
    const payload = JSON.stringify(body);
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const signed = headers ?? { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, payload) };
    return t.app.inject({ method: 'POST', url: `/api/outbound-jobs/${jobId}/result`, headers: { 'content-type': 'application/json', ...signed }, payload });
  }

  const jobsOf = async (requestId: string) => (await t.api('GET', `/api/outbound-requests/${requestId}`)).json();
  const deliveriesOf = (requestId: string) => dialer.received.filter((delivery) => delivery.body.requestId === requestId);
  const callbacksOf = (requestId: string) => receiver.accepted().filter((callback) => callback.data.requestId === requestId);

  it('runs request → delivery → busy → retry on the next working morning → answered → final callbacks, each signed', async () => {
    await t.api('PUT', '/api/accounts/1/holidays/2026-12-08', { name: 'Test holiday' });
    const flow = await newFlow({ callingWindow: { start: '09:00', end: '21:00' }, retryPolicy: { busy: { attempts: 1, afterMinutes: 10 } } });
    // Monday 20:55 in Kolkata.
    now = Date.parse('2026-12-07T20:55:00+05:30');
    const requestId = (await request(flow, '9876543210'))['$flow.key.obdReqID']!;
    expect(await dispatcher.tick()).toBe(1);
    const [first] = deliveriesOf(requestId);
    expect(first?.signatureValid).toBe(true);
    expect(first?.body.attempt).toBe(1);
    const jobId = first!.body.jobId;

    // Busy: 10 minutes later is after closing; Tuesday is a holiday; the retry is Wednesday 09:00.
    now += 60_000;
    const busy = await report(jobId, { disposition: 'busy', durationSeconds: 0, attempt: 1 });
    expect(busy.statusCode, busy.body).toBe(200);
    expect(busy.json()).toMatchObject({ jobId, attempt: 1, disposition: 'busy', status: 'scheduled', nextAttemptAt: new Date(Date.parse('2026-12-09T09:00:00+05:30')).toISOString(), repeated: false });
    now = Date.parse('2026-12-09T08:59:00+05:30');
    expect(await dispatcher.tick()).toBe(0);
    now = Date.parse('2026-12-09T09:00:00+05:30');
    expect(await dispatcher.tick()).toBe(1);
    const second = deliveriesOf(requestId)[1];
    expect(second?.body).toMatchObject({ jobId, attempt: 2, deliveryAttempt: 1 });
    expect(second?.messageId).toBe(`${jobId}_2`);
    expect(second?.messageId).not.toBe(first?.messageId);

    const answered = await report(jobId, { disposition: 'answered', durationSeconds: 42, detail: 'talked', attempt: 2 });
    expect(answered.json()).toMatchObject({ status: 'answered', repeated: false });
    // A repeated or late report changes nothing.
    expect((await report(jobId, { disposition: 'no-answer', attempt: 2 })).json()).toMatchObject({ disposition: 'answered', status: 'answered', repeated: true });
    expect((await report(jobId, { disposition: 'answered', attempt: 1 })).json()).toMatchObject({ disposition: 'busy', repeated: true });

    const status = await jobsOf(requestId);
    expect(status.status).toBe('completed');
    expect(status.jobs[0]).toMatchObject({ status: 'answered', attempt: 2, disposition: 'answered', awaitingResult: false });
    expect(status.jobs[0].outcomes.map((outcome: { disposition: string }) => outcome.disposition)).toEqual(['busy', 'answered']);

    while ((await sender.tick()) > 0);
    const callbacks = callbacksOf(requestId);
    expect(callbacks.every((callback) => callback.signatureValid)).toBe(true);
    // Callbacks are sent concurrently: their order of arrival is not promised (docs/methods/create-outbound.md).
    expect(sortedCallbacks(callbacks)).toEqual(sortedCallbacks([
      ['outbound.job.delivered', 1, 'delivered'],
      ['outbound.job.attempted', 1, 'scheduled'],
      ['outbound.job.delivered', 2, 'delivered'],
      ['outbound.job.attempted', 2, 'answered'],
      ['outbound.job.completed', 2, 'answered'],
      ['outbound.request.completed', null, undefined],
    ]));
    expect(callbacks.find((callback) => callback.type === 'outbound.request.completed')?.data.counts).toEqual({ answered: 1 });
    expect(callbacks.find((callback) => callback.type === 'outbound.job.attempted' && callback.data.attempt === 2)?.data).toMatchObject({ disposition: 'answered', durationSeconds: 42, detail: 'talked' });
  });

  it('completes a request exactly once when the outcome reports of all its jobs arrive together', async () => {
    now = Date.parse('2026-12-07T10:00:00+05:30');
    const numbers = Array.from({ length: 24 }, (_, index) => `9876543${300 + index}`);
    const requestId = (await request(await newFlow(), numbers.join(',')))['$flow.key.obdReqID']!;
    while ((await dispatcher.tick()) > 0);
    const deliveries = deliveriesOf(requestId);
    expect(deliveries).toHaveLength(numbers.length);
    const answers = await Promise.all(deliveries.map((delivery) => report(delivery.body.jobId, { disposition: 'answered', attempt: delivery.body.attempt })));
    expect(answers.map((answer) => answer.statusCode)).toEqual(numbers.map(() => 200));
    const status = await jobsOf(requestId);
    expect(status.status).toBe('completed');
    expect(status.jobs.every((job: { status: string }) => job.status === 'answered')).toBe(true);
    while ((await sender.tick()) > 0);
    const completed = callbacksOf(requestId).filter((callback) => callback.type === 'outbound.request.completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.data.counts).toEqual({ answered: numbers.length });
  });

  it('takes one report of a dial sent twice at once (a dialer retrying it): the other is a repeat, the job moves once', async () => {
    now = Date.parse('2026-12-07T10:30:00+05:30');
    const flow = await newFlow({ retryPolicy: { busy: { attempts: 2, afterMinutes: 5 } } });
    const requestId = (await request(flow, '9876543390'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    const jobId = deliveriesOf(requestId)[0]!.body.jobId;
    const answers = (await Promise.all([1, 2].map(() => report(jobId, { disposition: 'busy', attempt: 1 })))).map((answer) => answer.json());
    expect(answers.map((answer) => answer.repeated).sort()).toEqual([false, true]);
    expect(answers.find((answer) => !answer.repeated)).toMatchObject({ status: 'scheduled', attempt: 1 });
    const [job] = (await jobsOf(requestId)).jobs;
    expect([job.status, job.attempt, job.outcomes.length]).toEqual(['scheduled', 2, 1]);
    // The retry policy counted the dial once: a second busy dial is retried too, a third is the last.
    now += 5 * 60_000;
    await dispatcher.tick();
    expect((await report(jobId, { disposition: 'busy', attempt: 2 })).json()).toMatchObject({ status: 'scheduled', repeated: false });
    now += 5 * 60_000;
    await dispatcher.tick();
    expect((await report(jobId, { disposition: 'busy', attempt: 3 })).json()).toMatchObject({ status: 'unreached', repeated: false });
    while ((await sender.tick()) > 0);
    expect(callbacksOf(requestId).filter((callback) => callback.type === 'outbound.job.attempted').map((callback) => callback.data.attempt).sort()).toEqual([1, 2, 3]);
  });

  it('announces a job the dialer never accepted as completed and failed, never as delivered; each job shows only its own outcomes', async () => {
    const flow = await newFlow();
    now = Date.parse('2026-12-07T11:00:00+05:30');
    dialer.behave((_number, body) => (body.contactNumber === '+919876500001' ? 500 : 200));
    const requestId = (await request(flow, '9876500001,9876500002'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    const delivered = (await jobsOf(requestId)).jobs.find((job: { contactNumber: string }) => job.contactNumber === '+919876500002');
    expect((await report(delivered.id, { disposition: 'answered', durationSeconds: 5, attempt: 1 })).statusCode).toBe(200);
    // Seven more delivery attempts for the refused number, each after its backoff.
    for (let tick = 0; tick < 7; tick++) {
      now += 3_600_000;
      await dispatcher.tick();
    }
    dialer.behave(() => 200);
    const jobs = (await jobsOf(requestId)).jobs as Array<{ contactNumber: string; status: string; outcomes: unknown[] }>;
    expect(jobs.map((job) => [job.contactNumber, job.status, job.outcomes.length])).toEqual([
      ['+919876500001', 'failed', 0],
      ['+919876500002', 'answered', 1],
    ]);
    while ((await sender.tick()) > 0);
    const failedJob = callbacksOf(requestId).filter((callback) => callback.data.contactNumber === '+919876500001');
    expect(failedJob.map((callback) => [callback.type, callback.data.status, callback.data.deliveredAt])).toEqual([['outbound.job.completed', 'failed', null]]);
  });

  it('ends a job unreached when the retries are used up, and never retries invalid-number', async () => {
    now = Date.parse('2026-12-07T11:00:00+05:30');
    const flow = await newFlow({ retryPolicy: { 'no-answer': { attempts: 1, afterMinutes: 1 } } });
    const requestId = (await request(flow, '9876543211,9876543212'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    const jobOf = (number: string) => deliveriesOf(requestId).find((delivery) => delivery.body.contactNumber === number)!.body.jobId;
    const [one, two] = [jobOf('+919876543211'), jobOf('+919876543212')];
    expect((await report(one!, { disposition: 'no-answer' })).json()).toMatchObject({ status: 'scheduled' });
    expect((await report(two!, { disposition: 'invalid-number' })).json()).toMatchObject({ status: 'unreached' });
    now += 60_000;
    await dispatcher.tick();
    expect((await report(one!, { disposition: 'no-answer' })).json()).toMatchObject({ status: 'unreached' });
    const status = await jobsOf(requestId);
    expect(status.status).toBe('completed');
    expect(status.jobs.map((job: { status: string; disposition: string }) => [job.status, job.disposition])).toEqual([
      ['unreached', 'no-answer'],
      ['unreached', 'invalid-number'],
    ]);
    while ((await sender.tick()) > 0);
    expect(callbacksOf(requestId).find((callback) => callback.type === 'outbound.request.completed')?.data.counts).toEqual({ unreached: 2 });
  });

  it('announces the ends of deliveries that end together: a final delivery with its time, and nothing more for a job cancelled on the wire', async () => {
    now = Date.parse('2026-12-08T11:00:00+05:30');
    const flow = await newFlow({ resultTimeoutMinutes: 0 });
    const delivered = (await request(flow, '9876500041'))['$flow.key.obdReqID']!;
    const cancelled = (await request(flow, '9876500042'))['$flow.key.obdReqID']!;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let onTheWire = 0;
    const post = httpDialer({ destinations: loopbackDestinations() });
    const worker = createDispatcher({
      database: t.database,
      clock: () => new Date(now),
      destinations: loopbackDestinations(),
      dialer: async (delivery) => {
        onTheWire += 1;
        await held;
        return post(delivery);
      },
    });
    const ticking = worker.tick();
    await expect.poll(() => onTheWire).toBe(2);
    expect((await t.api('POST', `/api/outbound-requests/${cancelled}/cancel`)).statusCode).toBe(200);
    release();
    await ticking;
    while ((await sender.tick()) > 0);
    const completed = callbacksOf(delivered).filter((callback) => callback.type === 'outbound.job.completed');
    expect(completed.map((callback) => [callback.data.status, callback.data.deliveredAt])).toEqual([['delivered', new Date(now).toISOString()]]);
    expect(callbacksOf(cancelled).filter((callback) => callback.type.startsWith('outbound.job.')).map((callback) => [callback.type, callback.data.status])).toEqual([['outbound.job.completed', 'cancelled']]);
  });

  it('a delivery that outlasts its lease is not sent again by its own dispatcher: one dial, one attempt, one delivered callback', async () => {
    now = Date.parse('2026-12-08T11:30:00+05:30');
    const requestId = (await request(await newFlow(), '9876500043'))['$flow.key.obdReqID']!;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Deliveries of this request only: the claims may also take jobs other tests left due.
    let onTheWire = 0;
    const warnings: string[] = [];
    const post = httpDialer({ destinations: loopbackDestinations() });
    const worker = createDispatcher({
      database: t.database,
      clock: () => new Date(now),
      destinations: loopbackDestinations(),
      leaseMs: 30_000,
      log: { debug() {}, info() {}, error() {}, warn: (_object, message) => void warnings.push(message) },
      dialer: async (delivery) => {
        if (delivery.payload.requestId === requestId) onTheWire += 1;
        await held;
        return post(delivery);
      },
    });
    const first = worker.tick();
    await expect.poll(() => onTheWire).toBe(1);
    // The dialer has not answered within the lease: the next claim takes the job again, and the
    // dialer answers only after that claim (else the job would be delivered before it and not be taken).
    now += 30_001;
    const second = worker.tick();
    await expect.poll(() => warnings).toContain('outbound deliveries outlasted their lease; they were not sent again');
    release();
    await Promise.all([first, second]);
    expect(onTheWire).toBe(1);
    expect(deliveriesOf(requestId)).toHaveLength(1);
    expect((await jobsOf(requestId)).jobs).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1, awaitingResult: true })]);
    while ((await sender.tick()) > 0);
    expect(callbacksOf(requestId).filter((callback) => callback.type === 'outbound.job.delivered')).toHaveLength(1);
  });

  it('a status callback that outlasts its lease is not sent again by its own sender while it is on the wire', async () => {
    now = Date.parse('2026-12-08T11:40:00+05:30');
    const requestId = (await request(await newFlow({ resultTimeoutMinutes: 0 }), '9876500044'))['$flow.key.obdReqID']!;
    expect(await dispatcher.tick()).toBeGreaterThan(0);
    // The receiver keeps this request's first callback waiting past the sender's lease.
    let hung: string | undefined;
    receiver.behave((_number, callback) => {
      if (callback.data.requestId !== requestId || hung) return 204;
      hung = callback.messageId;
      return 'hang';
    });
    const warnings: string[] = [];
    const slow = createCallbackSender({
      database: t.database,
      clock: () => new Date(now),
      random: () => 0.5,
      // Long enough that the hung send is still on the wire when the second claim takes it on a busy machine.
      timeoutMs: 1500,
      leaseMs: 30_000,
      destinations: loopbackDestinations(),
      log: { info() {}, error() {}, warn: (_object, message) => void warnings.push(message) },
    });
    const sentAs = (id: string | undefined) => receiver.received.filter((callback) => callback.messageId === id);
    const first = slow.tick();
    await expect.poll(() => hung).toBeDefined();
    now += 30_001;
    await slow.tick();
    expect(sentAs(hung)).toHaveLength(1);
    expect(warnings).toContain('status callbacks outlasted their lease; they were not sent again');
    await first;
    receiver.behave(() => 204);
    const row = await t.database.db.selectFrom('status_deliveries').select(['status', 'attempts']).where('id', '=', hung!).executeTakeFirstOrThrow();
    // One send, timed out: one attempt counted, a retry waiting.
    expect(row).toEqual({ status: 'pending', attempts: 1 });
    now += 3_600_000;
    while ((await sender.tick()) > 0);
    expect(sentAs(hung)).toHaveLength(2);
  });

  it('refuses reports it cannot accept with a clear status, changing nothing', async () => {
    now = Date.parse('2026-12-07T11:00:00+05:30');
    const flow = await newFlow();
    const requestId = (await request(flow, '9876543213'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    const jobId = deliveriesOf(requestId)[0]!.body.jobId;
    const unknown = await report(jobId, { disposition: 'voicemail' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields.map((field: { field: string }) => field.field)).toContain('disposition');
    expect((await report('00000000-0000-0000-0000-000000000000', { disposition: 'answered' })).statusCode).toBe(404);
    // Signed with another flow's secret: as if the job did not exist.
    expect((await report(jobId, { disposition: 'answered' }, strangerDialerSecret)).statusCode).toBe(404);
    expect((await report(jobId, { disposition: 'answered' }, dialerSecret, {})).statusCode).toBe(401);
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/outbound-jobs/${jobId}/result`,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_old', 'webhook-timestamp': '1000000000', 'webhook-signature': new Webhook(dialerSecret).sign('msg_old', new Date(1e12), '{"disposition":"answered"}') },
      payload: '{"disposition":"answered"}',
    });
    expect(stale.statusCode).toBe(401);
    expect((await report(jobId, { disposition: 'answered', attempt: 2 })).statusCode).toBe(409);
    await t.api('POST', `/api/outbound-requests/${requestId}/cancel`);
    // Cancelling stops further dials; the job delivered before still takes its report.
    expect((await report(jobId, { disposition: 'busy' })).json()).toMatchObject({ status: 'cancelled' });
    const afterwards = await report(jobId, { disposition: 'answered', attempt: 2 });
    expect(afterwards.statusCode).toBe(409);
    expect(afterwards.json().error.code).toBe('OUTCOME_NOT_AWAITED');
    expect((await jobsOf(requestId)).jobs[0]).toMatchObject({ status: 'cancelled', disposition: 'busy' });
  });

  it('closes a delivered job without a report after resultTimeoutMinutes; a late report changes nothing', async () => {
    now = Date.parse('2026-12-07T11:00:00+05:30');
    const flow = await newFlow({ resultTimeoutMinutes: 5 });
    const requestId = (await request(flow, '9876543214'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    now += 5 * 60_000;
    await dispatcher.tick();
    const status = await jobsOf(requestId);
    expect(status.status).toBe('completed');
    expect(status.jobs[0]).toMatchObject({ status: 'delivered', awaitingResult: false, disposition: null });
    expect((await report(status.jobs[0].id, { disposition: 'answered' })).statusCode).toBe(409);
    while ((await sender.tick()) > 0);
    expect(callbacksOf(requestId).map((callback) => callback.type).sort()).toEqual(['outbound.job.completed', 'outbound.job.delivered', 'outbound.request.completed']);
  });

  it('rotates the dialer secret: the new one is shown once and both sign during the grace period', async () => {
    now = Date.parse('2026-12-07T11:00:00+05:30');
    const flow = await newFlow({ resultTimeoutMinutes: 0 });
    const rotated = await t.api('POST', `/api/accounts/1/outbound-flows/${flow.flowId}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().dialerSecret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(rotated.json().previousSecretValidUntil).toBe(new Date(now + 24 * 3_600_000).toISOString());
    expect((await t.api('GET', `/api/accounts/1/outbound-flows/${flow.flowId}`)).json()).not.toHaveProperty('dialerSecret');
    const requestId = (await request(flow, '9876543215'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    const during = deliveriesOf(requestId)[0]!;
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    // The dialer still on the old secret accepts it, and so does one on the new secret.
    expect(during.signatureValid).toBe(true);
    expect(() => new Webhook(newSecret).verify(during.raw, during.headers)).not.toThrow();

    now += 24 * 3_600_000 + 1;
    const later = (await request(flow, '9876543216'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    const after = deliveriesOf(later)[0]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(after.signatureValid).toBe(false);
    expect(() => new Webhook(newSecret).verify(after.raw, after.headers)).not.toThrow();
  });

  it('refuses a bad retry policy, naming the field, and creates nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ busy: { attempts: -1, afterMinutes: 10 } }, 'retryPolicy.busy.attempts'],
      [{ busy: { attempts: 11, afterMinutes: 10 } }, 'retryPolicy.busy.attempts'],
      [{ 'no-answer': { attempts: 1, afterMinutes: 0 } }, 'retryPolicy.no-answer.afterMinutes'],
      [{ answered: { attempts: 1, afterMinutes: 5 } }, 'retryPolicy.answered'],
    ];
    for (const [retryPolicy, field] of cases) {
      const response = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'BADPOL01', name: 'x', dialerUrl: dialer.url, retryPolicy });
      expect(response.statusCode, field).toBe(422);
      expect(response.json().error.fields.map((issue: { field: string }) => issue.field)).toContain(field);
    }
    expect((await t.api('GET', '/api/accounts/1/outbound-flows/BADPOL01')).statusCode).toBe(404);
    const flow = await newFlow();
    const patched = await t.api('PATCH', `/api/accounts/1/outbound-flows/${flow.flowId}`, { retryPolicy: { failed: { attempts: 3, afterMinutes: 5 } } });
    expect(patched.json().effectiveRetryPolicy).toEqual({ busy: { attempts: 2, afterMinutes: 10 }, 'no-answer': { attempts: 2, afterMinutes: 60 }, failed: { attempts: 3, afterMinutes: 5 } });
  });

  it('dials a number once within dedupeWindowMinutes and says which numbers it skipped', async () => {
    now = Date.parse('2026-12-07T11:00:00+05:30');
    const flow = await newFlow({ dedupeWindowMinutes: 30 });
    const first = await request(flow, '9876543217');
    expect(first['$flow.key.obdDuplicateNumbers']).toBe('');
    now += 10 * 60_000;
    const second = await request(flow, '9876543217,9876543218');
    expect(second['$flow.key.obdDuplicateNumbers']).toBe('+919876543217');
    expect((await jobsOf(second['$flow.key.obdReqID']!)).jobs.map((job: { contactNumber: string }) => job.contactNumber)).toEqual(['+919876543218']);
    const onlyDuplicates = await request(flow, '9876543217');
    expect((await jobsOf(onlyDuplicates['$flow.key.obdReqID']!))).toMatchObject({ status: 'completed', jobs: [] });
    // Past the window the number is dialled again.
    now += 31 * 60_000;
    expect((await request(flow, '9876543217'))['$flow.key.obdDuplicateNumbers']).toBe('');
  });

  it('keeps the jobs of a paused flow and dials nothing until it resumes, then in due order', async () => {
    now = Date.parse('2026-12-07T11:00:00+05:30');
    // Jobs other tests left due are sent first, so that only this flow's are left.
    while ((await dispatcher.tick()) > 0);
    const flow = await newFlow({ throttlePerSecond: 1 });
    const early = (await request(flow, '9876543219'))['$flow.key.obdReqID']!;
    const paused = await t.api('POST', `/api/accounts/1/outbound-flows/${flow.flowId}/pause`);
    expect(paused.json()).toMatchObject({ flow: { paused: true }, jobs: 1 });
    now += 1000;
    const late = (await request(flow, '9876543220'))['$flow.key.obdReqID']!;
    expect((await jobsOf(late)).jobs[0].status).toBe('paused');
    now += 60_000;
    expect(await dispatcher.tick()).toBe(0);
    expect(deliveriesOf(early).length + deliveriesOf(late).length).toBe(0);
    const resumed = await t.api('POST', `/api/accounts/1/outbound-flows/${flow.flowId}/resume`);
    expect(resumed.json()).toMatchObject({ flow: { paused: false }, jobs: 2 });
    while ((await dispatcher.tick()) > 0);
    const order = dialer.received.filter((delivery) => [early, late].includes(delivery.body.requestId as string)).map((delivery) => delivery.body.requestId);
    expect(order).toEqual([early, late]);
  });

  it('never dials a promotional flow outside 09:00–21:00 account time', async () => {
    const flow = await newFlow({ category: 'promotional' });
    now = Date.parse('2026-12-07T21:30:00+05:30');
    const requestId = (await request(flow, '9876543221'))['$flow.key.obdReqID']!;
    await dispatcher.tick();
    expect(deliveriesOf(requestId)).toHaveLength(0);
    expect((await jobsOf(requestId)).jobs[0].dueAt).toBe(new Date(Date.parse('2026-12-08T09:00:00+05:30')).toISOString());
    const wider = await t.api('PATCH', `/api/accounts/1/outbound-flows/${flow.flowId}`, { callingWindow: { start: '08:00', end: '22:00' } });
    expect(wider.statusCode).toBe(422);
    expect(wider.json().error.fields.map((issue: { field: string }) => issue.field)).toEqual(['callingWindow']);
    const service = await newFlow({ callingWindow: { start: '08:00', end: '22:00' } });
    const toPromotional = await t.api('PATCH', `/api/accounts/1/outbound-flows/${service.flowId}`, { category: 'promotional' });
    expect(toPromotional.statusCode).toBe(422);
  });

  it('status webhooks: only http(s) URLs; a Retry-After is honoured; 410 disables the endpoint, visible in the API', async () => {
    const bad = await t.api('POST', '/api/accounts/1/status-webhooks', { url: 'ftp://x.example/status' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((field: { field: string }) => field.field)).toEqual(['url']);
    const unknownType = await t.api('POST', '/api/accounts/1/status-webhooks', { url: 'http://127.0.0.1:9/x', eventTypes: ['outbound.nothing'] });
    expect(unknownType.statusCode).toBe(422);

    const other = await startReceiver((count) => (count === 1 ? { status: 503, headers: { 'retry-after': '120' } } : 410));
    try {
      const created = await t.api('POST', '/api/accounts/1/status-webhooks', { url: other.url, eventTypes: ['outbound.job.completed'] });
      expect(created.statusCode).toBe(201);
      other.useSecret(created.json().secret);
      const endpoint = `/api/accounts/1/status-webhooks/${created.json().id}`;
      expect((await t.api('GET', endpoint)).json()).not.toHaveProperty('secret');

      now = Date.parse('2026-12-07T11:00:00+05:30');
      while ((await dispatcher.tick()) > 0);
      const flow = await newFlow({ resultTimeoutMinutes: 0 });
      await request(flow, '9876543222');
      await dispatcher.tick();
      while ((await sender.tick()) > 0);
      expect(other.received).toHaveLength(1);
      expect(other.received[0]).toMatchObject({ type: 'outbound.job.completed', signatureValid: true });
      const afterFirst = (await t.api('GET', endpoint)).json();
      expect(afterFirst).toMatchObject({ failureCount: 1, disabled: false, lastError: 'status webhook answered HTTP 503' });
      expect(afterFirst.recentDeliveries[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 503, nextAttemptAt: new Date(now + 120_000).toISOString() });

      now += 119_000;
      await sender.tick();
      expect(other.received).toHaveLength(1);
      now += 1000;
      await sender.tick();
      expect(other.received).toHaveLength(2);
      // The retry carried the same webhook-id.
      expect(other.received[1]!.messageId).toBe(other.received[0]!.messageId);
      const gone = (await t.api('GET', endpoint)).json();
      expect(gone).toMatchObject({ disabled: true, failureCount: 2 });
      expect(gone.disabledReason).toContain('410');
      expect((await t.api('GET', '/api/accounts/1/status-webhooks')).json().find((webhook: { id: string }) => webhook.id === created.json().id)).toMatchObject({ disabled: true });

      // A disabled endpoint gets nothing more.
      await request(flow, '9876543223');
      await dispatcher.tick();
      while ((await sender.tick()) > 0);
      expect(other.received).toHaveLength(2);
      const enabled = await t.api('PATCH', endpoint, { enabled: true });
      expect(enabled.json()).toMatchObject({ disabled: false, failureCount: 0 });
      expect((await t.api('DELETE', endpoint)).statusCode).toBe(204);
    } finally {
      await other.close();
    }
  });
});
