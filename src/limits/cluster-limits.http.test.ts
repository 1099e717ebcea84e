import { randomInt } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { isCI } from '../../harness/ci.js';
import { adminToken, createTestApp, databaseTargets, outputsOf, type DatabaseTarget, type TestApp } from '../../test/support.js';
import { migrateToLatest, openDatabase } from '../storage/db.js';
import { addToCounters } from '../storage/rate-limit-counters.js';
import { createDatabaseStore } from './stores.js';

const apps: TestApp[] = [];
afterEach(async () => {
  // The first app of a pair owns the database: close it last.
  while (apps.length) await apps.pop()!.close();
});

const redisUrl = process.env.FLOWHOOKS_TEST_REDIS ?? 'redis://127.0.0.1:6379';

function call(t: TestApp, token: string, address: string) {
  return t.app.inject({
    method: 'POST',
    url: '/webhook',
    remoteAddress: address,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: { method: 'fetchUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }] },
  });
}

/** A fresh account on `t` (same id on every node) and a webhook token of it. */
async function accountOn(t: TestApp, id: number): Promise<string> {
  const created = await t.api('POST', '/api/accounts', { id, name: `Limits ${id}` });
  if (created.statusCode !== 201 && created.json().error?.code !== 'ALREADY_EXISTS') throw new Error(created.body);
  return (await t.api('POST', `/api/accounts/${id}/tokens`)).json().token as string;
}

const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Two nodes sharing counters: on one PostgreSQL, or on Redis (each node then on a database of its own). */
async function twoNodes(target: DatabaseTarget, env: Record<string, string>, shareDatabase: boolean): Promise<[TestApp, TestApp]> {
  const first = await createTestApp(target, { env });
  apps.push(first);
  const second = await createTestApp(target, { env, ...(shareDatabase && { shareDatabaseOf: first }) });
  apps.push(second);
  return [first, second];
}

const targets = await databaseTargets();
const postgres = targets.find((target) => target.name === 'postgres');

describe.each(targets)('the counter table on $name', (target) => {
  it('adds concurrent increments from two connections without losing one', async () => {
    const fresh = await target.fresh();
    const one = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    await migrateToLatest(one, fresh.settings.DATABASE_SCHEMA);
    // SQLite is one process on one connection (docs/deploying.md, Topology): its writes are committed in
    // groups, so a second connection of the same process would wait on the first's open group; there the
    // concurrent increments share the one connection.
    const two = target.name === 'sqlite' ? one : openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    try {
      const now = 1_796_150_000_000;
      const batches = Array.from({ length: 40 }, (_, index) => addToCounters(index % 2 ? one.db : two.db, [
        { key: 'webhook:account:7', windowMs: 60_000, add: 2 },
        { key: 'webhook:address:10.0.0.1', windowMs: 60_000, add: 1 },
      ], now + index));
      const totals = await Promise.all(batches);
      const seen = totals.map((total) => total.get('webhook:account:7')!.count).sort((a, b) => a - b);
      // Every batch saw its own total: 2, 4, …, 80.
      expect(seen).toEqual(Array.from({ length: 40 }, (_, index) => (index + 1) * 2));
      expect(Math.max(...totals.map((total) => total.get('webhook:address:10.0.0.1')!.count))).toBe(40);
      // The window ends a minute after the first increment of the key; a write after that starts a new one.
      const first = Math.min(...totals.map((total) => total.get('webhook:account:7')!.windowEnd));
      const restarted = await addToCounters(one.db, [{ key: 'webhook:account:7', windowMs: 60_000, add: 1 }], first);
      expect(restarted.get('webhook:account:7')).toEqual({ count: 1, windowEnd: first + 60_000 });
    } finally {
      if (two !== one) await two.close();
      await one.close();
      await fresh.cleanup();
    }
  });
});

describe.runIf(postgres)('limits across two nodes on one PostgreSQL', () => {
  it('holds a per-account limit for the cluster: calls on either node count, and the 429 keeps the webhook shape', async () => {
    const [nodeA, nodeB] = await twoNodes(postgres!, { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '4' }, true);
    const token = await accountOn(nodeA, 7);
    expect((await call(nodeA, token, '10.9.0.1')).statusCode).toBe(200);
    expect((await call(nodeB, token, '10.9.0.2')).statusCode).toBe(200);
    expect((await call(nodeA, token, '10.9.0.3')).statusCode).toBe(200);
    expect((await call(nodeB, token, '10.9.0.4')).statusCode).toBe(200);
    for (const node of [nodeA, nodeB]) {
      const limited = await call(node, token, '10.9.0.5');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(limited.json()).toMatchObject({ status: 'FAILURE', error: { code: 'RATE_LIMITED' } });
      expect(outputsOf(limited)['$flow.key.errorCode']).toBe('RATE_LIMITED');
    }
    // Concurrent calls on both nodes: exactly the limit of a fresh account gets through.
    const other = await accountOn(nodeA, 8);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => call(index % 2 ? nodeA : nodeB, other, randomAddress())));
    expect(answers.filter((answer) => answer.statusCode === 200)).toHaveLength(4);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(6);
  });

  it('holds a per-address limit for the cluster', async () => {
    const [nodeA, nodeB] = await twoNodes(postgres!, { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: '3' }, true);
    const token = await accountOn(nodeA, 9);
    const address = randomAddress();
    expect((await call(nodeA, token, address)).statusCode).toBe(200);
    expect((await call(nodeB, token, address)).statusCode).toBe(200);
    expect((await call(nodeB, token, address)).statusCode).toBe(200);
    expect((await call(nodeA, token, address)).statusCode).toBe(429);
    expect((await call(nodeA, token, randomAddress())).statusCode).toBe(200);
  });

  it('with FLOWHOOKS_RATE_LIMIT_STORE=node each node counts alone: the cluster lets limit × nodes through', async () => {
    const [nodeA, nodeB] = await twoNodes(postgres!, { FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '2', FLOWHOOKS_RATE_LIMIT_STORE: 'node' }, true);
    const token = await accountOn(nodeA, 10);
    const statuses = [];
    for (const node of [nodeA, nodeA, nodeB, nodeB, nodeA]) statuses.push((await call(node, token, randomAddress())).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('management API limits are shared too, counted apart from webhook calls', async () => {
    const [nodeA, nodeB] = await twoNodes(postgres!, { FLOWHOOKS_RATE_LIMIT_API_PER_MINUTE: '3', FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '100' }, true);
    const api = (node: TestApp) => node.app.inject({ method: 'GET', url: '/api/accounts', headers: { authorization: `Bearer ${adminToken}` } });
    expect((await api(nodeA)).statusCode).toBe(200);
    expect((await api(nodeB)).statusCode).toBe(200);
    expect((await api(nodeA)).statusCode).toBe(200);
    const limited = await api(nodeB);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: expect.objectContaining({ code: 'RATE_LIMITED' }) });
  });
});

async function redisReachable(): Promise<boolean> {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    if (isCI()) throw new Error(`Redis is required under CI but ${redisUrl} is unreachable`);
    console.warn(`Skipping Redis limit tests: ${redisUrl} is unreachable. Set FLOWHOOKS_TEST_REDIS to run them.`);
    return false;
  } finally {
    client.disconnect();
  }
}

describe.runIf(await redisReachable())('limits across two nodes on Redis (FLOWHOOKS_REDIS_URL)', () => {
  it('holds per-account and per-address limits for nodes that share only Redis, with the webhook shape', async () => {
    const [sqlite] = targets;
    const [nodeA, nodeB] = await twoNodes(sqlite!, { FLOWHOOKS_REDIS_URL: redisUrl, FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_MINUTE: '3', FLOWHOOKS_RATE_LIMIT_WEBHOOK_PER_IP_PER_MINUTE: '4' }, false);
    // Keys in Redis outlive a test: an account id and addresses no other run uses this minute.
    const id = randomInt(100_000, 999_999_999);
    const tokenA = await accountOn(nodeA, id);
    const tokenB = await accountOn(nodeB, id);
    expect((await call(nodeA, tokenA, randomAddress())).statusCode).toBe(200);
    expect((await call(nodeB, tokenB, randomAddress())).statusCode).toBe(200);
    expect((await call(nodeA, tokenA, randomAddress())).statusCode).toBe(200);
    const limited = await call(nodeB, tokenB, randomAddress());
    expect(limited.statusCode).toBe(429);
    expect(outputsOf(limited)['$flow.key.errorCode']).toBe('RATE_LIMITED');

    const address = randomAddress();
    const other = randomInt(100_000, 999_999_999);
    const [otherA, otherB] = [await accountOn(nodeA, other), await accountOn(nodeB, other)];
    const otherOf = (node: TestApp) => (node === nodeA ? otherA : otherB);
    const statuses = [];
    for (const node of [nodeA, nodeB, nodeA, nodeB]) statuses.push((await call(node, otherOf(node), address)).statusCode);
    // Three for the account, the fourth from the same address would pass the address limit but not the account's.
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe.each(targets)('shared counts far from and near the limit on $name', (target) => {
  it('answers from a reserve counted ahead in the lower half of the limit, gives back what it did not use within the flush time, and waits for the shared count near the limit', async () => {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    const shared = createDatabaseStore(handle.db, { flushMs: 50 });
    const store = new shared.Store() as unknown as { incr(key: string, callback: (error: Error | null, result?: { current: number }) => void, windowMs: number, max: number): void };
    const stored = async () => Number((await handle.db.selectFrom('rate_limit_counters').select('count').where('key', '=', 'webhook:account:9').executeTakeFirst())?.count ?? 0);
    /** Calls incr; answers whether its callback ran before incr returned, and the count it gave. */
    const count = async () => {
      let answeredAtOnce = false;
      let returned = false;
      const current = await new Promise<number>((resolve) => {
        store.incr('webhook:account:9', (_error, result) => {
          answeredAtOnce = !returned;
          resolve(result!.current);
        }, 60_000, 20);
        returned = true;
      });
      return { answeredAtOnce, current };
    };
    const together = (requests: number) => Promise.all(Array.from({ length: requests }, count));
    try {
      // The first requests of a window read the shared count; a busy key then reserves as many slots as it was asked for.
      expect(await together(2)).toEqual([{ answeredAtOnce: false, current: 1 }, { answeredAtOnce: false, current: 2 }]);
      expect((await together(4)).map((answer) => answer.current)).toEqual([3, 4, 5, 6]);
      expect(await stored()).toBe(10);
      // Answered at once from the reserve (7…10), already counted.
      expect(await count()).toEqual({ answeredAtOnce: true, current: 7 });
      expect(await stored()).toBe(10);
      // One used since: the other three go back within the flush time.
      await expect.poll(stored, { timeout: 5_000, interval: 20 }).toBe(7);
      // Another node brings the count to 19: the next counts here wait for the shared total.
      await handle.db.updateTable('rate_limit_counters').set({ count: 19 }).where('key', '=', 'webhook:account:9').execute();
      expect(await count()).toEqual({ answeredAtOnce: false, current: 20 });
      expect(await count()).toEqual({ answeredAtOnce: false, current: 21 });
    } finally {
      await shared.close();
      await handle.close();
      await fresh.cleanup();
    }
  });
});
