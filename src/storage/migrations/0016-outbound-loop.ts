import { sql, type Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/**
 * The outbound loop (docs/methods/create-outbound.md): outcome reports and
 * retries by disposition, a flow's category, retry policy, dedupe window,
 * pause and previous secret (rotation), and status webhooks with their
 * durable delivery queue.
 */
export function outboundLoop(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      const flows = [
        ['category', 'text', (column: any) => column.notNull().defaultTo('service')], // eslint-disable-line @typescript-eslint/no-explicit-any
        ['retry_policy', 'text', undefined],
        ['result_timeout_minutes', 'integer', (column: any) => column.notNull().defaultTo(60)], // eslint-disable-line @typescript-eslint/no-explicit-any
        ['dedupe_window_minutes', 'integer', undefined],
        ['paused_at', 'bigint', undefined],
        ['previous_dialer_secret', 'text', undefined],
        ['previous_secret_until', 'bigint', undefined],
      ] as const;
      for (const [name, type, build] of flows) {
        await db.schema.alterTable('outbound_flows').addColumn(name, type, build ?? ((column) => column)).execute();
      }

      // dial: which dial of the job this is (a retry by disposition is a new dial); attempts counts the deliveries of the current dial.
      await db.schema.alterTable('outbound_jobs').addColumn('dial', 'integer', (column) => column.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('outbound_jobs').addColumn('disposition', 'text').execute();
      // Set while a delivered job waits for its outcome report: when it is closed without one.
      await db.schema.alterTable('outbound_jobs').addColumn('result_due_at', 'bigint').execute();
      await db.schema.alterTable('outbound_jobs').addColumn('finished_at', 'bigint').execute();
      await db.schema.createIndex('outbound_jobs_result_due').on('outbound_jobs').column('result_due_at').execute();
      // The dedupe window's question: a live job for this number on this flow.
      await db.schema.createIndex('outbound_jobs_number').on('outbound_jobs').columns(['account_id', 'flow_id', 'contact_number']).execute();

      await db.schema.alterTable('outbound_requests').addColumn('completed_at', 'bigint').execute();
      // Requests whose jobs are all final before this migration are complete already.
      await sql`update outbound_requests set completed_at = created_at
        where cancelled_at is null and not exists (
          select 1 from outbound_jobs where outbound_jobs.request_id = outbound_requests.id and outbound_jobs.status in ('scheduled', 'dispatching'))`.execute(db);

      await db.schema
        .createTable('outbound_job_results')
        .addColumn('job_id', 'text', (column) => column.notNull().references('outbound_jobs.id').onDelete('cascade'))
        .addColumn('dial', 'integer', (column) => column.notNull())
        .addColumn('disposition', 'text', (column) => column.notNull())
        .addColumn('duration_seconds', 'integer')
        .addColumn('detail', 'text')
        .addColumn('reported_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('outbound_job_results_pk', ['job_id', 'dial'])
        .execute();

      await db.schema
        .createTable('status_webhooks')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('url', 'text', (column) => column.notNull())
        .addColumn('secret', 'text', (column) => column.notNull())
        .addColumn('event_types', 'text', (column) => column.notNull())
        .addColumn('failure_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('disabled_at', 'bigint')
        .addColumn('disabled_reason', 'text')
        .addColumn('last_success_at', 'bigint')
        .addColumn('last_failure_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('status_webhooks_account').on('status_webhooks').column('account_id').execute();

      await db.schema
        .createTable('status_deliveries')
        // The message id, sent as webhook-id: the same on every retry of this delivery.
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('endpoint_id', 'text', (column) => column.notNull().references('status_webhooks.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull())
        .addColumn('event_type', 'text', (column) => column.notNull())
        .addColumn('payload', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('due_at', 'bigint', (column) => column.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('delivered_at', 'bigint')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('status_deliveries_due').on('status_deliveries').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('status_deliveries_lease').on('status_deliveries').columns(['status', 'locked_until']).execute();
      await db.schema.createIndex('status_deliveries_endpoint').on('status_deliveries').columns(['endpoint_id', 'created_at']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('status_deliveries').execute();
      await db.schema.dropTable('status_webhooks').execute();
      await db.schema.dropTable('outbound_job_results').execute();
      await db.schema.dropIndex('outbound_jobs_number').execute();
      await db.schema.dropIndex('outbound_jobs_result_due').execute();
      for (const column of ['dial', 'disposition', 'result_due_at', 'finished_at']) await db.schema.alterTable('outbound_jobs').dropColumn(column).execute();
      await db.schema.alterTable('outbound_requests').dropColumn('completed_at').execute();
      for (const column of ['category', 'retry_policy', 'result_timeout_minutes', 'dedupe_window_minutes', 'paused_at', 'previous_dialer_secret', 'previous_secret_until']) {
        await db.schema.alterTable('outbound_flows').dropColumn(column).execute();
      }
    },
  };
}
