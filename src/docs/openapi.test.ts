import { describe, expect, it } from 'vitest';
import { updateUserPreferences } from '../methods/update-user-preferences/update-user-preferences.js';
import { translateText } from '../methods/translate-text/translate-text.js';
import { exampleKeys } from './openapi.js';

describe('exampleKeys', () => {
  it('sends the given account in the account parameter, the documented examples, then the extra example keys', () => {
    expect(exampleKeys(updateUserPreferences, '{{accountId}}')).toEqual([
      { name: '$user.syskey.contactNumber', value: '918160712345' },
      { name: '$user.syskey.accountID', value: '{{accountId}}' },
      { name: '$user.key.language', value: 'HINDI' },
    ]);
  });

  it('leaves out parameters without an example (a provider key is never made up)', () => {
    expect(exampleKeys(translateText).map((key) => key.name)).not.toContain('$flow.key.apiKey');
  });
});
