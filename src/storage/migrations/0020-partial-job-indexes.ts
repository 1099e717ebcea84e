import { sql, type Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * Three indexes of outbound_jobs hold only the jobs that have the value they
 * look up: a lease (`locked_until`, set while a job is dispatching), a
 * delivery time (`delivered_at`) and an outcome deadline (`result_due_at`).
 * Indexed whole, every job scheduled wrote a null entry into each of them,
 * and every job then moved its entries again when dispatched and ended. A
 * job inserted on SQLite cost 27 µs with them whole, 22–24 with them
 * partial (docs/benchmark.md, fourteenth section). Each query that reads them
 * compares the column (`locked_until < ?`, `delivered_at >= ?`,
 * `result_due_at <= ?`), which both databases take as proof of `is not null`,
 * so the same queries use them.
 */
const partialIndexes = [
  { name: 'outbound_jobs_lease', columns: ['status', 'locked_until'], column: 'locked_until' },
  { name: 'outbound_jobs_delivered', columns: ['delivered_at'], column: 'delivered_at' },
  { name: 'outbound_jobs_result_due', columns: ['result_due_at'], column: 'result_due_at' },
] as const;

export function partialJobIndexes(): Migration {
  return {
    async up(db: AnyDb) {
      for (const index of partialIndexes) {
        await db.schema.dropIndex(index.name).execute();
        await db.schema.createIndex(index.name).on('outbound_jobs').columns([...index.columns]).where(sql.ref(index.column), 'is not', null).execute();
      }
    },
    async down(db: AnyDb) {
      for (const index of partialIndexes) {
        await db.schema.dropIndex(index.name).execute();
        await db.schema.createIndex(index.name).on('outbound_jobs').columns([...index.columns]).execute();
      }
    },
  };
}
