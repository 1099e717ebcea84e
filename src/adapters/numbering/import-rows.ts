import { CsvSyntaxError, parseCsv } from './csv.js';
import { seriesColumns, type SeriesRow } from '../../phone/numbering-series.js';
import type { NumberingPlan } from './numbering.js';
import { seriesRowFrom } from './shipped-data.js';

export interface ImportIssue {
  /** Line of the CSV text (the header is line 1). */
  line: number;
  /** The column, or `row` for the whole record. */
  field: string;
  message: string;
}

/** Most rows one import may carry (the shipped file has 4,756). */
export const maxImportRows = 100_000;
const maxIssues = 50;

const knownColumns = new Set<string>(Object.values(seriesColumns));
const operatorPattern = /^[A-Z0-9][A-Z0-9 &./()+-]{0,39}$/;
const enums: Partial<Record<keyof SeriesRow, readonly string[]>> = {
  confidence: ['high', 'medium', 'low', 'operator-only'],
  operatorStatus: ['active', 'merged', 'defunct', 'unknown'],
  operatorAgrees: ['Y', 'N', 'mixed'],
};

/**
 * Reads an import: a CSV whose header names columns of `mobile-series.csv`
 * (any order; `series` required, the others optional). Every record is
 * checked; the rows come back only when all are valid, else every issue
 * (up to 50) with its line.
 */
export function readSeriesImport(text: string, plan: NumberingPlan): { rows: SeriesRow[]; issues: ImportIssue[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], issues: [{ line: error.line, field: 'row', message: error.message }] };
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], issues: [{ line: 1, field: 'row', message: 'the CSV is empty: send a header line and at least one series' }] };
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  const issues: ImportIssue[] = [];
  columns.forEach((name, index) => {
    if (!knownColumns.has(name)) issues.push({ line: 1, field: name || `column ${index + 1}`, message: `is not a column of mobile-series.csv (${[...knownColumns].join(', ')})` });
    else if (columns.indexOf(name) !== index) issues.push({ line: 1, field: name, message: 'appears twice' });
  });
  if (!columns.includes('series')) issues.push({ line: 1, field: 'series', message: 'the header must have a series column' });
  if (issues.length) return { rows: [], issues };
  if (body.length === 0) return { rows: [], issues: [{ line: 2, field: 'row', message: 'no series after the header' }] };
  if (body.length > maxImportRows) return { rows: [], issues: [{ line: maxImportRows + 2, field: 'row', message: `at most ${maxImportRows} series an import` }] };

  const rows: SeriesRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of body) {
    if (issues.length >= maxIssues) break;
    const problem = (field: string, message: string) => issues.push({ line, field, message });
    if (fields.length !== columns.length) {
      problem('row', `has ${fields.length} fields; the header has ${columns.length}`);
      continue;
    }
    const row = seriesRowFrom(Object.fromEntries(columns.map((name, index) => [name, fields[index]])));
    if (!/^[6-9]\d{3,4}$/.test(row.series)) problem('series', 'must be the first 4 or 5 digits of a mobile number (starting 6–9)');
    else if (firstLine.has(row.series)) problem('series', `repeats line ${firstLine.get(row.series)}`);
    else firstLine.set(row.series, line);

    for (const field of ['operator', 'operatorLegacy'] as const) {
      row[field] = row[field].toUpperCase();
      if (row[field] !== '' && !operatorPattern.test(row[field])) problem(seriesColumns[field], 'must be an operator name of letters, digits and spaces (at most 40)');
    }
    row.operatorLegacy ||= row.operator;

    for (const field of ['circleCode', 'circleAlt'] as const) {
      row[field] = row[field].toUpperCase();
      if (row[field] !== '' && !plan.circleByCode(row[field])) problem(seriesColumns[field], 'must be a circle code of circle-languages.csv (MH, MU, DL, …)');
    }
    if (row.circle !== '') {
      const named = plan.circleByName(row.circle);
      if (!named) problem('circle', 'must be a circle name of circle-languages.csv (MAHARASHTRA, UP EAST, …)');
      else if (row.circleCode === '') row.circleCode = named.code;
      else if (named.code !== row.circleCode) problem('circle', `names circle ${named.code} but circle_code is ${row.circleCode}`);
    }
    row.circle = row.circleCode ? (plan.circleByCode(row.circleCode)?.name ?? '') : '';
    if (!row.operator && !row.circleCode) problem('row', 'names neither an operator nor a circle');

    for (const [field, allowed] of Object.entries(enums) as Array<[keyof SeriesRow, readonly string[]]>) {
      if (row[field] !== '' && !allowed.includes(row[field])) problem(seriesColumns[field], `must be one of: ${allowed.join(', ')}`);
    }
    row.confidence ||= row.circleCode ? 'medium' : 'operator-only';
    if (row.confidence === 'operator-only' && row.circleCode) problem('confidence', 'is operator-only but the row names a circle');
    for (const field of Object.keys(seriesColumns) as Array<keyof SeriesRow>) {
      if (row[field].length > 500) problem(seriesColumns[field], 'is longer than 500 characters');
    }
    rows.push(row);
  }
  return issues.length ? { rows: [], issues } : { rows, issues };
}
