import { describe, expect, it } from 'vitest';
import { preferenceChanges } from './rules.js';

describe('preferenceChanges', () => {
  it('takes every $user.key.NAME, last repeat winning, null meaning delete', () => {
    const { changes, issues } = preferenceChanges([
      { name: '$user.syskey.contactNumber', value: '9876543210' },
      { name: '$user.key.language', value: 'HINDI' },
      { name: '$USER.KEY.slot', value: 'morning' },
      { name: '$user.key.language', value: 'TAMIL' },
      { name: '$user.key.oldKey', value: null },
      { name: '$flow.key.language', value: 'ignored' },
    ]);
    expect(issues).toEqual([]);
    expect(changes).toEqual([
      { name: 'language', value: 'TAMIL' },
      { name: 'slot', value: 'morning' },
      { name: 'oldKey', value: null },
    ]);
  });

  it('reads an empty or blank value as absent, so an earlier repeat stands', () => {
    const { changes } = preferenceChanges([
      { name: '$user.key.language', value: 'HINDI' },
      { name: '$user.key.language', value: ' ' },
      { name: '$user.key.slot', value: '' },
    ]);
    expect(changes).toEqual([{ name: 'language', value: 'HINDI' }]);
  });

  it('asks for at least one preference', () => {
    const { issues } = preferenceChanges([{ name: '$user.syskey.contactNumber', value: '1' }]);
    expect(issues).toEqual([{ code: 'MISSING_PARAMETER', parameter: '$user.key.NAME', message: 'at least one $user.key.NAME value is required' }]);
  });

  it('says what is wrong with each refused preference, and asks for no more when every one was refused', () => {
    const { changes, issues } = preferenceChanges([
      { name: '$user.key.bad-name', value: 'x' },
      { name: '$user.key.big', value: 'x'.repeat(4097) },
    ]);
    expect(changes).toEqual([]);
    expect(issues).toEqual([
      { parameter: '$user.key.bad-name', code: 'INVALID_PARAMETER', message: '$user.key.bad-name: preference names are 1–64 letters, digits or underscores' },
      { parameter: '$user.key.big', code: 'INVALID_PARAMETER', message: '$user.key.big is longer than 4096 bytes' },
    ]);
  });

  it('names preferences with bad names or values over 4 KiB', () => {
    const { issues } = preferenceChanges([
      { name: '$user.key.bad-name', value: 'x' },
      { name: `$user.key.${'n'.repeat(65)}`, value: 'x' },
      { name: '$user.key.big', value: 'é'.repeat(2049) },
      { name: '$user.key.fits', value: 'x'.repeat(4096) },
    ]);
    expect(issues.map((issue) => issue.parameter)).toEqual(['$user.key.bad-name', `$user.key.${'n'.repeat(65)}`, '$user.key.big']);
  });
});
