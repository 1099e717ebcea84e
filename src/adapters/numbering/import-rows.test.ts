import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { readSeriesImport } from './import-rows.js';
import { createNumberingPlan } from './numbering.js';
import { loadShippedNumbering, shippedDataFolder } from './shipped-data.js';

const plan = createNumberingPlan(loadShippedNumbering());

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and multi-line fields with the line each record starts on', () => {
    const records = parseCsv('a,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('keeps empty fields, a quote inside an unquoted field, CR line ends and a last line without its end', () => {
    expect(parseCsv('\ufeffa,,b,\rx"y,""\r\n\r\n,\nlast')).toEqual([
      { line: 1, fields: ['a', '', 'b', ''] },
      { line: 2, fields: ['x"y', ''] },
      { line: 4, fields: ['', ''] },
      { line: 5, fields: ['last'] },
    ]);
    expect(parseCsv('a,')).toEqual([{ line: 1, fields: ['a', ''] }]);
  });

  it('refuses an unclosed quote, and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    const error = (() => {
      try {
        parseCsv('a,b\n"two\nlines"x,c\n');
      } catch (caught) {
        return caught as CsvSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error?.line).toBe(3);
  });
});

describe('readSeriesImport', () => {
  it('reads rows in any column order and fills what the data implies', () => {
    const { rows, issues } = readSeriesImport('circle_code,series,operator\nmh,98200,vi\n,60010,jio\n', plan);
    expect(issues).toEqual([]);
    expect(rows[0]).toMatchObject({ series: '98200', operator: 'VI', operatorLegacy: 'VI', circleCode: 'MH', circle: 'MAHARASHTRA', confidence: 'medium' });
    expect(rows[1]).toMatchObject({ series: '60010', circleCode: '', confidence: 'operator-only' });
  });

  it('accepts the shipped file itself', () => {
    const text = readFileSync(join(shippedDataFolder(), 'mobile-series.csv'), 'utf8');
    const { rows, issues } = readSeriesImport(text, plan);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(4756);
  });

  it('names the line and column of every bad row and returns no rows', () => {
    const csv = [
      'series,operator,circle_code,circle,confidence',
      '98200,VI,MH,,high',
      '1234,VI,MH,,high',
      '98201,VI,XX,,high',
      '98202,VI,MH,GUJARAT,high',
      '98200,VI,MH,,high',
      '98203,VI,MH,,sure',
      '98204,,,,',
      '98205,VI',
    ].join('\n');
    const { rows, issues } = readSeriesImport(csv, plan);
    expect(rows).toEqual([]);
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [3, 'series'],
      [4, 'circle_code'],
      [5, 'circle'],
      [6, 'series'],
      [7, 'confidence'],
      [8, 'row'],
      [9, 'row'],
    ]);
  });

  it('refuses an unknown column, a header without series and an empty body', () => {
    expect(readSeriesImport('series,colour\n98200,red\n', plan).issues).toMatchObject([{ line: 1, field: 'colour' }]);
    expect(readSeriesImport('operator\nVI\n', plan).issues).toMatchObject([{ line: 1, field: 'series' }]);
    expect(readSeriesImport('series,operator\n', plan).issues).toMatchObject([{ line: 2, field: 'row' }]);
    expect(readSeriesImport('', plan).issues).toMatchObject([{ line: 1 }]);
  });
});
