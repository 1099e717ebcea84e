import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialerSecret } from '../../test/secrets.js';
import { databaseTargets } from '../../test/support.js';
import { accountDefaults } from '../accounts/defaults.js';
import { insertAccount } from './accounts.js';
import { findBotAndLinkOwner, insertBot } from './bots.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db.js';
import { findFlowAndListedNumbers, insertOutboundFlow } from './outbound-flows.js';
import { applyPreferenceChanges, findPreference, listPreferences } from './preferences.js';
import { findLinkTarget, insertShortUrl } from './short-urls.js';

/**
 * The reads that serve several calls at once (docs/deploying.md "Topology") are named statements whose
 * plan PostgreSQL keeps until the table is analyzed. Planned on the short tables of a new deployment,
 * they must still read each call's rows through the table's key once the tables have grown
 * (docs/benchmark.md, thirty-fourth section).
 */
describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('reads of several calls on $name, planned on short tables', (target) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await target.fresh();
    cleanup = fresh.cleanup;
    // One connection: every statement below is prepared, planned and explained on it, as on one node's connection.
    handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA, poolSize: 1 });
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
  });
  afterAll(async () => {
    await handle.close();
    await cleanup();
  });

  it('keep reading each call through the key after the tables grew, with the plan made when they were short', async () => {
    const { db } = handle;
    /** 20 000 copies of a table's one row, each with the `keys` columns given new values (SQL of `n`). */
    const copyRows = async (table: string, keys: Record<string, string>) => {
      const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
      const columns = rows.map((row) => row.column_name);
      const values = columns.map((column) => keys[column] ?? `"${column}"`);
      await sql`insert into ${sql.table(table)} (${sql.raw(columns.map((column) => `"${column}"`).join(', '))})
        select ${sql.raw(values.join(', '))} from ${sql.table(table)}, generate_series(1, 20000) as n`.execute(db);
    };
    // The plan made at a statement's first run is the one it keeps (as a node's connection does until autovacuum analyzes).
    await sql`set plan_cache_mode = force_generic_plan`.execute(db);
    await insertAccount(db, { ...accountDefaults, name: 'Short tables' }, 1, 0);
    await applyPreferenceChanges(db, 1, '+919800000001', [{ name: 'language', value: 'TAMIL' }], 0, 25);
    await insertShortUrl(
      db,
      { id: 'link-1', domain: 'go.test', code: 'first', accountId: 1, customerId: null, longUrl: 'https://example.com/first', urlHash: 'h', reuseKey: null, redirectStatus: 302, customSlug: false, expiresAt: null, maxVisits: null },
      0,
    );
    await insertBot(db, { accountId: 1, botId: 'bot-1', baseUrl: 'https://bot.example.com/', tokenHash: 'hash', linkMode: 'query' }, 0);
    const flowFields = { name: 'First', dialerUrl: 'https://dialer.example.com/', dialerSecret, throttlePerSecond: null, callingWindow: null, category: 'service', retryPolicy: null, resultTimeoutMinutes: 60, dedupeWindowMinutes: null } as const;
    await insertOutboundFlow(db, 1, 'flow-1', 'hash', flowFields, 0);

    // Two calls at once: the statement that serves several calls, planned on one row a table.
    const readAll = () =>
      Promise.all([
        Promise.all([listPreferences(db, 1, '+919800000001'), listPreferences(db, 1, '+919800000002')]),
        Promise.all([findPreference(db, 1, '+919800000001', 'language'), findPreference(db, 1, '+919800000002', 'language')]),
        Promise.all([findLinkTarget(db, 'go.test', 'first'), findLinkTarget(db, 'go.test', 'absent')]),
        Promise.all([findBotAndLinkOwner(db, 1, 'bot-1'), findBotAndLinkOwner(db, 1, 'bot-2')]),
        Promise.all([findFlowAndListedNumbers(db, 1, 'flow-1', ['+919800000001']), findFlowAndListedNumbers(db, 1, 'flow-2', ['+919800000001'])]),
      ]);
    await readAll();

    // The tables grow without being analyzed (autovacuum has not come by yet): copies of the rows above under new keys.
    await copyRows('user_preferences', { contact_id: `'+91' || (9700000000 + n)` });
    await copyRows('short_urls', { id: `'link-x' || n`, code: `'code' || n` });
    await sql`insert into short_url_visit_counts (link_id, humans, bots) select id, 1, 0 from short_urls`.execute(db);
    await copyRows('bots', { bot_id: `'bot-x' || n` });
    await copyRows('outbound_flows', { flow_id: `'flow-x' || n` });

    // The same statements answer the same, and each reads its calls' rows by the key, not the grown table whole.
    const [contacts, values, links, bots, flows] = await readAll();
    expect(contacts).toEqual([[{ name: 'language', value: 'TAMIL' }], []]);
    expect(values).toEqual(['TAMIL', undefined]);
    expect(links.map((link) => link?.longUrl)).toEqual(['https://example.com/first', undefined]);
    expect(bots.map((found) => found.bot?.baseUrl)).toEqual(['https://bot.example.com/', undefined]);
    expect(flows.map((found) => found.flow?.flowId)).toEqual(['flow-1', undefined]);

    const { rows: statements } = await sql<{ name: string; statement: string; parameters: number }>`
      select name, statement, cardinality(parameter_types) as parameters from pg_prepared_statements where statement like '%with ordinality as given%'`.execute(db);
    const grownTables = ['user_preferences', 'short_urls', 'bots', 'outbound_flows'];
    const plans = new Map<string, string>();
    for (const { name, statement, parameters } of statements) {
      const table = grownTables.find((grown) => statement.includes(` ${grown} `));
      if (!table) continue;
      // A one-element array for each parameter (every one is an array of integers, bigints or texts).
      const values = Array.from({ length: parameters }, () => `'{1}'`).join(', ');
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain execute ${sql.id(name)}(${sql.raw(values)})`.execute(db);
      plans.set(table, rows.map((row) => row['QUERY PLAN']).join('\n'));
    }
    expect([...plans.keys()].sort()).toEqual([...grownTables].sort());
    for (const [table, plan] of plans) {
      expect(plan, `${table}:\n${plan}`).not.toMatch(/Seq Scan on (user_preferences|short_urls|short_url_visit_counts|bots|outbound_flows)\b/);
      expect(plan, `${table}:\n${plan}`).toMatch(/Index (Only )?Scan/);
    }
  });
});
