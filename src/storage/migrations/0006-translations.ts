import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/** translateText's cache, shared by every node (docs/methods/translate-text.md). */
export function translations(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('translations')
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('provider', 'text', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('target', 'text', (column) => column.notNull())
        .addColumn('text_hash', 'text', (column) => column.notNull())
        .addColumn('translated_text', 'text', (column) => column.notNull())
        .addColumn('detected_source', 'text')
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('expires_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('translations_pk', ['account_id', 'provider', 'source', 'target', 'text_hash'])
        .execute();
      await db.schema.createIndex('translations_expiry').on('translations').column('expires_at').execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('translations').execute();
    },
  };
}
