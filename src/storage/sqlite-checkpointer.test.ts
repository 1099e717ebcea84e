import { closeSync, existsSync, fdatasync, fdatasyncSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';
import { backstopFrames, startBackgroundCheckpoints, type FileSync } from './sqlite-checkpointer.js';

describe('SQLite checkpoints with their syncs off the event loop', () => {
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

  it('leaves the copying to the rounds: a commit that fills the log no longer checkpoints inside itself', async () => {
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

  /** The log's header from its checkpoint sequence on: it changes when the log starts over, and only then. */
  const logHeader = () => {
    const fd = openSync(`${file}-wal`, 'r');
    const header = Buffer.alloc(12);
    readSync(fd, header, 0, 12, 12);
    closeSync(fd);
    return header.toString('hex');
  };
  const nameOf = (fd: number) => (fstatSync(fd).ino === statSync(`${file}-wal`).ino ? 'log' : 'file');
  const realSyncs: FileSync = {
    background: (fd) => new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve()))),
    now: (fd) => fdatasyncSync(fd),
  };

  it('copies only pages the log has made durable, and holds the log until the file has made them durable too', async () => {
    const connection = openServing();
    const events: string[] = [];
    let fileSyncAsked!: () => void;
    const fileSyncIsAsked = new Promise<void>((resolve) => (fileSyncAsked = resolve));
    let letFileSyncGo!: () => void;
    const fileSyncMayGo = new Promise<void>((resolve) => (letFileSyncGo = resolve));
    const copiedSize = () => (statSync(file).size > 1_000_000 ? 'copied' : 'not copied');
    const files: FileSync = {
      async background(fd) {
        const name = nameOf(fd);
        events.push(`${name} synced in the background, rows ${copiedSize()}`);
        if (name === 'file') {
          fileSyncAsked();
          await fileSyncMayGo;
        }
        await realSyncs.background(fd);
      },
      now(fd) {
        events.push(`${nameOf(fd)} synced now, rows ${copiedSize()}`);
        realSyncs.now(fd);
      },
    };
    const checkpoints = startBackgroundCheckpoints(connection, 10, files);
    try {
      const copied = checkpoints.nextCheckpoint();
      writeMegabytes(connection);
      const before = logHeader();
      await fileSyncIsAsked;
      // The log was synced (in the background, then for what came meanwhile) before any page reached the file.
      expect(events).toEqual(['log synced in the background, rows not copied', 'log synced now, rows not copied', 'file synced in the background, rows copied']);
      // The whole log is in the file now, so a commit would start it over: held, it cannot while the file's sync is under way.
      connection.prepare('insert into pages (body) values (?)').run(Buffer.alloc(10));
      expect(logHeader()).toBe(before);
      letFileSyncGo();
      await copied;
      // Released once the file is durable, and made whole again: the next commit starts the log over.
      connection.prepare('insert into pages (body) values (?)').run(Buffer.alloc(10));
      expect(logHeader()).not.toBe(before);
      const reader = new SqliteDatabase(file, { readonly: true });
      expect(reader.prepare('select count(*) as count from pages').get()).toEqual({ count: 1502 });
      reader.close();
    } finally {
      letFileSyncGo();
      await checkpoints.close();
      connection.close();
    }
  });

  it('hands checkpoints back to SQLite when the disk refuses to sync the log', async () => {
    const connection = openServing();
    const refused: FileSync = { background: () => Promise.reject(new Error('EIO: i/o error, fdatasync')), now: realSyncs.now };
    const checkpoints = startBackgroundCheckpoints(connection, 10, refused);
    try {
      writeMegabytes(connection);
      await checkpoints.stopped();
      expect(checkpoints.stats()).toMatchObject({ running: false, checkpoints: 0 });
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // Nothing had been copied, so nothing is held: SQLite's own checkpoint (in this commit) copies the log.
      connection.prepare('insert into pages (body) values (?)').run(Buffer.alloc(10));
      expect(statSync(file).size).toBeGreaterThan(1_000_000);
    } finally {
      await checkpoints.close();
      connection.close();
    }
  });

  it('keeps the log from starting over when the file cannot be made durable', async () => {
    const connection = openServing();
    const fileRefused: FileSync = {
      background: (fd) => (nameOf(fd) === 'file' ? Promise.reject(new Error('EIO: i/o error, fdatasync')) : realSyncs.background(fd)),
      now: realSyncs.now,
    };
    const checkpoints = startBackgroundCheckpoints(connection, 10, fileRefused);
    try {
      writeMegabytes(connection);
      const before = logHeader();
      await checkpoints.stopped();
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // The copied pages may not be on the disk: the log keeps them (a power loss recovers from it) however many commits follow.
      for (let index = 0; index < 3; index += 1) connection.prepare('insert into pages (body) values (?)').run(Buffer.alloc(10));
      expect(logHeader()).toBe(before);
    } finally {
      await checkpoints.close();
      connection.close();
    }
  });

  it('runs for a served database and stops before it closes, so the log is removed at close', async () => {
    const handle = openDatabase(`sqlite:${file}`, { sqliteCheckpointMs: 10 });
    const db = handle.db as unknown as Kysely<{ notes: { id: number; text: string } }>;
    await sql`create table notes (id integer primary key, text text not null)`.execute(db);
    await db.insertInto('notes').values({ id: 1, text: 'kept' }).execute();
    expect(handle.checkpoints?.()).toMatchObject({ running: true });
    expect(existsSync(`${file}-wal`)).toBe(true);
    await handle.close();
    // Only the last connection to close removes the log: the rounds' connections had closed first.
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
