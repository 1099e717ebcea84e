import type { Migration } from 'kysely';
import type { AnyDb, Dialect } from '../dialect.js';

const seriesTextColumns = [
  'operator', 'circle', 'circle_code', 'operator_legacy', 'operator_original', 'operator_status', 'operator_source',
  'libphonenumber_operator', 'operator_agrees', 'circle_alt', 'confidence', 'sources', 'note',
] as const;

/** Imported numbering series, the import log, and the account's operator-name setting. */
export function numbering(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      let series = db.schema.createTable('numbering_series').addColumn('series', 'text', (column) => column.primaryKey());
      for (const name of seriesTextColumns) series = series.addColumn(name, 'text', (column) => column.notNull().defaultTo(''));
      await series.addColumn('imported_at', 'bigint', (column) => column.notNull()).execute();

      await db.schema
        .createTable('numbering_imports')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('row_count', 'integer', (column) => column.notNull())
        .addColumn('imported_at', 'bigint', (column) => column.notNull())
        .execute();

      await db.schema.alterTable('accounts').addColumn('operator_names', 'text', (column) => column.notNull().defaultTo('legacy')).execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('accounts').dropColumn('operator_names').execute();
      await db.schema.dropTable('numbering_imports').execute();
      await db.schema.dropTable('numbering_series').execute();
    },
  };
}
