import { sql, type Migration } from 'kysely';
import type { AnyDb } from '../dialect.js';

/**
 * The console overview and misses (docs/console.md): an hourly rollup of the
 * invocation log (filled from the existing log here, then by the log's
 * writer), the `miss` column of the log, the account setting `recordMisses`,
 * and the indexes the overview's outbound and visit counts read.
 */
// The bucket layout as this migration created it: a migration is history, so it keeps
// its own copy instead of reading today's (src/storage/invocation-hours.ts).
const durationBounds = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 25, 50, 75, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;
const bucketColumns = Array.from({ length: durationBounds.length + 1 }, (_, index) => `d${String(index).padStart(2, '0')}`);
const hourMs = 3_600_000;

export function overview(): Migration {
  return {
    async up(db: AnyDb) {
      let table = db.schema
        .createTable('invocation_hours')
        .addColumn('hour', 'bigint', (column) => column.notNull())
        .addColumn('account_id', 'integer', (column) => column.notNull())
        .addColumn('method', 'text', (column) => column.notNull())
        .addColumn('kind', 'text', (column) => column.notNull())
        .addColumn('error_code', 'text', (column) => column.notNull())
        .addColumn('calls', 'bigint', (column) => column.notNull())
        .addColumn('duration_sum_ms', 'double precision', (column) => column.notNull());
      for (const name of bucketColumns) table = table.addColumn(name, 'bigint', (column) => column.notNull().defaultTo(0));
      await table.addPrimaryKeyConstraint('invocation_hours_key', ['hour', 'account_id', 'method', 'kind', 'error_code']).execute();
      // One account's hours without walking every account's.
      await db.schema.createIndex('invocation_hours_account').on('invocation_hours').columns(['account_id', 'hour']).execute();

      // Calls already in the log are rolled up once, so the overview covers them after an upgrade.
      const bucketSums = bucketColumns.map((name, index) => {
        const lower = index === 0 ? null : durationBounds[index - 1]!;
        const upper = durationBounds[index];
        const conditions = [lower === null ? null : sql`duration_ms > ${sql.lit(lower)}`, upper === undefined ? null : sql`duration_ms <= ${sql.lit(upper)}`].filter((part) => part !== null);
        return sql`sum(case when ${sql.join(conditions, sql` and `)} then 1 else 0 end)`;
      });
      const kind = sql`case when http_status >= 500 then '5xx' when http_status >= 400 then '4xx' else outcome end`;
      const hour = sql`(at / ${sql.lit(hourMs)}) * ${sql.lit(hourMs)}`;
      await sql`
        insert into invocation_hours (hour, account_id, method, kind, error_code, calls, duration_sum_ms, ${sql.join(bucketColumns.map((name) => sql.id(name)))})
        select ${hour}, coalesce(account_id, 0), coalesce(method, ''), ${kind}, coalesce(error_code, ''), count(*), sum(duration_ms), ${sql.join(bucketSums)}
        from invocations
        group by ${hour}, coalesce(account_id, 0), coalesce(method, ''), ${kind}, coalesce(error_code, '')`.execute(db);

      // What a call said that the service did not understand (nullable: most calls have none).
      await db.schema.alterTable('invocations').addColumn('miss', 'text').execute();
      // Only rows with a miss are in it, so it costs nothing on the calls that have none; it holds every
      // column the misses grouping reads, so no row of the (large) table is visited.
      await db.schema
        .createIndex('invocations_miss')
        .on('invocations')
        .columns(['at', 'account_id', 'method', 'miss'])
        .where(sql.ref('miss'), 'is not', null)
        .execute();

      await db.schema.alterTable('accounts').addColumn('record_misses', 'integer', (column) => column.notNull().defaultTo(1)).execute();

      // The overview's outbound jobs (made in the period) and deliveries per hour, and visits per hour.
      await db.schema.createIndex('outbound_jobs_created').on('outbound_jobs').column('created_at').execute();
      await db.schema.createIndex('outbound_jobs_delivered').on('outbound_jobs').column('delivered_at').execute();
      await db.schema.createIndex('short_url_visits_at').on('short_url_visits').column('visited_at').execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('short_url_visits_at').execute();
      await db.schema.dropIndex('outbound_jobs_delivered').execute();
      await db.schema.dropIndex('outbound_jobs_created').execute();
      await db.schema.alterTable('accounts').dropColumn('record_misses').execute();
      await db.schema.dropIndex('invocations_miss').execute();
      await db.schema.alterTable('invocations').dropColumn('miss').execute();
      await db.schema.dropTable('invocation_hours').execute();
    },
  };
}
