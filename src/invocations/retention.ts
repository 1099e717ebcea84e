import type { Database } from '../storage/db.js';
import { deleteInvocationHoursBefore } from '../storage/invocation-hours.js';
import { deleteInvocationsBefore } from '../storage/invocations.js';

const dayMs = 86_400_000;

/**
 * Days the hourly rollup is kept, whatever the log's retention: the overview
 * reads up to 720 hours, and the rollup holds counts, never caller data
 * (docs/console.md "Retention").
 */
export const rollupRetentionDays = 31;

/** Entries that arrived before this instant (epoch ms) are past retention. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * dayMs;
}

export interface InvocationPruningOptions {
  /** Days an entry is kept (`FLOWHOOKS_INVOCATION_RETENTION_DAYS`). */
  retentionDays: number;
  /** Default: the system clock. */
  clock?: () => Date;
  /** How often old entries are deleted, in ms. Default 3 600 000 (hourly); also once at start. */
  everyMs?: number;
  /** Rows deleted by one statement. Default 1000. */
  chunk?: number;
  onPruned?: (deleted: number) => void;
  onError?: (error: unknown) => void;
}

/**
 * Deletes invocation log entries past retention, and rollup hours past
 * `rollupRetentionDays`, at start and then every `everyMs`. Every node may
 * run it: deleting is idempotent.
 */
export function startInvocationPruning(db: Database, options: InvocationPruningOptions) {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<number> = Promise.resolve(0);

  const pruneNow = (): Promise<number> => {
    running = running.then(async () => {
      try {
        const now = clock().getTime();
        const deleted = await deleteInvocationsBefore(db, retentionCutoff(now, options.retentionDays), options.chunk);
        await deleteInvocationHoursBefore(db, retentionCutoff(now, rollupRetentionDays));
        if (deleted > 0) options.onPruned?.(deleted);
        return deleted;
      } catch (error) {
        options.onError?.(error);
        return 0;
      }
    });
    return running;
  };

  void pruneNow();
  const timer = setInterval(() => void pruneNow(), options.everyMs ?? 3_600_000);
  timer.unref();

  return {
    /** Deletes what is past retention now; resolves with the count. */
    pruneNow,
    /** Stops the timer and waits for a running prune. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}

export type InvocationPruning = ReturnType<typeof startInvocationPruning>;
