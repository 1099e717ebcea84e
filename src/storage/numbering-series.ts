import { randomUUID } from 'node:crypto';
import { seriesColumns, type SeriesRow } from '../phone/numbering-series.js';
import type { Database } from './db.js';
import type { NumberingSeriesTable } from './tables.js';

// 15 columns a row: 500 rows stay under both databases' bound-parameter limits.
const chunkSize = 500;

function toColumns(row: SeriesRow, now: number): NumberingSeriesTable {
  const columns = { imported_at: now } as NumberingSeriesTable;
  for (const [field, column] of Object.entries(seriesColumns) as Array<[keyof SeriesRow, keyof NumberingSeriesTable]>) {
    (columns as unknown as Record<string, string | number>)[column] = row[field];
  }
  return columns;
}

function toRow(columns: NumberingSeriesTable): SeriesRow {
  const row = {} as SeriesRow;
  for (const [field, column] of Object.entries(seriesColumns) as Array<[keyof SeriesRow, keyof NumberingSeriesTable]>) {
    row[field] = String(columns[column]);
  }
  return row;
}

/** Adds or replaces series and logs the import, in one transaction: all rows or none. */
export async function importSeries(db: Database, rows: readonly SeriesRow[], now: number): Promise<{ id: string }> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < rows.length; start += chunkSize) {
      const values = rows.slice(start, start + chunkSize).map((row) => toColumns(row, now));
      await trx
        .insertInto('numbering_series')
        .values(values)
        .onConflict((conflict) =>
          conflict.column('series').doUpdateSet((eb) =>
            Object.fromEntries(
              [...Object.values(seriesColumns).filter((column) => column !== 'series'), 'imported_at'].map((column) => [
                column,
                eb.ref(`excluded.${column}` as 'excluded.operator'),
              ]),
            ),
          ),
        )
        .execute();
    }
    await trx.insertInto('numbering_imports').values({ id, row_count: rows.length, imported_at: now }).execute();
  });
  return { id };
}

export async function listImportedSeries(db: Database): Promise<SeriesRow[]> {
  const rows = await db.selectFrom('numbering_series').selectAll().execute();
  return rows.map(toRow);
}

/** How many imports have committed; it only grows, so a change means "reload". */
export async function countImports(db: Database): Promise<number> {
  const row = await db.selectFrom('numbering_imports').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
