import type { Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * An idempotency key is unique per account **and stage** (docs/methods/create-outbound.md,
 * idempotency): a key first used on the test stage must not make the production call with
 * the same key a replay of the simulated request, nor the reverse. The unique index of
 * 0007 (`account_id, idempotency_key`) becomes one on `account_id, stage, idempotency_key`.
 * Every existing row stays valid: keys unique per account are unique per account and stage.
 * The new index is made before the old one is dropped, so a key is never without one.
 *
 * A release before this one on this schema (a rollback, docs/deploying.md) still finds a
 * key by account alone, as it always did, and its concurrent calls with one key on one
 * stage still meet this index; it only no longer gets a unique violation for a key the
 * other stage holds. `down` fails while a key is held on both stages.
 */
export function idempotencyKeysPerStage(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('outbound_requests_stage_key').unique().on('outbound_requests').columns(['account_id', 'stage', 'idempotency_key']).execute();
      await db.schema.dropIndex('outbound_requests_key').execute();
    },
    async down(db: AnyDb) {
      await db.schema.createIndex('outbound_requests_key').unique().on('outbound_requests').columns(['account_id', 'idempotency_key']).execute();
      await db.schema.dropIndex('outbound_requests_stage_key').execute();
    },
  };
}
