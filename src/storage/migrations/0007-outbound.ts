import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** Outbound flows, the requests createOutbound accepted, and one durable job a number. */
export function outbound(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('outbound_flows')
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('flow_id', 'text', (column) => column.notNull())
        .addColumn('security_hash', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('dialer_url', 'text', (column) => column.notNull())
        .addColumn('dialer_secret', 'text', (column) => column.notNull())
        .addColumn('throttle_per_second', 'integer')
        .addColumn('window_start', 'text')
        .addColumn('window_end', 'text')
        .addColumn('next_slot_at', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('outbound_flows_pk', ['account_id', 'flow_id'])
        .execute();

      await db.schema
        .createTable('outbound_requests')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('execution_id', 'text', (column) => column.notNull())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('flow_id', 'text', (column) => column.notNull())
        .addColumn('stage', 'text', (column) => column.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('answer', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('cancelled_at', 'bigint')
        .execute();
      // Both databases let several rows hold a null key, so only set keys are unique.
      await db.schema.createIndex('outbound_requests_key').unique().on('outbound_requests').columns(['account_id', 'idempotency_key']).execute();

      await db.schema
        .createTable('outbound_jobs')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('request_id', 'text', (column) => column.notNull().references('outbound_requests.id').onDelete('cascade'))
        .addColumn('account_id', 'integer', (column) => column.notNull())
        .addColumn('flow_id', 'text', (column) => column.notNull())
        .addColumn('stage', 'text', (column) => column.notNull())
        .addColumn('contact_number', 'text', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('due_at', 'bigint', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'bigint')
        .addColumn('delivered_at', 'bigint')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
      // The dispatcher's two questions: which scheduled jobs are due, which leases have expired.
      await db.schema.createIndex('outbound_jobs_due').on('outbound_jobs').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('outbound_jobs_lease').on('outbound_jobs').columns(['status', 'locked_until']).execute();
      await db.schema.createIndex('outbound_jobs_request').on('outbound_jobs').column('request_id').execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('outbound_jobs').execute();
      await db.schema.dropTable('outbound_requests').execute();
      await db.schema.dropTable('outbound_flows').execute();
    },
  };
}
