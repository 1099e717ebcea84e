import type { Database } from '../storage/db.js';
import { addInvocationHours } from '../storage/invocation-hours.js';
import { insertInvocations, type InvocationEntry } from '../storage/invocations.js';
import { rollUp } from './rollup.js';

export type { InvocationEntry } from '../storage/invocations.js';

export interface InvocationLogOptions {
  /** How often buffered entries are written, in ms. Default 1000. */
  flushIntervalMs?: number;
  /** Entries written by one insert; a buffer this long is written at once. Default 500. */
  batchSize?: number;
  /** Entries kept while the database does not take them; past this the oldest are dropped. Default 10 000. */
  maxBuffered?: number;
  /** Told when a batch could not be written; its entries stay buffered for the next attempt. */
  onError?: (error: unknown, buffered: number) => void;
  /** Told, at most once a flush, how many entries were dropped because the buffer was full. */
  onDropped?: (dropped: number) => void;
  /** Told after each batch written, with its size. */
  onBatch?: (size: number) => void;
}

/** Counters since the log was created. */
export interface InvocationLogStats {
  buffered: number;
  written: number;
  batches: number;
  failedBatches: number;
  dropped: number;
}

export interface InvocationLog {
  /** Buffers one entry; never waits and never throws. */
  record(entry: InvocationEntry): void;
  /** Writes everything buffered so far; resolves (never rejects) once written or failed. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
  stats(): InvocationLogStats;
}

/**
 * One batch and its hourly rollup (docs/console.md "Overview") in one
 * transaction, so the overview's counts always add up with the log's rows.
 */
async function writeBatch(db: Database, batch: readonly InvocationEntry[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertInvocations(trx, batch);
    await addInvocationHours(trx, rollUp(batch));
  });
}

/**
 * The invocation log's writer, off the request path: `record` appends to a
 * buffer; the buffer is written as multi-row inserts every `flushIntervalMs`,
 * at once when a batch is full, and on `close`. When the database fails the
 * entries stay buffered and are retried; once `maxBuffered` are waiting the
 * oldest are dropped (and counted) so a database outage costs memory that is
 * bounded, and never a webhook call.
 */
export function createInvocationLog(db: Database, options: InvocationLogOptions = {}): InvocationLog {
  const batchSize = options.batchSize ?? 500;
  const maxBuffered = Math.max(options.maxBuffered ?? 10_000, batchSize);
  let buffer: InvocationEntry[] = [];
  const counters = { written: 0, batches: 0, failedBatches: 0, dropped: 0 };
  let droppedUnreported = 0;
  // After a failed write, wait for the timer rather than retry on every call.
  let failing = false;
  let closed = false;
  let writing: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  const dropOldest = () => {
    const excess = buffer.length - maxBuffered;
    if (excess <= 0) return;
    buffer.splice(0, excess);
    counters.dropped += excess;
    droppedUnreported += excess;
  };

  const reportDropped = () => {
    if (droppedUnreported === 0) return;
    const dropped = droppedUnreported;
    droppedUnreported = 0;
    options.onDropped?.(dropped);
  };

  const writeBuffered = async () => {
    // What was buffered when the flush began. Records that arrive while it writes (each write waits for its
    // commit, a turn of the event loop on SQLite) wait for a full batch or the timer, so batches stay large.
    let left = buffer.length;
    while (left > 0 && buffer.length > 0) {
      const batch = buffer.splice(0, Math.min(batchSize, left));
      left -= batch.length;
      try {
        await writeBatch(db, batch);
      } catch (error) {
        // Back in front of anything recorded meanwhile, so the oldest are the first dropped.
        buffer = batch.concat(buffer);
        dropOldest();
        failing = true;
        counters.failedBatches += 1;
        options.onError?.(error, buffer.length);
        return;
      }
      failing = false;
      counters.written += batch.length;
      counters.batches += 1;
      options.onBatch?.(batch.length);
    }
  };

  const flush = (): Promise<void> => {
    // One flush waits behind the running one at most: it writes whatever is buffered when it starts.
    queued ??= writing.then(async () => {
      queued = undefined;
      await writeBuffered();
      reportDropped();
    });
    writing = queued;
    return queued;
  };

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 1000);
  timer.unref();

  return {
    record(entry) {
      buffer.push(entry);
      if (buffer.length > maxBuffered) dropOldest();
      if (closed || (buffer.length >= batchSize && !failing)) void flush();
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
    stats: () => ({ buffered: buffer.length, ...counters }),
  };
}
