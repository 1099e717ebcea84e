import type { ServerResponse } from 'node:http';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/storage/db.js';
import { startDialer } from '../harness/dialer.js';
import { startServerProcess } from './server-process.js';
import { adminToken, databaseTargets, webhookToken } from './support.js';
import { sample } from './metrics-text.js';
import { json, startTranslationServer } from '../harness/translation.js';
import { serverTranslationKey, shutdownDialerSecret } from './secrets.js';

const dialerSecret = shutdownDialerSecret;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function post(address: string, path: string, token: string, body: unknown) {
  const response = await fetch(`${address}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { keys?: Array<{ name: string; value: string }> } };
}

/** Gives account 1 a client id and an outbound flow to `dialerUrl`, then schedules `numbers` through createOutbound. */
async function scheduleOutbound(address: string, dialerUrl: string, request: { clientId: string; flowId: string; name: string; numbers: string }) {
  await fetch(`${address}/api/accounts/1`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ clientId: request.clientId }),
  });
  const flow = await post(address, '/api/accounts/1/outbound-flows', adminToken, { flowId: request.flowId, name: request.name, dialerUrl, dialerSecret });
  return post(address, '/webhook', webhookToken, {
    method: 'createOutbound',
    keys: [
      { name: '$flow.syskey.securityID', value: flow.body.securityId },
      { name: '$flow.syskey.flowID', value: request.flowId },
      { name: '$flow.syskey.clientID', value: request.clientId },
      { name: '$flow.syskey.contactNumbers', value: request.numbers },
    ],
  });
}

describe.each(await databaseTargets())('graceful shutdown of the server process on $name', (target) => {
  it('answers a request in flight at SIGTERM, puts back the jobs it held and exits 0', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    // A provider that answers each translation a moment after it arrives; the test hears when one arrives.
    let arrived: () => void = () => {};
    const translationArrived = new Promise<void>((resolve) => (arrived = resolve));
    const provider = await startTranslationServer((request, response: ServerResponse) => {
      arrived();
      setTimeout(() => json(response, 200, { data: { translations: [{ translatedText: `[hi] ${(request.body.q as string[])[0]}`, detectedSourceLanguage: 'en' }] } }), 500);
    });
    cleanups.push(() => provider.close());
    // A dialer that never answers: the jobs stay leased until shutdown gives them back.
    const dialer = await startDialer(dialerSecret, () => 'hang');
    cleanups.push(() => dialer.close());

    const env = {
      ...fresh.settings,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
      FLOWHOOKS_TRANSLATE_URL: provider.url,
      FLOWHOOKS_TRANSLATE_API_KEY: serverTranslationKey,
      FLOWHOOKS_DISPATCH_POLL_MS: '50',
      FLOWHOOKS_SHUTDOWN_TIMEOUT_MS: '3000',
    };
    const server = await startServerProcess(env);
    cleanups.push(() => server.stop('SIGKILL'));

    const scheduled = await scheduleOutbound(server.address, dialer.url, { clientId: 'shutdownclient1', flowId: 'SHUT0001', name: 'Shutdown', numbers: '9876543211,9876543212' });
    expect(scheduled.status).toBe(200);
    await dialer.waitFor(2);

    // The process reports its own metrics and the dispatcher's work in progress.
    const metrics = await (await fetch(`${server.address}/metrics`)).text();
    expect(sample(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(metrics, 'flowhooks_webhook_requests_total', { method: 'createOutbound', stage: 'prod', outcome: 'SUCCESS', status: '200' })).toBe(1);
    expect(sample(metrics, 'flowhooks_outbound_jobs', { status: 'dispatching' })).toBe(2);

    const translation = post(server.address, '/webhook', webhookToken, {
      method: 'translateText',
      keys: [
        { name: '$flow.key.inputText', value: 'Your appointment is confirmed' },
        { name: '$flow.key.targetLang', value: 'Hindi' },
      ],
    });
    await translationArrived;
    const exited = server.stop('SIGTERM');

    const answered = await translation;
    expect(answered.status).toBe(200);
    expect(answered.body.keys).toContainEqual({ name: '$flow.key.translatedText', value: '[hi] Your appointment is confirmed' });
    expect(await exited).toBe(0);
    expect(server.stdout()).toContain('"released":2');

    const database = openDatabase(env.DATABASE_URL, { schema: env.DATABASE_SCHEMA });
    try {
      const jobs = await database.db.selectFrom('outbound_jobs').select(['status', 'locked_by', 'attempts']).execute();
      // Back to scheduled, no lease, the attempt given back: another node may send them at once.
      expect(jobs).toEqual([
        { status: 'scheduled', locked_by: null, attempts: 0 },
        { status: 'scheduled', locked_by: null, attempts: 0 },
      ]);
    } finally {
      await database.close();
    }
  }, 60_000);
});

// A database that stops answering is the one thing shutdown cannot finish around: the
// leases must be given back before the process may say it stopped cleanly. PostgreSQL
// only: a SQLite lock is waited for inside the synchronous driver, where no timer runs.
describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('shutdown past its timeout on $name', (target) => {
  it('exits 1 at FLOWHOOKS_SHUTDOWN_TIMEOUT_MS when the database does not answer the release of the leases', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const dialer = await startDialer(dialerSecret, () => 'hang');
    cleanups.push(() => dialer.close());
    const timeoutMs = 1500;
    const env = {
      ...fresh.settings,
      FLOWHOOKS_ADMIN_TOKEN: adminToken,
      FLOWHOOKS_WEBHOOK_TOKEN: webhookToken,
      FLOWHOOKS_DISPATCH_POLL_MS: '50',
      FLOWHOOKS_SHUTDOWN_TIMEOUT_MS: String(timeoutMs),
    };
    const server = await startServerProcess(env);
    cleanups.push(() => server.stop('SIGKILL'));
    const scheduled = await scheduleOutbound(server.address, dialer.url, { clientId: 'shutdownclient2', flowId: 'SHUT0002', name: 'Stuck', numbers: '9876543221' });
    expect(scheduled.status).toBe(200);
    await dialer.waitFor(1);

    // Another session takes the jobs table and keeps it: releasing the lease waits on it.
    const locker = new pg.Client({ connectionString: env.DATABASE_URL });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query('begin');
    await locker.query(`lock table "${env.DATABASE_SCHEMA}".outbound_jobs in access exclusive mode`);
    const started = Date.now();
    const code = await server.stop('SIGTERM');
    const took = Date.now() - started;
    await locker.query('rollback');

    expect(code).toBe(1);
    // It waits out the timeout, and not much longer: a stuck node leaves (its leases expire for another node).
    expect(took).toBeGreaterThanOrEqual(timeoutMs);
    expect(took).toBeLessThan(timeoutMs + 10_000);
    expect(server.stderr() + server.stdout()).toContain(`killed by timeout (${timeoutMs}ms)`);
  }, 60_000);
});

// The management probe's last finding: the probe dropped the PostgreSQL schema while a server drained, the
// release of the job leases failed, and the process wrote a 39-line stack trace, not JSON, to its log.
describe.each(await databaseTargets())('a shutdown that fails on $name', (target) => {
  it('says so in JSON log lines without a stack trace and exits 1 when the job leases cannot be released', async () => {
    const fresh = await target.fresh();
    cleanups.push(fresh.cleanup);
    const env = { ...fresh.settings, FLOWHOOKS_ADMIN_TOKEN: adminToken, FLOWHOOKS_WEBHOOK_TOKEN: webhookToken, FLOWHOOKS_SHUTDOWN_TIMEOUT_MS: '3000' };
    const server = await startServerProcess(env);
    cleanups.push(() => server.stop('SIGKILL'));

    // The table the leases are released in goes from under the running server.
    if (target.name === 'postgres') {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      await client.query(`alter table "${env.DATABASE_SCHEMA}".outbound_jobs rename to outbound_jobs_gone`).finally(() => client.end());
    } else {
      const file = new Sqlite(env.DATABASE_URL.slice('sqlite:'.length));
      try {
        file.exec('alter table outbound_jobs rename to outbound_jobs_gone');
      } finally {
        file.close();
      }
    }
    expect(await server.stop('SIGTERM')).toBe(1);

    const lines = `${server.stdout()}\n${server.stderr()}`.split('\n').filter((line) => line.trim() !== '');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.filter((line) => /\bat .+:\d+:\d+\)?$/.test(line) || line.includes('"stack"'))).toEqual([]);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'the outbound job dispatcher did not stop cleanly at shutdown', error: expect.objectContaining({ message: expect.stringMatching(/outbound_jobs/) }) }));
    expect(entries).toContainEqual(expect.objectContaining({ msg: 'shutdown failed', error: { name: 'Error', message: 'shutdown did not finish cleanly: the outbound job dispatcher failed' } }));
  }, 60_000);
});
