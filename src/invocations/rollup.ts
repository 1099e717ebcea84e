import type { InvocationEntry } from '../storage/invocations.js';

/**
 * Upper bounds (ms, inclusive) of the duration buckets of the hourly rollup
 * (docs/console.md "Overview"); a last, open bucket holds everything slower.
 * Percentiles are read from these counts, so they are exact to a bucket:
 * fine steps where webhook calls are (under 25 ms), coarse ones beyond.
 */
export const durationBounds = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 25, 50, 75, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;

/** Columns `d00`…`d18` of `invocation_hours`, one a bucket. */
export const bucketColumns = Array.from({ length: durationBounds.length + 1 }, (_, index) => `d${String(index).padStart(2, '0')}`);

/** How a call ended, as the overview counts it: the answer's outcome for 2xx, else the HTTP class. */
export type OutcomeKind = 'SUCCESS' | 'FAILURE' | '4xx' | '5xx';
export const outcomeKinds: readonly OutcomeKind[] = ['SUCCESS', 'FAILURE', '4xx', '5xx'];

export function outcomeKind(httpStatus: number, outcome: 'SUCCESS' | 'FAILURE'): OutcomeKind {
  if (httpStatus >= 500) return '5xx';
  if (httpStatus >= 400) return '4xx';
  return outcome;
}

export const hourMs = 3_600_000;

/** The start of the clock hour (UTC) an instant falls in. */
export function hourOf(at: number): number {
  return Math.floor(at / hourMs) * hourMs;
}

/** The bucket (index into `bucketColumns`) of a duration. */
export function bucketOf(durationMs: number): number {
  for (let index = 0; index < durationBounds.length; index++) if (durationMs <= durationBounds[index]!) return index;
  return durationBounds.length;
}

/** One row of the hourly rollup: calls of one hour, account, method, outcome kind and error code. */
export interface HourRow {
  hour: number;
  /** 0 for calls without an account (bad token, unreadable body). */
  accountId: number;
  /** '' for calls that named no known method. */
  method: string;
  kind: OutcomeKind;
  /** '' for calls without an error code. */
  errorCode: string;
  calls: number;
  durationSumMs: number;
  /** Calls per duration bucket, `bucketColumns.length` long. */
  buckets: number[];
}

/** Adds up a batch of log entries into rollup rows (one per distinct key), for one upsert. */
export function rollUp(entries: readonly InvocationEntry[]): HourRow[] {
  const rows = new Map<string, HourRow>();
  for (const entry of entries) {
    const hour = hourOf(entry.at);
    const accountId = entry.accountId ?? 0;
    const method = entry.method ?? '';
    const kind = outcomeKind(entry.httpStatus, entry.outcome);
    const errorCode = entry.errorCode ?? '';
    const key = `${hour}\u0000${accountId}\u0000${method}\u0000${kind}\u0000${errorCode}`;
    let row = rows.get(key);
    if (!row) {
      row = { hour, accountId, method, kind, errorCode, calls: 0, durationSumMs: 0, buckets: new Array<number>(bucketColumns.length).fill(0) };
      rows.set(key, row);
    }
    row.calls += 1;
    row.durationSumMs += entry.durationMs;
    row.buckets[bucketOf(entry.durationMs)]! += 1;
  }
  return [...rows.values()];
}

/**
 * The `fraction` percentile (0.95 for p95) of the durations counted in
 * `buckets`, interpolated linearly inside its bucket; null without calls.
 * A percentile in the open last bucket reads as its lower bound (10 000 ms).
 */
export function percentile(buckets: readonly number[], fraction: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = fraction * total;
  let before = 0;
  for (let index = 0; index < buckets.length; index++) {
    const count = buckets[index]!;
    if (count > 0 && before + count >= rank) {
      const lower = index === 0 ? 0 : durationBounds[index - 1]!;
      const upper = durationBounds[index] ?? lower;
      return Math.round((lower + ((upper - lower) * (rank - before)) / count) * 100) / 100;
    }
    before += count;
  }
  return durationBounds[durationBounds.length - 1]!;
}
