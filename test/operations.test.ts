import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/methods/create-outbound/dispatcher.js';
import { migrateToLatest, openDatabase } from '../src/storage/db.js';
import { insertInvocations, type InvocationEntry } from '../src/storage/invocations.js';
import { dialerSecret } from './secrets.js';
import { startWholeServer, createTestApp, databaseTargets, loopbackDestinations, outputsOf } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const day = 86_400_000;

/** A local HTTP server answering every request with `answer`, counting what it received. */
async function localServer(answer: (port: number) => { status: number; headers?: Record<string, string> }): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    request.resume();
    const { status, headers } = answer((server.address() as AddressInfo).port);
    response.writeHead(status, headers).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dial`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(await databaseTargets())('operations paths on $name', (target) => {
  it('the server deletes invocation log entries past FLOWHOOKS_INVOCATION_RETENTION_DAYS when it starts, and keeps the rest', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const now = new Date('2026-12-07T10:00:00Z');
    const logs: string[] = [];
    const start = async (retentionDays: string) =>
      (await startWholeServer(fresh.settings, { settings: { FLOWHOOKS_INVOCATION_RETENTION_DAYS: retentionDays }, clock: () => now, logs })).server;
    // A database with entries older and younger than 7 days, written before the server starts.
    const database = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    await migrateToLatest(database, fresh.settings.DATABASE_SCHEMA);
    const entry = (at: number, requestId: string): InvocationEntry => ({
      at, accountId: 1, method: 'fetchUserPreferences', flowId: null, stage: 'prod', httpStatus: 200, outcome: 'SUCCESS', errorCode: null, durationMs: 1, caller: null, requestId,
    });
    await insertInvocations(database.db, [
      entry(now.getTime() - 7 * day - 1, 'older-than-7-days'),
      entry(now.getTime() - 7 * day + 1, 'just-inside-7-days'),
      entry(now.getTime() - day, 'yesterday'),
    ]);
    await database.close();

    const again = await start('7');
    cleanups.push(() => again.close());
    const kept = async () => (await again.database.db.selectFrom('invocations').select('request_id').orderBy('at').execute()).map((row) => row.request_id);
    await expect.poll(kept).toEqual(['just-inside-7-days', 'yesterday']);
    await expect.poll(() => logs.join('')).toContain('"deleted":1,"msg":"invocation log entries past retention deleted"');
  });

  it('a dialer answering 302 is a failed attempt: the redirect is not followed and the place it points to gets nothing', async () => {
    const elsewhere = await localServer(() => ({ status: 200 }));
    cleanups.push(() => elsewhere.close());
    const redirecting = await localServer(() => ({ status: 302, headers: { location: elsewhere.url } }));
    cleanups.push(() => redirecting.close());
    const t = await createTestApp(target, { now: new Date('2026-12-07T10:00:00+05:30') });
    cleanups.push(() => t.close());
    await t.api('PATCH', '/api/accounts/1', { clientId: 'redirectclient1' });
    const flow = (await t.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'REDIR001', name: 'Redirect', dialerUrl: redirecting.url, dialerSecret })).json();
    const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
    const scheduled = await t.webhook('createOutbound', [key('securityID', flow.securityId), key('flowID', 'REDIR001'), key('clientID', 'redirectclient1'), key('contactNumbers', '9876543210')]);
    const requestId = outputsOf(scheduled)['$flow.key.obdReqID']!;

    const now = Date.parse('2026-12-07T10:00:00+05:30');
    const dispatcher = createDispatcher({ database: t.database, clock: () => new Date(now), destinations: loopbackDestinations(), random: () => 0.5 });
    await dispatcher.tick();
    await dispatcher.stop();
    expect(redirecting.received).toEqual(['POST /dial']);
    expect(elsewhere.received).toEqual([]);
    const job = (await t.api('GET', `/api/outbound-requests/${requestId}`)).json().jobs[0];
    expect(job).toMatchObject({ status: 'scheduled', attempts: 1, lastError: 'dialer answered HTTP 302', deliveredAt: null });
  });
});
