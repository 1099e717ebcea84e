import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../../test/support.js';
import { bootstrap } from '../auth/bootstrap.js';
import { migrateToLatest, openDatabase, type Database, type DatabaseHandle } from './db.js';
import { completeRequestIfDone } from './outbound-requests.js';

/**
 * The completion check on PostgreSQL with transactions that overlap, step by
 * step (src/storage/outbound-requests.ts, completeRequestIfDone): a job that
 * is still unfinished answers "not complete" without the request's row lock,
 * and holds that job until the answer is committed.
 */
describe.each((await databaseTargets()).filter((target) => target.name === 'postgres'))('completing a request on $name', (target) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let requestNumber = 0;

  beforeAll(async () => {
    const fresh = await target.fresh();
    cleanup = fresh.cleanup;
    handle = openDatabase(fresh.settings.DATABASE_URL, { schema: fresh.settings.DATABASE_SCHEMA, poolSize: 4 });
    await migrateToLatest(handle, fresh.settings.DATABASE_SCHEMA);
    await bootstrap(handle.db, { adminToken: 'completion-admin-token-0123456789', webhookToken: 'completion-webhook-token-0123456789' }, Date.now());
  });
  afterAll(async () => {
    await handle.close();
    await cleanup();
  });

  /** A request with one job a status, in order; answers its id and its jobs' ids. */
  async function requestWith(statuses: string[]): Promise<{ requestId: string; jobIds: string[] }> {
    const requestId = `completion-request-${++requestNumber}`;
    await sql`insert into outbound_requests (id, execution_id, account_id, flow_id, stage, answer, created_at) values (${requestId}, ${`execution-${requestNumber}`}, 1, 'FLOW', 'prod', '[]', 0)`.execute(handle.db);
    const jobIds = statuses.map((_, index) => `${requestId}-job-${index}`);
    for (const [index, status] of statuses.entries()) {
      await sql`insert into outbound_jobs (id, request_id, account_id, flow_id, stage, contact_number, position, due_at, status, created_at, updated_at)
        values (${jobIds[index]}, ${requestId}, 1, 'FLOW', 'prod', ${`+91987654${String(index).padStart(4, '0')}`}, ${index}, 0, ${status}, 0, 0)`.execute(handle.db);
    }
    return { requestId, jobIds };
  }
  const finish = (db: Database, jobId: string) => sql`update outbound_jobs set status = 'answered', finished_at = 1 where id = ${jobId}`.execute(db);
  const completedAt = async (requestId: string) =>
    (await sql<{ completed_at: string | null }>`select completed_at from outbound_requests where id = ${requestId}`.execute(handle.db)).rows[0]?.completed_at ?? null;

  it('answers "not complete" from an unfinished job it then holds: nobody can finish that job until the answer is committed', async () => {
    const { requestId, jobIds } = await requestWith(['dispatching', 'scheduled']);
    await handle.db.transaction().execute(async (trx) => {
      await finish(trx, jobIds[0]!);
      expect(await completeRequestIfDone(trx, 'postgres', requestId, 10)).toBeUndefined();
      // Another connection cannot finish the last job meanwhile: it waits for this transaction.
      const other = handle.db.transaction().execute(async (otherTrx) => {
        await sql`set local lock_timeout = '300ms'`.execute(otherTrx);
        await finish(otherTrx, jobIds[1]!);
      });
      await expect(other).rejects.toThrow(/lock timeout/);
    });
    // Once it is committed, the job's end completes the request.
    await handle.db.transaction().execute(async (trx) => {
      await finish(trx, jobIds[1]!);
      expect(await completeRequestIfDone(trx, 'postgres', requestId, 20)).toMatchObject({ requestId, counts: { answered: 2 } });
    });
    expect(Number(await completedAt(requestId))).toBe(20);
  });

  it('completes a request whose last two jobs end in overlapping transactions, once', async () => {
    const { requestId, jobIds } = await requestWith(['dispatching', 'dispatching']);
    const signal = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      return { promise, resolve };
    };
    const secondHolds = signal();
    const firstChecked = signal();
    const firstMayCommit = signal();
    // The second ends job 1, its row held from the start, as a report does.
    const second = handle.db.transaction().execute(async (trx) => {
      await sql`select id from outbound_jobs where id = ${jobIds[1]} for update`.execute(trx);
      await finish(trx, jobIds[1]!);
      secondHolds.resolve();
      // Only once the first has checked: job 1 held, it found no witness and took the request's row.
      await firstChecked.promise;
      const answer = completeRequestIfDone(trx, 'postgres', requestId, 31);
      firstMayCommit.resolve();
      return answer;
    });
    // The first ends job 0 and checks while job 1 is being ended, then waits to commit.
    const first = handle.db.transaction().execute(async (trx) => {
      await secondHolds.promise;
      await finish(trx, jobIds[0]!);
      const answer = await completeRequestIfDone(trx, 'postgres', requestId, 30);
      firstChecked.resolve();
      await firstMayCommit.promise;
      return answer;
    });
    const answers = await Promise.all([first, second]);
    // Exactly one of them completes the request, with both jobs counted.
    expect(answers.filter((answer) => answer !== undefined)).toEqual([expect.objectContaining({ requestId, counts: { answered: 2 } })]);
    expect(await completedAt(requestId)).not.toBeNull();
  });
});
