import { Type } from '@sinclair/typebox';

/**
 * Parameters several methods take alike, so their names, checks and
 * descriptions stay one: the flow-scope account key (the agent methods and
 * optOut) and the customer key of the preference methods.
 */

export const accountParam = '$flow.key.accountID';

/** The optional flow-scope account key (the token's account when absent). */
export const accountParams = {
  [accountParam]: Type.Optional(
    Type.String({ description: "The account; must be the token's own account when given. Without a token (FLOWHOOKS_AUTH=off) it picks the account.", examples: ['2'] }),
  ),
};

export const cliParam = '$flow.key.cli';

export const contactAccountParam = '$user.syskey.accountID';

/** The customer and account keys both preference methods take (docs/methods/preferences.md). */
export const contactParams = {
  '$user.syskey.contactNumber': Type.String({
    maxLength: 256,
    description: "The customer's unique id: usually a phone number (normalised to E.164 with the account's country), or any other id such as an e-mail address, kept as given.",
    examples: ['918160712345'],
  }),
  [contactAccountParam]: Type.Optional(
    Type.String({ description: "The account; must be the token's own account when given.", examples: ['1'] }),
  ),
};

/** The prefix of a preference's key, in any case: `$user.key.NAME`. */
export const preferencePrefix = '$user.key.';
