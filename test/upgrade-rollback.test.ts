import type { Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/storage/db.js';
import { migrationList } from '../src/storage/migrations/index.js';
import { insertAccount } from '../src/storage/accounts.js';
import { accountDefaults } from '../src/accounts/defaults.js';
import { changeAgentPause, insertAgent, pauseHistory } from '../src/storage/agents.js';
import { startWholeServer, databaseTargets, webhookToken, type DatabaseTarget } from './support.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** This release's migrations without its newest `count`: the list an older release ships. */
function olderRelease(dialect: 'sqlite' | 'postgres', count: number): Record<string, Migration> {
  const names = Object.keys(migrationList(dialect)).sort();
  return Object.fromEntries(names.slice(0, names.length - count).map((name) => [name, migrationList(dialect)[name]!]));
}

async function handleOn(target: DatabaseTarget) {
  const fresh = await target.fresh();
  const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
  cleanups.push(async () => {
    await handle.close();
    await fresh.cleanup();
  });
  return { handle, settings: fresh.settings };
}

async function start(database: { DATABASE_URL: string; DATABASE_SCHEMA: string }, release?: { migrations: Record<string, Migration>; destructive?: Record<string, string> }) {
  const started = await startWholeServer(database, { release });
  cleanups.push(() => started.server.close());
  return started;
}

/** Columns of every table: name → {type, nullable, hasDefault}. */
async function schemaOf(handle: DatabaseHandle) {
  const tables = await handle.db.introspection.getTables();
  return new Map(tables.map((table) => [table.name, new Map(table.columns.map((column) => [column.name, column]))]));
}

describe.each(await databaseTargets())('upgrades and rollbacks on $name (docs/deploying.md)', (target) => {
  it('an older release starts on a database a newer one migrated, names the migrations it does not know, and serves', async () => {
    const { handle, settings } = await handleOn(target);
    await migrateToLatest(handle, settings.DATABASE_SCHEMA);
    const older = olderRelease(handle.dialect, 2);
    const unknown = Object.keys(migrationList(handle.dialect)).sort().slice(-2);

    const { server, logs } = await start(settings, { migrations: older });
    const notice = logs.map((line) => JSON.parse(line) as { msg: string; migrations?: string[] }).find((line) => line.msg.startsWith('the database has migrations this release does not know'));
    expect(notice?.migrations).toEqual(unknown);
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json(), ready.body).toEqual({ status: 'ready' });
    const call = await server.app.inject({
      method: 'POST',
      url: '/webhook',
      headers: { authorization: `Bearer ${webhookToken}`, 'content-type': 'application/json' },
      payload: { method: 'updateUserPreferences', keys: [{ name: '$user.syskey.contactNumber', value: '9876543210' }, { name: '$user.key.language', value: 'TAMIL' }] },
    });
    expect(call.json().status).toBe('SUCCESS');
  });

  it('every migration is additive: an older release\'s tables and columns are all still there, and every added column fills itself', async () => {
    const older = await handleOn(target);
    await migrateToLatest(older.handle, older.settings.DATABASE_SCHEMA, { migrations: olderRelease(older.handle.dialect, 1) });
    const newer = await handleOn(target);
    await migrateToLatest(newer.handle, newer.settings.DATABASE_SCHEMA);
    const before = await schemaOf(older.handle);
    const after = await schemaOf(newer.handle);
    const problems: string[] = [];
    for (const [table, columns] of before) {
      const now = after.get(table);
      if (!now) {
        problems.push(`${table} dropped`);
        continue;
      }
      for (const [name, column] of columns) {
        const kept = now.get(name);
        if (!kept) problems.push(`${table}.${name} dropped`);
        else if (kept.dataType !== column.dataType) problems.push(`${table}.${name} changed type ${column.dataType} → ${kept.dataType}`);
        else if (column.isNullable && !kept.isNullable) problems.push(`${table}.${name} became NOT NULL`);
      }
      // An older release inserts rows without the columns it does not know.
      for (const [name, column] of now) {
        if (!columns.has(name) && !column.isNullable && !column.hasDefaultValue) problems.push(`${table}.${name} added NOT NULL without a default`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("an older release's pause on this schema records its event once, as this release's pause does (SQLite's trigger, migration 0022)", async () => {
    const { handle, settings } = await handleOn(target);
    await migrateToLatest(handle, settings.DATABASE_SCHEMA);
    const { db } = handle;
    await insertAccount(db, { ...accountDefaults, name: 'Agents' }, 7, 0);
    const agent = await insertAgent(db, 7, { cli: '+919876543210', name: 'Asha' }, 1_000);
    const { id } = (await db.selectFrom('agents').select('id').where('cli', '=', agent.cli).executeTakeFirstOrThrow());

    // What the release before migration 0022 runs for a pause: its update, then its own event, in one transaction.
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('agents').set({ paused: 1, paused_since: 2_000, updated_at: 2_000 }).where('id', '=', id).execute();
      await trx.insertInto('agent_pause_events').values({ agent_id: id, account_id: 7, paused: 1, at: 2_000, source: 'api' }).execute();
    });
    // This release's unpause, then a pause asked for twice: the second changes nothing and records nothing.
    expect((await changeAgentPause(db, 7, agent.cli, false, 'webhook', 3_000))?.changed).toBe(true);
    expect((await changeAgentPause(db, 7, agent.cli, true, 'webhook', 4_000))?.changed).toBe(true);
    expect((await changeAgentPause(db, 7, agent.cli, true, 'api', 5_000))?.changed).toBe(false);

    const history = await pauseHistory(db, id, 0, 10_000);
    expect(history.events).toEqual([
      { paused: true, at: 2_000, source: 'api' },
      { paused: false, at: 3_000, source: 'webhook' },
      { paused: true, at: 4_000, source: 'webhook' },
    ]);
  });

  it('a newer release applies migrations an older branch did not have, even out of name order', async () => {
    const { handle, settings } = await handleOn(target);
    const names = Object.keys(migrationList(handle.dialect)).sort();
    const skipped = names[names.length - 2]!;
    const without = Object.fromEntries(Object.entries(migrationList(handle.dialect)).filter(([name]) => name !== skipped));
    await migrateToLatest(handle, settings.DATABASE_SCHEMA, { migrations: without });
    expect(await migrateToLatest(handle, settings.DATABASE_SCHEMA)).toEqual([skipped]);
  });

  it('a release with a destructive migration says so at start, before running it', async () => {
    const { settings } = await handleOn(target);
    const destructive: Migration = {
      async up(db) {
        await db.schema.createTable('scratch').addColumn('id', 'integer').execute();
        await db.schema.dropTable('scratch').execute();
      },
    };
    const { logs } = await start(settings, {
      migrations: { ...migrationList(target.name), '9999-drop-scratch': destructive },
      destructive: { '9999-drop-scratch': 'drops the scratch table release N−1 reads' },
    });
    const warning = logs.map((line) => JSON.parse(line) as { level: number; msg: string }).find((line) => line.msg.startsWith('destructive migrations run now'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('9999-drop-scratch (drops the scratch table release N−1 reads)');
    expect(warning?.msg).toContain('stop every older node first');
  });
});
