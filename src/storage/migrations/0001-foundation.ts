import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

export function foundation(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'integer', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('timezone', 'text', (column) => column.notNull())
        .addColumn('country', 'text', (column) => column.notNull())
        .addColumn('client_id', 'text')
        .addColumn('default_language', 'text', (column) => column.notNull())
        .addColumn('business_start', 'text', (column) => column.notNull())
        .addColumn('business_end', 'text', (column) => column.notNull())
        .addColumn('callback_start', 'text', (column) => column.notNull())
        .addColumn('callback_end', 'text', (column) => column.notNull())
        .addColumn('working_days_off', 'text', (column) => column.notNull())
        .addColumn('valid_max_days', 'integer', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('account_id', 'integer', (column) => column.references('accounts.id').onDelete('cascade'))
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('label', 'text', (column) => column.notNull())
        .addColumn('token_hash', 'text', (column) => column.notNull().unique())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

      await db.schema
        .createTable('user_preferences')
        .addColumn('account_id', 'integer', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('contact_id', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('value', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .addPrimaryKeyConstraint('user_preferences_pk', ['account_id', 'contact_id', 'name'])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('user_preferences').execute();
      await db.schema.dropTable('api_tokens').execute();
      await db.schema.dropTable('accounts').execute();
    },
  };
}
