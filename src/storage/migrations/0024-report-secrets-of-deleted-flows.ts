import type { Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * What verifies the outcome report of a job whose flow was deleted while the
 * job was delivered and waiting for it (docs/methods/create-outbound.md,
 * outcome reports): the flow's dialer secrets at its deletion, one row a
 * waiting job, kept until the job's outcome deadline (`expires_at`, its
 * `result_due_at` then) so that a repeated report is still answered as one,
 * deleted after it (or with the job).
 */
export function reportSecretsOfDeletedFlows(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('outbound_job_report_secrets')
        .addColumn('job_id', 'text', (column) => column.primaryKey().references('outbound_jobs.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull())
        .addColumn('dialer_secret', 'text', (column) => column.notNull())
        .addColumn('previous_dialer_secret', 'text')
        .addColumn('previous_secret_until', 'bigint')
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('outbound_job_report_secrets').execute();
    },
  };
}
