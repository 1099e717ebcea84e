import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { bootstrap } from '../auth/bootstrap.js';
import { createShortener } from '../shortener/shortener.js';
import { migrateToLatest, openDatabase, type Database, type DatabaseHandle } from './db.js';
import { findListedNumbers } from './do-not-call.js';
import { applyPreferenceChanges, listPreferences } from './preferences.js';
import { columnArrays, inTextList, preparedQuery, sliceBounds, textList } from './prepared.js';

interface Items {
  prepared_items: { owner: number; name: string; size: number };
}

const targets = await databaseTargets();

describe.each(targets)('a prepared query on $name', (target) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let db: Kysely<Items>;

  beforeAll(async () => {
    const fresh = await target.fresh();
    cleanup = fresh.cleanup;
    handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA });
    if (handle.schema) await sql`create schema if not exists ${sql.id(handle.schema)}`.execute(handle.db);
    db = handle.db as unknown as Kysely<Items>;
    await sql`create table prepared_items (owner integer not null, name text not null, size integer not null)`.execute(db);
    await db.insertInto('prepared_items').values([
      { owner: 1, name: 'b', size: 2 },
      { owner: 1, name: 'a', size: 1 },
      { owner: 2, name: 'c', size: 3 },
    ]).execute();
  });

  afterAll(async () => {
    await handle.close();
    await cleanup();
  });

  const itemsOf = preparedQuery<{ owner: number; atLeast: number }, { name: string }>((database, slot) =>
    (database as unknown as Kysely<Items>)
      .selectFrom('prepared_items')
      .select('name')
      .where('owner', '=', slot('owner'))
      .where('size', '>=', slot('atLeast'))
      .orderBy('name'),
  );
  const names = async (database: Database, owner: number, atLeast: number) => (await itemsOf(database, { owner, atLeast })).rows.map((row) => row.name);

  it('answers each call with its own values', async () => {
    expect(await names(handle.db, 1, 0)).toEqual(['a', 'b']);
    expect(await names(handle.db, 1, 2)).toEqual(['b']);
    expect(await names(handle.db, 2, 0)).toEqual(['c']);
    expect(await names(handle.db, 3, 0)).toEqual([]);
  });

  it('runs inside a transaction and sees its uncommitted writes', async () => {
    const seen = await handle.db.transaction().execute(async (trx) => {
      await (trx as unknown as Kysely<Items>).insertInto('prepared_items').values({ owner: 1, name: 'z', size: 9 }).execute();
      return names(trx, 1, 5);
    });
    expect(seen).toEqual(['z']);
  });

  it("never reads another call's transaction while it is open: a read outside it waits, and sees nothing of it once it is undone", async () => {
    let readWhileOpen: Promise<string[]> | undefined;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await (trx as unknown as Kysely<Items>).insertInto('prepared_items').values({ owner: 4, name: 'undone', size: 1 }).execute();
        // Another call reads while this transaction holds SQLite's one connection, then this one fails.
        readWhileOpen = names(handle.db, 4, 0);
        throw new Error('the call failed');
      }),
    ).rejects.toThrow('the call failed');
    expect(await readWhileOpen).toEqual([]);
  });

  const namedIn = preparedQuery<{ owner: number; names: unknown }, { name: string }>((database, slot) =>
    (database as unknown as Kysely<Items>)
      .selectFrom('prepared_items')
      .select('name')
      .where('owner', '=', slot('owner'))
      .where(inTextList(handle.dialect, 'name', slot('names')))
      .orderBy('name'),
  );
  const named = async (owner: number, list: string[]) => (await namedIn(handle.db, { owner, names: textList(handle.db, list) })).rows.map((row) => row.name);

  it('matches a list of any length given as one value, exactly as written', async () => {
    const awkward = ['quote " and \\ backslash', "it's", 'नमस्ते', '[1,2]', ' padded '];
    await db.insertInto('prepared_items').values(awkward.map((name) => ({ owner: 7, name, size: 1 }))).execute();
    const many = Array.from({ length: 1500 }, (_, index) => `missing ${index}`);
    expect(await named(7, [])).toEqual([]);
    expect(await named(7, ['nothing like it'])).toEqual([]);
    expect(await named(7, [awkward[0]!])).toEqual([awkward[0]]);
    expect(await named(7, [...many, ...awkward])).toEqual([...awkward].sort());
    // Not a pattern or a substring: each value is compared whole.
    expect(await named(7, ['padded', "it", '%'])).toEqual([]);
    // The owner condition still holds beside the list.
    expect(await named(1, ['a', 'c'])).toEqual(['a']);
  });
});

describe.each(targets.filter((target) => target.name === 'postgres'))('named statements on $name', (target) => {
  const opened: Array<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> = [];
  afterAll(async () => {
    for (const { handle, cleanup } of opened) {
      await handle.close();
      await cleanup();
    }
  });

  /** A migrated database on one connection, so the session's prepared statements can be read back. */
  async function oneConnection(namedStatements: boolean) {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA, poolSize: 1, namedStatements });
    opened.push({ handle, cleanup: fresh.cleanup });
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    await bootstrap(handle.db, { adminToken: 'named-statements-admin-token', webhookToken: 'named-statements-webhook-token' }, Date.now());
    return handle.db;
  }
  const preparedNames = async (db: Database) =>
    (await sql<{ name: string }>`select name from pg_prepared_statements where name like 'flowhooks_%'`.execute(db)).rows.map((row) => row.name);

  it('parses a hot query once per connection: it is kept as a named statement, and reused', async () => {
    const db = await oneConnection(true);
    await applyPreferenceChanges(db, 1, '+919800000001', [{ name: 'language', value: 'HINDI' }], Date.now(), 200);
    expect(await listPreferences(db, 1, '+919800000001')).toEqual([{ name: 'language', value: 'HINDI' }]);
    // One for the write (a function call) and one for the read, each parsed once.
    const named = await preparedNames(db);
    expect(named).toHaveLength(2);
    await applyPreferenceChanges(db, 1, '+919800000002', [{ name: 'language', value: 'TAMIL' }], Date.now(), 200);
    expect(await listPreferences(db, 1, '+919800000002')).toEqual([{ name: 'language', value: 'TAMIL' }]);
    expect((await preparedNames(db)).sort()).toEqual([...named].sort());
  });

  it('plans a statement that serves several calls once, then reuses that plan whatever the number of calls it carries', async () => {
    const db = await oneConnection(true);
    // A table of some size, its statistics known, as on a node in use: on an empty one every plan is estimated alike.
    await sql`insert into user_preferences (account_id, contact_id, name, value, updated_at)
      select 1, '+9197' || lpad(serial::text, 8, '0'), 'language', 'HINDI', 0 from generate_series(1, 20000) as serial`.execute(db);
    await sql`analyze user_preferences`.execute(db);
    const contact = (index: number) => `+9198000001${String(index).padStart(2, '0')}`;
    for (let run = 0; run < 12; run++) {
      // The write alone, as on a quiet node (its grouped statement); a read alone (the plain select), then three at once (the grouped one).
      await applyPreferenceChanges(db, 1, contact(run), [{ name: 'language', value: 'HINDI' }], Date.now(), 200);
      expect(await listPreferences(db, 1, contact(run))).toEqual([{ name: 'language', value: 'HINDI' }]);
      // This run's contact holds a preference; the next two are written in later runs.
      const together = await Promise.all([0, 1, 2].map((offset) => listPreferences(db, 1, contact(run + offset))));
      expect(together.map((preferences) => preferences.length)).toEqual([1, 0, 0]);
    }
    const plans = (
      await sql<{ statement: string; generic_plans: string; custom_plans: string }>`select statement, generic_plans, custom_plans from pg_prepared_statements where statement like '%unnest%'`.execute(db)
    ).rows;
    // The preference write and the preference read, each run twelve times or more.
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      // PostgreSQL tries a plan for the values five times, then keeps the generic one unless it is estimated dearer.
      expect({ custom: Number(plan.custom_plans), generic: Number(plan.generic_plans) >= 7 }).toEqual({ custom: 5, generic: true });
    }
  });

  it('keeps one named statement for a list of any length', async () => {
    const db = await oneConnection(true);
    await sql`insert into do_not_call_numbers (account_id, number, source, added_at) values (1, '+919800000005', 'api', 0)`.execute(db);
    expect(await findListedNumbers(db, 1, ['+919800000005'])).toEqual(new Set(['+919800000005']));
    const named = await preparedNames(db);
    for (const length of [2, 3, 10, 101, 700]) {
      const numbers = [...Array.from({ length }, (_, index) => `+9197000${String(index).padStart(5, '0')}`), '+919800000005'];
      expect(await findListedNumbers(db, 1, numbers)).toEqual(new Set(['+919800000005']));
    }
    expect((await preparedNames(db)).sort()).toEqual([...named].sort());
  });

  it('sends every query unnamed with FLOWHOOKS_PG_NAMED_STATEMENTS off (for a pooler that drops them)', async () => {
    const db = await oneConnection(false);
    await applyPreferenceChanges(db, 1, '+919800000001', [{ name: 'language', value: 'HINDI' }], Date.now(), 200);
    expect(await listPreferences(db, 1, '+919800000001')).toEqual([{ name: 'language', value: 'HINDI' }]);
    expect(await preparedNames(db)).toEqual([]);
  });

  it('keeps answering when a later release adds a column to a table a named statement reads', async () => {
    const db = await oneConnection(true);
    const shortener = createShortener(db, { baseUrl: 'http://127.0.0.1:8080' });
    const made = await shortener.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/named', domain: '' }, Date.now());
    expect((await shortener.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/named', domain: '' }, Date.now())).created).toBe(false);
    await sql`alter table short_urls add column added_later text`.execute(db);
    const again = await shortener.create({ accountId: 1, customerId: null, longUrl: 'https://example.com/named', domain: '' }, Date.now());
    expect(again).toMatchObject({ created: false, link: { id: made.link.id, code: made.link.code } });
    await shortener.close();
  });
});

describe.each(targets.filter((target) => target.name === 'sqlite'))('a list given as one value on $name', (target) => {
  it('keeps one prepared statement for every length of the list (SQLite keeps statements by their text)', async () => {
    const fresh = await target.fresh();
    const handle = openDatabase(fresh.settings.DATABASE_URL);
    try {
      await migrateToLatest(handle);
      await bootstrap(handle.db, { adminToken: 'list-admin-token-0123456789', webhookToken: 'list-webhook-token-0123456789' }, Date.now());
      await sql`insert into do_not_call_numbers (account_id, number, source, added_at) values (1, '+919800000005', 'api', 0)`.execute(handle.db);
      expect(await findListedNumbers(handle.db, 1, ['+919800000005'])).toEqual(new Set(['+919800000005']));
      const before = handle.preparedStatements!();
      for (const length of [2, 3, 10, 99, 100, 101, 700]) {
        const numbers = [...Array.from({ length }, (_, index) => `+9197000${String(index).padStart(5, '0')}`), '+919800000005'];
        expect(await findListedNumbers(handle.db, 1, numbers)).toEqual(new Set(['+919800000005']));
      }
      expect(handle.preparedStatements!()).toBe(before);
    } finally {
      await handle.close();
      await fresh.cleanup();
    }
  });
});

describe('the arrays of a statement over several calls', () => {
  it('gives each call the bounds of its slice of the joined items, a call without items an empty one', () => {
    // Items a, then b c d, then none, then e f: [1:1], [2:4], [5:4] (empty), [5:6].
    expect(sliceBounds([1, 3, 0, 2])).toEqual({ firsts: [1, 2, 5, 5], lasts: [1, 4, 4, 6] });
    expect(sliceBounds([])).toEqual({ firsts: [], lasts: [] });
  });

  it('gives one array a column, in the order of the calls, under the names asked for', () => {
    const calls = [{ id: 'a', size: 1, note: null }, { id: 'b', size: 2, note: 'x' }];
    expect(columnArrays(calls, { ids: 'id', notes: 'note' })).toEqual({ ids: ['a', 'b'], notes: [null, 'x'] });
  });
});
