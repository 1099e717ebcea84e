import { sql, type UpdateObject } from 'kysely';
import type { Database, Dialect } from './db.js';
import type { OutboundJobStatus, OutboundJobsTable, Tables } from './tables.js';

export type ClaimedJob = Pick<
  OutboundJobsTable,
  'id' | 'request_id' | 'account_id' | 'flow_id' | 'stage' | 'contact_number' | 'due_at' | 'attempts'
> & { execution_id: string };

export interface ClaimOptions {
  /** Identifies the dispatcher holding the lease. */
  workerId: string;
  now: number;
  leaseMs: number;
  limit: number;
}

/**
 * Leases up to `limit` jobs that are due (scheduled, due_at ≤ now) or whose
 * dispatcher's lease expired (a crashed node), oldest due first, and counts
 * the attempt. One statement: on PostgreSQL the candidate rows are locked with
 * FOR UPDATE SKIP LOCKED, so concurrent dispatchers on any number of nodes
 * take disjoint jobs without waiting for each other; SQLite runs one writer at
 * a time, which makes the same statement exclusive.
 */
export async function claimJobs(db: Database, dialect: Dialect, options: ClaimOptions): Promise<ClaimedJob[]> {
  const { workerId, now, leaseMs, limit } = options;
  const candidates = db
    .selectFrom('outbound_jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'scheduled'), eb('due_at', '<=', now)]),
        eb.and([eb('status', '=', 'dispatching'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('due_at')
    .limit(limit)
    .$if(dialect === 'postgres', (query) => query.forUpdate().skipLocked());
  const claimed = await db
    .updateTable('outbound_jobs')
    .set({ status: 'dispatching', locked_by: workerId, locked_until: now + leaseMs, attempts: sql<number>`attempts + 1`, updated_at: now })
    .where('id', 'in', candidates)
    .returning(['id', 'request_id', 'account_id', 'flow_id', 'stage', 'contact_number', 'due_at', 'attempts'])
    .execute();
  if (claimed.length === 0) return [];
  const executions = await db
    .selectFrom('outbound_requests')
    .select(['id', 'execution_id'])
    .where('id', 'in', [...new Set(claimed.map((job) => job.request_id))])
    .execute();
  const executionOf = new Map(executions.map((row) => [row.id, row.execution_id]));
  return claimed
    .map((job) => ({ ...job, due_at: Number(job.due_at), execution_id: executionOf.get(job.request_id) ?? job.request_id }))
    .sort((a, b) => a.due_at - b.due_at);
}

/** Changes a job only while this dispatcher still holds it; false when the lease was lost (cancelled or taken over). */
async function updateHeldJob(db: Database, jobId: string, workerId: string, changes: UpdateObject<Tables, 'outbound_jobs'>): Promise<boolean> {
  const result = await db
    .updateTable('outbound_jobs')
    .set({ ...changes, locked_by: null, locked_until: null })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'dispatching')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The final state of a job this dispatcher still holds. False when the lease was lost. */
export function finishJob(
  db: Database,
  jobId: string,
  workerId: string,
  outcome: { status: 'delivered' | 'simulated' | 'failed'; lastError: string | null },
  now: number,
): Promise<boolean> {
  return updateHeldJob(db, jobId, workerId, {
    status: outcome.status,
    last_error: outcome.lastError,
    delivered_at: outcome.status === 'failed' ? null : now,
    updated_at: now,
  });
}

/**
 * Puts a held job back as scheduled, due at `dueAt`. `countAttempt` false
 * gives back the attempt the claim counted (calling window, throttle,
 * shutdown: nothing was sent).
 */
export function rescheduleJob(
  db: Database,
  jobId: string,
  workerId: string,
  change: { dueAt: number; lastError?: string | null; countAttempt: boolean },
  now: number,
): Promise<boolean> {
  return updateHeldJob(db, jobId, workerId, {
    status: 'scheduled',
    due_at: change.dueAt,
    ...(change.lastError !== undefined && { last_error: change.lastError }),
    ...(!change.countAttempt && { attempts: sql<number>`attempts - 1` }),
    updated_at: now,
  });
}

/**
 * Puts back every job a dispatcher still holds (its shutdown), giving back the
 * attempt the claim counted, so other nodes may take them at once instead of
 * after the lease.
 */
export async function releaseLeases(db: Database, workerId: string, now: number): Promise<number> {
  const result = await db
    .updateTable('outbound_jobs')
    .set({ status: 'scheduled', locked_by: null, locked_until: null, attempts: sql<number>`attempts - 1`, updated_at: now })
    .where('locked_by', '=', workerId)
    .where('status', '=', 'dispatching')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface LiveJobCounts {
  scheduled: number;
  dispatching: number;
  /** Scheduled and due by `now`: waiting for a dispatcher. */
  due: number;
}

/** Jobs not yet finished, read through the (status, due_at) index; finished jobs are never scanned. */
export async function countLiveJobs(db: Database, now: number): Promise<LiveJobCounts> {
  const [byStatus, due] = await Promise.all([
    db
      .selectFrom('outbound_jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
      .where('status', 'in', ['scheduled', 'dispatching'])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('outbound_jobs')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('status', '=', 'scheduled')
      .where('due_at', '<=', now)
      .executeTakeFirstOrThrow(),
  ]);
  const count = (status: string) => Number(byStatus.find((row) => row.status === status)?.count ?? 0);
  return { scheduled: count('scheduled'), dispatching: count('dispatching'), due: Number(due.count) };
}

/**
 * Closes held jobs as `refused`: their number is on the account's do-not-call
 * list (docs/methods/create-outbound.md). Nothing was sent, so the attempt the
 * claim counted is given back. Jobs no longer held are left alone.
 */
export async function refuseHeldJobs(db: Database, jobIds: readonly string[], workerId: string, now: number): Promise<number> {
  if (jobIds.length === 0) return 0;
  const result = await db
    .updateTable('outbound_jobs')
    .set({ status: 'refused', last_error: 'on the do-not-call list', attempts: sql<number>`attempts - 1`, locked_by: null, locked_until: null, updated_at: now })
    .where('id', 'in', jobIds)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'dispatching')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface PeriodFilter {
  /** From this instant (epoch ms) on. */
  from: number;
  accountId?: number;
}

/** Jobs made in the period by their status now (console overview); reads the created_at index. */
export async function countJobsByStatus(db: Database, filter: PeriodFilter): Promise<Array<{ status: OutboundJobStatus; count: number }>> {
  let query = db.selectFrom('outbound_jobs').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).where('created_at', '>=', filter.from);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  const rows = await query.groupBy('status').execute();
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}

/** Deliveries of the period by the hour (start, epoch ms) they were delivered in; reads the delivered_at index. */
export async function countDeliveriesByHour(db: Database, filter: PeriodFilter): Promise<Array<{ hour: number; count: number }>> {
  const hour = sql<number>`(delivered_at / 3600000) * 3600000`;
  let query = db.selectFrom('outbound_jobs').select([hour.as('hour'), (eb) => eb.fn.countAll<number>().as('count')]).where('delivered_at', '>=', filter.from);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  const rows = await query.groupBy(hour).execute();
  return rows.map((row) => ({ hour: Number(row.hour), count: Number(row.count) }));
}
