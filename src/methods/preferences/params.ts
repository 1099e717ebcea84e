import { Type } from '@sinclair/typebox';

/** The parameters both preference methods share (docs/methods/preferences.md, docs/methods/preferences.md). */
export const contactParams = {
  '$user.syskey.contactNumber': Type.String({
    maxLength: 256,
    description: "The customer's unique id: usually a phone number (normalised to E.164 with the account's country), or any other id such as an e-mail address, kept as given.",
    examples: ['918160712345'],
  }),
  '$user.syskey.accountID': Type.Optional(
    Type.String({ description: "The account; must be the token's own account when given.", examples: ['1'] }),
  ),
};

export const accountParam = '$user.syskey.accountID';
