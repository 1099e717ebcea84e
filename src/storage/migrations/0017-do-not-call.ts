import type { Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * Per-account do-not-call lists (docs/methods/create-outbound.md, "Do-not-call lists").
 * The primary key (account, number) answers every question the list is asked:
 * is this number listed, which of these numbers are, and a page of the list in order.
 */
export function doNotCall(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('do_not_call_numbers')
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('number', 'text', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('added_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('do_not_call_numbers_pk', ['account_id', 'number'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('do_not_call_numbers').execute();
    },
  };
}
