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

  it('asks for at least one preference', () => {
    const { issues } = preferenceChanges([{ name: '$user.syskey.contactNumber', value: '1' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'MISSING_PARAMETER', parameter: '$user.key.NAME' })]);
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
