import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** Per-account holiday calendar: one named day per date (docs/methods/validate-date-and-time.md, §3). */
export function holidays(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('holidays')
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        // `YYYY-MM-DD` in the account's calendar; text sorts and compares as dates on both databases.
        .addColumn('date', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('holidays_pk', ['account_id', 'date'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('holidays').execute();
    },
  };
}
