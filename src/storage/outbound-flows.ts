import { sql } from 'kysely';
import { withoutUserInfo } from '../observability/redact.js';
import type { HoursWindow } from './accounts.js';
import type { Database } from './db.js';
import type { OutboundFlowsTable } from './tables.js';

/** An outbound flow as the API shows it: never its secrets. */
export interface OutboundFlow {
  accountId: number;
  flowId: string;
  name: string;
  dialerUrl: string;
  throttlePerSecond: number | null;
  callingWindow: HoursWindow | null;
  createdAt: string;
  updatedAt: string;
}

/** What the dispatcher and createOutbound need besides the public fields. */
export interface OutboundFlowSecrets {
  securityHash: string;
  dialerSecret: string;
  /** The dialerUrl as stored; `dialerUrl` shows it without user info (flows saved before user info was refused). */
  dialerTarget: string;
}

export interface OutboundFlowFields {
  name: string;
  dialerUrl: string;
  dialerSecret: string;
  throttlePerSecond: number | null;
  callingWindow: HoursWindow | null;
}

function toFlow(row: OutboundFlowsTable): OutboundFlow {
  return {
    accountId: row.account_id,
    flowId: row.flow_id,
    name: row.name,
    dialerUrl: withoutUserInfo(row.dialer_url),
    throttlePerSecond: row.throttle_per_second,
    callingWindow: row.window_start && row.window_end ? { start: row.window_start, end: row.window_end } : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
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
    ...(toColumns(fields) as Omit<OutboundFlowsTable, 'account_id' | 'flow_id' | 'security_hash' | 'next_slot_at' | 'created_at' | 'updated_at'>),
    account_id: accountId,
    flow_id: flowId,
    security_hash: securityHash,
    next_slot_at: 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('outbound_flows').values(row).execute();
  return toFlow(row);
}

export async function findOutboundFlow(db: Database, accountId: number, flowId: string): Promise<(OutboundFlow & OutboundFlowSecrets) | undefined> {
  const row = await db.selectFrom('outbound_flows').selectAll().where('account_id', '=', accountId).where('flow_id', '=', flowId).executeTakeFirst();
  return row ? { ...toFlow(row), securityHash: row.security_hash, dialerSecret: row.dialer_secret, dialerTarget: row.dialer_url } : undefined;
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

/** Deletes a flow and cancels its jobs that were not delivered yet, in one transaction. */
export async function deleteOutboundFlow(db: Database, accountId: number, flowId: string, now: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('outbound_flows').where('account_id', '=', accountId).where('flow_id', '=', flowId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await trx
      .updateTable('outbound_jobs')
      .set({ status: 'cancelled', last_error: 'outbound flow deleted', locked_by: null, locked_until: null, updated_at: now })
      .where('account_id', '=', accountId)
      .where('flow_id', '=', flowId)
      .where('status', 'in', ['scheduled', 'dispatching'])
      .execute();
    return true;
  });
}

function toPublic(flow: OutboundFlow & Partial<OutboundFlowSecrets>): OutboundFlow {
  const { securityHash: _hash, dialerSecret: _secret, dialerTarget: _target, ...rest } = flow;
  return rest;
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
