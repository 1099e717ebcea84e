import { LRUCache } from 'lru-cache';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

// Digits with the separators people type: "+91 81607-12345", "(022) 4000 1234".
const phoneLike = /^\+?[\d\s().-]{6,24}$/;
// The same with a shorter least length; see PhoneTextRule.
const phoneLikeFrom = new Map<number, RegExp>([[6, phoneLike]]);

/**
 * How much text may be a phone number. The two readers differ only in the
 * least length: a customer or agent id needs at least 6 characters after an
 * optional `+` (shorter ids are kept as typed, never read as numbers), while
 * createOutbound reads each of its contactNumbers from 4 (it splits them on
 * white space first, so they never hold the spaces the pattern allows). At
 * most 24 either way; libphonenumber decides validity after this.
 */
export interface PhoneTextRule {
  /** Least characters after an optional `+`. Default 6. */
  minLength?: number;
}

// Validating against full metadata is the costliest step of a preference call;
// flows ask about the same callers again and again.
const recentNumbers = new LRUCache<string, string>({ max: 20_000 });

/**
 * The id a customer is stored under. A phone-like id that is a valid number
 * for `region` (or carries its own country code) becomes E.164, so
 * `918160712345`, `+91 81607 12345` and `08160712345` are one customer; any
 * other id (an e-mail address, a CRM id, an invalid number) is kept trimmed.
 */
export function normaliseContactId(raw: string, region: string): string {
  const trimmed = raw.trim();
  return phoneNumberE164(trimmed, region) ?? trimmed;
}

/**
 * The number in E.164 when it is a valid phone number for `region` (or
 * carries its own country code), else undefined. For ids that must be phone
 * numbers, such as an agent's number.
 */
export function phoneNumberE164(raw: string, region: string, rule: PhoneTextRule = {}): string | undefined {
  const trimmed = raw.trim();
  const minLength = rule.minLength ?? 6;
  let pattern = phoneLikeFrom.get(minLength);
  if (!pattern) {
    pattern = new RegExp(`^\\+?[\\d\\s().-]{${minLength},24}$`);
    phoneLikeFrom.set(minLength, pattern);
  }
  if (!pattern.test(trimmed)) return undefined;
  const key = `${region}:${trimmed}`;
  let normalised = recentNumbers.get(key);
  if (normalised === undefined) {
    const phone = parsePhoneNumberFromString(trimmed, region as CountryCode);
    // An empty string remembers "not a valid number".
    normalised = phone?.isValid() ? phone.number : '';
    recentNumbers.set(key, normalised);
  }
  return normalised === '' ? undefined : normalised;
}


/**
 * For logs: keeps the first two and last two digits of the national number
 * (`98XXXXXX45`); anything that is not a phone number is shown as `***`.
 */
export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6 || !phoneLike.test(raw.trim())) return '***';
  const national = digits.length > 10 ? digits.slice(-10) : digits;
  return `${national.slice(0, 2)}${'X'.repeat(national.length - 4)}${national.slice(-2)}`;
}
