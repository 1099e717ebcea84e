import { Type } from '@sinclair/typebox';
import { ParameterError } from '../../kernel/errors.js';
import { defineMethod, failure, success } from '../contract.js';
import { applyPreferenceChanges } from '../../storage/preferences.js';
import { contactAccountParam, contactIdParam, contactParams, preferencePrefix } from '../shared-params.js';
import { preferenceChanges, preferenceLimits } from './rules.js';

const resultName = '$flow.key.userPrefsUpdationSuccess';

export const updateUserPreferences = defineMethod({
  name: 'updateUserPreferences',
  summary: 'Stores customer preferences: every $user.key.NAME of the call is upserted for (account, contact) in one transaction; a null value deletes the key.',
  params: Type.Object(contactParams),
  accountParam: contactAccountParam,
  outputs: [{ name: resultName, description: '`SUCCESS` or `FAILURE`.', example: 'SUCCESS' }],
  failureOutputs: [{ name: resultName, value: 'FAILURE' }],
  exampleKeys: [{ name: `${preferencePrefix}language`, value: 'HINDI' }],
  async handle({ params, keys }, { account, db, receivedAt }) {
    const { changes, issues } = preferenceChanges(keys);
    if (issues.length) throw new ParameterError(issues);
    const contactId = contactIdParam(params, account.country);
    // Stored for every call's use, so by the server's clock, never a pinned testNow (docs/protocol.md).
    const applied = await applyPreferenceChanges(db, account.id, contactId, changes, receivedAt.getTime(), preferenceLimits.maxPerContact);
    if (!applied) {
      return failure(
        'PREFERENCE_LIMIT_EXCEEDED',
        `A contact may have at most ${preferenceLimits.maxPerContact} preferences; nothing was written.`,
        [{ name: resultName, value: 'FAILURE' }],
      );
    }
    return success([{ name: resultName, value: 'SUCCESS' }]);
  },
});
