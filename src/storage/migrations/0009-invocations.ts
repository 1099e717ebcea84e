import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** The invocation log: one row per webhook call (docs/management-api.md `GET /api/invocations`). */
export function invocations(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('invocations')
        // SQLite's `integer primary key` is the rowid (auto-assigned); PostgreSQL needs an identity.
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (column) => column.primaryKey())
        .addColumn('at', 'bigint', (column) => column.notNull())
        // No foreign key: calls with a bad token have no account, and the log must never hold up a write.
        .addColumn('account_id', 'integer')
        .addColumn('method', 'text')
        .addColumn('flow_id', 'text')
        .addColumn('stage', 'text', (column) => column.notNull())
        .addColumn('http_status', 'integer', (column) => column.notNull())
        .addColumn('outcome', 'text', (column) => column.notNull())
        .addColumn('error_code', 'text')
        .addColumn('duration_ms', 'double precision', (column) => column.notNull())
        .addColumn('caller', 'text')
        .addColumn('request_id', 'text', (column) => column.notNull())
        .execute();
      // Listings read newest first (id descending) within an account; method, outcome and status filters
      // are applied on that walk (and the admin's unfiltered listing walks the primary key). Every webhook
      // call inserts a row, so each index here is paid on the hot path: only the two that bound a walk.
      await db.schema.createIndex('invocations_account').on('invocations').columns(['account_id', 'id']).execute();
      // Pruning deletes by age.
      await db.schema.createIndex('invocations_at').on('invocations').column('at').execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('invocations').execute();
    },
  };
}
