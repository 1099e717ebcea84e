import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationList } from '../src/storage/migrations/index.js';
import { shortCustomerToken } from './secrets.js';
import { startWholeServer, adminToken, createTestApp, databaseTargets, outputsOf, webhookToken, type TestApp } from './support.js';

/**
 * Guarantees the README makes for several nodes over one PostgreSQL database, each checked with two
 * app instances on one database (docs/testing.md, Two nodes). Skipped without PostgreSQL, except in CI.
 */
const postgres = (await databaseTargets()).find((target) => target.name === 'postgres');

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Node A on a fresh schema, node B on the same one. */
async function twoNodes(env: Record<string, string> = {}, now?: Date): Promise<[TestApp, TestApp]> {
  const a = await createTestApp(postgres!, { env, now });
  cleanups.push(() => a.close());
  const b = await createTestApp(postgres!, { env, now, shareDatabaseOf: a });
  cleanups.push(() => b.close());
  return [a, b];
}

describe.runIf(postgres)('two nodes on one PostgreSQL database', () => {
  it('concurrent createOutbound retries with one Idempotency-Key on both nodes make one request and one set of jobs, and get one answer', async () => {
    const clientId = 'phononio123456';
    const [a, b] = await twoNodes({}, new Date('2026-12-07T10:00:00+05:30'));
    await a.api('PATCH', '/api/accounts/1', { clientId });
    const flow = await a.api('POST', '/api/accounts/1/outbound-flows', { flowId: 'TWO00001', name: 'Two nodes', dialerUrl: 'https://dialer.example.com/dial' });
    const securityId = flow.json().securityId;
    const key = (name: string, value: unknown) => ({ name: `$flow.syskey.${name}`, value });
    const call = (node: TestApp) =>
      node.webhook('createOutbound', [key('securityID', securityId), key('flowID', 'TWO00001'), key('clientID', clientId), key('contactNumbers', '9876540001,9876540002')], {
        headers: { 'idempotency-key': 'two-node-retry' },
      });

    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => call(index % 2 ? b : a)));
    const outputs = answers.map(outputsOf);
    expect(outputs[0]!['$flow.key.obdResponseCode']).toBe('200');
    expect(outputs).toEqual(Array.from({ length: 12 }, () => outputs[0]));
    const requests = await a.database.db.selectFrom('outbound_requests').select('id').execute();
    expect(requests.map((request) => request.id)).toEqual([outputs[0]!['$flow.key.obdReqID']]);
    const jobs = await a.database.db.selectFrom('outbound_jobs').select('contact_number').orderBy('contact_number').execute();
    expect(jobs.map((job) => job.contact_number)).toEqual(['+919876540001', '+919876540002']);
  });

  it('a short-URL change made on one node is seen by the other within 3 s (docs/short-urls.md, Speed)', async () => {
    const host = 's.example.in';
    const [a, b] = await twoNodes({ FLOWHOOKS_SHORT_BASE_URL: `https://${host}` });
    await a.api('POST', '/api/accounts/1/short-customers', { name: 'Two nodes', custToken: shortCustomerToken });
    const shorten = async (longUrl: string) =>
      (await a.app.inject({ method: 'POST', url: '/api/short-urls', headers: { 'content-type': 'application/json' }, payload: { custToken: shortCustomerToken, longUrl } })).json().code as string;
    const visit = (node: TestApp, code: string) => node.app.inject({ method: 'GET', url: `/${code}`, headers: { host, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' } });

    /** Changes the link on node A and answers how long node B took to answer `expected`. */
    async function secondsUntilSeen(code: string, change: () => Promise<unknown>, expected: number): Promise<number> {
      expect((await visit(b, code)).statusCode).toBe(302);
      await change();
      expect((await visit(a, code)).statusCode).toBe(expected);
      const changedAt = performance.now();
      await expect.poll(async () => (await visit(b, code)).statusCode, { timeout: 5_000, interval: 50 }).toBe(expected);
      return (performance.now() - changedAt) / 1000;
    }

    const disabled = await shorten('https://example.com/two-nodes/disable');
    expect(await secondsUntilSeen(disabled, () => a.api('PATCH', `/api/short-urls/${host}/${disabled}`, { disabled: true }), 410)).toBeLessThanOrEqual(3.2);
    const moved = await shorten('https://example.com/two-nodes/permanent');
    expect(await secondsUntilSeen(moved, () => a.api('PATCH', `/api/short-urls/${host}/${moved}`, { redirectStatus: 301 }), 301)).toBeLessThanOrEqual(3.2);
  });

  it('two servers bootstrapping one empty database at once both start, and make each migration and each settings token once', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    const logs: string[] = [];
    const start = async () => (await startWholeServer(fresh.settings, { logs })).server;
    const started = await Promise.allSettled([start(), start()]);
    for (const result of started) if (result.status === 'fulfilled') cleanups.push(() => result.value.close());
    expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started']);
    const [one, two] = started.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof start>>>).value);

    const database = one!.app.inject.bind(one!.app);
    const admins = (await database({ method: 'GET', url: '/api/admin-tokens', headers: { authorization: `Bearer ${adminToken}` } })).json() as Array<{ setting: string | null; revokedAt: string | null }>;
    expect(admins.map((token) => [token.setting, token.revokedAt])).toEqual([['FLOWHOOKS_ADMIN_TOKEN', null]]);
    const webhookTokens = (await database({ method: 'GET', url: '/api/accounts/1/tokens', headers: { authorization: `Bearer ${adminToken}` } })).json() as Array<{ setting: string | null }>;
    expect(webhookTokens.map((token) => token.setting)).toEqual(['FLOWHOOKS_WEBHOOK_TOKEN']);
    const accounts = (await database({ method: 'GET', url: '/api/accounts', headers: { authorization: `Bearer ${adminToken}` } })).json() as Array<{ id: number }>;
    expect(accounts.map((account) => account.id)).toEqual([1]);
    // Both nodes serve both tokens.
    for (const server of [one!, two!]) {
      const answer = await server.app.inject({
        method: 'POST',
        url: '/webhook',
        headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json' },
        payload: { method: 'fetchUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }] },
      });
      expect(answer.json().status).toBe('SUCCESS');
    }
    const client = await import('pg').then(({ default: pg }) => new pg.Client({ connectionString: fresh.settings.DATABASE_URL }));
    await client.connect();
    try {
      const ran = await client.query<{ name: string }>(`select name from ${fresh.settings.DATABASE_SCHEMA}.kysely_migration order by name`);
      expect(ran.rows.map((row) => row.name)).toEqual(Object.keys(migrationList('postgres')).sort());
    } finally {
      await client.end();
    }
  });

  it('allocateAgent across both nodes hands out agents longest-waiting first and never one agent twice in a round', async () => {
    const [a, b] = await twoNodes();
    const names = ['Asha', 'Bilal', 'Chitra', 'Dev'];
    for (const [index, name] of names.entries()) {
      expect((await a.api('POST', '/api/accounts/1/agents', { cli: `98765000${String(index + 1).padStart(2, '0')}`, name })).statusCode).toBe(201);
    }
    const allocate = async (node: TestApp) => outputsOf(await node.webhook('allocateAgent', []))['$flow.key.agentName'];

    // One call at a time, alternating nodes: the documented order (never allocated first, oldest first; then the longest without one).
    const inTurn: Array<string | undefined> = [];
    for (let call = 0; call < 8; call++) inTurn.push(await allocate(call % 2 ? b : a));
    expect(inTurn).toEqual([...names, ...names]);

    // Many at once on both nodes: each round gives each agent exactly once.
    const rounds = 3;
    const parallel = await Promise.all(Array.from({ length: names.length * rounds }, (_, index) => allocate(index % 2 ? b : a)));
    const counts = Object.fromEntries(names.map((name) => [name, parallel.filter((allocated) => allocated === name).length]));
    expect(counts).toEqual(Object.fromEntries(names.map((name) => [name, rounds])));
  });
});
