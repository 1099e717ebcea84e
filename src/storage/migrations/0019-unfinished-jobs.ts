import { sql, type Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * The jobs of a request that are not final: still to be dialled (scheduled,
 * dispatching, paused) or delivered and waiting for their outcome. Every
 * outcome report asks whether its request has one left
 * (src/storage/outbound-requests.ts, completeRequestIfDone); without this
 * partial index that question read every job of the request, so a request of
 * 1000 numbers cost 1000 row reads a report. The predicate is the one the
 * query names, word for word: both databases use a partial index only for a
 * query whose condition contains it.
 */
export const unfinishedJobCondition = sql<boolean>`(status in ('scheduled', 'dispatching', 'paused') or result_due_at is not null)`;

export function unfinishedJobs(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('outbound_jobs_unfinished').on('outbound_jobs').column('request_id').where(unfinishedJobCondition).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('outbound_jobs_unfinished').execute();
    },
  };
}
