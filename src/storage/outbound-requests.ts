import type { Database } from './db.js';
import type { OutboundJobStatus, OutboundJobsTable, OutboundRequestsTable } from './tables.js';

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
  jobs: Array<{
    id: string;
    contactNumber: string;
    dueAt: string;
    status: OutboundJobStatus;
    attempts: number;
    lastError: string | null;
    deliveredAt: string | null;
  }>;
}

const openStatuses: OutboundJobStatus[] = ['scheduled', 'dispatching'];
// Large requests are written in slices so no statement passes either database's parameter limit.
const insertSlice = 500;

/**
 * Stores the request and one scheduled job a number. Runs on the handle it is
 * given; the caller wraps it in a transaction so the request and its jobs
 * exist together or not at all.
 */
export async function insertOutboundRequest(db: Database, request: NewOutboundRequest, now: number): Promise<void> {
  await db
    .insertInto('outbound_requests')
    .values({
      id: request.id,
      execution_id: request.executionId,
      account_id: request.accountId,
      flow_id: request.flowId,
      stage: request.stage,
      idempotency_key: request.idempotencyKey,
      answer: JSON.stringify(request.answer),
      created_at: now,
      cancelled_at: null,
    })
    .execute();
  const jobs: OutboundJobsTable[] = request.contactNumbers.map((contactNumber, index) => ({
    id: request.jobIds[index] as string,
    request_id: request.id,
    account_id: request.accountId,
    flow_id: request.flowId,
    stage: request.stage,
    contact_number: contactNumber,
    position: index,
    due_at: request.dueAt,
    status: 'scheduled',
    attempts: 0,
    last_error: null,
    locked_by: null,
    locked_until: null,
    delivered_at: null,
    created_at: now,
    updated_at: now,
  }));
  for (let start = 0; start < jobs.length; start += insertSlice) {
    await db.insertInto('outbound_jobs').values(jobs.slice(start, start + insertSlice)).execute();
  }
}

/** The request an idempotency key names in an account, with its stored answer. */
export async function findRequestByKey(
  db: Database,
  accountId: number,
  idempotencyKey: string,
): Promise<{ id: string; createdAt: number; answer: Array<{ name: string; value: string }> } | undefined> {
  const row = await db
    .selectFrom('outbound_requests')
    .select(['id', 'created_at', 'answer'])
    .where('account_id', '=', accountId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return row ? { id: row.id, createdAt: Number(row.created_at), answer: JSON.parse(row.answer) } : undefined;
}

/** Frees an expired idempotency key for a new request; the old request keeps its history. */
export async function releaseIdempotencyKey(db: Database, requestId: string): Promise<void> {
  await db.updateTable('outbound_requests').set({ idempotency_key: null }).where('id', '=', requestId).execute();
}

export async function findOutboundRequest(db: Database, id: string): Promise<OutboundRequestStatus | undefined> {
  const request = await db.selectFrom('outbound_requests').selectAll().where('id', '=', id).executeTakeFirst();
  if (!request) return undefined;
  const jobs = await db.selectFrom('outbound_jobs').selectAll().where('request_id', '=', id).orderBy('position').execute();
  return toStatus(request, jobs);
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
    const pending = openStatuses.some((status) => (jobs[status] ?? 0) > 0);
    return { ...requestFields(request, pending), numbers: Object.values(jobs).reduce((sum, count) => sum + count, 0), jobs };
  });
}

function requestFields(request: OutboundRequestsTable, pending: boolean): Omit<OutboundRequestStatus, 'jobs'> {
  return {
    id: request.id,
    uuid: request.execution_id,
    accountId: request.account_id,
    flowId: request.flow_id,
    stage: request.stage,
    status: request.cancelled_at !== null ? 'cancelled' : pending ? 'pending' : 'completed',
    createdAt: new Date(Number(request.created_at)).toISOString(),
    cancelledAt: request.cancelled_at === null ? null : new Date(Number(request.cancelled_at)).toISOString(),
  };
}

function toStatus(request: OutboundRequestsTable, jobs: OutboundJobsTable[]): OutboundRequestStatus {
  const iso = (time: number | null) => (time === null ? null : new Date(Number(time)).toISOString());
  const pending = jobs.some((job) => openStatuses.includes(job.status));
  return {
    ...requestFields(request, pending),
    jobs: jobs.map((job) => ({
      id: job.id,
      contactNumber: job.contact_number,
      dueAt: new Date(Number(job.due_at)).toISOString(),
      status: job.status,
      attempts: job.attempts,
      lastError: job.last_error,
      deliveredAt: iso(job.delivered_at),
    })),
  };
}

/**
 * Cancels every job of the request not yet delivered (scheduled, or being
 * dispatched: a delivery already on the wire can still reach the dialer, and
 * the job then stays cancelled). Returns how many jobs it cancelled.
 */
export async function cancelOutboundRequest(db: Database, id: string, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('outbound_requests').set({ cancelled_at: now }).where('id', '=', id).where('cancelled_at', 'is', null).execute();
    const result = await trx
      .updateTable('outbound_jobs')
      .set({ status: 'cancelled', locked_by: null, locked_until: null, updated_at: now })
      .where('request_id', '=', id)
      .where('status', 'in', openStatuses)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}
