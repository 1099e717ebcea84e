import { connect } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { loadSettings } from '../src/config.js';
import { openConfiguredDatabase } from '../src/main.js';
import { createMetrics } from '../src/observability/metrics.js';
import { databaseReadings } from '../src/storage/readings.js';
import { migrateToLatest } from '../src/storage/db.js';
import { sample } from './metrics-text.js';
import { runCli } from './server-process.js';
import { databaseTargets, startWholeServer, testPgUrl } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const postgres = (await databaseTargets()).find((target) => target.name === 'postgres');
const sqlite = (await databaseTargets()).find((target) => target.name === 'sqlite')!;

describe('a request that does not arrive in time', () => {
  it('is answered 408 and its connection closed after FLOWHOOKS_REQUEST_TIMEOUT_MS, token or not, while other calls are served', async () => {
    const fresh = await sqlite.fresh();
    cleanups.push(fresh.cleanup);
    const { server } = await startWholeServer(fresh.settings, { settings: { FLOWHOOKS_REQUEST_TIMEOUT_MS: '1000' } });
    cleanups.push(() => server.close({ drain: false }));
    const { port } = new URL(server.address);
    const socket = connect(Number(port), '127.0.0.1');
    await once(socket, 'connect');
    const started = Date.now();
    // Headers and the first byte of a 60 000-byte body, then nothing more.
    socket.write('POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const healthy = await fetch(`${server.address}/healthz`);
    expect(healthy.status).toBe(200);
    await once(socket, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });
});

async function schemaExists(schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPgUrl });
  await client.connect();
  try {
    return (await client.query('select 1 from information_schema.schemata where schema_name = $1', [schema])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe.runIf(postgres)('settings a deployment on PostgreSQL needs', () => {
  it('refuses to start on PostgreSQL without FLOWHOOKS_SHORT_BASE_URL, saying why, and touches nothing', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    const result = await runCli(['serve'], { ...fresh.settings, PORT: '0', FLOWHOOKS_DRAIN_MS: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('FLOWHOOKS_SHORT_BASE_URL must be set when DATABASE_URL is PostgreSQL');
    expect(await schemaExists(fresh.settings.DATABASE_SCHEMA)).toBe(false);
  });

  it('opens at most FLOWHOOKS_PG_POOL_SIZE connections; further queries wait, and the gauge says so', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    const settings = loadSettings({ ...fresh.settings, FLOWHOOKS_PG_POOL_SIZE: '2' });
    const database = openConfiguredDatabase(settings);
    cleanups.push(() => database.close());
    await migrateToLatest(database, settings.DATABASE_SCHEMA);
    const metrics = createMetrics({ database: databaseReadings(database), processMetrics: false });

    // Five queries at once on a pool of two: two run, three wait.
    const running = Array.from({ length: 5 }, () => sql`select pg_sleep(0.5)`.execute(database.db));
    // The query builder reaches the pool a few turns of the event loop later.
    const steady = () => database.connections().total === 2 && database.connections().waiting === 3;
    for (let turn = 0; turn < 5000 && !steady(); turn++) {
      expect(database.connections().total).toBeLessThanOrEqual(2);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const during = await metrics.registry.metrics();
    expect(sample(during, 'flowhooks_database_connections', { state: 'total' })).toBe(2);
    expect(sample(during, 'flowhooks_database_connections', { state: 'waiting' })).toBe(3);
    await Promise.all(running);
    expect(database.connections()).toMatchObject({ total: 2, waiting: 0 });
  });

  it('a node opens its whole pool before it listens, so its first calls do not wait for connections', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    const { server } = await startWholeServer(fresh.settings, { settings: { FLOWHOOKS_PG_POOL_SIZE: '3' } });
    cleanups.push(() => server.close({ drain: false }));
    const text = await (await fetch(`${server.address}/metrics`)).text();
    expect(sample(text, 'flowhooks_database_connections', { state: 'total' })).toBe(3);
  });

  it('keeps idle connections open: a quiet minute does not leave the next calls to open them again', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    const database = openConfiguredDatabase(loadSettings({ ...fresh.settings, FLOWHOOKS_PG_POOL_SIZE: '3' }));
    cleanups.push(() => database.close());
    // The pool closes a connection idle for its idle timeout (10 s) by a timer; a minute of them passes at once.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect(await database.openConnections!()).toBe(3);
      await Promise.all(Array.from({ length: 3 }, () => sql`select 1`.execute(database.db)));
      vi.advanceTimersByTime(60_000);
    } finally {
      vi.useRealTimers();
    }
    expect(database.connections()).toMatchObject({ total: 3, idle: 3, waiting: 0 });
  });

  it('an idle node reports no waiting queries: the scrape\'s own queries are not counted', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    // A pool of one: the scrape's two job counts could only run one after the other.
    const settings = loadSettings({ ...fresh.settings, FLOWHOOKS_PG_POOL_SIZE: '1' });
    const database = openConfiguredDatabase(settings);
    cleanups.push(() => database.close());
    await migrateToLatest(database, settings.DATABASE_SCHEMA);
    const metrics = createMetrics({ database: databaseReadings(database), processMetrics: false });
    for (let scrape = 0; scrape < 3; scrape++) {
      const text = await metrics.registry.metrics();
      expect(sample(text, 'flowhooks_database_connections', { state: 'waiting' })).toBe(0);
      expect(sample(text, 'flowhooks_outbound_jobs', { status: 'scheduled' })).toBe(0);
    }
  });

  it('takes TLS to the database from the URL\'s sslmode: require is refused by a server without TLS, disable connects', async () => {
    const fresh = await postgres!.fresh();
    cleanups.push(fresh.cleanup);
    const withMode = (mode: string) => loadSettings({ ...fresh.settings, DATABASE_URL: `${testPgUrl}?sslmode=${mode}` });
    const plain = openConfiguredDatabase(withMode('disable'));
    cleanups.push(() => plain.close());
    const tls = await sql<{ ssl: boolean | null }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(plain.db);
    expect(tls.rows[0]?.ssl ?? false).toBe(false);

    const serverTls = (await sql<{ setting: string }>`select setting from pg_settings where name = 'ssl'`.execute(plain.db)).rows[0]!.setting;
    const required = openConfiguredDatabase(withMode('no-verify'));
    cleanups.push(() => required.close());
    if (serverTls === 'on') {
      const encrypted = await sql<{ ssl: boolean }>`select ssl from pg_stat_ssl where pid = pg_backend_pid()`.execute(required.db);
      expect(encrypted.rows[0]!.ssl).toBe(true);
    } else {
      await expect(sql`select 1`.execute(required.db)).rejects.toThrow(/does not support SSL/);
    }
  });
});
