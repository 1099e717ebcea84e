import { sql } from 'kysely';
import { groupWriteFor } from '../kernel/group-write.js';
import { withoutUserInfo } from '../observability/redact.js';
import type { HoursWindow } from './accounts.js';
import { dialectOf, type Database } from './db.js';
import { findListedNumbers } from './do-not-call.js';
import type { OutboundFlowsTable, OutboundJobsTable } from './tables.js';
import { arrayParam, byPosition, columnArrays, eachCallLooksUp, everyColumn, preparedQuery, sliceBounds } from './prepared.js';

export type FlowCategory = OutboundFlowsTable['category'];
/** Per retryable disposition: further dials and the minutes before each. */
export type StoredRetryPolicy = Partial<Record<'busy' | 'no-answer' | 'failed', { attempts: number; afterMinutes: number }>>;

/** An outbound flow as the API shows it: never its secrets. */
export interface OutboundFlow {
  accountId: number;
  flowId: string;
  name: string;
  dialerUrl: string;
  throttlePerSecond: number | null;
  callingWindow: HoursWindow | null;
  category: FlowCategory;
  /** What the flow set; dispositions it leaves out use the defaults. */
  retryPolicy: StoredRetryPolicy | null;
  resultTimeoutMinutes: number;
  dedupeWindowMinutes: number | null;
  paused: boolean;
  pausedAt: string | null;
  /** Until when deliveries are also signed with the secret before the last rotation; null when they are not. */
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the dispatcher and createOutbound need besides the public fields. */
export interface OutboundFlowSecrets {
  securityHash: string;
  dialerSecret: string;
  /** The dialerUrl as stored; `dialerUrl` shows it without user info (flows saved before user info was refused). */
  dialerTarget: string;
  previousDialerSecret: string | null;
  /** Epoch ms; the previous secret signs until then. */
  previousSecretUntil: number | null;
}

export interface OutboundFlowFields {
  name: string;
  dialerUrl: string;
  dialerSecret: string;
  throttlePerSecond: number | null;
  callingWindow: HoursWindow | null;
  category: FlowCategory;
  retryPolicy: StoredRetryPolicy | null;
  resultTimeoutMinutes: number;
  dedupeWindowMinutes: number | null;
}

/** The secrets a delivery is signed with at `now`: the current one, and the previous one during its grace period. */
export function signingSecrets(flow: SigningSecrets, now: number): string[] {
  return flow.previousDialerSecret && (flow.previousSecretUntil ?? 0) > now ? [flow.dialerSecret, flow.previousDialerSecret] : [flow.dialerSecret];
}

const callingWindowOf = (row: Pick<OutboundFlowsTable, 'window_start' | 'window_end'>): HoursWindow | null =>
  row.window_start && row.window_end ? { start: row.window_start, end: row.window_end } : null;

function toFlow(row: OutboundFlowsTable): OutboundFlow {
  const iso = (time: number | null) => (time === null ? null : new Date(Number(time)).toISOString());
  return {
    accountId: row.account_id,
    flowId: row.flow_id,
    name: row.name,
    dialerUrl: withoutUserInfo(row.dialer_url),
    throttlePerSecond: row.throttle_per_second,
    callingWindow: callingWindowOf(row),
    category: row.category ?? 'service',
    retryPolicy: row.retry_policy ? (JSON.parse(row.retry_policy) as StoredRetryPolicy) : null,
    resultTimeoutMinutes: row.result_timeout_minutes ?? 60,
    dedupeWindowMinutes: row.dedupe_window_minutes,
    paused: row.paused_at !== null,
    pausedAt: iso(row.paused_at),
    previousSecretValidUntil: row.previous_dialer_secret && row.previous_secret_until ? iso(row.previous_secret_until) : null,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

function toColumns(fields: Partial<OutboundFlowFields>): Partial<OutboundFlowsTable> {
  const columns: Partial<OutboundFlowsTable> = {};
  if (fields.name !== undefined) columns.name = fields.name;
  if (fields.dialerUrl !== undefined) columns.dialer_url = fields.dialerUrl;
  if (fields.dialerSecret !== undefined) columns.dialer_secret = fields.dialerSecret;
  if (fields.throttlePerSecond !== undefined) columns.throttle_per_second = fields.throttlePerSecond;
  if (fields.callingWindow !== undefined) {
    columns.window_start = fields.callingWindow?.start ?? null;
    columns.window_end = fields.callingWindow?.end ?? null;
  }
  if (fields.category !== undefined) columns.category = fields.category;
  if (fields.retryPolicy !== undefined) columns.retry_policy = fields.retryPolicy === null ? null : JSON.stringify(fields.retryPolicy);
  if (fields.resultTimeoutMinutes !== undefined) columns.result_timeout_minutes = fields.resultTimeoutMinutes;
  if (fields.dedupeWindowMinutes !== undefined) columns.dedupe_window_minutes = fields.dedupeWindowMinutes;
  return columns;
}

export async function insertOutboundFlow(
  db: Database,
  accountId: number,
  flowId: string,
  securityHash: string,
  fields: OutboundFlowFields,
  now: number,
): Promise<OutboundFlow> {
  const row: OutboundFlowsTable = {
    ...(toColumns(fields) as Omit<OutboundFlowsTable, 'account_id' | 'flow_id' | 'security_hash' | 'next_slot_at' | 'paused_at' | 'previous_dialer_secret' | 'previous_secret_until' | 'created_at' | 'updated_at'>),
    account_id: accountId,
    flow_id: flowId,
    security_hash: securityHash,
    next_slot_at: 0,
    paused_at: null,
    previous_dialer_secret: null,
    previous_secret_until: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('outbound_flows').values(row).execute();
  return toFlow(row);
}

const outboundFlowColumns = everyColumn<OutboundFlowsTable>({
  account_id: true, flow_id: true, security_hash: true, name: true, dialer_url: true, dialer_secret: true, throttle_per_second: true, window_start: true,
  window_end: true, next_slot_at: true, category: true, retry_policy: true, result_timeout_minutes: true, dedupe_window_minutes: true, paused_at: true,
  previous_dialer_secret: true, previous_secret_until: true, created_at: true, updated_at: true,
});

const outboundFlowQuery = preparedQuery<{ accountId: number; flowId: string }, OutboundFlowsTable>((db, slot) =>
  db.selectFrom('outbound_flows').select(outboundFlowColumns).where('account_id', '=', slot('accountId')).where('flow_id', '=', slot('flowId')),
);

/**
 * A job's flow, found from the job's id in one statement (prepared: an outcome report's first read),
 * and the secrets kept for the job when its flow was deleted while it waited for its report.
 */
const flowOfJobQuery = preparedQuery<
  { jobId: string; now: number },
  { [Column in keyof OutboundFlowsTable]: OutboundFlowsTable[Column] | null } & {
    job_account_id: number;
    kept_secret: string | null;
    kept_previous_secret: string | null;
    kept_previous_until: number | null;
  }
>((db, slot) =>
  db
    .selectFrom('outbound_jobs as job')
    .leftJoin('outbound_flows as flow', (join) => join.onRef('flow.account_id', '=', 'job.account_id').onRef('flow.flow_id', '=', 'job.flow_id'))
    .leftJoin('outbound_job_report_secrets as kept', (join) => join.onRef('kept.job_id', '=', 'job.id').on('kept.expires_at', '>', slot('now')))
    .select(outboundFlowColumns.map((column) => `flow.${column}` as const))
    .select(['job.account_id as job_account_id', 'kept.dialer_secret as kept_secret', 'kept.previous_dialer_secret as kept_previous_secret', 'kept.previous_secret_until as kept_previous_until'])
    .where('job.id', '=', slot('jobId')),
);

/** The secrets that sign a delivery, or verify an outcome report. */
export type SigningSecrets = Pick<OutboundFlowSecrets, 'dialerSecret' | 'previousDialerSecret' | 'previousSecretUntil'>;

/**
 * Who verifies a job's outcome report: its flow, or — for a job delivered and waiting when its flow was
 * deleted — the secrets kept for it then (even when a flow of the same id was made again since).
 */
export type ReportSigner =
  | { kind: 'flow'; accountId: number; secrets: SigningSecrets; flow: OutboundFlow & OutboundFlowSecrets }
  | { kind: 'deleted-flow'; accountId: number; secrets: SigningSecrets };

/**
 * The job's report signer at `now`; undefined when the job does not exist, or its flow is gone with
 * nothing kept for it (or what was kept expired with the job's outcome deadline).
 */
export async function findReportSigner(db: Database, jobId: string, now: number): Promise<ReportSigner | undefined> {
  const row = (await flowOfJobQuery(db, { jobId, now })).rows[0];
  if (!row) return undefined;
  if (row.kept_secret !== null) {
    const secrets = {
      dialerSecret: row.kept_secret,
      previousDialerSecret: row.kept_previous_secret,
      previousSecretUntil: row.kept_previous_until === null ? null : Number(row.kept_previous_until),
    };
    return { kind: 'deleted-flow', accountId: row.job_account_id, secrets };
  }
  if (row.flow_id === null) return undefined;
  const flow = toFlowWithSecrets(row as OutboundFlowsTable);
  return { kind: 'flow', accountId: flow.accountId, secrets: flow, flow };
}

const toFlowWithSecrets = (row: OutboundFlowsTable): OutboundFlow & OutboundFlowSecrets => ({
  ...toFlow(row),
  securityHash: row.security_hash,
  dialerSecret: row.dialer_secret,
  dialerTarget: row.dialer_url,
  previousDialerSecret: row.previous_dialer_secret,
  previousSecretUntil: row.previous_secret_until === null ? null : Number(row.previous_secret_until),
});

export async function findOutboundFlow(db: Database, accountId: number, flowId: string): Promise<(OutboundFlow & OutboundFlowSecrets) | undefined> {
  const row = (await outboundFlowQuery(db, { accountId, flowId })).rows[0];
  return row && toFlowWithSecrets(row);
}

/** What createOutbound needs of a flow: no conversion of the fields it does not read (the dialer URL, times, the retry policy). */
export interface FlowForRequest {
  flowId: string;
  securityHash: string;
  dedupeWindowMinutes: number | null;
  paused: boolean;
  /** The window its calls keep to: its own, or a promotional flow's hours (effectiveWindow) — read for the answer's first dial time. */
  category: FlowCategory;
  callingWindow: HoursWindow | null;
}

/** What createOutbound reads before it schedules: the flow (undefined when the account has none of that id) and which numbers are on the account's do-not-call list. */
export interface FlowAndListedNumbers {
  flow: FlowForRequest | undefined;
  listed: ReadonlySet<string>;
}

type FlowForRequestRow = Pick<OutboundFlowsTable, 'flow_id' | 'security_hash' | 'dedupe_window_minutes' | 'paused_at' | 'category' | 'window_start' | 'window_end'>;
const flowForRequestColumns = ['flow_id', 'security_hash', 'dedupe_window_minutes', 'paused_at', 'category', 'window_start', 'window_end'] as const;
const toFlowForRequest = (row: FlowForRequestRow): FlowForRequest => ({
  flowId: row.flow_id,
  securityHash: row.security_hash,
  dedupeWindowMinutes: row.dedupe_window_minutes,
  paused: row.paused_at !== null,
  category: row.category ?? 'service',
  callingWindow: callingWindowOf(row),
});

const flowForRequestQuery = preparedQuery<{ accountId: number; flowId: string }, FlowForRequestRow>((db, slot) =>
  db.selectFrom('outbound_flows').select(flowForRequestColumns).where('account_id', '=', slot('accountId')).where('flow_id', '=', slot('flowId')),
);

interface FlowLookup {
  accountId: number;
  flowId: string;
  numbers: readonly string[];
}

/**
 * PostgreSQL: the flows of several calls and, for each, which of its numbers its account's list holds,
 * in one prepared statement: one array a column (`unnest … with ordinality`), every call's numbers in
 * one array, each call reading its slice `[first:last]` through the list's primary key. A call whose
 * flow does not exist has no row.
 */
const flowsWithListedNumbersPostgres = preparedQuery<
  { accountIds: number[]; flowIds: string[]; firsts: number[]; lasts: number[]; numbers: string[] },
  FlowForRequestRow & { position: string; listed: string[] }
>(
  (_db, slot) => sql`select given.position, ${sql.join(flowForRequestColumns.map((column) => sql.ref(`flow.${column}`)))},
      array(select entry.number from do_not_call_numbers as entry
        where entry.account_id = given.account_id and entry.number = any((${slot('numbers')}::text[])[given.first:given.last])) as listed
    from unnest(${arrayParam(slot('accountIds'), 'integer')}, ${arrayParam(slot('flowIds'), 'text')}, ${arrayParam(slot('firsts'), 'integer')}, ${arrayParam(slot('lasts'), 'integer')})
      with ordinality as given(account_id, flow_id, first, last, position)
    ${eachCallLooksUp(
      sql`select ${sql.join(flowForRequestColumns.map((column) => sql.ref(`stored.${column}`)))} from outbound_flows as stored
        where stored.account_id = given.account_id and stored.flow_id = given.flow_id`,
      'flow',
    )}`,
);

const readTogetherOnPostgres = groupWriteFor('outbound_flow_read', async (db: Database, lookups: FlowLookup[]): Promise<FlowAndListedNumbers[]> => {
  const { rows } = await flowsWithListedNumbersPostgres(db, {
    ...columnArrays(lookups, { accountIds: 'accountId', flowIds: 'flowId' }),
    ...sliceBounds(lookups.map((lookup) => lookup.numbers.length)),
    numbers: lookups.flatMap((lookup) => lookup.numbers),
  });
  const noFlow: FlowAndListedNumbers = { flow: undefined, listed: new Set() };
  return byPosition(lookups.length, rows, (row) => ({ flow: toFlowForRequest(row), listed: new Set(row.listed) }), noFlow);
});

/**
 * createOutbound's reads (docs/methods/create-outbound.md, "Do-not-call lists"): the flow, and which of
 * `numbers` (E.164) the account's list holds — none are looked up when the flow does not exist. SQLite
 * runs the two reads; PostgreSQL sends the reads of the calls that arrive together as one statement
 * (groupWriteFor; docs/deploying.md "Topology"), one round trip instead of two a call.
 */
export async function findFlowAndListedNumbers(db: Database, accountId: number, flowId: string, numbers: readonly string[]): Promise<FlowAndListedNumbers> {
  if (dialectOf(db) === 'postgres') return readTogetherOnPostgres(db, { accountId, flowId, numbers });
  const row = (await flowForRequestQuery(db, { accountId, flowId })).rows[0];
  return { flow: row && toFlowForRequest(row), listed: row && numbers.length > 0 ? await findListedNumbers(db, accountId, numbers) : new Set() };
}

export async function listOutboundFlows(db: Database, accountId: number): Promise<OutboundFlow[]> {
  const rows = await db.selectFrom('outbound_flows').selectAll().where('account_id', '=', accountId).orderBy('flow_id').execute();
  return rows.map(toFlow);
}

export async function updateOutboundFlow(
  db: Database,
  accountId: number,
  flowId: string,
  fields: Partial<OutboundFlowFields>,
  now: number,
): Promise<OutboundFlow | undefined> {
  const result = await db
    .updateTable('outbound_flows')
    .set({ ...toColumns(fields), updated_at: now })
    .where('account_id', '=', accountId)
    .where('flow_id', '=', flowId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  const flow = await findOutboundFlow(db, accountId, flowId);
  return flow && toPublic(flow);
}

/**
 * Deletes a flow and cancels its jobs not yet delivered (scheduled, paused, being dispatched), in one
 * transaction; `onCancelled` runs in it. A job delivered and waiting for its outcome keeps waiting:
 * the flow's dialer secrets (both during a rotation's grace period) are kept for it until its outcome
 * deadline, so the dialer's report of a call it placed still verifies (`outbound_job_report_secrets`,
 * migration 0024).
 */
export async function deleteOutboundFlow(
  db: Database,
  accountId: number,
  flowId: string,
  now: number,
  onCancelled: (trx: Database, jobs: OutboundJobsTable[]) => Promise<void> = async () => {},
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('outbound_flows')
      .where('account_id', '=', accountId)
      .where('flow_id', '=', flowId)
      .returning(['dialer_secret', 'previous_dialer_secret', 'previous_secret_until'])
      .executeTakeFirst();
    if (!deleted) return false;
    const previousValid = deleted.previous_dialer_secret !== null && Number(deleted.previous_secret_until ?? 0) > now;
    await trx
      .insertInto('outbound_job_report_secrets')
      .columns(['job_id', 'account_id', 'dialer_secret', 'previous_dialer_secret', 'previous_secret_until', 'expires_at', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('outbound_jobs')
          // Cast: PostgreSQL reads a bare parameter in a select list as text.
          .select([
            'id',
            'account_id',
            sql<string>`cast(${deleted.dialer_secret} as text)`.as('dialer_secret'),
            sql<string | null>`cast(${previousValid ? deleted.previous_dialer_secret : null} as text)`.as('previous_dialer_secret'),
            sql<number | null>`cast(${previousValid ? Number(deleted.previous_secret_until) : null} as bigint)`.as('previous_secret_until'),
            'result_due_at as expires_at',
            sql<number>`cast(${now} as bigint)`.as('created_at'),
          ])
          .where('account_id', '=', accountId)
          .where('flow_id', '=', flowId)
          .where('status', '=', 'delivered')
          .where('result_due_at', 'is not', null),
      )
      .onConflict((conflict) => conflict.column('job_id').doNothing())
      .execute();
    const cancelled = await trx
      .updateTable('outbound_jobs')
      .set({ status: 'cancelled', last_error: 'outbound flow deleted', locked_by: null, locked_until: null, finished_at: now, updated_at: now })
      .where('account_id', '=', accountId)
      .where('flow_id', '=', flowId)
      .where('status', 'in', ['scheduled', 'dispatching', 'paused'])
      .returningAll()
      .execute();
    await onCancelled(trx, cancelled);
    return true;
  });
}

function toPublic(flow: OutboundFlow & Partial<OutboundFlowSecrets>): OutboundFlow {
  const { securityHash: _hash, dialerSecret: _secret, dialerTarget: _target, previousDialerSecret: _previous, previousSecretUntil: _until, ...rest } = flow;
  return rest;
}

/**
 * Replaces the dialer secret; the old one keeps signing deliveries (beside
 * the new one) until `graceUntil`. Answers false for an unknown flow.
 */
export async function rotateDialerSecret(db: Database, accountId: number, flowId: string, secret: string, graceUntil: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('outbound_flows')
    .set({ previous_dialer_secret: sql<string>`dialer_secret`, dialer_secret: secret, previous_secret_until: graceUntil, updated_at: now })
    .where('account_id', '=', accountId)
    .where('flow_id', '=', flowId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Pauses or resumes a flow. Pausing parks its scheduled jobs (`paused`, due
 * times kept); resuming puts them back as `scheduled`, so the dispatcher
 * releases them in due order within the throttle. One transaction; false for
 * an unknown flow.
 */
export async function setFlowPaused(db: Database, accountId: number, flowId: string, paused: boolean, now: number): Promise<{ jobs: number } | undefined> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('outbound_flows')
      .set({ paused_at: paused ? sql<number>`coalesce(paused_at, ${now})` : null, updated_at: now })
      .where('account_id', '=', accountId)
      .where('flow_id', '=', flowId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    const jobs = await trx
      .updateTable('outbound_jobs')
      .set({ status: paused ? 'paused' : 'scheduled', updated_at: now })
      .where('account_id', '=', accountId)
      .where('flow_id', '=', flowId)
      .where('status', '=', paused ? 'scheduled' : 'paused')
      .executeTakeFirst();
    return { jobs: Number(jobs.numUpdatedRows) };
  });
}

/**
 * Reserves the flow's next delivery slot, shared by every node: the slot
 * starts at max(next_slot_at, now) and the flow's next slot moves one
 * interval later. Reserves nothing and returns undefined when the next slot
 * is more than `maxWaitMs` away, so a dispatcher never holds a job for long.
 */
export async function reserveDeliverySlot(
  db: Database,
  accountId: number,
  flowId: string,
  intervalMs: number,
  now: number,
  maxWaitMs: number,
): Promise<number | undefined> {
  const row = await db
    .updateTable('outbound_flows')
    .set({ next_slot_at: sql<number>`(case when next_slot_at > ${now} then next_slot_at else ${now} end) + ${intervalMs}` })
    .where('account_id', '=', accountId)
    .where('flow_id', '=', flowId)
    .where('next_slot_at', '<=', now + maxWaitMs)
    .returning('next_slot_at')
    .executeTakeFirst();
  return row ? Number(row.next_slot_at) - intervalMs : undefined;
}

/** The flow's next free delivery slot (for rescheduling a job the throttle holds back). */
export async function nextDeliverySlot(db: Database, accountId: number, flowId: string): Promise<number | undefined> {
  const row = await db.selectFrom('outbound_flows').select('next_slot_at').where('account_id', '=', accountId).where('flow_id', '=', flowId).executeTakeFirst();
  return row ? Number(row.next_slot_at) : undefined;
}
