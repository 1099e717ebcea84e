import { afterEach, describe, expect, it } from 'vitest';
import { startDialer } from '../harness/dialer.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { adminToken, databaseTargets, webhookToken } from './support.js';
import { processDialerSecret } from './secrets.js';

const secret = processDialerSecret;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function createOutbound(server: ServerProcess, securityId: string, flowId: string, numbers: string[]): Promise<string> {
  const response = await fetch(`${server.address}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${webhookToken}` },
    body: JSON.stringify({
      method: 'createOutbound',
      keys: [
        { name: '$flow.syskey.securityID', value: securityId },
        { name: '$flow.syskey.flowID', value: flowId },
        { name: '$flow.syskey.clientID', value: 'phononio123456' },
        { name: '$flow.syskey.contactNumbers', value: numbers.join(',') },
      ],
    }),
  });
  return ((await response.json()) as { keys: Array<{ name: string; value: string }> }).keys.find((output) => output.name === '$flow.key.obdReqID')!.value;
}

async function api(server: ServerProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.address}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return response.json();
}

describe.each(await databaseTargets())('outbound delivery across a crash on $name', (target) => {
  it('delivers every job a killed process had leased, after a restart', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const dialer = await startDialer(secret, () => 'hang');
    cleanups.push(() => dialer.close());
    const env = {
      ...fresh.settings,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
      FLOWHOOKS_DISPATCH_LEASE_MS: '1000',
      FLOWHOOKS_DISPATCH_POLL_MS: '50',
    };
    const first = await startServerProcess(env);
    cleanups.push(() => first.stop('SIGKILL'));
    await api(first, 'PATCH', '/api/accounts/1', { clientId: 'phononio123456' });
    const flow = await api(first, 'POST', '/api/accounts/1/outbound-flows', { flowId: 'CRASH001', name: 'Crash', dialerUrl: dialer.url, dialerSecret: secret });
    const requestId = await createOutbound(first, flow.securityId, 'CRASH001', ['9876543201', '9876543202', '9876543203', '9876543204', '9876543205']);

    // Every job is on the wire to a dialer that never answers when the process dies.
    await dialer.waitFor(5);
    expect(await first.stop('SIGKILL')).toBeNull();

    dialer.behave(() => 200);
    const second = await startServerProcess(env);
    cleanups.push(() => second.stop('SIGKILL'));
    await dialer.waitFor(10);
    let status = await api(second, 'GET', `/api/outbound-requests/${requestId}`);
    // The last answer may still be on its way to the database.
    // Delivered jobs then wait for their outcome reports; the request completes with those.
    while (!status.jobs.every((job: { status: string }) => job.status === 'delivered')) status = await api(second, 'GET', `/api/outbound-requests/${requestId}`);
    expect(status.jobs.map((job: { status: string; attempts: number }) => [job.status, job.attempts])).toEqual(Array.from({ length: 5 }, () => ['delivered', 2]));
    expect(dialer.received.every((delivery) => delivery.signatureValid)).toBe(true);
    expect(await second.stop('SIGTERM')).toBe(0);
  }, 30_000);
});

describe.each(await databaseTargets())('a job due now on $name', (target) => {
  it('is dialled as soon as createOutbound or a resume makes it due, not at the next poll', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const dialer = await startDialer(secret);
    cleanups.push(() => dialer.close());
    // An idle dispatcher looks again only after a minute: only the wake can deliver within the test's time.
    const server = await startServerProcess({
      ...fresh.settings,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
      FLOWHOOKS_DISPATCH_POLL_MS: '60000',
    });
    cleanups.push(() => server.stop('SIGKILL'));
    await api(server, 'PATCH', '/api/accounts/1', { clientId: 'phononio123456' });
    const flow = await api(server, 'POST', '/api/accounts/1/outbound-flows', { flowId: 'WAKE0001', name: 'Wake', dialerUrl: dialer.url, dialerSecret: secret });
    const started = performance.now();
    await createOutbound(server, flow.securityId, 'WAKE0001', ['9876543211']);
    await dialer.waitFor(1);
    expect(performance.now() - started).toBeLessThan(10_000);

    // Scheduled while the flow is paused, the job waits; the resume releases it and wakes the dispatcher.
    await api(server, 'POST', '/api/accounts/1/outbound-flows/WAKE0001/pause');
    await createOutbound(server, flow.securityId, 'WAKE0001', ['9876543212']);
    const resumed = await api(server, 'POST', '/api/accounts/1/outbound-flows/WAKE0001/resume');
    expect(resumed.jobs).toBe(1);
    await dialer.waitFor(2);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(dialer.received.map((delivery) => delivery.body.contactNumber)).toEqual(['+919876543211', '+919876543212']);
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 40_000);
});

describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('two server processes on one $name database', (target) => {
  it('deliver hundreds of jobs between them, each exactly once', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const dialer = await startDialer(secret);
    cleanups.push(() => dialer.close());
    const env = { ...fresh.settings, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken, FLOWHOOKS_DISPATCH_POLL_MS: '20' };
    const first = await startServerProcess(env);
    cleanups.push(() => first.stop('SIGKILL'));
    const second = await startServerProcess(env);
    cleanups.push(() => second.stop('SIGKILL'));
    await api(first, 'PATCH', '/api/accounts/1', { clientId: 'phononio123456' });
    const flow = await api(first, 'POST', '/api/accounts/1/outbound-flows', { flowId: 'TWONODES', name: 'Two', dialerUrl: dialer.url, dialerSecret: secret });
    // Requests arrive at both nodes; both dispatch.
    const requestIds = await Promise.all(
      [first, second, first].map((server, batch) =>
        createOutbound(server, flow.securityId, 'TWONODES', Array.from({ length: 100 }, (_, index) => `97${String(batch * 1000 + index).padStart(8, '0')}`)),
      ),
    );
    await dialer.waitFor(300);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(await second.stop('SIGTERM')).toBe(0);

    const jobIds = dialer.received.map((delivery) => delivery.body.jobId);
    expect(jobIds).toHaveLength(300);
    expect(new Set(jobIds).size).toBe(300);
    const third = await startServerProcess(env);
    cleanups.push(() => third.stop('SIGKILL'));
    for (const requestId of requestIds) {
      const status = await api(third, 'GET', `/api/outbound-requests/${requestId}`);
      expect(status.jobs.every((job: { status: string; attempts: number }) => job.status === 'delivered' && job.attempts === 1)).toBe(true);
    }
  }, 120_000);
});
