import type { Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * findLanguage reads the caller's stored preference first (the account names
 * which one) and the invocation log records which rule answered
 * (docs/methods/find-language.md). Both columns are additive: the account's
 * has a default, the log's is null for every other method.
 */
export function languageSource(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('accounts').addColumn('language_preference_key', 'text', (column) => column.notNull().defaultTo('language')).execute();
      await db.schema.alterTable('invocations').addColumn('answer_source', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('invocations').dropColumn('answer_source').execute();
      await db.schema.alterTable('accounts').dropColumn('language_preference_key').execute();
    },
  };
}
