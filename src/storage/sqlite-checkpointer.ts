import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** What the background checkpoints have done since the database was opened (`/metrics`, tests). */
export interface CheckpointStats {
  /** Checkpoints that copied frames of the write-ahead log into the database file. */
  checkpoints: number;
  /** Frames in the write-ahead log at the last checkpoint (4 KiB pages). */
  walFrames: number;
  /** False once the checkpoint thread has stopped on its own; SQLite then checkpoints inside commits again. */
  running: boolean;
}

export interface BackgroundCheckpoints {
  stats(): CheckpointStats;
  /** Resolves at the next checkpoint that copies frames (tests, and anyone waiting for the file to catch up). */
  nextCheckpoint(): Promise<CheckpointStats>;
  /** Resolves once the thread has stopped, asked to or on its own. */
  stopped(): Promise<void>;
  /** Stops the thread and closes its connection; the caller's connection closes after it. */
  close(): Promise<void>;
}

/**
 * The write-ahead log a commit may leave before SQLite checkpoints inside it
 * anyway (4 KiB pages, about 40 MiB): the backstop that bounds the log if the
 * thread falls behind. SQLite's own default is 1 000.
 */
export const backstopFrames = 10_000;
/** SQLite's default, restored when the thread stops on its own. */
const sqliteDefaultFrames = 1_000;
/** After a burst the log file is cut back to this size when it starts over. */
const walSizeLimitBytes = 16 * 1024 * 1024;

/**
 * The thread's code (a string: it runs the same from the compiled service and
 * from the tests' TypeScript). Its own connection runs a PASSIVE checkpoint every
 * interval: it copies what the log holds into the database file without waiting
 * for, or making wait, any reader or writer. A busy checkpoint is tried again at
 * the next interval (busy_timeout 0); NORMAL syncs the log before the copy and
 * the file after it, as SQLite's own checkpoints do.
 */
const threadCode = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('synchronous = NORMAL');
let copied = 0;
let timer;
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.checkpointed > 0 && result.checkpointed !== copied) parentPort.postMessage({ walFrames: result.log });
    copied = result.checkpointed;
  } catch {
    // A checkpoint SQLite refuses (the backstop's running): the next interval tries again.
  }
  timer = setTimeout(checkpoint, workerData.intervalMs);
};
timer = setTimeout(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints off the event loop (docs/deploying.md "SQLite"). In WAL mode
 * SQLite checkpoints inside the commit that leaves the log 1 000 pages long:
 * it copies those pages into the database file and syncs both files, and the
 * event loop waits, so every call in flight waits (docs/benchmark.md, ninth
 * section: the longest commits). Here a thread of its own, with its own
 * connection, copies the log every `intervalMs`; the serving connection only
 * checkpoints if the log reaches `backstopFrames`.
 */
export function startBackgroundCheckpoints(connection: SqliteDatabase.Database, intervalMs: number): BackgroundCheckpoints {
  connection.pragma(`wal_autocheckpoint = ${backstopFrames}`);
  connection.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
  const counts: CheckpointStats = { checkpoints: 0, walFrames: 0, running: true };
  let waiting: Array<(stats: CheckpointStats) => void> = [];
  let closing = false;
  const worker = new Worker(threadCode, {
    eval: true,
    workerData: { file: connection.name, intervalMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  // The thread never keeps the process alive; close() ends it.
  worker.unref();
  worker.on('message', (message: { walFrames: number }) => {
    counts.checkpoints += 1;
    counts.walFrames = message.walFrames;
    const told = waiting;
    waiting = [];
    for (const resolve of told) resolve({ ...counts });
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // A thread that could not start or stopped on its own: SQLite checkpoints inside commits again.
  worker.once('error', () => undefined);
  void exited.then(() => {
    counts.running = false;
    if (!closing && connection.open) connection.pragma(`wal_autocheckpoint = ${sqliteDefaultFrames}`);
  });
  return {
    stats: () => ({ ...counts }),
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    stopped: () => exited,
    async close() {
      closing = true;
      if (counts.running) worker.postMessage('close');
      await exited;
    },
  };
}
