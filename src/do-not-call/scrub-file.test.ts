import { describe, expect, it } from 'vitest';
import { badNumberMessage, describeBadNumber, numberField, readScrubFile } from './scrub-file.js';

const read = (chunks: Array<string | Buffer>, maxBytes = 1 << 20) => readScrubFile((async function* () { yield* chunks; })(), 'IN', { maxBytes });

describe('reading a do-not-call scrub file', () => {
  it('takes the first column of CSV, unquoted, whatever the separator', () => {
    expect(numberField('"+91 98765 43210",Asha')).toBe('+91 98765 43210');
    expect(numberField('9876543210;Ravi;x')).toBe('9876543210');
    expect(numberField('9876543210\tKiran')).toBe('9876543210');
    expect(numberField('  98765 43210  ')).toBe('98765 43210');
    expect(numberField('   ')).toBeUndefined();
    expect(numberField(',Asha')).toBe('');
  });

  it('gives distinct numbers in E.164 in ascending order, counting repeats as rows', async () => {
    const file = await read(['9876543210\n+919812345678\n09876543210\n919700000001\n']);
    expect([...file.numbers]).toEqual(['+919700000001', '+919812345678', '+919876543210']);
    expect(file).toMatchObject({ distinct: 3, rows: 4, badRowCount: 0, tooLarge: false });
    // The list can be read again (the import iterates it once to insert).
    expect([...file.numbers]).toHaveLength(3);
  });

  it('keeps line numbers right when a CRLF or a multi-byte character is split between chunks', async () => {
    const text = Buffer.from('नंबर\r\n9876543210\r\nबुरा\r\n9812345678');
    const cuts = [4, 7, 15, 16, 29, 30];
    const chunks = cuts.map((cut, index) => text.subarray(index === 0 ? 0 : cuts[index - 1], cut));
    chunks.push(text.subarray(30));
    const file = await read(chunks);
    expect(file.badRows).toEqual([{ line: 3, message: '"बुरा" is not a valid phone number for IN or with its country code' }]);
    expect(file.rows).toBe(3);
  });

  it('reads a first line without a digit as a header, and a later one as a bad row', async () => {
    const file = await read(['\uFEFFnumber,name\n9876543210,A\nname\n']);
    expect(file.badRows.map((row) => row.line)).toEqual([3]);
    expect(file.rows).toBe(2);
  });

  it('names at most 100 bad rows and counts them all', async () => {
    const file = await read([Array.from({ length: 250 }, () => 'x1').join('\n')]);
    expect(file.badRowCount).toBe(250);
    expect(file.badRows).toHaveLength(100);
    expect(file.badRows.at(-1)?.line).toBe(100);
  });

  it('stops at the size limit', async () => {
    const file = await read(['9876543210\n'.repeat(10), '9876543210\n'.repeat(10)], 150);
    expect(file.tooLarge).toBe(true);
    expect([...file.numbers]).toEqual([]);
  });

  it('reads CR line ends, a CR at the end of one chunk and its LF at the start of the next as one line end', async () => {
    expect(await read(['9876543210\r9812345678\r'])).toMatchObject({ distinct: 2, rows: 2, badRowCount: 0 });
    const split = await read(['9876543210\r', '\n9812345678\r\nbad\r\n']);
    expect(split).toMatchObject({ distinct: 2, rows: 3, badRows: [{ line: 3, message: '"bad" is not a valid phone number for IN or with its country code' }] });
  });

  it('masks a bad value that may be a number, keeping its length and ends, names scientific notation, and does not repeat a long one', () => {
    expect(describeBadNumber('98123456789999')).toBe('"98XXXXXXXXXX99" (14 digits)');
    expect(describeBadNumber('98765432101')).toBe('"98XXXXXXX01" (11 digits)');
    expect(describeBadNumber('9.87654E+09')).toMatch(/^"9\.87654E\+09" \(a spreadsheet's scientific notation/);
    expect(describeBadNumber('12345')).toBe('"12345"');
    expect(describeBadNumber('x'.repeat(40))).toBe('the value');
  });

  it('names a control character in a bad value, which its masked digits would hide', () => {
    expect(badNumberMessage('98768\u000000013', 'IN')).toBe('"98XXXXXX13" (10 digits) contains a control character (U+0000): it is no phone number');
    expect(badNumberMessage('9876500013x', 'IN')).toBe('"98XXXXXX13" (10 digits) is not a valid phone number for IN or with its country code');
  });
});
