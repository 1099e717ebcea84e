import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseTargets, testPgUrl } from '../../test/support.js';
import { buildApp } from '../app.js';
import { loadSettings } from '../config.js';
import { insertAccount } from './accounts.js';
import { isUniqueViolation, migrateToLatest, openDatabase, readiness, type DatabaseHandle } from './db.js';
import { migrationList } from './migrations/index.js';
import { claimCandidates, deliveriesByHourQuery, overdueResultsQuery } from './outbound-jobs.js';
import { firstUnfinishedJob } from './outbound-requests.js';
import { accountDefaults } from '../accounts/defaults.js';

const open: Array<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> = [];
afterEach(async () => {
  while (open.length) {
    const { handle, cleanup } = open.pop()!;
    await handle.close();
    await cleanup();
  }
});

describe.each(await databaseTargets())('storage on $name', (target) => {
  async function freshHandle() {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    open.push({ handle, cleanup: fresh.cleanup });
    return { handle, settings: fresh.settings };
  }

  it('is not ready before migrations and ready after, through /readyz', async () => {
    const { handle, settings } = await freshHandle();
    // The migrations run synchronously on SQLite: on a loaded machine the event-loop guard would answer OVERLOADED instead.
    const app = await buildApp({ settings: loadSettings({ ...settings, FLOWHOOKS_LOG_LEVEL: 'silent', FLOWHOOKS_MAX_EVENT_LOOP_DELAY_MS: '0' }), database: handle });
    const before = await app.inject({ method: 'GET', url: '/readyz' });
    expect(before.statusCode).toBe(503);
    expect(before.json().error.message).toContain('pending migrations: 0001-foundation');
    const every = Object.keys(migrationList(handle.dialect));
    expect(await migrateToLatest(handle, settings.DATABASE_SCHEMA)).toEqual(every);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    await app.close();
  });

  it('runs the migrations once: a second run applies nothing', async () => {
    const { handle, settings } = await freshHandle();
    await migrateToLatest(handle, settings.DATABASE_SCHEMA);
    expect(await migrateToLatest(handle, settings.DATABASE_SCHEMA)).toEqual([]);
    expect(await readiness(handle)).toEqual({ ready: true });
  });

  it('reads epoch-millisecond times back as numbers and recognises duplicate keys', async () => {
    const { handle, settings } = await freshHandle();
    await migrateToLatest(handle, settings.DATABASE_SCHEMA);
    const now = Date.UTC(2026, 10, 28, 9, 30);
    const account = await insertAccount(handle.db, { ...accountDefaults, name: 'A' }, 5, now);
    expect(account.createdAt).toBe('2026-11-28T09:30:00.000Z');
    const row = await handle.db.selectFrom('accounts').select('created_at').where('id', '=', 5).executeTakeFirstOrThrow();
    expect(row.created_at).toBe(now);
    const duplicate = await insertAccount(handle.db, { ...accountDefaults, name: 'B' }, 5, now).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
  });

  /**
   * The plan the database makes for `query`, as text. PostgreSQL may not scan
   * the table (it would, on an empty one); the indexes named in `without` are
   * dropped for the look and restored (both databases roll schema changes
   * back), so the plan shows whether another index can serve the query.
   */
  async function planOf(handle: DatabaseHandle, query: CompiledQuery, without: string[] = []): Promise<string> {
    let plan = '';
    const rolledBack = new Error('rolled back');
    await handle.db
      .transaction()
      .execute(async (trx) => {
        if (handle.dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
        for (const index of without) await trx.schema.dropIndex(index).execute();
        const explain = CompiledQuery.raw(`${handle.dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${query.sql}`, [...query.parameters]);
        plan = JSON.stringify((await trx.executeQuery(explain)).rows);
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    return plan;
  }

  it('asks whether a request has an unfinished job through the partial index, not by reading its jobs', async () => {
    const { handle, settings } = await freshHandle();
    await migrateToLatest(handle, settings.DATABASE_SCHEMA);
    expect(await planOf(handle, firstUnfinishedJob(handle.db, 'request-1').compile())).toContain('outbound_jobs_unfinished');
  });

  it('reads expired leases, deliveries by hour and overdue outcome reports through indexes that hold only such jobs', async () => {
    const { handle, settings } = await freshHandle();
    await migrateToLatest(handle, settings.DATABASE_SCHEMA);
    const now = Date.parse('2026-12-04T10:00:00Z');
    // The claim's expired candidates, with the due index (which can order them) out of the way: the lease index serves them.
    expect(await planOf(handle, claimCandidates(handle.db, 'expired', now, 50).compile(), ['outbound_jobs_due'])).toContain('outbound_jobs_lease');
    expect(await planOf(handle, deliveriesByHourQuery(handle.db, { from: now - 86_400_000 }).compile())).toContain('outbound_jobs_delivered');
    expect(await planOf(handle, overdueResultsQuery(handle.db, now, 1).compile())).toContain('outbound_jobs_result_due');
    expect(await planOf(handle, claimCandidates(handle.db, 'due', now, 50).compile())).toContain('outbound_jobs_due');
    // A job just scheduled has none of the three values, so it is in none of the three indexes.
    const definitions =
      handle.dialect === 'sqlite'
        ? (await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and name in ('outbound_jobs_lease', 'outbound_jobs_delivered', 'outbound_jobs_result_due')`.execute(handle.db)).rows.map((row) => row.sql)
        : (await sql<{ sql: string }>`select indexdef as sql from pg_indexes where schemaname = ${settings.DATABASE_SCHEMA} and indexname in ('outbound_jobs_lease', 'outbound_jobs_delivered', 'outbound_jobs_result_due')`.execute(handle.db)).rows.map((row) => row.sql);
    expect(definitions).toHaveLength(3);
    for (const definition of definitions) expect(definition.toLowerCase()).toMatch(/where \(?"?(locked_until|delivered_at|result_due_at)"? is not null\)?/);
  });

  it('reports an unreachable database as not ready', async () => {
    const { handle } = await freshHandle();
    await handle.close();
    expect((await readiness(handle)).ready).toBe(false);
    await open.pop()!.cleanup(); // the handle is already closed
  });
});

describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('migrations on PostgreSQL beside other schemas ($name)', (target) => {
  it('migrate a fresh schema while other schemas of the database are being dropped (other deployments, other tests)', { timeout: 120_000 }, async () => {
    const others = await Promise.all(Array.from({ length: 6 }, () => target.fresh()));
    const admin = new pg.Client({ connectionString: testPgUrl });
    await admin.connect();
    let dropping: Promise<void> | undefined;
    try {
      // Other schemas with tables, as another deployment on the same server would have.
      for (const other of others) {
        const schema = other.settings.DATABASE_SCHEMA;
        await admin.query(`create schema ${schema}; ${Array.from({ length: 40 }, (_, index) => `create table ${schema}.t${index} (id serial primary key, a text, b text, c text)`).join('; ')}`);
      }
      const fresh = await Promise.all(Array.from({ length: 3 }, () => target.fresh()));
      const handles = fresh.map((each) => openDatabase(each.settings.DATABASE_URL, { schema: each.settings.DATABASE_SCHEMA }));
      fresh.forEach((each, index) => open.push({ handle: handles[index]!, cleanup: each.cleanup }));
      const every = Object.keys(migrationList('postgres'));
      // Dropping table by table keeps the catalog changing for the whole time the migrations run.
      dropping = (async () => {
        for (const other of others) {
          for (let index = 0; index < 40; index++) await admin.query(`drop table ${other.settings.DATABASE_SCHEMA}.t${index}`);
          await other.cleanup();
        }
      })();
      const migrated = await Promise.all(fresh.map((each, index) => migrateToLatest(handles[index]!, each.settings.DATABASE_SCHEMA)));
      await dropping;
      expect(migrated).toEqual(fresh.map(() => every));
    } finally {
      await dropping?.catch(() => {});
      for (const other of others) await other.cleanup();
      await admin.end();
    }
  });
});

describe('SQLite page cache', () => {
  it.each([
    [{}, -4096],
    [{ FLOWHOOKS_SQLITE_CACHE_MIB: '32' }, -32768],
  ])('keeps FLOWHOOKS_SQLITE_CACHE_MIB of pages (settings %j)', async (environment, kibibytes) => {
    const settings = loadSettings({ ...environment, DATABASE_URL: 'sqlite::memory:' });
    const handle = openDatabase(settings.DATABASE_URL, { sqliteCacheMiB: settings.FLOWHOOKS_SQLITE_CACHE_MIB });
    open.push({ handle, cleanup: async () => {} });
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(handle.db);
    // A negative cache_size is KiB (SQLite's PRAGMA cache_size).
    expect(rows[0]?.cache_size).toBe(kibibytes);
  });
});
