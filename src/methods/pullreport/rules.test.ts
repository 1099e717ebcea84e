import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvExtraColumns, csvRecord, extraColumns, readRangeBound, readStartTime, spreadsheetSafe } from './rules.js';

const kolkata = 'Asia/Kolkata';
const instant = (text: string) => {
  const read = readStartTime(text, kolkata);
  return 'startAt' in read ? new Date(read.startAt).toISOString() : read.issue.code;
};

describe('readStartTime', () => {
  it('reads one-digit, two-digit, colon-less and Z offsets, with or without milliseconds', () => {
    expect(instant('2021-01-11T09:00:00.000+5:30')).toBe('2021-01-11T03:30:00.000Z');
    expect(instant('2021-01-11T09:00:00+05:30')).toBe('2021-01-11T03:30:00.000Z');
    expect(instant('2021-01-11T09:00:00.250+0530')).toBe('2021-01-11T03:30:00.250Z');
    expect(instant('2021-01-11T03:30:00Z')).toBe('2021-01-11T03:30:00.000Z');
    expect(instant('2021-01-11T03:30:00.123456z')).toBe('2021-01-11T03:30:00.123Z');
    expect(instant('2021-01-10T22:00:00-5:30')).toBe('2021-01-11T03:30:00.000Z');
    expect(instant('2021-01-11 09:00+05:30')).toBe('2021-01-11T03:30:00.000Z');
  });

  it('reads a time without an offset as account time', () => {
    expect(instant('2021-01-11T09:00:00')).toBe('2021-01-11T03:30:00.000Z');
    const newYork = readStartTime('2021-07-01T09:00', 'America/New_York');
    expect('startAt' in newYork && new Date(newYork.startAt).toISOString()).toBe('2021-07-01T13:00:00.000Z');
  });

  it('refuses what is not a real date-time', () => {
    for (const text of ['yesterday', '2021-01-11', '2021-02-30T09:00:00+05:30', '2021-01-11T24:00:00Z', '2021-01-11T09:60Z', '2021-01-11T09:00+25:00', '11-01-2021 09:00']) {
      expect(instant(text), text).toBe('INVALID_PARAMETER');
    }
  });

  it('says what a start time must look like', () => {
    expect(readStartTime('yesterday', kolkata)).toEqual({
      issue: {
        parameter: '$flow.key.starttime',
        code: 'INVALID_PARAMETER',
        message: '$flow.key.starttime must be an ISO 8601 date-time such as 2021-01-11T09:00:00.000+05:30 (+5:30 and Z accepted)',
      },
    });
  });
});

describe('readRangeBound', () => {
  it('makes a date a whole day of the account, to inclusive of its last day', () => {
    expect(new Date(readRangeBound('2026-11-01', 'from', kolkata)!).toISOString()).toBe('2026-10-31T18:30:00.000Z');
    expect(new Date(readRangeBound('2026-11-30', 'to', kolkata)!).toISOString()).toBe('2026-11-30T18:30:00.000Z');
    expect(new Date(readRangeBound('2026-12-31', 'to', 'UTC')!).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('takes an instant as it is, and refuses anything else', () => {
    expect(new Date(readRangeBound('2026-11-01T10:00:00Z', 'to', kolkata)!).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(readRangeBound('last week', 'from', kolkata)).toBeUndefined();
    expect(readRangeBound('2026-13-01', 'from', kolkata)).toBeUndefined();
  });
});

describe('extraColumns', () => {
  it('keeps every other variable by its last segment, last repeat winning, empty values dropped', () => {
    expect(
      extraColumns([
        { name: '$flow.key.reportType', value: 'call' },
        { name: '$flow.key.flowid', value: '58' },
        { name: '$flow.key.starttime', value: '2021-01-11T09:00:00Z' },
        { name: '$flow.key.DTMF', value: '1' },
        { name: '$flow.key.accountID', value: '2' },
        { name: '$flow.key.callId', value: 'c1' },
        { name: '$flow.syskey.testNow', value: '2021-01-11T09:00:00Z' },
        { name: '$flow.key.language', value: 'HINDI' },
        { name: '$user.key.Language', value: ' TAMIL ' },
        { name: '$call.agent', value: '' },
        { name: '$flow.key.note', value: null },
        { name: 'campaign', value: 'diwali' },
      ]),
    ).toEqual({ Language: 'TAMIL', campaign: 'diwali' });
  });
});

describe('csvRecord', () => {
  it('quotes commas, quotes and line breaks so a CSV parser reads the values back', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '', ' spaced ', 'हिन्दी'];
    const text = csvRecord(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8']) + csvRecord(values);
    expect(csvRecord(['a,b', 'say "hi"'])).toBe('"a,b","say ""hi"""\r\n');
    // Only what needs it is quoted: a plain field stays bare, a field made safe is quoted.
    expect(csvRecord(['plain', 'two words', '=1+1'])).toBe(`plain,two words,"'=1+1"\r\n`);
    expect(parse(text, { columns: true, relax_column_count: false })).toEqual([
      Object.fromEntries(values.map((value, index) => [`h${index + 1}`, value])),
    ]);
  });
});

describe('spreadsheet-safe CSV', () => {
  it.each(['=1+1', '+919876543210', '-5', '@SUM(A1)', '\tx', '\rx'])('writes %j as text with a leading quote', (value) => {
    expect(parse(csvRecord(['h']) + csvRecord([value]), { columns: true })).toEqual([{ h: `'${value}` }]);
    expect(parse(csvRecord(['h']) + csvRecord([value], { raw: true }), { columns: true })).toEqual([{ h: value }]);
  });

  it.each(['plain', '1=1', ' =1', "'=already", '', 'हिन्दी'])('leaves %j as it is', (value) => {
    expect(spreadsheetSafe(value)).toBe(value);
  });
});

describe('csvExtraColumns', () => {
  it('lists each name once, case-insensitively, sorted, and renames names of fixed columns', () => {
    expect(csvExtraColumns(['zone', 'Language', 'language', 'stage', 'agent'])).toEqual([
      { header: 'agent', name: 'agent' },
      { header: 'Language', name: 'language' },
      { header: 'extra.stage', name: 'stage' },
      { header: 'zone', name: 'zone' },
    ]);
  });

  it('sorts without regard to case, and keeps the spelling that sorts first whatever the order given', () => {
    expect(csvExtraColumns(['b', 'C', 'a']).map((column) => column.header)).toEqual(['a', 'b', 'C']);
    expect(csvExtraColumns(['language', 'Language']).map((column) => column.header)).toEqual(['Language']);
  });
});
