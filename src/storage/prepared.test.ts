import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { openDatabase, type Database, type DatabaseHandle } from './db.js';
import { preparedQuery } from './prepared.js';

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
});
