import { sql } from 'kysely';
import { groupWriteFor } from '../kernel/group-write.js';
import { unfinishedJobCondition } from './migrations/0019-unfinished-jobs.js';
import { dialectOf, type Database } from './db.js';
import type { Dialect } from './dialect.js';
import type { Disposition, OutboundJobStatus, OutboundJobsTable, OutboundRequestsTable } from './tables.js';
import { slices, sqliteRowsPerStatement } from './statement-slices.js';
import { arrayParam, columnArrays, everyColumn, inTextList, listValues, preparedQuery, preparedQueryPerCount, sliceBounds, slotList, textList } from './prepared.js';

export interface NewOutboundRequest {
  id: string;
  executionId: string;
  accountId: number;
  flowId: string;
  stage: 'prod' | 'test';
  idempotencyKey: string | null;
  /** The outputs answered, replayed for a repeated idempotency key. */
  answer: Array<{ name: string; value: string }>;
  /** One job a number, E.164. */
  contactNumbers: string[];
  dueAt: number;
  jobIds: string[];
  /** Jobs of a paused flow are stored `paused`. */
  paused?: boolean;
}

/** Request and per-number status as the management API shows them. */
export interface OutboundRequestStatus {
  id: string;
  uuid: string;
  accountId: number;
  flowId: string;
  stage: 'prod' | 'test';
  /** `pending` while a job may still run, `completed` when none can, `cancelled` after a cancel. */
  status: 'pending' | 'completed' | 'cancelled';
  createdAt: string;
  cancelledAt: string | null;
  completedAt: string | null;
  jobs: Array<{
    id: string;
    contactNumber: string;
    dueAt: string;
    status: OutboundJobStatus;
    /** The current dial: 1, then one more for each retry by disposition. */
    attempt: number;
    /** Delivery attempts of the current dial. */
    attempts: number;
    disposition: Disposition | null;
    /** True while a delivered job waits for its outcome report. */
    awaitingResult: boolean;
    lastError: string | null;
    deliveredAt: string | null;
    finishedAt: string | null;
    /** Every outcome report, first dial first. */
    outcomes: Array<{ attempt: number; disposition: Disposition; durationSeconds: number | null; detail: string | null; reportedAt: string }>;
  }>;
}

const openStatuses: OutboundJobStatus[] = ['scheduled', 'dispatching', 'paused'];

// The inserts of a request and of its jobs in slices of 1, 10 and 100 rows (SQLite, src/storage/statement-slices.ts),
// built once: building them cost createOutbound more than a third of its statements' own time.
const requestColumns = everyColumn<OutboundRequestsTable>({
  id: true, execution_id: true, account_id: true, flow_id: true, stage: true, idempotency_key: true, answer: true, created_at: true, cancelled_at: true, completed_at: true,
});
const insertRequestRow = preparedQuery<OutboundRequestsTable & Record<string, unknown>, never>((db, slot) =>
  db.insertInto('outbound_requests').values(Object.fromEntries(requestColumns.map((column) => [column, slot(column)])) as unknown as OutboundRequestsTable),
);
export const jobColumns = everyColumn<OutboundJobsTable>({
  id: true, request_id: true, account_id: true, flow_id: true, stage: true, contact_number: true, position: true, due_at: true, status: true, attempts: true, last_error: true,
  locked_by: true, locked_until: true, delivered_at: true, dial: true, disposition: true, result_due_at: true, finished_at: true, created_at: true, updated_at: true,
});
/** `count` job rows: each column a list of slots (`statusI`, …). */
const insertJobRows = preparedQueryPerCount<never>(100, (count) => (db, slot) => {
  const lists = jobColumns.map((column) => [column, slotList(slot, column, count)] as const);
  return db
    .insertInto('outbound_jobs')
    .values(Array.from({ length: count }, (_, index) => Object.fromEntries(lists.map(([column, list]) => [column, list[index]])) as unknown as OutboundJobsTable));
});

/** A request as the PostgreSQL statement below takes it: its jobs' numbers and ids, and what every job copies. */
interface RequestWithJobs {
  id: string; executionId: string; accountId: number; flowId: string; stage: string; idempotencyKey: string | null; answer: string;
  now: number; dueAt: number; status: OutboundJobStatus; jobIds: string[]; numbers: string[];
}

/**
 * PostgreSQL: requests and all their jobs in one prepared statement, whatever
 * their count: the requests inserted in a WITH clause, one array a column
 * (`unnest … with ordinality`); the jobs of all of them as two arrays (ids and
 * numbers), each request reading its slice `[first:last]`, every other column
 * the request's. A 1000-number request built as 500-row inserts sent 20 000
 * parameters through the query builder and cost its client 30-175 ms
 * (docs/benchmark.md "Round trips on PostgreSQL").
 */
const insertRequestsWithJobsPostgres = preparedQuery<
  {
    ids: string[]; executionIds: string[]; accountIds: number[]; flowIds: string[]; stages: string[]; idempotencyKeys: Array<string | null>; answers: string[];
    nows: number[]; dueAts: number[]; statuses: OutboundJobStatus[]; firsts: number[]; lasts: number[]; jobIds: string[]; numbers: string[];
  },
  never
>(
  (_db, slot) => sql`with given as (
      select * from unnest(${arrayParam(slot('ids'), 'text')}, ${arrayParam(slot('executionIds'), 'text')}, ${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('flowIds'), 'text')},
        ${arrayParam(slot('stages'), 'text')}, ${arrayParam(slot('idempotencyKeys'), 'text')}, ${arrayParam(slot('answers'), 'text')}, ${arrayParam(slot('nows'), 'bigint')}, ${arrayParam(slot('dueAts'), 'bigint')},
        ${arrayParam(slot('statuses'), 'text')}, ${arrayParam(slot('firsts'), 'integer')}, ${arrayParam(slot('lasts'), 'integer')})
        with ordinality as given(id, execution_id, account_id, flow_id, stage, idempotency_key, answer, now, due_at, status, first, last, position)
    ), request as (
      insert into outbound_requests (id, execution_id, account_id, flow_id, stage, idempotency_key, answer, created_at, cancelled_at, completed_at)
      select id, execution_id, account_id, flow_id, stage, idempotency_key, answer, now, null, null from given order by position
    )
    insert into outbound_jobs (id, request_id, account_id, flow_id, stage, contact_number, position, due_at, status, attempts, last_error, locked_by, locked_until,
      delivered_at, dial, disposition, result_due_at, finished_at, created_at, updated_at)
    select job.id, given.id, given.account_id, given.flow_id, given.stage, job.contact_number, (job.position - 1)::integer,
      given.due_at, given.status, 0, null, null, null, null, 1, null, null, null, given.now, given.now
    from given cross join lateral unnest((${slot('jobIds')}::text[])[given.first:given.last], (${slot('numbers')}::text[])[given.first:given.last])
      with ordinality as job(id, contact_number, position)
    order by given.position, job.position`,
);

/**
 * Several calls' requests as one statement (above): one round trip and one
 * commit instead of one each. Inside a transaction it is sent for its one
 * request alone.
 */
async function insertRequestsPostgres(db: Database, requests: readonly RequestWithJobs[]): Promise<void[]> {
  await insertRequestsWithJobsPostgres(db, {
    ...columnArrays(requests, { ids: 'id', executionIds: 'executionId', accountIds: 'accountId', flowIds: 'flowId', stages: 'stage', idempotencyKeys: 'idempotencyKey', answers: 'answer', nows: 'now', dueAts: 'dueAt', statuses: 'status' }),
    ...sliceBounds(requests.map((request) => request.numbers.length)),
    jobIds: requests.flatMap((request) => request.jobIds),
    numbers: requests.flatMap((request) => request.numbers),
  });
  return requests.map(() => undefined);
}
const writeOnPostgres = groupWriteFor('outbound_request', insertRequestsPostgres);

/**
 * Stores the request and one scheduled job a number, together or not at all:
 * inside the caller's transaction when given one, else in one of its own;
 * on PostgreSQL as one statement (above), outside a transaction with the
 * requests of calls that arrive together (docs/deploying.md "Topology");
 * either way the promise settles once it has committed.
 */
export async function insertOutboundRequest(db: Database, request: NewOutboundRequest, now: number): Promise<void> {
  const status: OutboundJobStatus = request.paused ? 'paused' : 'scheduled';
  const answer = JSON.stringify(request.answer);
  if (dialectOf(db) === 'postgres' && request.contactNumbers.length > 0) {
    const { id, executionId, accountId, flowId, stage, idempotencyKey, dueAt, jobIds, contactNumbers: numbers } = request;
    const values: RequestWithJobs = { id, executionId, accountId, flowId, stage, idempotencyKey, answer, now, dueAt, status, jobIds, numbers };
    await (db.isTransaction ? insertRequestsPostgres(db, [values]) : writeOnPostgres(db, values));
    return;
  }
  const requestRow: OutboundRequestsTable = {
    id: request.id,
    execution_id: request.executionId,
    account_id: request.accountId,
    flow_id: request.flowId,
    stage: request.stage,
    idempotency_key: request.idempotencyKey,
    answer,
    created_at: now,
    cancelled_at: null,
    completed_at: null,
  };
  const jobs: OutboundJobsTable[] = request.contactNumbers.map((contactNumber, index) => ({
    id: request.jobIds[index] as string,
    request_id: request.id,
    account_id: request.accountId,
    flow_id: request.flowId,
    stage: request.stage,
    contact_number: contactNumber,
    position: index,
    due_at: request.dueAt,
    status,
    attempts: 0,
    last_error: null,
    locked_by: null,
    locked_until: null,
    delivered_at: null,
    dial: 1,
    disposition: null,
    result_due_at: null,
    finished_at: null,
    created_at: now,
    updated_at: now,
  }));
  const insert = async (trx: Database) => {
    await insertRequestRow(trx, requestRow as OutboundRequestsTable & Record<string, unknown>);
    for (const slice of slices(jobs, sqliteRowsPerStatement)) {
      const values: Record<string, unknown> = {};
      for (const column of jobColumns) listValues(values, column, slice.map((job) => job[column]));
      await insertJobRows(slice.length)(trx, values);
    }
  };
  await (db.isTransaction ? insert(db) : db.transaction().execute(insert));
}

/**
 * The request an idempotency key names in an account's stage, with its stored answer: keys are
 * per account and stage (unique index `outbound_requests_stage_key`, migration 0023), so a test
 * call never replays a production request, nor the reverse.
 */
export async function findRequestByKey(
  db: Database,
  accountId: number,
  stage: 'prod' | 'test',
  idempotencyKey: string,
): Promise<{ id: string; flowId: string; createdAt: number; answer: Array<{ name: string; value: string }> } | undefined> {
  const row = await db
    .selectFrom('outbound_requests')
    .select(['id', 'flow_id', 'created_at', 'answer'])
    .where('account_id', '=', accountId)
    .where('stage', '=', stage)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row ? { id: row.id, flowId: row.flow_id, createdAt: Number(row.created_at), answer: JSON.parse(row.answer) } : undefined;
}

/** The numbers a request scheduled (E.164, one a job): read only when a repeated idempotency key is checked. */
export async function findRequestNumbers(db: Database, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom('outbound_jobs').select('contact_number').where('request_id', '=', requestId).execute();
  return rows.map((row) => row.contact_number);
}

/** Frees an expired idempotency key for a new request; the old request keeps its history. */
export async function releaseIdempotencyKey(db: Database, requestId: string): Promise<void> {
  await db.updateTable('outbound_requests').set({ idempotency_key: null }).where('id', '=', requestId).execute();
}

export async function findOutboundRequest(db: Database, id: string): Promise<OutboundRequestStatus | undefined> {
  const request = await db.selectFrom('outbound_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) return undefined;
  const jobs = await db.selectFrom('outbound_jobs').selectAll().where('request_id', '=', id).orderBy('position').execute();
  const results = jobs.length
    ? await db.selectFrom('outbound_job_results').selectAll().where('job_id', 'in', jobs.map((job) => job.id)).orderBy('dial').execute()
    : [];
  return toStatus(request, jobs, results);
}

/** One outbound request in a list: its jobs counted by status instead of listed. */
export type OutboundRequestSummary = Omit<OutboundRequestStatus, 'jobs'> & { numbers: number; jobs: Partial<Record<OutboundJobStatus, number>> };

/**
 * An account's outbound requests, newest first, optionally of one flow, with
 * their jobs counted by status (two queries, whatever the limit).
 */
export async function listOutboundRequests(db: Database, accountId: number, options: { flowId?: string; limit: number }): Promise<OutboundRequestSummary[]> {
  let query = db.selectFrom('outbound_requests').selectAll().where('account_id', '=', accountId);
  if (options.flowId !== undefined) query = query.where('flow_id', '=', options.flowId);
  const requests = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  if (requests.length === 0) return [];
  const counts = await db
    .selectFrom('outbound_jobs')
    .select(['request_id', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('request_id', 'in', requests.map((request) => request.id))
    .groupBy(['request_id', 'status'])
    .execute();
  const jobsOf = new Map<string, Partial<Record<OutboundJobStatus, number>>>();
  for (const row of counts) jobsOf.set(row.request_id, { ...jobsOf.get(row.request_id), [row.status]: Number(row.count) });
  return requests.map((request) => {
    const jobs = jobsOf.get(request.id) ?? {};
    return { ...requestFields(request), numbers: Object.values(jobs).reduce((sum, count) => sum + count, 0), jobs };
  });
}

const iso = (time: number | null) => (time === null ? null : new Date(Number(time)).toISOString());

/** A request is complete once every job is final (its completed_at), whatever the order of cancel and completion. */
function requestFields(request: OutboundRequestsTable): Omit<OutboundRequestStatus, 'jobs'> {
  return {
    id: request.id,
    uuid: request.execution_id,
    accountId: request.account_id,
    flowId: request.flow_id,
    stage: request.stage,
    status: request.cancelled_at !== null ? 'cancelled' : request.completed_at !== null ? 'completed' : 'pending',
    createdAt: new Date(Number(request.created_at)).toISOString(),
    cancelledAt: iso(request.cancelled_at),
    completedAt: iso(request.completed_at),
  };
}

function toStatus(
  request: OutboundRequestsTable,
  jobs: OutboundJobsTable[],
  results: Array<{ job_id: string; dial: number; disposition: Disposition; duration_seconds: number | null; detail: string | null; reported_at: number }>,
): OutboundRequestStatus {
  return {
    ...requestFields(request),
    jobs: jobs.map((job) => ({
      id: job.id,
      contactNumber: job.contact_number,
      dueAt: new Date(Number(job.due_at)).toISOString(),
      status: job.status,
      attempt: job.dial,
      attempts: job.attempts,
      disposition: job.disposition,
      awaitingResult: job.result_due_at !== null,
      lastError: job.last_error,
      deliveredAt: iso(job.delivered_at),
      finishedAt: iso(job.finished_at),
      outcomes: results
        .filter((result) => result.job_id === job.id)
        .map((result) => ({ attempt: result.dial, disposition: result.disposition, durationSeconds: result.duration_seconds, detail: result.detail, reportedAt: iso(result.reported_at)! })),
    })),
  };
}

/** Counts of a completed request's jobs by final status, for outbound.request.completed. */
export type RequestCompletion = { requestId: string; executionId: string; accountId: number; flowId: string; stage: 'prod' | 'test'; counts: Partial<Record<OutboundJobStatus, number>> };

/** One job of the request that is not final, if any: a look in the partial index `outbound_jobs_unfinished`. */
export const firstUnfinishedJob = (db: Database, requestId: string) =>
  db.selectFrom('outbound_jobs').select('id').where('request_id', '=', requestId).where(unfinishedJobCondition).limit(1);

// completeRequestIfDone's statements, built once (preparedQuery): it runs on every outcome report.
const unfinishedJobNotLockedQuery = preparedQuery<{ requestId: string }, { id: string }>((db, slot) => firstUnfinishedJob(db, slot('requestId')).forShare().skipLocked());
const unfinishedJobQuery = preparedQuery<{ requestId: string }, { id: string }>((db, slot) => firstUnfinishedJob(db, slot('requestId')));
const requestForCompletionQuery = preparedQuery<
  { requestId: string },
  Pick<OutboundRequestsTable, 'id' | 'execution_id' | 'account_id' | 'flow_id' | 'stage' | 'completed_at'>
>((db, slot) => {
  const query = db.selectFrom('outbound_requests').select(['id', 'execution_id', 'account_id', 'flow_id', 'stage', 'completed_at']).where('id', '=', slot('requestId'));
  // Built once per database, so the dialect is read here.
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
});
const jobCountsQuery = preparedQuery<{ requestId: string }, { status: OutboundJobStatus; count: number; waiting: number }>((db, slot) =>
  db
    .selectFrom('outbound_jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.count<number>('result_due_at').as('waiting')])
    .where('request_id', '=', slot('requestId'))
    .groupBy('status'),
);
const completeRequestQuery = preparedQuery<{ requestId: string; now: number }, never>((db, slot) =>
  db.updateTable('outbound_requests').set({ completed_at: slot('now') }).where('id', '=', slot('requestId')).where('completed_at', 'is', null),
);

/**
 * Marks the request complete when none of its jobs can still dial or still
 * waits for an outcome, once: the request row is locked (PostgreSQL) so two
 * jobs finishing at the same moment on two nodes see each other, and
 * `completed_at` is set only while null. Returns the completion to announce,
 * or undefined. Run it in the transaction that made a job final.
 *
 * On PostgreSQL most calls skip that lock: another unfinished job of the
 * request that no other transaction holds is a witness. Share-locked until
 * this transaction commits, it cannot be finished before then (every change
 * of a job waits for the lock), so the request is not complete at this
 * commit, and whoever finishes the witness looks after this commit. Only
 * without a witness (the last jobs, or all others being changed right now)
 * does the call queue on the request's row, where every report of a request
 * used to queue from its look to its commit (docs/benchmark.md, seventh
 * section).
 */
export async function completeRequestIfDone(db: Database, dialect: Dialect, requestId: string, now: number): Promise<RequestCompletion | undefined> {
  const values = { requestId };
  if (dialect === 'postgres' && (await unfinishedJobNotLockedQuery(db, values)).rows.length > 0) return undefined;
  const [request] = (await requestForCompletionQuery(db, values)).rows;
  if (!request || request.completed_at !== null) return undefined;
  // Most reports are not their request's last: one look in the partial index of unfinished jobs
  // answers them, where counting the request's jobs read all of them (up to 1000) on every report.
  if ((await unfinishedJobQuery(db, values)).rows.length > 0) return undefined;
  const { rows } = await jobCountsQuery(db, values);
  if (rows.some((row) => openStatuses.includes(row.status) || Number(row.waiting) > 0)) return undefined;
  await completeRequestQuery(db, { requestId, now });
  return {
    requestId,
    executionId: request.execution_id,
    accountId: request.account_id,
    flowId: request.flow_id,
    stage: request.stage,
    counts: Object.fromEntries(rows.map((row) => [row.status, Number(row.count)])),
  };
}

/**
 * Cancels every job of the request not yet delivered (scheduled, paused, or
 * being dispatched: a delivery already on the wire can still reach the
 * dialer, and the job then stays cancelled); a delivered job waiting for its
 * outcome dials no more. Returns the jobs it cancelled; the caller wraps it
 * in a transaction with their events.
 */
export async function cancelOutboundRequest(db: Database, id: string, now: number): Promise<OutboundJobsTable[]> {
  await db.updateTable('outbound_requests').set({ cancelled_at: now }).where('id', '=', id).where('cancelled_at', 'is', null).execute();
  return db
    .updateTable('outbound_jobs')
    .set({ status: 'cancelled', locked_by: null, locked_until: null, finished_at: now, updated_at: now })
    .where('request_id', '=', id)
    .where('status', 'in', openStatuses)
    .returningAll()
    .execute();
}

/** findLiveNumbers' look, one statement for any count of numbers (their index `outbound_jobs_number`). */
const liveNumbersQuery = preparedQuery<{ accountId: number; flowId: string; stage: 'prod' | 'test'; numbers: unknown; since: number }, { contact_number: string }>((db, slot) =>
  db
    .selectFrom('outbound_jobs')
    .select('contact_number')
    .where('account_id', '=', slot('accountId'))
    .where('flow_id', '=', slot('flowId'))
    .where('stage', '=', slot('stage'))
    .where(inTextList(dialectOf(db), 'contact_number', slot('numbers')))
    .where('created_at', '>=', slot('since'))
    .where((eb) => eb.or([eb('status', 'in', openStatuses), eb('result_due_at', 'is not', null)])),
);

/**
 * Which of `numbers` have a live job (scheduled, paused, dispatching, or
 * delivered and waiting for its outcome) on the flow and `stage`, created
 * since `since`: a simulated test-stage job never holds back a production
 * dial, nor the reverse. Locks the flow row first (PostgreSQL), so
 * concurrent requests of one flow take turns here and cannot both miss
 * each other.
 */
export async function findLiveNumbers(
  db: Database,
  dialect: Dialect,
  query: { accountId: number; flowId: string; stage: 'prod' | 'test'; numbers: readonly string[]; since: number },
): Promise<Set<string>> {
  if (dialect === 'postgres') {
    await db.selectFrom('outbound_flows').select('flow_id').where('account_id', '=', query.accountId).where('flow_id', '=', query.flowId).forUpdate().execute();
  }
  const { rows } = await liveNumbersQuery(db, { accountId: query.accountId, flowId: query.flowId, stage: query.stage, numbers: textList(db, query.numbers), since: query.since });
  return new Set(rows.map((row) => row.contact_number));
}
