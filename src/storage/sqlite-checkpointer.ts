import { closeSync, existsSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

/** What the background checkpoints have done since the database was opened (`/metrics`, tests). */
export interface CheckpointStats {
  /** Checkpoints that copied frames of the write-ahead log into the database file. */
  checkpoints: number;
  /** Frames in the write-ahead log at the last checkpoint (4 KiB pages). */
  walFrames: number;
  /** False once the background checkpoints have stopped on their own; SQLite then checkpoints inside commits again. */
  running: boolean;
}

export interface BackgroundCheckpoints {
  stats(): CheckpointStats;
  /** Resolves at the next checkpoint that copies frames (tests, and anyone waiting for the file to catch up). */
  nextCheckpoint(): Promise<CheckpointStats>;
  /** Resolves once the checkpoints have stopped, asked to or on their own. */
  stopped(): Promise<void>;
  /** Stops them (after a round under way) and closes their connections; the caller's connection closes after them. */
  close(): Promise<void>;
}

/** How the file system is told to make a file's written bytes durable: Node's `fdatasync`, or a test's. */
export interface FileSync {
  /** On libuv's thread pool: the event loop goes on meanwhile. */
  background(fd: number): Promise<void>;
  /** On the calling thread. */
  now(fd: number): void;
}

const nodeFileSync: FileSync = {
  background: (fd) => new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve()))),
  now: (fd) => fdatasyncSync(fd),
};

/**
 * The write-ahead log a commit may leave before SQLite checkpoints inside it
 * anyway (4 KiB pages, about 40 MiB): the backstop that bounds the log if the
 * background checkpoints fall behind. SQLite's own default is 1 000.
 */
export const backstopFrames = 10_000;
/** SQLite's default, restored when the background checkpoints stop on their own. */
const sqliteDefaultFrames = 1_000;
/** A log this long (SQLite's own checkpoint point) is made to start over at the end of a round (step 5). */
const restartFrames = sqliteDefaultFrames;
/** After a burst the log file is cut back to this size when it starts over. */
const walSizeLimitBytes = 16 * 1024 * 1024;

/**
 * Checkpoints whose waits are off the event loop (docs/deploying.md "SQLite").
 *
 * In WAL mode SQLite checkpoints inside the commit that leaves the log 1 000
 * pages long: it syncs the log, copies its pages into the database file and
 * syncs the file, and the event loop waits for both syncs — on this kind of
 * disk about 11 ms a checkpoint, a tenth of a busy writer's time
 * (docs/benchmark.md, seventeenth section). The copying itself is cheap.
 *
 * So every `intervalMs` a round runs on the event loop with two connections
 * of its own, and does the syncs on libuv's thread pool:
 *
 * 1. the log is synced in the background (most of its new pages reach the disk);
 * 2. at once, on the event loop (no commit can come between): the log is synced
 *    again, which now waits only for the pages written during step 1; a read
 *    transaction is begun on the holding connection; the checkpointing
 *    connection (`synchronous = OFF`: it syncs nothing itself) copies the log
 *    into the database file. Every page it copies is already durable in the log;
 * 3. the database file is synced in the background;
 * 4. the read transaction ends;
 * 5. when the log has reached 1 000 pages, in the same turn: the pages written
 *    during step 3 are copied with SQLite's own syncs (only those pages are left
 *    to sync), so that the whole log is in the file and the next commit starts
 *    it over instead of making it longer.
 *
 * The read transaction keeps any writer from starting the log over (SQLite
 * restarts a log only when no reader is using it) until the copied pages are
 * durable in the file: until then a power loss recovers from the log, as
 * after SQLite's own checkpoints. The serving connection checkpoints itself
 * only past `backstopFrames` (rounds that fell behind, or a log that never
 * stands still long enough to start over: that checkpoint has only the last
 * round's tail left to copy). A round that fails (a sync refused by the disk)
 * stops the rounds and hands checkpoints back to SQLite; the log is released
 * only once the file is durable.
 */
export function startBackgroundCheckpoints(connection: SqliteDatabase.Database, intervalMs: number, files: FileSync = nodeFileSync): BackgroundCheckpoints {
  const file = connection.name;
  const holder = new SqliteDatabase(file, { fileMustExist: true });
  const checkpointer = new SqliteDatabase(file, { fileMustExist: true });
  for (const helper of [holder, checkpointer]) {
    helper.pragma('busy_timeout = 0');
    // Neither reads more than the schema's first page.
    helper.pragma('cache_size = -64');
  }
  checkpointer.pragma('synchronous = OFF');
  const beginHolding = holder.prepare('begin');
  const holdLog = holder.prepare('select count(*) from sqlite_master');
  const endHolding = holder.prepare('commit');
  connection.pragma(`wal_autocheckpoint = ${backstopFrames}`);
  connection.pragma(`journal_size_limit = ${walSizeLimitBytes}`);

  const counts: CheckpointStats = { checkpoints: 0, walFrames: 0, running: true };
  let waiting: Array<(stats: CheckpointStats) => void> = [];
  let copied = 0;
  let logFd: number | undefined;
  const databaseFd = openSync(file, 'r');
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;
  let closing = false;
  let endStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (endStopped = resolve));

  const tail = () => {
    checkpointer.pragma('synchronous = NORMAL');
    try {
      checkpointer.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      checkpointer.pragma('synchronous = OFF');
    }
  };

  /** One round (steps above); false when nothing was there to copy. */
  const checkpoint = async (): Promise<boolean> => {
    // The log exists from the first transaction after WAL mode was set; until then there is nothing to copy.
    if (logFd === undefined) {
      if (!existsSync(`${file}-wal`)) return false;
      logFd = openSync(`${file}-wal`, 'r');
    }
    await files.background(logFd);
    if (closing) return false;
    files.now(logFd);
    // Until a copy is made the log may be released whatever happens; after it, only once the file is durable.
    let releasable = true;
    try {
      beginHolding.run();
      holdLog.get();
      releasable = false;
      const [result] = checkpointer.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      if (!result || result.checkpointed === 0) {
        releasable = true;
        return false;
      }
      // Refused, the sync is not tried again (after a failed sync the kernel may report the next one done with the
      // pages lost): the log stays held, so no commit can start it over, and SQLite's own checkpoints cannot pass it.
      await files.background(databaseFd);
      releasable = true;
      endHolding.run();
      // The pages written during the file's sync, copied with SQLite's own syncs (only they are left to sync), in the
      // same turn as the release: the log is then whole in the file, and the next commit starts it over.
      if (result.log >= restartFrames) tail();
      const fresh = result.checkpointed !== copied || result.log !== counts.walFrames;
      copied = result.checkpointed;
      if (fresh) {
        counts.checkpoints += 1;
        counts.walFrames = result.log;
      }
      return fresh;
    } finally {
      if (releasable && holder.inTransaction) endHolding.run();
    }
  };

  const stop = () => {
    if (!counts.running) return;
    counts.running = false;
    clearTimeout(timer);
    if (!closing && connection.open) connection.pragma(`wal_autocheckpoint = ${sqliteDefaultFrames}`);
    endStopped();
  };

  /** A round, then the next one; a round that throws (a sync the disk refused) hands checkpoints back to SQLite. */
  const runRound = async () => {
    try {
      if (await checkpoint()) {
        const told = waiting;
        waiting = [];
        for (const resolve of told) resolve({ ...counts });
      }
    } catch {
      stop();
      return;
    }
    if (!closing) schedule();
  };

  const schedule = () => {
    timer = setTimeout(() => (round = runRound()), intervalMs);
    // The rounds never keep the process alive; close() ends them.
    timer.unref();
  };
  schedule();

  return {
    stats: () => ({ ...counts }),
    nextCheckpoint: () => new Promise((resolve) => waiting.push(resolve)),
    stopped: () => stopped,
    async close() {
      closing = true;
      clearTimeout(timer);
      await round;
      stop();
      holder.close();
      checkpointer.close();
      if (logFd !== undefined) closeSync(logFd);
      closeSync(databaseFd);
    },
  };
}
