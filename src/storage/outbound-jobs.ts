import { sql, type QueryCreator, type UpdateObject } from 'kysely';
import { dialectOf, type Database } from './db.js';
import type { Dialect } from './dialect.js';
import { everyColumn, inTextList, isDispatching, preparedQuery, textList, type SlotOf } from './prepared.js';
import { jobColumns } from './outbound-requests.js';
import type { Disposition, OutboundJobResultsTable, OutboundJobStatus, OutboundJobsTable, Tables } from './tables.js';

export type ClaimedJob = Pick<
  OutboundJobsTable,
  'id' | 'request_id' | 'account_id' | 'flow_id' | 'stage' | 'contact_number' | 'due_at' | 'attempts' | 'dial'
> & { execution_id: string };

/** Jobs that may still dial or still wait for an outcome; every other status is final (docs/methods/create-outbound.md). */
export const liveStatuses = ['scheduled', 'dispatching', 'paused'] as const;

export interface ClaimOptions {
  /** Identifies the dispatcher holding the lease. */
  workerId: string;
  now: number;
  leaseMs: number;
  limit: number;
}

/**
 * The jobs one kind of claim candidate reads, in due order: scheduled jobs
 * due by `now` (the (status, due_at) index), or dispatching jobs whose lease
 * ended before it (the lease index, which holds leased jobs only). Built
 * once per database inside claimQuery, so the dialect is read here.
 */
export function claimCandidates(db: Database, kind: 'due' | 'expired', now: number, limit: number) {
  return db
    .selectFrom('outbound_jobs')
    .select(['id', 'due_at'])
    .$if(kind === 'due', (query) => query.where('status', '=', 'scheduled').where('due_at', '<=', now))
    .$if(kind === 'expired', (query) => query.where('status', '=', 'dispatching').where('locked_until', '<', now))
    .orderBy('due_at')
    .limit(limit)
    .$if(dialectOf(db) === 'postgres', (query) => query.forUpdate().skipLocked());
}

/**
 * Each kind of candidate is read on its own, in due order with its own limit:
 * the due ones walk the (status, due_at) index and stop after `limit`, so a
 * claim costs the same with 100 or 100 000 jobs due (one `or` over both
 * kinds sorted every due job on every claim).
 */
const claimQuery = preparedQuery<{ workerId: string; now: number; lockedUntil: number; limit: number }, Omit<ClaimedJob, 'execution_id'>>(
  (db, slot) => {
    const candidates = (kind: 'due' | 'expired') => claimCandidates(db, kind, slot('now'), slot('limit')).as(kind);
    const oldestDue = db
      .selectFrom((eb) => eb.selectFrom(candidates('due')).select(['id', 'due_at']).unionAll(eb.selectFrom(candidates('expired')).select(['id', 'due_at'])).as('candidates'))
      .select('id')
      .orderBy('due_at')
      .limit(slot('limit'));
    return db
      .updateTable('outbound_jobs')
      .set({ status: 'dispatching', locked_by: slot('workerId'), locked_until: slot('lockedUntil'), attempts: sql<number>`attempts + 1`, updated_at: slot('now') })
      .where('id', 'in', oldestDue)
      .returning(['id', 'request_id', 'account_id', 'flow_id', 'stage', 'contact_number', 'due_at', 'attempts', 'dial']);
  },
);

/** The execution ids of the claimed jobs' requests, one statement for any count. */
const executionsQuery = preparedQuery<{ ids: unknown }, { id: string; execution_id: string }>((db, slot) =>
  db.selectFrom('outbound_requests').select(['id', 'execution_id']).where(inTextList(dialectOf(db), 'id', slot('ids'))),
);

/**
 * Leases up to `limit` jobs that are due (scheduled, due_at ≤ now) or whose
 * dispatcher's lease expired (a crashed node), oldest due first, and counts
 * the attempt. One statement: on PostgreSQL the candidate rows are locked with
 * FOR UPDATE SKIP LOCKED, so concurrent dispatchers on any number of nodes
 * take disjoint jobs without waiting for each other; SQLite runs one writer at
 * a time, which makes the same statement exclusive.
 */
export async function claimJobs(db: Database, options: ClaimOptions): Promise<ClaimedJob[]> {
  const { workerId, now, leaseMs, limit } = options;
  const { rows: claimed } = await claimQuery(db, { workerId, now, lockedUntil: now + leaseMs, limit });
  if (claimed.length === 0) return [];
  const { rows: executions } = await executionsQuery(db, { ids: textList(db, [...new Set(claimed.map((job) => job.request_id))]) });
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

/** The jobs among `ids` this dispatcher (`workerId`) still holds: each found by its id, the list one value (inTextList). */
function heldJobs(dialect: Dialect, ids: unknown, workerId: unknown) {
  return sql<boolean>`${inTextList(dialect, 'id', ids)} and locked_by = ${workerId} and ${isDispatching(dialect)}`;
}

/** finishJobs' statement, one for any count of jobs. */
const finishQuery = preparedQuery<
  { ids: unknown; workerId: string; status: OutboundJobStatus; lastError: string | null; deliveredAt: number | null; resultDueAt: number | null; finishedAt: number | null; now: number },
  { id: string }
>((db, slot) => {
  return db
    .updateTable('outbound_jobs')
    .set({
      status: slot('status'),
      last_error: slot('lastError'),
      delivered_at: slot('deliveredAt'),
      result_due_at: slot('resultDueAt'),
      finished_at: slot('finishedAt'),
      updated_at: slot('now'),
      locked_by: null,
      locked_until: null,
    })
    .where(heldJobs(dialectOf(db), slot('ids'), slot('workerId')))
    .returning('id');
});

/**
 * Ends the dispatching of jobs this dispatcher still holds, all alike, in one
 * statement (the dispatcher writes the ends of concurrent deliveries
 * together): `delivered` (waiting for its outcome until `resultDueAt`, or
 * final when that is null), `simulated` or `failed`. Answers the ids it
 * ended; a job missing from it had lost its lease (cancelled or taken over).
 */
export async function finishJobs(
  db: Database,
  jobIds: readonly string[],
  workerId: string,
  outcome: { status: 'delivered' | 'simulated' | 'failed'; lastError: string | null; resultDueAt: number | null },
  now: number,
): Promise<Set<string>> {
  const waiting = outcome.status === 'delivered' && outcome.resultDueAt !== null;
  const { rows: ended } = await finishQuery(db, {
    ids: textList(db, jobIds),
    workerId,
    status: outcome.status,
    lastError: outcome.lastError,
    deliveredAt: outcome.status === 'failed' ? null : now,
    resultDueAt: waiting ? outcome.resultDueAt : null,
    finishedAt: waiting ? null : now,
    now,
  });
  return new Set(ended.map((row) => row.id));
}

/**
 * Ends the dispatching of a job this dispatcher still holds: `delivered`
 * (waiting for its outcome until `resultDueAt`, or final when that is null),
 * `simulated` or `failed`. False when the lease was lost.
 */
export async function finishJob(
  db: Database,
  jobId: string,
  workerId: string,
  outcome: { status: 'delivered' | 'simulated' | 'failed'; lastError: string | null; resultDueAt?: number | null },
  now: number,
): Promise<boolean> {
  return (await finishJobs(db, [jobId], workerId, { ...outcome, resultDueAt: outcome.resultDueAt ?? null }, now)).has(jobId);
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
  change: { dueAt: number; lastError?: string | null; countAttempt: boolean; paused?: boolean },
  now: number,
): Promise<boolean> {
  return updateHeldJob(db, jobId, workerId, {
    status: change.paused ? 'paused' : 'scheduled',
    due_at: change.dueAt,
    ...(change.lastError !== undefined && { last_error: change.lastError }),
    ...(!change.countAttempt && { attempts: sql<number>`attempts - 1` }),
    updated_at: now,
  });
}

/**
 * Gives back the attempt a claim counted on jobs this dispatcher was still
 * delivering when it claimed them again (their lease ran out mid-delivery):
 * the delivery in flight ends them, or ended them after the claim (then no
 * one holds them). A job another dispatcher has taken since keeps its count.
 */
export async function giveBackAttempts(db: Database, jobIds: readonly string[], workerId: string): Promise<void> {
  await db
    .updateTable('outbound_jobs')
    .set({ attempts: sql<number>`attempts - 1` })
    .where(inTextList(dialectOf(db), 'id', textList(db, jobIds)))
    .where((eb) => eb.or([eb('locked_by', '=', workerId), eb('locked_by', 'is', null)]))
    .where('attempts', '>', 0)
    .execute();
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

/** What may have changed for a held job while its dispatcher waited (heldJobStanding). */
export interface HeldJobStanding {
  /** This dispatcher still holds it: not cancelled, its flow not deleted, its lease not taken over. */
  held: boolean;
  /** Its flow was paused. */
  paused: boolean;
  /** Its number is on its account's do-not-call list now. */
  listed: boolean;
}

/**
 * A held job's standing now, in one statement: read after a dispatcher held it for its flow's throttle slot,
 * so a cancel, a pause, a flow's deletion or a do-not-call listing that landed meanwhile is obeyed before the
 * dial (docs/methods/create-outbound.md).
 */
export async function heldJobStanding(db: Database, job: Pick<ClaimedJob, 'id' | 'account_id' | 'flow_id' | 'contact_number'>, workerId: string): Promise<HeldJobStanding> {
  const row = await db
    .selectFrom('outbound_jobs as job')
    .leftJoin('outbound_flows as flow', (join) => join.onRef('flow.account_id', '=', 'job.account_id').onRef('flow.flow_id', '=', 'job.flow_id'))
    .select((eb) => [
      'job.locked_by',
      'job.status',
      'flow.paused_at',
      eb.exists(eb.selectFrom('do_not_call_numbers as listed').select('listed.number').where('listed.account_id', '=', job.account_id).where('listed.number', '=', job.contact_number)).as('listed'),
    ])
    .where('job.id', '=', job.id)
    .executeTakeFirst();
  if (!row) return { held: false, paused: false, listed: false };
  return { held: row.locked_by === workerId && row.status === 'dispatching', paused: row.paused_at !== null && row.paused_at !== undefined, listed: Boolean(row.listed) };
}

/**
 * Closes held jobs as `refused`: their number is on the account's do-not-call
 * list (docs/methods/create-outbound.md). Nothing was sent, so the attempt the
 * claim counted is given back. Jobs no longer held are left alone. Returns
 * the refused jobs (for their events); run it inside a transaction.
 */
export async function refuseHeldJobs(db: Database, jobIds: readonly string[], workerId: string, now: number): Promise<OutboundJobsTable[]> {
  if (jobIds.length === 0) return [];
  const refused = await db
    .updateTable('outbound_jobs')
    .set({ status: 'refused', last_error: 'on the do-not-call list', attempts: sql<number>`attempts - 1`, locked_by: null, locked_until: null, updated_at: now, finished_at: now })
    .where(heldJobs(dialectOf(db), textList(db, jobIds), workerId))
    .returningAll()
    .execute();
  return refused.map(normalize);
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

const deliveryHour = sql<number>`(delivered_at / 3600000) * 3600000`;

/** Deliveries of the period by the hour they were delivered in, through the delivered_at index (delivered jobs only). */
export function deliveriesByHourQuery(db: Database, filter: PeriodFilter) {
  let query = db.selectFrom('outbound_jobs').select([deliveryHour.as('hour'), (eb) => eb.fn.countAll<number>().as('count')]).where('delivered_at', '>=', filter.from);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  return query.groupBy(deliveryHour);
}

/** Deliveries of the period by the hour (start, epoch ms) they were delivered in. */
export async function countDeliveriesByHour(db: Database, filter: PeriodFilter): Promise<Array<{ hour: number; count: number }>> {
  const rows = await deliveriesByHourQuery(db, filter).execute();
  return rows.map((row) => ({ hour: Number(row.hour), count: Number(row.count) }));
}

/** A job as the outcome report and the status events read it. */
export type JobRow = OutboundJobsTable & { execution_id: string; cancelled_at: number | null };

// The outcome report's statements, built once (preparedQuery): built through the query builder on every report,
// they cost more CPU than running them (docs/benchmark.md, thirteenth section).
/** The job and its request's execution id and cancel time, in one statement. */
const jobForUpdateQuery = preparedQuery<{ id: string }, JobRow>((db, slot) => {
  const query = db
    .selectFrom('outbound_jobs')
    .innerJoin('outbound_requests as request', 'request.id', 'outbound_jobs.request_id')
    .select(jobColumns.map((column) => `outbound_jobs.${column}` as const))
    .select(['request.execution_id', 'request.cancelled_at'])
    .where('outbound_jobs.id', '=', slot('id'));
  // Built once per database, so the dialect is read here: PostgreSQL locks the job's row (not its request's) until the transaction ends.
  return dialectOf(db) === 'postgres' ? query.forUpdate('outbound_jobs') : query;
});
const resultColumns = everyColumn<OutboundJobResultsTable>({ job_id: true, dial: true, disposition: true, duration_seconds: true, detail: true, reported_at: true });
/** This dial's stored report (its disposition, if any) and how often the job was reported with a disposition, in one read. */
const earlierReportsQuery = preparedQuery<{ jobId: string; dial: number; disposition: Disposition }, { earlier: Disposition | null; reported: number }>((db, slot) =>
  db.selectNoFrom((eb) => [
    eb.selectFrom('outbound_job_results').select('disposition').where('job_id', '=', slot('jobId')).where('dial', '=', slot('dial')).as('earlier'),
    eb.selectFrom('outbound_job_results').select((count) => count.fn.countAll<number>().as('count')).where('job_id', '=', slot('jobId')).where('disposition', '=', slot('disposition')).as('reported'),
  ]),
);
type ResultValues = { job_id: string; dial: number; disposition: Disposition; duration_seconds: number | null; detail: string | null; reported_at: number };
/** A dial's report; a dial reported already keeps its first report (the primary key). */
const insertResult = (creator: QueryCreator<Tables>, slot: SlotOf<ResultValues>) =>
  creator
    .insertInto('outbound_job_results')
    .values(Object.fromEntries(resultColumns.map((column) => [column, slot(column)])) as unknown as OutboundJobResultsTable)
    .onConflict((conflict) => conflict.columns(['job_id', 'dial']).doNothing());
const insertJobResultQuery = preparedQuery<ResultValues, never>(insertResult);
/** What every outcome sets on its job: the dial is over, and was delivered (the report is proof of it). */
const outcomeChanges = (slot: (name: 'disposition' | 'now' | 'deliveredAt') => unknown) =>
  ({ disposition: slot('disposition'), delivered_at: slot('deliveredAt'), result_due_at: null, locked_by: null, locked_until: null, updated_at: slot('now'), last_error: null }) as UpdateObject<Tables, 'outbound_jobs'>;
type RetryValues = { id: string; disposition: Disposition; status: OutboundJobStatus; dueAt: number; deliveredAt: number | null; now: number };
type EndValues = { id: string; disposition: Disposition; status: OutboundJobStatus; deliveredAt: number | null; now: number };
const retryChanges = (slot: (name: keyof RetryValues) => unknown) =>
  ({ ...outcomeChanges(slot), status: slot('status'), due_at: slot('dueAt'), dial: sql<number>`dial + 1`, attempts: 0 }) as UpdateObject<Tables, 'outbound_jobs'>;
const endChanges = (slot: (name: keyof EndValues) => unknown) => ({ ...outcomeChanges(slot), status: slot('status'), finished_at: slot('now') }) as UpdateObject<Tables, 'outbound_jobs'>;
const retryJobQuery = preparedQuery<RetryValues, never>((db, slot) => db.updateTable('outbound_jobs').set(retryChanges(slot)).where('id', '=', slot('id')));
const endJobQuery = preparedQuery<EndValues, never>((db, slot) => db.updateTable('outbound_jobs').set(endChanges(slot)).where('id', '=', slot('id')));
/** PostgreSQL: the dial's report stored and its job changed by one statement (one round trip); SQLite runs the two in turn. */
const resultWith = <Values extends Record<string, unknown>>(db: Database, slot: SlotOf<ResultValues & Values>) => db.with('result', (cte) => insertResult(cte, slot));
const recordRetryQuery = preparedQuery<ResultValues & RetryValues, never>((db, slot) => resultWith(db, slot).updateTable('outbound_jobs').set(retryChanges(slot)).where('id', '=', slot('id')));
const recordEndQuery = preparedQuery<ResultValues & EndValues, never>((db, slot) => resultWith(db, slot).updateTable('outbound_jobs').set(endChanges(slot)).where('id', '=', slot('id')));

/** One job with its request's execution id and cancel time; on PostgreSQL its row is locked until the transaction ends. */
export async function findJobForUpdate(db: Database, jobId: string): Promise<JobRow | undefined> {
  const [job] = (await jobForUpdateQuery(db, { id: jobId })).rows;
  return job && { ...normalize(job), execution_id: job.execution_id, cancelled_at: job.cancelled_at === null ? null : Number(job.cancelled_at) };
}

function normalize(job: OutboundJobsTable): OutboundJobsTable {
  const number = (value: number | null) => (value === null ? null : Number(value));
  return { ...job, due_at: Number(job.due_at), delivered_at: number(job.delivered_at), result_due_at: number(job.result_due_at), finished_at: number(job.finished_at) };
}

/**
 * Before a dial's report is stored: the disposition reported for that dial
 * already, if any (a repeat changes nothing), and how often the job was
 * reported with `disposition` so far (the retry policy counts them). Read
 * after the job's row is locked, so a report of the same job that committed
 * meanwhile is seen.
 */
export async function findEarlierReports(db: Database, jobId: string, dial: number, disposition: Disposition): Promise<{ earlier: Disposition | undefined; reported: number }> {
  const row = (await earlierReportsQuery(db, { jobId, dial, disposition })).rows[0];
  return { earlier: row?.earlier ?? undefined, reported: Number(row?.reported ?? 0) };
}

export interface DialReport {
  jobId: string;
  dial: number;
  disposition: Disposition;
  durationSeconds: number | null;
  detail: string | null;
}

/**
 * Stores one dial's report (a dial reported already keeps its first report: the primary key) and applies
 * its outcome to the job: the next dial (`retryAt`, attempts start again) or a final status, with
 * `deliveredAt` (the delivery's recorded time, or the report's own when the report is the only proof of
 * the delivery). Run it in the transaction that locked the job; on PostgreSQL it is one statement.
 */
export async function recordOutcome(
  db: Database,
  report: DialReport,
  change: { retryAt: number; paused: boolean } | { status: 'answered' | 'unreached' | 'cancelled' },
  now: number,
  deliveredAt: number | null,
): Promise<void> {
  const result: ResultValues = { job_id: report.jobId, dial: report.dial, disposition: report.disposition, duration_seconds: report.durationSeconds, detail: report.detail, reported_at: now };
  const job = { id: report.jobId, disposition: report.disposition, deliveredAt, now };
  if ('retryAt' in change) await storeWith(db, result, { ...job, status: change.paused ? 'paused' : 'scheduled', dueAt: change.retryAt }, recordRetryQuery, retryJobQuery);
  else await storeWith(db, result, { ...job, status: change.status }, recordEndQuery, endJobQuery);
}

/** The report with the job's change: one statement on PostgreSQL (`together`), the insert then `alone` on SQLite. */
async function storeWith<Values extends Record<string, unknown>>(
  db: Database,
  result: ResultValues,
  change: Values,
  together: (db: Database, values: ResultValues & Values) => Promise<unknown>,
  alone: (db: Database, values: Values) => Promise<unknown>,
): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await together(db, { ...result, ...change });
    return;
  }
  await insertJobResultQuery(db, result);
  await alone(db, change);
}

/**
 * Closes delivered jobs whose outcome report did not come by their
 * deadline: they stay `delivered`, final, without a disposition. At most
 * `limit`; on PostgreSQL rows another node is closing are skipped. Returns
 * the closed jobs (for their events); run it inside a transaction.
 */
export async function closeUnreportedJobs(db: Database, now: number, limit: number): Promise<OutboundJobsTable[]> {
  const candidates = overdueResultsQuery(db, now, limit).where('status', '=', 'delivered').$if(dialectOf(db) === 'postgres', (query) => query.forUpdate().skipLocked());
  const closed = await db
    .updateTable('outbound_jobs')
    .set({ result_due_at: null, finished_at: now, updated_at: now })
    .where('id', 'in', candidates)
    .where('result_due_at', 'is not', null)
    .returningAll()
    .execute();
  // Secrets kept for jobs of deleted flows verify nothing after their deadline (migration 0024).
  if (closed.length > 0) await forgetExpiredReportSecrets(db, now);
  return closed.map(normalize);
}

/** Deletes the secrets kept for jobs of deleted flows whose outcome deadline has passed (a small table: jobs waiting when their flow was deleted). */
export async function forgetExpiredReportSecrets(db: Database, now: number): Promise<void> {
  await db.deleteFrom('outbound_job_report_secrets').where('expires_at', '<=', now).execute();
}

/** Jobs whose outcome report was due by `now`, through the result_due_at index (jobs waiting for one only). */
export function overdueResultsQuery(db: Database, now: number, limit: number) {
  return db.selectFrom('outbound_jobs').select('id').where('result_due_at', '<=', now).limit(limit);
}

/** Whether any job's outcome report is overdue: one indexed look. */
export async function hasOverdueResult(db: Database, now: number): Promise<boolean> {
  return (await overdueResultsQuery(db, now, 1).executeTakeFirst()) !== undefined;
}

/** Jobs of a request in their final state, for the request's events. */
export async function listRequestJobs(db: Database, requestId: string): Promise<OutboundJobsTable[]> {
  return (await db.selectFrom('outbound_jobs').selectAll().where('request_id', '=', requestId).orderBy('position').execute()).map(normalize);
}
