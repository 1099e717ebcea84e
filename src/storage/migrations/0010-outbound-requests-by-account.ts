import type { Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/** An account's outbound requests newest first (console list, `GET /api/accounts/{id}/outbound-requests`) without a scan. */
export function outboundRequestsByAccount(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('outbound_requests_account_created').on('outbound_requests').columns(['account_id', 'created_at']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('outbound_requests_account_created').execute();
    },
  };
}
