import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.js';
import { seriesColumns, type SeriesRow } from '../../phone/numbering-series.js';
import type { Circle, LandlinePrefix, NumberingData, StateLanguages } from './numbering.js';

/**
 * `numbering-data/` at the package root. It is found by walking up from this
 * file, so it resolves from `src/` (vitest, tsx) and from `dist/src/` (after
 * tsc, which does not copy CSV files) alike.
 */
export function shippedDataFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(folder, 'numbering-data');
    if (existsSync(join(candidate, 'mobile-series.csv'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) throw new Error('numbering-data/ not found above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
}

/**
 * One copy of each distinct value, not a slice of the file: the tables repeat
 * a few operators, circles and sources thousands of times, and a slice keeps
 * the whole text of its file alive for the process's life.
 */
function stringPool(): (value: string) => string {
  const kept = new Map<string, string>();
  return (value) => {
    let copy = kept.get(value);
    if (copy === undefined) {
      copy = Buffer.from(value, 'utf8').toString('utf8');
      kept.set(copy, copy);
    }
    return copy;
  };
}

/** Rows of a CSV file as objects keyed by its header. */
function readTable(file: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsv(readFileSync(file, 'utf8'));
  if (!header) return [];
  const keep = stringPool();
  const names = header.fields.map(keep);
  return records.map(({ fields }) => Object.fromEntries(names.map((name, index) => [name, keep(fields[index] ?? '')])));
}

/** A SeriesRow from a record keyed by `mobile-series.csv` column names (missing columns are empty). */
export function seriesRowFrom(record: Record<string, string | undefined>): SeriesRow {
  const row = {} as SeriesRow;
  for (const [field, column] of Object.entries(seriesColumns) as Array<[keyof SeriesRow, string]>) row[field] = (record[column] ?? '').trim();
  return row;
}

let shipped: NumberingData | undefined;

/** The shipped data, read once per process (every app and test shares it). */
export function loadShippedNumbering(): NumberingData {
  shipped ??= readNumberingData(shippedDataFolder());
  return shipped;
}

/** Reads the four files of a numbering-data folder. */
export function readNumberingData(folder: string): NumberingData {
  const circles: Circle[] = readTable(join(folder, 'circle-languages.csv')).map((row) => ({
    code: row.circle_code ?? '',
    name: (row.circle ?? '').toUpperCase(),
    primaryLanguage: row.primary_language ?? '',
    secondaryLanguage: row.secondary_language ?? '',
  }));
  const states: StateLanguages[] = readTable(join(folder, 'state-circle.csv')).map((row) => ({
    name: row.name ?? '',
    primaryLanguage: row.primary_language ?? '',
    secondaryLanguage: row.secondary_language ?? '',
  }));
  const landlines: LandlinePrefix[] = readTable(join(folder, 'landline-prefixes.csv')).map((row) => ({
    prefix: row.prefix ?? '',
    place: row.place ?? '',
    state: row.state ?? '',
    circleCode: row.circle_code ?? '',
  }));
  const series = readTable(join(folder, 'mobile-series.csv')).map(seriesRowFrom);
  return { series, circles, states, landlines };
}
