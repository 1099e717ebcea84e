import { dialectOf, type Database } from './db.js';

/**
 * Row counts (or listed values) a statement takes on SQLite. SQLite keeps
 * every statement text it has prepared (src/storage/db.ts, up to 500), and a
 * prepared multi-row statement holds memory by its rows: a 500-row insert of
 * `outbound_jobs` held 0.9 MiB, a 100-row one 185 KiB. Multi-row writes of
 * any count go out as statements of these few shapes, prepared once, so the
 * cache cannot fill with one statement a count (docs/operations.md, Metrics:
 * `flowhooks_sqlite_prepared_statements`); a list of values to match is one
 * value of one statement instead (src/storage/prepared.ts, inTextList).
 */
export const sqliteRowsPerStatement: readonly number[] = [100, 10, 1];

/**
 * `rows` in slices of the given sizes, largest first: as many of the first
 * size as fit, then of the next, and so on; a remainder shorter than the last
 * size is one more slice. Order is kept.
 */
export function slices<T>(rows: readonly T[], sizes: readonly number[]): Array<readonly T[]> {
  const result: Array<readonly T[]> = [];
  let start = 0;
  for (const size of sizes) {
    for (; rows.length - start >= size; start += size) result.push(rows.slice(start, start + size));
  }
  if (start < rows.length) result.push(rows.slice(start));
  return result;
}

/**
 * The slices a multi-row write or an `in` list of `rows` goes out in: on
 * PostgreSQL, which keeps no statement by its text, up to `postgresRows` a
 * statement (fewer round trips); on SQLite, the fixed sizes above.
 */
export function statementSlices<T>(db: Database, rows: readonly T[], postgresRows: number): Array<readonly T[]> {
  return slices(rows, dialectOf(db) === 'postgres' ? [postgresRows] : sqliteRowsPerStatement);
}

/**
 * The texts of a SQLite multi-row statement, by its row count: `head`, then
 * `values` and `rows` groups of `columns` placeholders, then `tail`. Each
 * text is built once; written with CompiledQuery.raw, a batch's values need
 * no query-builder nodes.
 */
export function multiRowStatement(head: string, columns: number, tail = ''): (rows: number) => string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  const texts = new Map<number, string>();
  return (rows) => {
    let text = texts.get(rows);
    if (!text) {
      text = `${head} values ${Array.from({ length: rows }, () => row).join(', ')}${tail}`;
      texts.set(rows, text);
    }
    return text;
  };
}
