import { newRowId } from '../../kernel/row-ids.js';
import type { Database } from '../../storage/db.js';
import type { Dialect } from '../../storage/dialect.js';
import { cancelOutboundRequest, completeRequestIfDone, type RequestCompletion } from '../../storage/outbound-requests.js';
import { enqueueStatusEvents, type StatusEvent } from '../../storage/status-webhooks.js';
import type { OutboundJobsTable } from '../../storage/tables.js';

/** The event types a status webhook may take (docs/methods/create-outbound.md, status callbacks). */
export const statusEventTypes = ['outbound.job.delivered', 'outbound.job.attempted', 'outbound.job.completed', 'outbound.request.completed'] as const;
export type StatusEventType = (typeof statusEventTypes)[number];

/** A callback's webhook-id (and its delivery row's id, src/kernel/row-ids.ts): the same on every retry of that callback, so receivers drop repeats by it. */
export const newMessageId = (): string => `msg_${newRowId().replaceAll('-', '')}`;

type JobFields = Pick<OutboundJobsTable, 'id' | 'request_id' | 'account_id' | 'flow_id' | 'contact_number' | 'dial' | 'status' | 'disposition' | 'delivered_at'>;

/** `{type, timestamp, data}` about one job. */
export function jobEvent(type: Exclude<StatusEventType, 'outbound.request.completed'>, job: JobFields, now: number, extra: Record<string, unknown> = {}): StatusEvent {
  return {
    type,
    accountId: job.account_id,
    payload: {
      type,
      timestamp: new Date(now).toISOString(),
      data: {
        jobId: job.id,
        requestId: job.request_id,
        flowId: job.flow_id,
        accountId: job.account_id,
        contactNumber: job.contact_number,
        attempt: job.dial,
        status: job.status,
        disposition: job.disposition ?? null,
        deliveredAt: job.delivered_at === null ? null : new Date(Number(job.delivered_at)).toISOString(),
        ...extra,
      },
    },
  };
}

export function requestCompletedEvent(completion: RequestCompletion, now: number): StatusEvent {
  const type = 'outbound.request.completed';
  return {
    type,
    accountId: completion.accountId,
    payload: {
      type,
      timestamp: new Date(now).toISOString(),
      data: { requestId: completion.requestId, executionId: completion.executionId, flowId: completion.flowId, accountId: completion.accountId, counts: completion.counts },
    },
  };
}

/**
 * After jobs became final inside `trx`: queues outbound.job.completed for
 * each prod job (plus `extra` events), then completes each request whose
 * last job this was and queues outbound.request.completed. Test-stage
 * requests complete without callbacks.
 */
export async function announceFinal(
  trx: Database,
  dialect: Dialect,
  jobs: ReadonlyArray<JobFields & { stage: 'prod' | 'test' }>,
  now: number,
  extra: readonly StatusEvent[] = [],
): Promise<void> {
  const events: StatusEvent[] = [...extra];
  for (const job of jobs) if (job.stage === 'prod') events.push(jobEvent('outbound.job.completed', job, now));
  await enqueueStatusEvents(trx, events, now, newMessageId);
  await completeRequests(trx, dialect, [...new Set(jobs.map((job) => job.request_id))], now);
}

/** Completes each request none of whose jobs is live any more, and queues its outbound.request.completed (prod only). */
export async function completeRequests(trx: Database, dialect: Dialect, requestIds: readonly string[], now: number): Promise<void> {
  const events: StatusEvent[] = [];
  for (const requestId of requestIds) {
    const completion = await completeRequestIfDone(trx, dialect, requestId, now);
    if (completion && completion.stage === 'prod') events.push(requestCompletedEvent(completion, now));
  }
  await enqueueStatusEvents(trx, events, now, newMessageId);
}

/** Cancels a request's live jobs and announces them, in one transaction; answers how many were cancelled. */
export async function cancelRequest(db: Database, dialect: Dialect, requestId: string, now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const cancelled = await cancelOutboundRequest(trx, requestId, now);
    await announceFinal(trx, dialect, cancelled, now);
    return cancelled.length;
  });
}
