import { afterEach, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { buildApp } from '../app.js';
import { loadSettings } from '../config.js';
import { insertAccount } from './accounts.js';
import { isUniqueViolation, migrateToLatest, openDatabase, readiness, type DatabaseHandle } from './db.js';
import { migrationList } from './migrations/index.js';
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
    const app = await buildApp({ settings: loadSettings({ ...settings, FLOWHOOKS_LOG_LEVEL: 'silent' }), database: handle });
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

  it('reports an unreachable database as not ready', async () => {
    const { handle } = await freshHandle();
    await handle.close();
    expect((await readiness(handle)).ready).toBe(false);
    await open.pop()!.cleanup(); // the handle is already closed
  });
});
