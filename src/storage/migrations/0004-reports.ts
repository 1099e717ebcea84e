import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

export function reports(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('report_rows')
        // SQLite's `integer primary key` is the rowid (auto-assigned); PostgreSQL needs an identity.
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('report_type', 'text', (column) => column.notNull())
        .addColumn('stage', 'text', (column) => column.notNull())
        .addColumn('call_id', 'text')
        .addColumn('flow_id', 'text', (column) => column.notNull())
        .addColumn('dtmf', 'text')
        .addColumn('dnis', 'text')
        .addColumn('start_at', 'bigint', (column) => column.notNull())
        .addColumn('start_time', 'text', (column) => column.notNull())
        .addColumn('extra', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .execute();
      // Idempotent writes: rows without a call id (null) never collide, and a
      // test-stage call never shadows a production one.
      await db.schema.createIndex('report_rows_call').on('report_rows').columns(['account_id', 'report_type', 'stage', 'call_id']).unique().execute();
      // Every listing and export reads in (start_at, id) order within one account, report type and stage;
      // flow and dnis filters get their own prefix so a narrow export does not walk the whole report.
      await db.schema.createIndex('report_rows_time').on('report_rows').columns(['account_id', 'report_type', 'stage', 'start_at', 'id']).execute();
      await db.schema.createIndex('report_rows_flow').on('report_rows').columns(['account_id', 'report_type', 'stage', 'flow_id', 'start_at', 'id']).execute();
      await db.schema.createIndex('report_rows_dnis').on('report_rows').columns(['account_id', 'report_type', 'stage', 'dnis', 'start_at', 'id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('report_rows').execute();
    },
  };
}
