import type { WireKey } from '../../kernel/wire.js';
import type { LinkMode } from '../../storage/bots.js';

/**
 * Variables never put in a link or a session: the test clock, the account (the protocol's) and
 * `botUniqueID`, which only the service draws; the bot's `token` is a credential (below).
 */
const withheld = new Set(['testnow', 'accountid', 'botuniqueid']);
/**
 * Credentials: the bot's own `token`, and those a flow may hold for other methods or systems (translateText's `apiKey`, createOutbound's
 * `securityID`, a `custToken`, an `accessToken`, a `password`, an `otp`), by how their names end: a link
 * travels by SMS and lands in browser histories and the bot's logs (docs/methods/linkcreation.md).
 */
const credentialName = /(?:password|passwd|secret|token|apikey|api_key|securityid|authorization|otp)$/;
/**
 * Words that make a name secret wherever they stand in it (`otpCode`, `card_pin`, `cvv`, `aadhaarNumber`): one-time
 * codes, PINs, card security codes and identity numbers are worth as much as a password to whoever reads the SMS.
 * Whole words only, so `pincode` and `pinCode` (India's postal code) and `tokenCount` stay.
 */
const secretWords = new Set(['otp', 'pin', 'mpin', 'tpin', 'cvv', 'cvv2', 'cvc', 'password', 'passwd', 'passcode', 'pwd', 'aadhaar', 'aadhar', 'secret']);
/** `otpCode`, `card-pin`, `API_KEY2` → its words in lower case. */
const wordsOf = (name: string): string[] => name.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean).map((word) => word.toLowerCase());
/** Whether a variable's name marks a credential or a secret (docs/methods/linkcreation.md): never put in a link or a session. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  const words = wordsOf(name);
  const joined = words.join('');
  // India's "PIN code" is a postal code: `pinCode`, `pin_code` stay.
  const secretWord = (word: string, index: number) => secretWords.has(word) && !(word === 'pin' && words[index + 1] === 'code');
  return credentialName.test(lower) || credentialName.test(joined) || words.some(secretWord) || (words.includes('card') && words.some((word) => word === 'number' || word === 'no' || word === 'num'));
}

/** The last segment of a flow-variable name: `$flow.key.orderId` → `orderId`. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/**
 * Every passed variable by last segment (the last of a repeated name winning,
 * names compared case-insensitively), without the token, other credentials,
 * the test clock and empty values. `cli` and `botid` come first under those exact names.
 */
export function sessionVariables(keys: readonly WireKey[], cli: string, botId: string): Record<string, string> {
  const byLower = new Map<string, { name: string; value: string }>();
  for (const key of keys) {
    const name = lastSegment(key.name);
    const lower = name.toLowerCase();
    if (!name || withheld.has(lower) || isSecretName(name) || key.value === null || key.value.trim() === '') continue;
    byLower.set(lower, { name, value: key.value });
  }
  byLower.delete('cli');
  byLower.delete('botid');
  return { cli, botid: botId, ...Object.fromEntries([...byLower.values()].map(({ name, value }) => [name, value])) };
}

/**
 * The bot link: the bot's base URL (its own query kept: a variable of the same
 * name does not replace a parameter of it) with every variable as
 * a query parameter and `botUniqueID`, or — `opaque` mode — `botUniqueID`
 * only, so phone numbers stay out of URLs.
 */
export function botUrl(baseUrl: string, variables: Record<string, string>, mode: LinkMode, botUniqueID: string): string {
  const url = new URL(baseUrl);
  if (mode === 'query') {
    // The bot's own parameters (a tenant, a campaign) are not the caller's to replace.
    const own = new Set(url.searchParams.keys());
    for (const [name, value] of Object.entries(variables)) if (!own.has(name)) url.searchParams.set(name, value);
  }
  url.searchParams.set('botUniqueID', botUniqueID);
  return url.toString();
}
