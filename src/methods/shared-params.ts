import { Type, type StringOptions, type TString } from '@sinclair/typebox';
import { ParameterError } from '../kernel/errors.js';
import { normaliseContactId, sharedContactIdReason } from '../phone/contact-id.js';

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

/**
 * The longest text a number is read from, wherever a caller's or an agent's number is taken: a `tel:`/`sip:` URI
 * with a display name, an IP host, a port and parameters fits (`sip:+919381099545@10.0.0.1:5060;transport=udp`),
 * as docs/methods/find-language.md promises wherever a number is read; the number inside is read up to 32.
 */
export const numberTextMaxLength = 128;

/**
 * The schema of a number parameter or field (findLanguage's and optOut's `cli`, updatePauseStatusForCLI's, the
 * agents API's): one limit for validation, OpenAPI and the console's forms alike.
 */
export function numberTextSchema(options: Omit<StringOptions, 'maxLength'>): TString {
  return Type.String({ ...options, maxLength: numberTextMaxLength });
}

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

/**
 * The id the preference methods store a customer under (normaliseContactId), refused when it names no one
 * customer — a withheld caller ID, an empty URI, an unfilled flow variable — since every caller sending it
 * would read and write one shared record (docs/methods/preferences.md).
 */
export function contactIdParam(params: { '$user.syskey.contactNumber': string }, country: string): string {
  const raw = params['$user.syskey.contactNumber'];
  const reason = sharedContactIdReason(raw, country);
  if (reason) throw ParameterError.single(contactNumberParam, 'INVALID_PARAMETER', `${contactNumberParam} ${reason}`);
  return normaliseContactId(raw, country);
}
const contactNumberParam = '$user.syskey.contactNumber';

/** The prefix of a preference's key, in any case: `$user.key.NAME`. */
export const preferencePrefix = '$user.key.';
