import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// The build script is plain JavaScript so it runs with `node` alone; it is the one source of the merge rules.
import { buildMobileSeries, columns, dataFolder, readSources, toCsv } from '../../../scripts/build-numbering.mjs';

type Row = Record<string, string>;
const row = (fields: Row): Row => Object.fromEntries(columns.map((column: string) => [column, fields[column] ?? '']));
const build = (tables: { base?: Row[]; wiki2024?: Row[]; wiki2020?: Row[] }) =>
  buildMobileSeries({ base: tables.base ?? [], wiki2024: tables.wiki2024 ?? [], wiki2020: tables.wiki2020 ?? [] }).rows as Row[];
const bySeries = (rows: Row[], series: string) => rows.find((candidate) => candidate.series === series);

describe('the numbering build (scripts/build-numbering.mjs)', () => {
  it('reproduces the shipped mobile-series.csv byte for byte from numbering-data/sources', () => {
    const built = toCsv(buildMobileSeries(readSources()).rows);
    expect(built === readFileSync(join(dataFolder, 'mobile-series.csv'), 'utf8')).toBe(true);
  });

  it('gives a series first held by a closed network to its 2024 allottee, keeping the old circle as the alternative', () => {
    const rows = build({
      base: [row({ series: '9907', operator: 'JIO', circle: 'MADHYA PRADESH', circle_code: 'MP', operator_legacy: 'JIO', operator_original: 'Reliance Mobile GSM', operator_status: 'active', confidence: 'high', sources: 'tcf+rm+lpn' })],
      wiki2024: [row({ series: '9907', operator: 'JIO', circle: 'WEST BENGAL', circle_code: 'WB', operator_legacy: 'RELIANCE JIO', operator_original: 'RJ (Reliance Jio)', operator_status: 'active', libphonenumber_operator: 'Reliance Jio', operator_agrees: 'Y', sources: 'imp2024' })],
    });
    expect(bySeries(rows, '9907')).toMatchObject({ circle_code: 'WB', circle_alt: 'MP', operator: 'JIO', operator_legacy: 'JIO', confidence: 'medium', sources: 'imp2024+lpn' });
  });

  it('keeps a row of a running operator when the 2024 table disagrees: high stays high, medium becomes low with the other circle beside it', () => {
    const base = [
      row({ series: '9820', operator: 'VI', circle: 'MUMBAI', circle_code: 'MU', operator_legacy: 'VODAFONE', operator_original: 'VF', operator_status: 'merged', confidence: 'high', sources: 'tcf+rm+lpn' }),
      row({ series: '7788', operator: 'VI', circle: 'ODISHA', circle_code: 'OR', operator_legacy: 'VODAFONE IDEA', operator_original: 'VI', operator_status: 'active', confidence: 'medium', sources: 'tcf+lpn' }),
    ];
    const wiki2024 = [
      row({ series: '9820', operator: 'VI', circle_code: 'MH', circle: 'MAHARASHTRA', operator_status: 'active', sources: 'imp2024' }),
      row({ series: '7788', operator: 'VI', circle_code: 'AP', circle: 'ANDHRA PRADESH', operator_status: 'active', sources: 'imp2024' }),
    ];
    const rows = build({ base, wiki2024 });
    expect(bySeries(rows, '9820')).toMatchObject({ circle_code: 'MU', confidence: 'high', circle_alt: '' });
    expect(bySeries(rows, '7788')).toMatchObject({ circle_code: 'OR', confidence: 'low', circle_alt: 'AP' });
  });

  it('fills an empty circle only from a table naming the same operator', () => {
    const base = [
      row({ series: '7993', operator: 'AIRTEL', operator_legacy: 'AIRTEL', operator_status: 'active', confidence: 'operator-only', sources: 'lpn' }),
      row({ series: '7994', operator: 'AIRTEL', operator_legacy: 'AIRTEL', operator_status: 'active', confidence: 'operator-only', sources: 'lpn' }),
    ];
    const wiki2024 = [
      row({ series: '7993', operator: 'AIRTEL', circle: 'ANDHRA PRADESH', circle_code: 'AP', operator_status: 'active', sources: 'imp2024' }),
      row({ series: '7994', operator: 'JIO', circle: 'KERALA', circle_code: 'KL', operator_status: 'active', sources: 'imp2024' }),
    ];
    const rows = build({ base, wiki2024 });
    expect(bySeries(rows, '7993')).toMatchObject({ circle_code: 'AP', confidence: 'medium', sources: 'lpn+imp2024' });
    expect(bySeries(rows, '7994')).toMatchObject({ circle_code: '', confidence: 'operator-only' });
  });

  it("names the 4-digit series' circle as the candidate of a 5-digit block without one, leaving its own circle empty", () => {
    const rows = build({
      base: [
        row({ series: '8300', operator: 'BSNL', circle: 'TAMIL NADU', circle_code: 'TN', operator_status: 'active', confidence: 'medium', sources: 'tcf' }),
        row({ series: '83005', operator: 'AIRTEL', operator_status: 'active', confidence: 'operator-only', sources: 'lpn' }),
        row({ series: '83999', operator: 'AIRTEL', operator_status: 'active', confidence: 'operator-only', sources: 'lpn' }),
      ],
    });
    expect(bySeries(rows, '83005')).toMatchObject({ circle_code: '', circle_alt: 'TN', confidence: 'operator-only', operator: 'AIRTEL' });
    expect(bySeries(rows, '83999')).toMatchObject({ circle_code: '', circle_alt: '', confidence: 'operator-only' });
    expect(rows.map((built) => built.series)).toEqual(['8300', '83005', '83999']);
  });
});
