import { verify } from '../../adapters/delivery/standard-webhooks.js';
import { findAccount } from '../../storage/accounts.js';
import type { DatabaseHandle } from '../../storage/db.js';
import { listHolidays } from '../../storage/holidays.js';
import { findReportSigner, signingSecrets } from '../../storage/outbound-flows.js';
import { findEarlierReports, findJobForUpdate, forgetExpiredReportSecrets, recordOutcome } from '../../storage/outbound-jobs.js';
import { enqueueStatusEvents } from '../../storage/status-webhooks.js';
import type { Disposition, OutboundJobStatus } from '../../storage/tables.js';
import { holidayDays, isoDateOf, type Calendar } from '../validate-date-and-time/rules.js';
import { parseWeekdays } from '../validate-date-and-time/parse-input.js';
import { announceFinal, jobEvent, newMessageId } from './events.js';
import { afterOutcome, effectiveRetryPolicy, effectiveWindow, nextDialTime } from './rules.js';

/** What a dialer reports about one dial (docs/methods/create-outbound.md, outcome reports). */
export interface OutcomeReport {
  disposition: Disposition;
  durationSeconds?: number;
  detail?: string;
  /** The dial reported (`attempt` of the delivery); default the job's current dial. */
  attempt?: number;
}

export type OutcomeAnswer =
  | { kind: 'recorded'; body: OutcomeBody }
  | { kind: 'repeated'; body: OutcomeBody }
  | { kind: 'not-found' }
  | { kind: 'unsigned'; reason: string }
  | { kind: 'not-waiting'; message: string };

export interface OutcomeBody {
  jobId: string;
  attempt: number;
  disposition: Disposition;
  /** The job's status after the report. */
  status: OutboundJobStatus;
  /** When the next dial is due, for a retry. */
  nextAttemptAt: string | null;
  /** True when this dial was reported before: nothing changed. */
  repeated: boolean;
}

/** Statuses in which a dial may be out at the dialer: delivered, or (a lost answer) still being or to be re-delivered. */
const dialOut: readonly OutboundJobStatus[] = ['delivered', 'dispatching', 'scheduled', 'paused'];

/**
 * Records a dialer's outcome report for a job: authenticated by a Standard
 * Webhooks signature with the flow's dialer secret (either secret during a
 * rotation's grace period), idempotent per job and dial. A busy, no-answer or
 * failed dial is dialled again by the flow's retry policy, inside its calling
 * window and on a working day of the account's calendar; everything else ends
 * the job. The report, the job's change and its status callbacks are one
 * transaction.
 *
 * A job whose flow was deleted while it waited for this report is verified
 * with the secrets kept for it at the deletion (until its outcome deadline),
 * and is never dialled again (as after a cancel: a retryable disposition
 * ends it `cancelled`).
 *
 * A report of a dial whose delivery was never recorded (the node crashed
 * after the dialer's 2xx, or the dialer answered after our timeout, even on
 * the last attempt that left the job `failed`) is the proof of that delivery: the job gets its `deliveredAt` and its
 * `outbound.job.delivered`, once, as a recorded delivery does.
 */
export async function reportOutcome(
  database: DatabaseHandle,
  input: { jobId: string; headers: Record<string, string | string[] | undefined>; rawBody: string; report: OutcomeReport },
  now: number,
  wallSeconds: number,
): Promise<OutcomeAnswer> {
  const { db, dialect } = database;
  // The job's flow (whose dialer secret signs the report) in one read; the job itself is read under its lock below.
  const signer = await findReportSigner(db, input.jobId, now);
  if (!signer) return { kind: 'not-found' };
  const flow = signer.kind === 'flow' ? signer.flow : undefined;
  const verified = verify(signingSecrets(signer.secrets, now), input.headers, input.rawBody, wallSeconds);
  // A signature of another flow's secret is a foreign job: as unknown as a missing one.
  if (!verified.ok) return verified.reason === 'no-matching-signature' ? { kind: 'not-found' } : { kind: 'unsigned', reason: verified.reason };

  /** The account's zone and calendar: read only for a retry, the one outcome that schedules a dial. */
  const retryCalendar = async (handle: typeof db): Promise<{ zone: string; calendar: Calendar }> => {
    const account = await findAccount(handle, signer.accountId);
    const holidays = await listHolidays(handle, signer.accountId, { from: isoDateOf(Math.floor(now / 86_400_000) - 1) });
    return {
      zone: account?.timezone ?? 'UTC',
      calendar: { daysOff: parseWeekdays(account?.workingDaysOff.join(',') || 'none') ?? new Set(), holidays: holidayDays(holidays.map((holiday) => holiday.date)) },
    };
  };
  const window = flow ? effectiveWindow(flow.category, flow.callingWindow) : null;
  const policy = effectiveRetryPolicy(flow?.retryPolicy ?? null);
  const { report } = input;

  return db.transaction().execute(async (trx): Promise<OutcomeAnswer> => {
    const job = await findJobForUpdate(trx, input.jobId);
    if (!job) return { kind: 'not-found' };
    const dial = report.attempt ?? job.dial;
    const { earlier, reported: reportedBefore } = await findEarlierReports(trx, job.id, dial, report.disposition);
    if (earlier) {
      return {
        kind: 'repeated',
        body: { jobId: job.id, attempt: dial, disposition: earlier, status: job.status, nextAttemptAt: null, repeated: true },
      };
    }
    // A dial whose every delivery was recorded as failed (the dialer answered after our timeout) may still have been
    // placed: its report is awaited as long as a recorded delivery's would be.
    const failedButPlaced =
      job.status === 'failed' && job.attempts > 0 && flow !== undefined && flow.resultTimeoutMinutes > 0 && job.finished_at !== null && now <= Number(job.finished_at) + flow.resultTimeoutMinutes * 60_000;
    const waiting = job.status === 'delivered' ? job.result_due_at !== null : (dialOut.includes(job.status) && job.attempts > 0) || failedButPlaced;
    if (dial !== job.dial || !waiting) {
      const why =
        dial !== job.dial
          ? `attempt ${dial} is not the job's current attempt (${job.dial})`
          : job.status === 'delivered'
            ? 'the job was closed without an outcome (resultTimeoutMinutes passed)'
            : `the job is ${job.status}`;
      return { kind: 'not-waiting', message: `No outcome is awaited for job ${job.id}: ${why}. Nothing changed.` };
    }

    // This dial had no report (above) and the job's row is locked, so storing this one counts it once more.
    const dialReport = { jobId: job.id, dial, disposition: report.disposition, durationSeconds: report.durationSeconds ?? null, detail: report.detail ?? null };
    const next = afterOutcome(report.disposition, reportedBefore + 1, policy, job.cancelled_at !== null || !flow);
    // A delivered job's delivery was recorded (and announced); any other waiting job's is proven by this report.
    const proofOfDelivery = job.status !== 'delivered';
    const delivered = proofOfDelivery ? { ...job, delivered_at: now } : job;
    const attempted = jobEvent('outbound.job.attempted', { ...delivered, disposition: report.disposition, status: next.next === 'retry' ? 'scheduled' : next.status }, now, {
      durationSeconds: report.durationSeconds ?? null,
      detail: report.detail ?? null,
      retry: next.next === 'retry',
    });
    const events =
      job.stage !== 'prod' ? [] : proofOfDelivery ? [jobEvent('outbound.job.delivered', { ...delivered, status: 'delivered', disposition: null }, now), attempted] : [attempted];
    if (!flow) await forgetExpiredReportSecrets(trx, now);
    if (next.next === 'retry' && flow) {
      const { zone, calendar } = await retryCalendar(trx);
      const retryAt = nextDialTime(now + next.afterMinutes * 60_000, window, zone, calendar);
      await recordOutcome(trx, dialReport, { retryAt, paused: flow.paused }, now, delivered.delivered_at);
      await enqueueStatusEvents(trx, events, now, newMessageId);
      return {
        kind: 'recorded',
        body: { jobId: job.id, attempt: dial, disposition: report.disposition, status: flow.paused ? 'paused' : 'scheduled', nextAttemptAt: new Date(retryAt).toISOString(), repeated: false },
      };
    }
    const status = next.next === 'retry' ? 'cancelled' : next.status;
    await recordOutcome(trx, dialReport, { status }, now, delivered.delivered_at);
    await announceFinal(trx, dialect, [{ ...delivered, status, disposition: report.disposition }], now, events);
    return { kind: 'recorded', body: { jobId: job.id, attempt: dial, disposition: report.disposition, status, nextAttemptAt: null, repeated: false } };
  });
}
