import { bucketColumns, durationBounds, hourMs, type HourRow, type OutcomeKind } from '../storage/invocation-hours.js';
import type { InvocationEntry } from '../storage/invocations.js';

export function outcomeKind(httpStatus: number, outcome: 'SUCCESS' | 'FAILURE'): OutcomeKind {
  if (httpStatus >= 500) return '5xx';
  if (httpStatus >= 400) return '4xx';
  return outcome;
}

/** The start of the clock hour (UTC) an instant falls in. */
export function hourOf(at: number): number {
  return Math.floor(at / hourMs) * hourMs;
}

/** The bucket (index into `bucketColumns`) of a duration. */
export function bucketOf(durationMs: number): number {
  for (let index = 0; index < durationBounds.length; index++) if (durationMs <= durationBounds[index]!) return index;
  return durationBounds.length;
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
