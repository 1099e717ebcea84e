import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from './db.js';
import { preparedQuery } from './prepared.js';

interface Notes {
  notes: { id: number; text: string };
}

describe('SQLite group commit', () => {
  let folder: string;
  let handle: DatabaseHandle;
  let db: Kysely<Notes>;
  /** Another connection to the same file: it sees only what was committed. */
  let observer: SqliteDatabase.Database;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'flowhooks-group-commit-'));
    handle = openDatabase(`sqlite:${join(folder, 'db.sqlite')}`);
    db = handle.db as unknown as Kysely<Notes>;
    await sql`create table notes (id integer primary key, text text not null unique)`.execute(db);
    observer = new SqliteDatabase(join(folder, 'db.sqlite'), { readonly: true });
  });

  afterEach(async () => {
    observer.close();
    await handle.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const committedTexts = () => (observer.prepare('select text from notes order by id').all() as Array<{ text: string }>).map((row) => row.text);

  it('commits writes that arrive together once, and answers each only when its write is committed', async () => {
    const before = handle.groupCommits!();
    const seenAtAnswer: string[][] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        db
          .insertInto('notes')
          .values({ id: index + 1, text: `note ${index + 1}` })
          .execute()
          .then(() => seenAtAnswer.push(committedTexts())),
      ),
    );
    const after = handle.groupCommits!();
    expect(after.writes - before.writes).toBe(20);
    expect(after.commits - before.commits).toBe(1);
    // Every caller, when answered, could already read its note from another connection.
    for (const seen of seenAtAnswer) expect(seen).toHaveLength(20);
  });

  it('commits writes made one after another one by one', async () => {
    const before = handle.groupCommits!();
    for (let id = 1; id <= 3; id += 1) {
      await db.insertInto('notes').values({ id, text: `note ${id}` }).execute();
      expect(committedTexts()).toHaveLength(id);
    }
    expect(handle.groupCommits!().commits - before.commits).toBe(3);
  });

  it('rolls back only the transaction that failed; the others of its group are committed', async () => {
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 1, text: 'kept a' }).execute();
        await trx.insertInto('notes').values({ id: 2, text: 'kept b' }).execute();
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 3, text: 'undone' }).execute();
        throw new Error('the caller changed its mind');
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ id: 4, text: 'kept c' }).execute();
      }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedTexts()).toEqual(['kept a', 'kept b', 'kept c']);
  });

  it('fails only the statement that broke a constraint; the others of its group are committed', async () => {
    await db.insertInto('notes').values({ id: 1, text: 'first' }).execute();
    const results = await Promise.allSettled([
      db.insertInto('notes').values({ id: 2, text: 'second' }).execute(),
      db.insertInto('notes').values({ id: 3, text: 'first' }).execute(),
      db.insertInto('notes').values({ id: 4, text: 'third' }).execute(),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(committedTexts()).toEqual(['first', 'second', 'third']);
  });

  it('answers reads at once, and counts the rows a write changed', async () => {
    await db.insertInto('notes').values([{ id: 1, text: 'a' }, { id: 2, text: 'b' }]).execute();
    const [update, rows] = await Promise.all([
      db.updateTable('notes').set({ text: sql`text || '!'` }).executeTakeFirst(),
      db.selectFrom('notes').select('text').orderBy('id').execute(),
    ]);
    expect(update.numUpdatedRows).toBe(2n);
    expect(rows.map((row) => row.text)).toEqual(['a!', 'b!']);
    expect(committedTexts()).toEqual(['a!', 'b!']);
  });

  describe('a prepared statement run at once (the connection free)', () => {
    const insertNote = preparedQuery<{ id: number; text: string }, never>((database, slot) =>
      (database as unknown as Kysely<Notes>).insertInto('notes').values({ id: slot('id'), text: slot('text') }),
    );
    const noteText = preparedQuery<{ id: number }, { text: string }>((database, slot) =>
      (database as unknown as Kysely<Notes>).selectFrom('notes').select('text').where('id', '=', slot('id')),
    );
    const root = () => handle.db as Database;

    it('answers a write only once the group that holds it is committed, one commit for the writes of a turn', async () => {
      const before = handle.groupCommits!();
      const seenAtAnswer: string[][] = [];
      await Promise.all(
        Array.from({ length: 5 }, (_, index) => insertNote(root(), { id: index + 1, text: `note ${index + 1}` }).then(() => seenAtAnswer.push(committedTexts()))),
      );
      const after = handle.groupCommits!();
      expect(after.writes - before.writes).toBe(5);
      expect(after.commits - before.commits).toBe(1);
      for (const seen of seenAtAnswer) expect(seen).toHaveLength(5);
      expect((await noteText(root(), { id: 3 })).rows).toEqual([{ text: 'note 3' }]);
    });

    it('fails only the write that broke a constraint; the others of its turn are committed', async () => {
      await insertNote(root(), { id: 1, text: 'first' });
      const results = await Promise.allSettled([
        insertNote(root(), { id: 2, text: 'second' }),
        insertNote(root(), { id: 1, text: 'same id' }),
        insertNote(root(), { id: 3, text: 'third' }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(committedTexts()).toEqual(['first', 'second', 'third']);
    });
  });

  it('commits the open group when the database is closed, before the connection ends', async () => {
    let closing: Promise<void> | undefined;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 1, text: 'last words' }).execute();
      // Shutdown begins while this write waits for its commit.
      closing = handle.close();
    });
    await closing;
    expect(committedTexts()).toEqual(['last words']);
    handle = openDatabase(`sqlite:${join(folder, 'db.sqlite')}`);
  });

  describe("a turn's reads share one read transaction", () => {
    /** Another process's connection that writes. */
    let writer: SqliteDatabase.Database;
    beforeEach(() => {
      // No busy wait: a checkpoint that cannot finish answers at once.
      writer = new SqliteDatabase(join(folder, 'db.sqlite'), { timeout: 0 });
    });
    afterEach(() => writer.close());

    const texts = async () => (await db.selectFrom('notes').select('text').orderBy('id').execute()).map((row) => row.text);
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

    it("sees another process's write from the next turn on", async () => {
      writer.prepare("insert into notes (id, text) values (1, 'a')").run();
      expect(await texts()).toEqual(['a']);
      writer.prepare("insert into notes (id, text) values (2, 'b')").run();
      // The same turn reads what was committed when its first read ran.
      expect(await texts()).toEqual(['a']);
      await nextTurn();
      expect(await texts()).toEqual(['a', 'b']);
    });

    it("reads its own write at once, and the write does not wait for the turn's reads", async () => {
      writer.prepare("insert into notes (id, text) values (1, 'a')").run();
      expect(await texts()).toEqual(['a']);
      // Another process writes; this process's write in the same turn ends the read transaction first.
      writer.prepare("insert into notes (id, text) values (2, 'b')").run();
      await db.insertInto('notes').values({ id: 3, text: 'c' }).execute();
      expect(await texts()).toEqual(['a', 'b', 'c']);
      expect(committedTexts()).toEqual(['a', 'b', 'c']);
    });

    it('lets another connection checkpoint the whole log once the turn is over', async () => {
      writer.prepare("insert into notes (id, text) values (1, 'a')").run();
      expect(await texts()).toEqual(['a']);
      writer.prepare("insert into notes (id, text) values (2, 'b')").run();
      const checkpoint = () => writer.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      // While the turn's reads hold their snapshot the log cannot be emptied...
      expect(checkpoint()[0]!.busy).toBe(1);
      await nextTurn();
      // ...and once it is over nothing of this process holds it.
      expect(checkpoint()[0]!.busy).toBe(0);
    });
  });
});
