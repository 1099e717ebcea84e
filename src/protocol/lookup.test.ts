import { describe, expect, it } from 'vitest';
import { KeyLookup } from './lookup.js';

describe('KeyLookup', () => {
  it('finds a parameter by its full name in any case', () => {
    const lookup = new KeyLookup([{ name: '$flow.key.validMAxDays', value: '5' }]);
    expect(lookup.get('$flow.key.validMaxDays')).toBe('5');
  });

  it('falls back to the same last segment under another scope', () => {
    const lookup = new KeyLookup([{ name: '$user.syskey.AccountId', value: '7' }]);
    expect(lookup.get('$flow.key.accountID')).toBe('7');
  });

  it('prefers the documented full name over a same-named key in another scope', () => {
    const lookup = new KeyLookup([
      { name: '$flow.key.accountID', value: '1' },
      { name: '$user.syskey.accountID', value: '2' },
      { name: '$call.accountID', value: '3' },
    ]);
    expect(lookup.get('$user.syskey.accountID')).toBe('2');
  });

  it('lets the last of a repeated parameter win', () => {
    const lookup = new KeyLookup([
      { name: '$flow.key.cli', value: 'first' },
      { name: '$FLOW.KEY.CLI', value: 'second' },
    ]);
    expect(lookup.get('$flow.key.cli')).toBe('second');
  });

  it('reads empty, blank and null values as absent in text(), but keeps null in get()', () => {
    const lookup = new KeyLookup([
      { name: '$flow.key.a', value: '' },
      { name: '$flow.key.b', value: '   ' },
      { name: '$flow.key.c', value: null },
      { name: '$flow.key.d', value: '  x  ' },
    ]);
    expect(lookup.text('$flow.key.a')).toBeUndefined();
    expect(lookup.text('$flow.key.b')).toBeUndefined();
    expect(lookup.text('$flow.key.c')).toBeUndefined();
    expect(lookup.get('$flow.key.c')).toBeNull();
    expect(lookup.text('$flow.key.d')).toBe('x');
    expect(lookup.get('$flow.key.missing')).toBeUndefined();
  });

  it('reads a value of invisible characters alone (a pasted zero-width space, a BOM, a no-break space) as absent, and keeps one with text', () => {
    const lookup = new KeyLookup([
      { name: '$flow.key.zwsp', value: '\u200b' },
      { name: '$flow.key.mixed', value: ' \u00a0\ufeff\u200d ' },
      { name: '$flow.key.word', value: '\u200bफ़' },
    ]);
    expect(lookup.text('$flow.key.zwsp')).toBeUndefined();
    expect(lookup.text('$flow.key.mixed')).toBeUndefined();
    expect(lookup.text('$flow.key.word')).toBe('\u200bफ़');
  });
});
