import { Type } from '@sinclair/typebox';
import { accountParams, numberTextSchema } from '../shared-params.js';

export const languageSupportedParam = '$flow.key.languageSupported';
export const cliParam = '$flow.key.cli';
export const cliSourceParam = '$flow.key.cliSource';

/** findLanguage's parameters (docs/methods/find-language.md); `accountID`, as for every method, must be the token's own account. */
export const findLanguageParams = Type.Object({
  [languageSupportedParam]: Type.String({
    maxLength: 1000,
    description: 'The languages the IVR offers, separated by commas (or `;`, `|`, `/`), as the flow spells them (repeats allowed). The answer is one of these entries, exactly as written.',
    examples: ['HINDI,ENGLISH,MARATHI,TELGU'],
  }),
  [cliParam]: numberTextSchema({
    description: "The caller's number: 10 digits, optionally after 0, 91, 091, +91 or 0091, with spaces, dots, dashes or brackets, or a `tel:` or `sip:` URI that carries it; `+` or `00` with another country code is a foreign caller.",
    examples: ['919820012345'],
  }),
  [cliSourceParam]: Type.Optional(
    Type.String({
      maxLength: 16,
      description: '`MOBILE` or `LANDLINE`, any case; when absent the number decides (libphonenumber, full metadata).',
      examples: ['MOBILE'],
    }),
  ),
  ...accountParams,
});
