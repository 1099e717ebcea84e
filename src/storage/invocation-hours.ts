import { sql } from 'kysely';
import type { Database } from './db.js';
import type { InvocationHoursTable } from './tables.js';
import { statementSlices } from './statement-slices.js';

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

type BucketColumn = Extract<keyof InvocationHoursTable, `d${number}${number}`>;
const buckets = bucketColumns as BucketColumn[];

/** One hour in ms: the rollup's grain. */
export const hourMs = 3_600_000;

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

/**
 * Adds rolled-up rows to `invocation_hours`: one upsert that inserts new keys
 * and adds to existing ones, so nodes writing the same hour at once add up
 * (the conflict is resolved by the database, row by row).
 */
export async function addInvocationHours(db: Database, rows: readonly HourRow[]): Promise<void> {
  // 500 rows of 26 values stay under PostgreSQL's 65 535 parameters a statement; SQLite takes fixed sizes.
  for (const slice of statementSlices(db, rows, 500)) await upsertHours(db, slice);
}

async function upsertHours(db: Database, rows: readonly HourRow[]): Promise<void> {
  await db
    .insertInto('invocation_hours')
    .values(
      rows.map((row) => ({
        hour: row.hour,
        account_id: row.accountId,
        method: row.method,
        kind: row.kind,
        error_code: row.errorCode,
        calls: row.calls,
        duration_sum_ms: row.durationSumMs,
        ...(Object.fromEntries(buckets.map((name, index) => [name, row.buckets[index] ?? 0])) as Record<BucketColumn, number>),
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['hour', 'account_id', 'method', 'kind', 'error_code']).doUpdateSet({
        calls: sql`invocation_hours.calls + excluded.calls`,
        duration_sum_ms: sql`invocation_hours.duration_sum_ms + excluded.duration_sum_ms`,
        ...Object.fromEntries(buckets.map((name) => [name, sql`invocation_hours.${sql.id(name)} + excluded.${sql.id(name)}`])),
      }),
    )
    .execute();
}

export interface HourFilter {
  /** First hour (epoch ms, an hour's start), inclusive. */
  from: number;
  accountId?: number;
}

export interface MethodTotals {
  method: string;
  kind: OutcomeKind;
  errorCode: string;
  calls: number;
  durationSumMs: number;
  buckets: number[];
}

/** Calls, durations and bucket counts of the period by method, outcome kind and error code. */
export async function totalsByMethod(db: Database, filter: HourFilter): Promise<MethodTotals[]> {
  let query = db
    .selectFrom('invocation_hours')
    .select(['method', 'kind', 'error_code', sql<number>`sum(calls)`.as('calls'), sql<number>`sum(duration_sum_ms)`.as('duration_sum_ms')])
    .select(buckets.map((name) => sql<number>`sum(${sql.ref(name)})`.as(name)))
    .where('hour', '>=', filter.from);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  const rows = await query.groupBy(['method', 'kind', 'error_code']).execute();
  return rows.map((row) => {
    const values = row as unknown as Record<string, unknown>;
    return {
      method: row.method,
      kind: row.kind,
      errorCode: row.error_code,
      calls: Number(row.calls),
      durationSumMs: Number(row.duration_sum_ms),
      buckets: buckets.map((name) => Number(values[name])),
    };
  });
}

/** Calls of the period by hour and outcome kind. */
export async function callsByHour(db: Database, filter: HourFilter): Promise<Array<{ hour: number; kind: OutcomeKind; calls: number }>> {
  let query = db
    .selectFrom('invocation_hours')
    .select(['hour', 'kind', sql<number>`sum(calls)`.as('calls')])
    .where('hour', '>=', filter.from);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  const rows = await query.groupBy(['hour', 'kind']).execute();
  return rows.map((row) => ({ hour: Number(row.hour), kind: row.kind, calls: Number(row.calls) }));
}

/** Deletes hours that started before `cutoff`; returns how many rows went. */
export async function deleteInvocationHoursBefore(db: Database, cutoff: number): Promise<number> {
  const result = await db.deleteFrom('invocation_hours').where('hour', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
