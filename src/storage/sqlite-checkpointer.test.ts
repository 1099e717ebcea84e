import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';
import { backstopFrames, startBackgroundCheckpoints } from './sqlite-checkpointer.js';

describe('SQLite checkpoints on a thread of their own', () => {
  let folder: string;
  let file: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'flowhooks-checkpoints-'));
    file = join(folder, 'db.sqlite');
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const openServing = () => {
    const connection = new SqliteDatabase(file);
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.exec('create table pages (id integer primary key, body blob not null)');
    return connection;
  };
  /** About 1 500 pages of the log in one commit: past SQLite's own checkpoint point (1 000), far below the backstop. */
  const writeMegabytes = (connection: SqliteDatabase.Database) => {
    const insert = connection.prepare('insert into pages (body) values (?)');
    connection.transaction(() => {
      for (let index = 0; index < 1500; index += 1) insert.run(Buffer.alloc(3000, index % 251));
    })();
    return 1500 * 3000;
  };

  it('leaves the copying to the thread: a commit that fills the log no longer checkpoints inside itself', async () => {
    const connection = openServing();
    // An interval longer than the test: only a checkpoint inside the commit could copy anything.
    const checkpoints = startBackgroundCheckpoints(connection, 60_000);
    try {
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(backstopFrames);
      const written = writeMegabytes(connection);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(written);
      // The database file still holds only the empty table: nothing was copied during the commit.
      expect(statSync(file).size).toBeLessThan(64 * 1024);
    } finally {
      await checkpoints.close();
      connection.close();
    }
  });

  it('copies what the log holds into the database file, and counts it', async () => {
    const connection = openServing();
    const checkpoints = startBackgroundCheckpoints(connection, 10);
    try {
      const copied = checkpoints.nextCheckpoint();
      const written = writeMegabytes(connection);
      const stats = await copied;
      expect(stats.checkpoints).toBe(1);
      expect(stats.walFrames).toBeGreaterThan(written / 4096);
      expect(stats.running).toBe(true);
      // The rows are in the database file itself now, not only in the log.
      expect(statSync(file).size).toBeGreaterThan(written);
      const reader = new SqliteDatabase(file, { readonly: true });
      expect(reader.prepare('select count(*) as count from pages').get()).toEqual({ count: 1500 });
      reader.close();
    } finally {
      await checkpoints.close();
      connection.close();
    }
  });

  it('hands checkpoints back to SQLite when the thread stops on its own', async () => {
    const connection = openServing();
    // The thread opens the file by its name, which is gone: it cannot start. The serving connection keeps its open file.
    unlinkSync(file);
    const checkpoints = startBackgroundCheckpoints(connection, 10);
    await checkpoints.stopped();
    expect(checkpoints.stats().running).toBe(false);
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpoints.close();
    connection.close();
  });

  it('runs for a served database and stops before it closes, so the log is removed at close', async () => {
    const handle = openDatabase(`sqlite:${file}`, { sqliteCheckpointMs: 10 });
    const db = handle.db as unknown as Kysely<{ notes: { id: number; text: string } }>;
    await sql`create table notes (id integer primary key, text text not null)`.execute(db);
    await db.insertInto('notes').values({ id: 1, text: 'kept' }).execute();
    expect(handle.checkpoints?.()).toMatchObject({ running: true });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await handle.close();
    // Only the last connection to close removes the log: the thread's had closed first.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reader = new SqliteDatabase(file, { readonly: true });
    expect(reader.prepare('select text from notes').all()).toEqual([{ text: 'kept' }]);
    reader.close();
  });

  it('is not started for tools that open a file without asking, nor for a database in memory', async () => {
    const tool = openDatabase(`sqlite:${file}`);
    const memory = openDatabase('sqlite::memory:', { sqliteCheckpointMs: 10 });
    expect(tool.checkpoints).toBeUndefined();
    expect(memory.checkpoints).toBeUndefined();
    await tool.close();
    await memory.close();
  });
});
