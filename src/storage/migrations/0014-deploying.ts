import { sql, type Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * Additive (docs/deploying.md "Upgrades and rollbacks"): a release without
 * this migration still starts on a database that has it.
 * - `api_tokens.settings_name`: which setting a token came from, so changing
 *   the setting revokes the previous one (docs/operations.md).
 * - `accounts.parameter_error_status`: 422 or 200 for parameter errors (docs/protocol.md).
 * - `rate_limit_counters`: request counters the nodes share, one window per key (docs/deploying.md).
 */
export function deploying(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('api_tokens').addColumn('settings_name', 'text').execute();
      // Tokens the settings added before this release carried the setting's name as their label.
      await db
        .updateTable('api_tokens')
        .set({ settings_name: sql.ref('label') })
        .where('label', 'in', ['FLOWHOOKS_ADMIN_TOKEN', 'FLOWHOOKS_WEBHOOK_TOKEN'])
        .execute();
      await db.schema.alterTable('accounts').addColumn('parameter_error_status', 'integer', (column) => column.notNull().defaultTo(422)).execute();
      await db.schema
        .createTable('rate_limit_counters')
        .addColumn('key', 'text', (column) => column.primaryKey())
        .addColumn('window_start', 'bigint', (column) => column.notNull())
        .addColumn('window_ms', 'integer', (column) => column.notNull())
        .addColumn('count', 'integer', (column) => column.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('rate_limit_counters').execute();
      await db.schema.alterTable('accounts').dropColumn('parameter_error_status').execute();
      await db.schema.alterTable('api_tokens').dropColumn('settings_name').execute();
    },
  };
}
