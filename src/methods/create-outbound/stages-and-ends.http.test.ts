import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteErrorText, remoteErrorTextLength } from '../../adapters/delivery/http-post.js';
import { startDialer, type DialerServer } from '../../../harness/dialer.js';
import { startLocalServer, type LocalServer } from '../../../harness/local-server.js';
import { startReceiver, type ReceiverServer } from '../../../harness/receiver.js';
import { createTestApp, databaseTargets, loopbackDestinations, outputsOf, type TestApp } from '../../../test/support.js';
import { loopDialerSecret, strangerDialerSecret } from '../../../test/secrets.js';
import { createCallbackSender, type CallbackSender } from './callback-sender.js';
import { createDispatcher, type Dispatcher } from './dispatcher.js';

const clientId = 'phononio123456';
const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });

// Items 1, 2, 3, 8, 9 and 12 of the outbound probe (docs/methods/create-outbound.md): stages kept apart
// for idempotency keys and dedupe windows, what deleting a flow leaves waiting, a report as proof of
// delivery, delayMinutes in decimal digits, and the dialer's own error text in the log.
describe.each(await databaseTargets())('outbound stages, flow deletion and delivery proofs on $name', (target) => {
  let t: TestApp;
  let dialer: DialerServer;
  let receiver: ReceiverServer;
  let dispatcher: Dispatcher;
  let sender: CallbackSender;
  let now = Date.parse('2026-12-07T11:00:00+05:30');
  let flowNumber = 0;

  beforeAll(async () => {
    t = await createTestApp(target, { now: new Date(now) });
    await t.api('PATCH', '/api/accounts/1', { clientId, timezone: 'Asia/Kolkata' });
    dialer = await startDialer(loopDialerSecret);
    receiver = await startReceiver();
    const endpoint = await t.api('POST', '/api/accounts/1/status-webhooks', { url: receiver.url });
    expect(endpoint.statusCode).toBe(201);
    receiver.useSecret(endpoint.json().secret);
    dispatcher = createDispatcher({ database: t.database, clock: () => new Date(now), sleep: async (ms) => void (now += ms), random: () => 0.5, destinations: loopbackDestinations() });
    sender = createCallbackSender({ database: t.database, clock: () => new Date(now), random: () => 0.5, destinations: loopbackDestinations() });
  });
  afterAll(async () => {
    await dialer.close();
    await receiver.close();
    await t.close();
  });

  async function newFlow(fields: Record<string, unknown> = {}) {
    const flowId = `STGE${String(++flowNumber).padStart(4, '0')}`;
    const created = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId, name: 'Stages', dialerUrl: dialer.url, dialerSecret: loopDialerSecret, ...fields });
    expect(created.statusCode, created.body).toBe(201);
    return { flowId, securityId: created.json().securityId as string };
  }

  function call(flow: { flowId: string; securityId: string }, numbers: string, options: { stage?: 'prod' | 'test'; extra?: Array<{ name: string; value: unknown }>; headers?: Record<string, string> } = {}) {
    t.setNow(new Date(now));
    return t.webhook('createOutbound', [key('securityID', flow.securityId), key('flowID', flow.flowId), key('clientID', clientId), key('contactNumbers', numbers), ...(options.extra ?? [])], {
      url: `/centraloutboundwebhook-v1/${options.stage ?? 'prod'}/`,
      ...(options.headers && { headers: options.headers }),
    });
  }
  async function schedule(...args: Parameters<typeof call>) {
    const outputs = outputsOf(await call(...args));
    expect(outputs['$flow.key.obdResponseCode']).toBe('200');
    return outputs;
  }

  /** An outcome report as a dialer sends it: signed with the `standardwebhooks` package. */
  function report(jobId: string, body: Record<string, unknown>, secret = loopDialerSecret) {
    t.setNow(new Date(now));
    const payload = JSON.stringify(body);
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign(id, at, payload) };
    return t.app.inject({ method: 'POST', url: `/api/outbound-jobs/${jobId}/result`, headers: { 'content-type': 'application/json', ...headers }, payload });
  }
  const requestOf = async (requestId: string) => (await t.api('GET', `/api/outbound-requests/${requestId}`)).json();
  const callbacksOf = async (requestId: string) => {
    while ((await sender.tick()) > 0);
    return receiver.accepted().filter((callback) => callback.data.requestId === requestId);
  };
  const keptSecrets = async (jobId: string) => t.database.db.selectFrom('outbound_job_report_secrets').select('job_id').where('job_id', '=', jobId).execute();

  it('keeps idempotency keys per stage: a test call never answers a production call with the same key, nor the reverse', async () => {
    const flow = await newFlow();
    const later = [key('delayMinutes', '600')];
    const header = { 'idempotency-key': `stage-k1-${target.name}` };
    const trial = await schedule(flow, '9876501600', { stage: 'test', extra: later, headers: header });
    const live = await schedule(flow, '9876501600', { stage: 'prod', extra: later, headers: header });
    expect(live['$flow.key.obdReqID']).not.toBe(trial['$flow.key.obdReqID']);
    expect(await requestOf(live['$flow.key.obdReqID']!)).toMatchObject({ stage: 'prod', jobs: [expect.objectContaining({ contactNumber: '+919876501600', status: 'scheduled' })] });
    // Each stage's repeat gets its own stage's first answer.
    expect((await schedule(flow, '9876501600', { stage: 'prod', extra: later, headers: header }))['$flow.key.obdReqID']).toBe(live['$flow.key.obdReqID']);
    expect((await schedule(flow, '9876501600', { stage: 'test', extra: later, headers: header }))['$flow.key.obdReqID']).toBe(trial['$flow.key.obdReqID']);

    // The same with $flow.syskey.requestKey, prod first, and with both stages at the same instant.
    const requestKey = [...later, key('requestKey', `stage-k2-${target.name}`)];
    const first = await schedule(flow, '9876501601', { stage: 'prod', extra: requestKey });
    const simulated = await schedule(flow, '9876501601', { stage: 'test', extra: requestKey });
    expect(simulated['$flow.key.obdReqID']).not.toBe(first['$flow.key.obdReqID']);
    expect((await requestOf(simulated['$flow.key.obdReqID']!)).stage).toBe('test');
    const together = await Promise.all(
      ['prod', 'test', 'prod', 'test'].map((stage) => schedule(flow, '9876501602', { stage: stage as 'prod' | 'test', extra: [...later, key('requestKey', `stage-k3-${target.name}`)] })),
    );
    const ids = together.map((outputs) => outputs['$flow.key.obdReqID']);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('counts only live jobs of the same stage for dedupeWindowMinutes', async () => {
    const flow = await newFlow({ dedupeWindowMinutes: 60 });
    const later = [key('delayMinutes', '600')];
    expect((await schedule(flow, '9876500064', { stage: 'test', extra: later }))['$flow.key.obdDuplicateNumbers']).toBe('');
    const live = await schedule(flow, '9876500064', { stage: 'prod', extra: later });
    expect(live['$flow.key.obdDuplicateNumbers']).toBe('');
    expect((await requestOf(live['$flow.key.obdReqID']!)).jobs.map((job: { contactNumber: string }) => job.contactNumber)).toEqual(['+919876500064']);
    // A production job does not hold back a test call either; within one stage the window still holds.
    expect((await schedule(flow, '9876500065', { stage: 'prod', extra: later }))['$flow.key.obdDuplicateNumbers']).toBe('');
    expect((await schedule(flow, '9876500065', { stage: 'test', extra: later }))['$flow.key.obdDuplicateNumbers']).toBe('');
    expect((await schedule(flow, '9876500064,9876500065', { stage: 'prod', extra: later }))['$flow.key.obdDuplicateNumbers']).toBe('+919876500064,+919876500065');
    expect((await schedule(flow, '9876500064,9876500065', { stage: 'test', extra: later }))['$flow.key.obdDuplicateNumbers']).toBe('+919876500064,+919876500065');
  });

  it('answers 422 for a delayMinutes not written in decimal digits, scheduling nothing', async () => {
    const flow = await newFlow();
    const jobsBefore = (await t.database.db.selectFrom('outbound_jobs').select('id').execute()).length;
    for (const value of ['0x10', '1e2', '+5', '1.5', '16 minutes', '0b1']) {
      const response = await call(flow, '9876500070', { extra: [key('delayMinutes', value)] });
      expect(response.statusCode, value).toBe(422);
      expect(response.json().error, value).toMatchObject({ code: 'INVALID_PARAMETER', parameters: ['$flow.syskey.delayMinutes'], message: '$flow.syskey.delayMinutes must be a whole number' });
    }
    expect((await t.database.db.selectFrom('outbound_jobs').select('id').execute()).length).toBe(jobsBefore);
    // Decimal digits are read as decimal, leading zeros included; the range is checked as before.
    const requestId = (await schedule(flow, '9876500070', { extra: [key('delayMinutes', ' 016 ')] }))['$flow.key.obdReqID']!;
    expect((await requestOf(requestId)).jobs[0].dueAt).toBe(new Date(now + 16 * 60_000).toISOString());
    expect((await call(flow, '9876500070', { extra: [key('delayMinutes', '10081')] })).statusCode).toBe(422);
  });

  it('deleting a flow cancels its jobs not yet delivered; a delivered job keeps waiting and takes its signed report', async () => {
    now = Date.parse('2026-12-07T12:00:00+05:30');
    const flow = await newFlow();
    const waiting = (await schedule(flow, '9876502100,9876502101'))['$flow.key.obdReqID']!;
    const notYet = (await schedule(flow, '9876502102', { extra: [key('delayMinutes', '30')] }))['$flow.key.obdReqID']!;
    while ((await dispatcher.tick()) > 0);
    const [answeredJob, busyJob] = (await requestOf(waiting)).jobs as Array<{ id: string; status: string; awaitingResult: boolean }>;
    expect([answeredJob!.status, busyJob!.status]).toEqual(['delivered', 'delivered']);

    expect((await t.api('DELETE', `/api/accounts/1/outbound-flows/${flow.flowId}`)).statusCode).toBe(204);
    expect((await requestOf(notYet)).jobs[0]).toMatchObject({ status: 'cancelled', lastError: 'outbound flow deleted' });
    expect((await requestOf(waiting)).jobs).toEqual([
      expect.objectContaining({ status: 'delivered', awaitingResult: true, lastError: null, finishedAt: null }),
      expect.objectContaining({ status: 'delivered', awaitingResult: true, lastError: null, finishedAt: null }),
    ]);

    // A flow of the same id made again has another secret: it does not sign the old flow's reports.
    const again = await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: flow.flowId, name: 'Again', dialerUrl: dialer.url, dialerSecret: strangerDialerSecret });
    expect(again.statusCode).toBe(201);
    expect((await report(answeredJob!.id, { disposition: 'answered', attempt: 1 }, strangerDialerSecret)).statusCode).toBe(404);

    const answered = await report(answeredJob!.id, { disposition: 'answered', attempt: 1, durationSeconds: 42 });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', repeated: false });
    // The flow is gone: a retryable disposition dials no more, as after a cancel.
    const busy = await report(busyJob!.id, { disposition: 'busy', attempt: 1 });
    expect(busy.json()).toMatchObject({ status: 'cancelled', nextAttemptAt: null });
    const ended = await requestOf(waiting);
    expect(ended.status).toBe('completed');
    expect(ended.jobs.map((job: { status: string; disposition: string; awaitingResult: boolean }) => [job.status, job.disposition, job.awaitingResult])).toEqual([
      ['answered', 'answered', false],
      ['cancelled', 'busy', false],
    ]);
    // A repeat is a repeat until the jobs' outcome deadline; after it the kept secrets are deleted and verify nothing.
    expect((await report(answeredJob!.id, { disposition: 'answered', attempt: 1 })).json()).toMatchObject({ repeated: true, status: 'answered' });
    expect(await keptSecrets(busyJob!.id)).toHaveLength(1);
    const other = await schedule({ flowId: flow.flowId, securityId: again.json().securityId }, '9876502103');
    await dispatcher.tick();
    now += 60 * 60_000;
    await dispatcher.tick();
    expect((await requestOf(other['$flow.key.obdReqID']!)).jobs[0]).toMatchObject({ status: 'delivered', awaitingResult: false });
    expect(await keptSecrets(answeredJob!.id)).toEqual([]);
    expect(await keptSecrets(busyJob!.id)).toEqual([]);
    expect((await report(answeredJob!.id, { disposition: 'answered', attempt: 1 })).statusCode).toBe(404);
    const types = (await callbacksOf(waiting)).map((callback) => [callback.type, callback.data.status]);
    expect(types).toContainEqual(['outbound.job.completed', 'answered']);
    expect(types).toContainEqual(['outbound.request.completed', undefined]);
  });

  it('closes a deleted flow\'s waiting job after resultTimeoutMinutes and forgets its secrets', async () => {
    now = Date.parse('2026-12-07T13:00:00+05:30');
    const flow = await newFlow({ resultTimeoutMinutes: 5 });
    const requestId = (await schedule(flow, '9876502110'))['$flow.key.obdReqID']!;
    while ((await dispatcher.tick()) > 0);
    const jobId = (await requestOf(requestId)).jobs[0].id as string;
    expect((await t.api('DELETE', `/api/accounts/1/outbound-flows/${flow.flowId}`)).statusCode).toBe(204);
    expect(await keptSecrets(jobId)).toHaveLength(1);
    now += 5 * 60_000;
    await dispatcher.tick();
    expect((await requestOf(requestId)).jobs[0]).toMatchObject({ status: 'delivered', awaitingResult: false });
    expect(await keptSecrets(jobId)).toEqual([]);
    expect((await report(jobId, { disposition: 'answered', attempt: 1 })).statusCode).toBe(404);
  });

  it('takes a report of a dial whose deliveries were all recorded as failed as proof of delivery: deliveredAt and one outbound.job.delivered', async () => {
    now = Date.parse('2026-12-07T14:00:00+05:30');
    const flow = await newFlow();
    // The dialer takes the call but its answer is lost (here: an error status), so the delivery is recorded as failed.
    dialer.behave((_count, body) => (body.contactNumber === '+919876502120' ? 500 : 200));
    try {
      const requestId = (await schedule(flow, '9876502120'))['$flow.key.obdReqID']!;
      await dispatcher.tick();
      const [job] = (await requestOf(requestId)).jobs;
      expect(job).toMatchObject({ status: 'scheduled', attempts: 1, deliveredAt: null, lastError: 'dialer answered HTTP 500' });
      now += 1000;
      const answered = await report(job.id, { disposition: 'answered', attempt: 1, durationSeconds: 42 });
      expect(answered.json()).toMatchObject({ status: 'answered', repeated: false });
      expect((await report(job.id, { disposition: 'answered', attempt: 1 })).json()).toMatchObject({ repeated: true });
      expect((await requestOf(requestId)).jobs[0]).toMatchObject({ status: 'answered', deliveredAt: new Date(now).toISOString(), lastError: null });
      const callbacks = await callbacksOf(requestId);
      const delivered = callbacks.filter((callback) => callback.type === 'outbound.job.delivered');
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.data).toMatchObject({ jobId: job.id, attempt: 1, status: 'delivered', deliveredAt: new Date(now).toISOString() });
      expect(callbacks.find((callback) => callback.type === 'outbound.job.completed')?.data).toMatchObject({ status: 'answered', deliveredAt: new Date(now).toISOString() });
      // Nothing is dialled again.
      now += 3_600_000;
      await dispatcher.tick();
      expect(dialer.received.filter((delivery) => delivery.body.jobId === job.id)).toHaveLength(1);
    } finally {
      dialer.behave(() => 200);
    }
  });

  it('takes the report of a dial left failed by its last delivery while a recorded delivery would still wait for one, and no later', async () => {
    now = Date.parse('2026-12-07T14:30:00+05:30');
    const flow = await newFlow({ resultTimeoutMinutes: 30 });
    // Every delivery of these numbers is recorded as failed (here: an error status), as when the dialer answers after our timeout.
    const refused = new Set(['+919876502140', '+919876502141']);
    dialer.behave((_count, body) => (refused.has(String(body.contactNumber)) ? 500 : 200));
    try {
      const requestId = (await schedule(flow, '9876502140,9876502141'))['$flow.key.obdReqID']!;
      for (let tick = 0; tick < 12 && (await requestOf(requestId)).jobs.some((job: { status: string }) => job.status !== 'failed'); tick++) {
        await dispatcher.tick();
        now += 3_600_000;
      }
      const [first, second] = (await requestOf(requestId)).jobs as Array<{ id: string; status: string; finishedAt: string }>;
      expect([first!.status, second!.status]).toEqual(['failed', 'failed']);
      now = Date.parse(first!.finishedAt) + 30 * 60_000;
      const answered = await report(first!.id, { disposition: 'answered', attempt: 1 });
      expect(answered.statusCode).toBe(200);
      expect(answered.json()).toMatchObject({ status: 'answered', repeated: false });
      expect((await requestOf(requestId)).jobs[0]).toMatchObject({ status: 'answered', deliveredAt: new Date(now).toISOString() });
      now = Date.parse(second!.finishedAt) + 30 * 60_000 + 1;
      const late = await report(second!.id, { disposition: 'answered', attempt: 1 });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.code).toBe('OUTCOME_NOT_AWAITED');
      expect((await requestOf(requestId)).jobs[1]).toMatchObject({ status: 'failed', deliveredAt: null });
    } finally {
      dialer.behave(() => 200);
    }
  });

  it("logs the dialer's own error text, bounded, with numbers masked and URLs redacted; lastError keeps only the status", async () => {
    now = Date.parse('2026-12-07T15:00:00+05:30');
    const said = `boom secret internal text for +91 98765 02130, see https://ops:pw@dialer.example.com/trace?number=919876502130 ${'x'.repeat(400)}`;
    const failing: LocalServer = await startLocalServer((_request, response) => void response.writeHead(500, { 'content-type': 'text/plain' }).end(said));
    const lines: Array<{ object: Record<string, unknown>; message: string }> = [];
    const capture = (object: object, message: string) => void lines.push({ object: object as Record<string, unknown>, message });
    const logging = createDispatcher({
      database: t.database,
      clock: () => new Date(now),
      random: () => 0.5,
      destinations: loopbackDestinations(),
      log: { debug: capture, info: capture, warn: capture, error: capture },
    });
    try {
      const flow = await newFlow({ dialerUrl: `${failing.origin}/dial` });
      const requestId = (await schedule(flow, '9876502130'))['$flow.key.obdReqID']!;
      await logging.tick();
      expect((await requestOf(requestId)).jobs[0]).toMatchObject({ status: 'scheduled', lastError: 'dialer answered HTTP 500' });
      const line = lines.find((each) => each.message === 'outbound delivery failed; will retry');
      expect(line?.object.error).toBe('dialer answered HTTP 500');
      const detail = String(line?.object.detail);
      expect(detail.startsWith('dialer said: boom secret internal text for ')).toBe(true);
      expect(detail).not.toMatch(/98765\s?02130/);
      expect(detail).toContain('https://dialer.example.com/trace?…');
      expect(detail).not.toContain('ops:pw');
      expect(detail.length).toBeLessThanOrEqual('dialer said: '.length + remoteErrorTextLength + 1);
    } finally {
      await logging.stop();
      await failing.close();
    }
  });
});

describe("the dialer's error text as the log carries it", () => {
  it('collapses white space and control characters, masks numbers before it cuts, and says nothing for an empty body', () => {
    expect(remoteErrorText('  line one\r\n\tline two\u0000 ')).toBe('line one line two');
    expect(remoteErrorText(' \n ')).toBe('');
    const cut = remoteErrorText(`${'a'.repeat(remoteErrorTextLength - 4)} 9876543210 tail`);
    expect(cut).toBe(`${'a'.repeat(remoteErrorTextLength - 4)} 98X…`);
    expect(cut).not.toContain('9876');
  });
});
