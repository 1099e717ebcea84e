import { Type } from '@sinclair/typebox';
import { defineMethod, success } from '../contract.js';
import { listPreferences } from '../../storage/preferences.js';
import { contactAccountParam, contactIdParam, contactParams, preferencePrefix } from '../shared-params.js';

const foundName = '$flow.key.userPrefsFound';

export const fetchUserPreferences = defineMethod({
  name: 'fetchUserPreferences',
  summary: 'Returns every stored $user.key.NAME of a contact, and whether any was found.',
  params: Type.Object(contactParams),
  accountParam: contactAccountParam,
  outputs: [
    { name: `${preferencePrefix}NAME`, description: 'One output per stored preference, with its value.', example: 'HINDI' },
    { name: foundName, description: '`true` when the contact has at least one preference.', example: 'true' },
  ],
  failureOutputs: [{ name: foundName, value: 'false' }],
  async handle({ params }, { account, db }) {
    const contactId = contactIdParam(params, account.country);
    const preferences = await listPreferences(db, account.id, contactId);
    return success([
      ...preferences.map((preference) => ({ name: `${preferencePrefix}${preference.name}`, value: preference.value })),
      { name: foundName, value: preferences.length > 0 ? 'true' : 'false' },
    ]);
  },
});
