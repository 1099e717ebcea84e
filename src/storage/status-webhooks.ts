import { dialectOf, type Database } from './db.js';
import { isDispatching, preparedQuery } from './prepared.js';
import type { Dialect } from './dialect.js';
import type { StatusDeliveriesTable, StatusWebhooksTable } from './tables.js';

/** An account's status-webhook endpoint as the API shows it: never its secret. */
export interface StatusWebhook {
  id: string;
  accountId: number;
  url: string;
  eventTypes: string[];
  /** Failed delivery attempts since the last success. */
  failureCount: number;
  disabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (time: number | null) => (time === null ? null : new Date(Number(time)).toISOString());

function toWebhook(row: StatusWebhooksTable): StatusWebhook {
  return {
    id: row.id,
    accountId: row.account_id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as string[],
    failureCount: row.failure_count,
    disabled: row.disabled_at !== null,
    disabledAt: iso(row.disabled_at),
    disabledReason: row.disabled_reason,
    lastSuccessAt: iso(row.last_success_at),
    lastFailureAt: iso(row.last_failure_at),
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

export async function insertStatusWebhook(
  db: Database,
  fields: { id: string; accountId: number; url: string; secret: string; eventTypes: string[] },
  now: number,
): Promise<StatusWebhook> {
  const row: StatusWebhooksTable = {
    id: fields.id,
    account_id: fields.accountId,
    url: fields.url,
    secret: fields.secret,
    event_types: JSON.stringify(fields.eventTypes),
    failure_count: 0,
    disabled_at: null,
    disabled_reason: null,
    last_success_at: null,
    last_failure_at: null,
    last_error: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('status_webhooks').values(row).execute();
  return toWebhook(row);
}

export async function listStatusWebhooks(db: Database, accountId: number): Promise<StatusWebhook[]> {
  const rows = await db.selectFrom('status_webhooks').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhook);
}

export async function findStatusWebhook(db: Database, accountId: number, id: string): Promise<StatusWebhook | undefined> {
  const row = await db.selectFrom('status_webhooks').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return row && toWebhook(row);
}

/** Changes url, event types or the enabled state; enabling clears the failure count. Undefined for an unknown endpoint. */
export async function updateStatusWebhook(
  db: Database,
  accountId: number,
  id: string,
  fields: { url?: string; eventTypes?: string[]; enabled?: boolean },
  now: number,
): Promise<StatusWebhook | undefined> {
  const result = await db
    .updateTable('status_webhooks')
    .set({
      ...(fields.url !== undefined && { url: fields.url }),
      ...(fields.eventTypes !== undefined && { event_types: JSON.stringify(fields.eventTypes) }),
      ...(fields.enabled === true && { disabled_at: null, disabled_reason: null, failure_count: 0 }),
      ...(fields.enabled === false && { disabled_at: now, disabled_reason: 'disabled through the API' }),
      updated_at: now,
    })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  return findStatusWebhook(db, accountId, id);
}

export async function deleteStatusWebhook(db: Database, accountId: number, id: string): Promise<boolean> {
  const result = await db.deleteFrom('status_webhooks').where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A recent delivery of an endpoint, for the API and console. */
export interface StatusDeliverySummary {
  id: string;
  eventType: string;
  status: StatusDeliveriesTable['status'];
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

export async function listStatusDeliveries(db: Database, endpointId: string, limit: number): Promise<StatusDeliverySummary[]> {
  const rows = await db
    .selectFrom('status_deliveries')
    .select(['id', 'event_type', 'status', 'attempts', 'last_status', 'last_error', 'created_at', 'delivered_at', 'due_at'])
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    deliveredAt: iso(row.delivered_at),
    nextAttemptAt: row.status === 'pending' ? iso(row.due_at) : null,
  }));
}

/** An event to announce: its type and the JSON body every subscribed endpoint receives. */
export interface StatusEvent {
  type: string;
  accountId: number;
  /** `{type, timestamp, data}` (the Standard Webhooks payload shape). */
  payload: Record<string, unknown>;
}

// Read by every status event queued (each outcome report), so built once.
const subscribedEndpointsQuery = preparedQuery<{ accountId: number }, { id: string; event_types: string }>((db, slot) =>
  db.selectFrom('status_webhooks').select(['id', 'event_types']).where('account_id', '=', slot('accountId')).where('disabled_at', 'is', null),
);

/** The enabled endpoints of an account and the event types each takes. */
export async function subscribedEndpoints(db: Database, accountId: number): Promise<Array<{ id: string; eventTypes: string[] }>> {
  const { rows } = await subscribedEndpointsQuery(db, { accountId });
  return rows.map((row) => ({ id: row.id, eventTypes: JSON.parse(row.event_types) as string[] }));
}

/**
 * Queues one delivery per event and subscribed endpoint, due at once. Run it
 * in the transaction that made the events happen: they are queued exactly
 * when their change is committed. `newId` names each message (its webhook-id).
 */
export async function enqueueStatusEvents(db: Database, events: readonly StatusEvent[], now: number, newId: () => string): Promise<number> {
  if (events.length === 0) return 0;
  const endpointsOf = new Map<number, Array<{ id: string; eventTypes: string[] }>>();
  const rows: StatusDeliveriesTable[] = [];
  for (const event of events) {
    let endpoints = endpointsOf.get(event.accountId);
    if (!endpoints) endpointsOf.set(event.accountId, (endpoints = await subscribedEndpoints(db, event.accountId)));
    for (const endpoint of endpoints) {
      if (!endpoint.eventTypes.includes(event.type)) continue;
      rows.push({
        id: newId(),
        endpoint_id: endpoint.id,
        account_id: event.accountId,
        event_type: event.type,
        payload: JSON.stringify(event.payload),
        status: 'pending',
        attempts: 0,
        due_at: now,
        locked_by: null,
        locked_until: null,
        last_error: null,
        last_status: null,
        delivered_at: null,
        created_at: now,
      });
    }
  }
  for (let start = 0; start < rows.length; start += 500) await db.insertInto('status_deliveries').values(rows.slice(start, start + 500)).execute();
  return rows.length;
}

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  payload: string;
  attempts: number;
}

/**
 * Leases up to `limit` due deliveries (pending and due, or a crashed node's
 * expired lease) and counts the attempt; FOR UPDATE SKIP LOCKED on
 * PostgreSQL, as outbound jobs are claimed (src/storage/outbound-jobs.ts).
 */
export async function claimStatusDeliveries(db: Database, dialect: Dialect, options: { workerId: string; now: number; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
  const { workerId, now, leaseMs, limit } = options;
  const candidates = db
    .selectFrom('status_deliveries')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('due_at', '<=', now)]),
        eb.and([eb('status', '=', 'dispatching'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('due_at')
    .limit(limit)
    .$if(dialect === 'postgres', (query) => query.forUpdate().skipLocked());
  const claimed = await db
    .updateTable('status_deliveries')
    .set((eb) => ({ status: 'dispatching', locked_by: workerId, locked_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', candidates)
    .returning(['id', 'endpoint_id', 'payload', 'attempts'])
    .execute();
  if (claimed.length === 0) return [];
  const endpoints = await db
    .selectFrom('status_webhooks')
    .select(['id', 'url', 'secret', 'disabled_at'])
    .where('id', 'in', [...new Set(claimed.map((row) => row.endpoint_id))])
    .execute();
  const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const usable: ClaimedDelivery[] = [];
  for (const row of claimed) {
    const endpoint = byId.get(row.endpoint_id);
    if (!endpoint || endpoint.disabled_at !== null) {
      await db.updateTable('status_deliveries').set({ status: 'dropped', locked_by: null, locked_until: null, last_error: 'endpoint disabled' }).where('id', '=', row.id).execute();
      continue;
    }
    usable.push({ id: row.id, endpointId: row.endpoint_id, url: endpoint.url, secret: endpoint.secret, payload: row.payload, attempts: row.attempts });
  }
  return usable;
}

/**
 * How one send of a leased callback ended: a 2xx answer, or a failure retried at `retryAt` (null: no
 * attempts left, `failed`); `disable` (a 410 Gone) disables the endpoint and drops its pending callbacks.
 */
export type StatusDeliveryEnd = { id: string; endpointId: string } & (
  | { delivered: true; httpStatus: number }
  | { delivered: false; httpStatus: number | null; error: string; retryAt: number | null; disable?: string }
);

/**
 * Records the ends of sends that ended together, in one transaction: the 2xx answers of one HTTP status
 * in one statement, each failure (its own retry time) in its own, then each endpoint's counters once,
 * in id order — `failure_count` is its failed attempts since its last success, so a success in the batch
 * resets it to the failures that came after it. An end whose lease this worker no longer holds (another
 * node took the callback) changes nothing. Answers, in order, whether each end was recorded.
 */
export async function endStatusDeliveries(db: Database, ends: readonly StatusDeliveryEnd[], workerId: string, now: number): Promise<boolean[]> {
  return db.transaction().execute(async (trx) => {
    const recorded = new Set<string>();
    const deliveredByStatus = new Map<number, string[]>();
    for (const end of ends) {
      if (!end.delivered) continue;
      const ids = deliveredByStatus.get(end.httpStatus);
      if (ids) ids.push(end.id);
      else deliveredByStatus.set(end.httpStatus, [end.id]);
    }
    const dispatching = isDispatching(dialectOf(trx));
    for (const [httpStatus, ids] of deliveredByStatus) {
      const rows = await trx
        .updateTable('status_deliveries')
        .set({ status: 'delivered', delivered_at: now, last_status: httpStatus, last_error: null, locked_by: null, locked_until: null })
        .where('id', 'in', ids)
        .where('locked_by', '=', workerId)
        .where(dispatching)
        .returning('id')
        .execute();
      for (const row of rows) recorded.add(row.id);
    }
    for (const end of ends) {
      if (end.delivered) continue;
      const result = await trx
        .updateTable('status_deliveries')
        .set({
          status: end.disable ? 'dropped' : end.retryAt === null ? 'failed' : 'pending',
          ...(end.retryAt !== null && { due_at: end.retryAt }),
          last_error: end.error,
          last_status: end.httpStatus,
          locked_by: null,
          locked_until: null,
        })
        .where('id', '=', end.id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'dispatching')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) recorded.add(end.id);
    }
    // `failures`: since the batch's last success; `lastError`: the batch's last failure, wherever it fell.
    const endpoints = new Map<string, { succeeded: boolean; failures: number; lastError?: string; disable?: string }>();
    for (const end of ends) {
      if (!recorded.has(end.id)) continue;
      let counts = endpoints.get(end.endpointId);
      if (!counts) endpoints.set(end.endpointId, (counts = { succeeded: false, failures: 0 }));
      if (end.delivered) {
        counts.succeeded = true;
        counts.failures = 0;
      } else {
        counts.failures++;
        counts.lastError = end.error;
        counts.disable ??= end.disable;
      }
    }
    // In id order: two nodes' batches lock shared endpoints in the same order.
    for (const [endpointId, counts] of [...endpoints].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await trx
        .updateTable('status_webhooks')
        .set((eb) => ({
          failure_count: counts.succeeded ? counts.failures : eb('failure_count', '+', counts.failures),
          ...(counts.succeeded && { last_success_at: now }),
          ...(counts.lastError !== undefined && { last_failure_at: now, last_error: counts.lastError }),
          ...(counts.disable && { disabled_at: now, disabled_reason: counts.disable }),
        }))
        .where('id', '=', endpointId)
        .execute();
      if (counts.disable) {
        await trx
          .updateTable('status_deliveries')
          .set({ status: 'dropped', last_error: counts.disable })
          .where('endpoint_id', '=', endpointId)
          .where('status', '=', 'pending')
          .execute();
      }
    }
    return ends.map((end) => recorded.has(end.id));
  });
}

/**
 * Gives back the attempt a claim counted on callbacks this sender was still
 * sending when it claimed them again (their lease ran out mid-send): the send
 * in flight ends them, or ended them after the claim. One another sender has
 * taken since keeps its count.
 */
export async function giveBackStatusAttempts(db: Database, ids: readonly string[], workerId: string): Promise<void> {
  await db
    .updateTable('status_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('locked_by', '=', workerId), eb('locked_by', 'is', null)]))
    .where('attempts', '>', 0)
    .execute();
}

/** Puts back every delivery a sender still holds (its shutdown), giving back the attempt. */
export async function releaseStatusLeases(db: Database, workerId: string): Promise<number> {
  const result = await db
    .updateTable('status_deliveries')
    .set((eb) => ({ status: 'pending', locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
    .where('locked_by', '=', workerId)
    .where('status', '=', 'dispatching')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
