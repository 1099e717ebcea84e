import { dialectOf, type Database } from '../../storage/db.js';
import { findListedNumbers } from '../../storage/do-not-call.js';
import { refuseHeldJobs, type ClaimedJob } from '../../storage/outbound-jobs.js';
import { announceFinal } from './events.js';

/**
 * The do-not-call checks of outbound calls (docs/methods/create-outbound.md,
 * "Do-not-call lists"): every flow, whatever its category, is checked against
 * its account's list — once when a request is accepted, and again just before
 * each delivery, so a number listed after scheduling is never dialled.
 */

/** Splits a request's numbers (E.164) into those that may be called and those on the account's list (`listed`), each in the order given. */
export function splitListedNumbers(numbers: readonly string[], listed: ReadonlySet<string>): { allowed: string[]; refused: string[] } {
  return { allowed: numbers.filter((number) => !listed.has(number)), refused: numbers.filter((number) => listed.has(number)) };
}

/**
 * Closes as `refused` the claimed jobs whose number is on their account's
 * list now; one lookup per account in the batch, one update for all of them.
 * Each refused job is announced to the account's status webhooks and may
 * complete its request. Returns the jobs still to be delivered. A job this dispatcher no longer
 * holds (cancelled meanwhile) is left as it is and not delivered either.
 */
export async function withoutListedJobs(db: Database, jobs: readonly ClaimedJob[], workerId: string, now: number): Promise<{ deliver: ClaimedJob[]; refused: ClaimedJob[] }> {
  const byAccount = new Map<number, ClaimedJob[]>();
  for (const job of jobs) byAccount.set(job.account_id, [...(byAccount.get(job.account_id) ?? []), job]);
  const refusedIds = new Set<string>();
  for (const [accountId, accountJobs] of byAccount) {
    const listed = await findListedNumbers(db, accountId, accountJobs.map((job) => job.contact_number));
    for (const job of accountJobs) if (listed.has(job.contact_number)) refusedIds.add(job.id);
  }
  if (refusedIds.size === 0) return { deliver: [...jobs], refused: [] };
  // Final like any other end of a job: outbound.job.completed (status refused) and the request's completion, in one transaction.
  await db.transaction().execute(async (trx) => announceFinal(trx, dialectOf(db), await refuseHeldJobs(trx, [...refusedIds], workerId, now), now));
  return { deliver: jobs.filter((job) => !refusedIds.has(job.id)), refused: jobs.filter((job) => refusedIds.has(job.id)) };
}
