import { sql, type Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

/**
 * Each link's visit counters in a narrow table of their own, added to by
 * every batch of visits. Kept in the links' table, a batch of visits to
 * links spread over a large table rewrote a page of that wide table for
 * nearly every visit: on SQLite 39 µs a visit for batches of 1 000 visits to
 * random links of 100 000, against 22 here (docs/benchmark.md, fifteenth
 * section). A link without a row here has no visits counted since this
 * migration.
 *
 * Additive: `short_urls.human_visits` and `bot_visits` stay, and a link's
 * counts are theirs plus this table's. They hold what was counted before,
 * and what nodes of the release before this one count while a rolling
 * upgrade runs, so no visit is lost from the counts.
 */
export function visitCounts(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('short_url_visit_counts')
        .addColumn('link_id', 'text', (column) => column.primaryKey().references('short_urls.id').onDelete('cascade'))
        .addColumn('humans', 'bigint', (column) => column.notNull())
        .addColumn('bots', 'bigint', (column) => column.notNull())
        // SQLite: the rows live in the key's b-tree, so an added visit is one lookup, not the key's index and then the row.
        .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('short_url_visit_counts').execute();
    },
  };
}
