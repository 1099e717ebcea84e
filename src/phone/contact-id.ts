import { BoundedCache } from '../kernel/bounded-cache.js';
import { nonAscii, scriptDigitsAsAscii } from '../kernel/script-digits.js';
import { getCountryCallingCode, isSupportedCountry, Metadata, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { withheldStandIns } from './withheld-numbers.js';

// Digits with the separators people type: "+91 81607-12345", "(022) 4000 1234", "( +91 ) 81607 12345".
const phoneLike = /^\(?\s*\+?[\d\s().-]{6,32}$/;
// The same with a shorter least length; see PhoneTextRule.
const phoneLikeFrom = new Map<number, RegExp>([[6, phoneLike]]);

/**
 * How much text may be a phone number. The two readers differ only in the
 * least length: a customer or agent id needs at least 6 characters after an
 * optional `+` (shorter ids are kept as typed, never read as numbers), while
 * createOutbound reads each of its contactNumbers from 4 (it splits them on
 * white space first, so they never hold the spaces the pattern allows). At
 * most 32 either way (findLanguage's longest `cli`); libphonenumber decides validity after this.
 */
export interface PhoneTextRule {
  /** Least characters after an optional `+`. Default 6. */
  minLength?: number;
}

// Validating against full metadata is the costliest step of a preference call;
// flows ask about the same callers again and again.
const recentNumbers = new BoundedCache<string, string>({ entries: 20_000 });

/**
 * The id a customer is stored under. A phone-like id that is a valid number
 * for `region` (or carries its own country code) becomes E.164, so
 * `918160712345`, `+91 81607 12345`, `08160712345` and `९१८१६०७१२३४५`
 * (an Indic script's digits, src/kernel/script-digits.ts) are one customer, and
 * so is that number with an extension after it (`… ext. 56`, `x56`, `#56`):
 * the caller's line is the identity, not the desk behind it, as findLanguage
 * reads it (docs/methods/preferences.md). Any other id (an e-mail address, a
 * CRM id, an invalid number) is kept trimmed; either way without invisible
 * format characters (U+200B, U+202E…).
 */
export function normaliseContactId(raw: string, region: string): string {
  // Invisible format characters (zero-width spaces and joiners, bidi marks) would make a look-alike second customer.
  // phoneNumberE164 reads an Indic script's digits as the number; an id that is no number keeps them as typed.
  const trimmed = raw.replace(formatCharacters, '').trim();
  return phoneNumberE164(lineNumberText(trimmed), region) ?? trimmed;
}

/**
 * callerNumberText without the extension a PBX or a CRM writes after the number (`+91 22 2222 1234 ext. 56`,
 * `x56`, `#56`; a URI's `;ext=` is a parameter, already dropped): the line places and names the caller, not
 * the desk (docs/methods/find-language.md). Text that is no number is only trimmed.
 */
export function lineNumberText(written: string): string {
  const text = callerNumberText(written).trim();
  return /[xX#]/.test(text) ? text.replace(extension, '') : text;
}
const extension = /\s*(?:ext(?:n|ension)?\.?|x|#)\s*\d{1,6}$/i;
const formatCharacters = /\p{Cf}/gu;

/**
 * Why an id names no one customer, or undefined when it may be stored (docs/methods/preferences.md, the
 * contact id): what networks and PBXs send for a withheld caller (`anonymous`, `Private Number`,
 * `sip:anonymous@anonymous.invalid`, and the numbers of placeholderNumberReason), a `tel:`/`sip:` URI without
 * its user part, a number of zeros alone, an address in the `.invalid` domain (`anonymous@anonymous.invalid`),
 * and a flow variable the flow builder left unfilled (`{{cli}}`, `${cli}`, `<cli>`, `[cli]`, `$flow.key.cli`,
 * `undefined`, URL-encoded too): every caller who sends one would share one record. `region` is the account's
 * country, whose calling code may be written without `+` (`910000000000`).
 */
export function sharedContactIdReason(raw: string, region: string): string | undefined {
  // The usual id, digits of a caller's number, is answered at once: it is called on every preference read.
  if (plainNumber.test(raw)) return placeholderNumberReason(raw, region);
  const written = numberText(raw).trim();
  // `%7B%7Bcli%7D%7D`: a template left unfilled and URL-encoded on its way.
  const text = written.includes('%') ? decodeUserPart(written) : written;
  const uri = telephonyUser.exec(text);
  const user = uri ? decodeUserPart(uri[1] ?? '') : text;
  if (uri && user === '') return 'is a tel: or sip: URI without a number or user: the network sent no caller';
  // `anonymous@anonymous.invalid`, `unknown@unknown.invalid` (RFC 3323 and RFC 3261's anonymous address without its `sip:`):
  // the .invalid domain (RFC 2606) names no one.
  if (/@[^@\s]*\.invalid\.?$/i.test(text)) return 'is an address in the .invalid domain, which networks send for a withheld caller: every such caller would share one record';
  if (isWithheldCallerId(user)) return 'is a withheld caller ID (anonymous, private, unknown…): the network sent no number, and every such caller would share one record';
  if (/^\+?[0\s().-]+$/.test(user) && /0/.test(user)) return 'is a number of zeros alone: the network sent no caller';
  if (unfilledVariable.test(user)) return 'is a flow variable that was not filled in (such as {{cli}} or $flow.key.cli): send its value';
  return placeholderNumberReason(user, region);
}

/**
 * Why a number names no one caller, or undefined: a stand-in a carrier sends for a withheld caller (the table of
 * src/phone/withheld-numbers.ts, written with `+` or `00`), or a country code followed by as many zeros as a
 * national number of that country has (`+91 00000 00000`, `+1 000 000 0000`, `0091…`; the account country's
 * code also without `+`: `910000000000`, `091 00000 00000`), a placeholder no line has. `text` is a number as
 * callerNumberText reads it.
 */
export function placeholderNumberReason(text: string, region: string): string | undefined {
  const compact = text.replace(numberSeparators, '');
  const international = /^(?:\+|00)([1-9]\d*)$/.exec(compact)?.[1];
  const standIn = international === undefined ? undefined : standInsByDigits.get(international);
  if (standIn) return `is a number carriers send for a withheld caller (it spells ${standIn.spells} on a phone keypad): the network sent no number, and every such caller would share one record`;
  // No plan has a national number shorter than 4 digits: a number not ending in 0000 is no code followed by zeros.
  if (!compact.endsWith('0000')) return undefined;
  const split = international === undefined ? ownCallingCodeSplit(compact, region) : callingCodeSplit(international);
  return split && /^0+$/.test(split.national) && nationalLengths(split.code).includes(split.national.length)
    ? 'is a country code followed by zeros alone: a placeholder for a withheld or missing caller number, which every such caller would share'
    : undefined;
}
const standInsByDigits = new Map(withheldStandIns.map((standIn) => [standIn.number.slice(1), standIn]));

/** The calling code `digits` begin with (calling codes are prefix-free, +800 and the other non-geographic ones included) and the rest. */
function callingCodeSplit(digits: string): { code: string; national: string } | undefined {
  const code = [1, 2, 3].map((size) => digits.slice(0, size)).find((prefix) => nationalLengths(prefix).length > 0);
  return code === undefined ? undefined : { code, national: digits.slice(code.length) };
}
/**
 * The calling code of `digits` read as an international number that lost its `+` (`447911123456` → `44`), when
 * with the `+` they are a valid number; else undefined. For a hint in a refusal, never for reading a number.
 */
export function callingCodeWithoutPlus(digits: string): string | undefined {
  const phone = parsePhoneNumberFromString(`+${digits}`);
  return phone && isValidNumber(phone) ? phone.countryCallingCode : undefined;
}
/** `region`'s own calling code written without `+` at the start of `digits`, a `0` allowed before it (India's `091`), and the rest. */
function ownCallingCodeSplit(digits: string, region: string): { code: string; national: string } | undefined {
  if (!isSupportedCountry(region)) return undefined;
  const code = getCountryCallingCode(region as CountryCode);
  const start = digits.startsWith(code) ? 0 : digits.startsWith(`0${code}`) ? 1 : -1;
  return start < 0 ? undefined : { code, national: digits.slice(start + code.length) };
}
const lengthsByCode = new Map<string, readonly number[]>();
/** The lengths a national number of the plan of calling code `code` may have; none for a code no plan has. */
function nationalLengths(code: string): readonly number[] {
  let lengths = lengthsByCode.get(code);
  if (!lengths) {
    const metadata = new Metadata() as unknown as { hasCallingCode(code: string): boolean; selectNumberingPlan(code: string): void; numberingPlan: { possibleLengths(): number[] | undefined } };
    lengths = metadata.hasCallingCode(code) ? (metadata.selectNumberingPlan(code), metadata.numberingPlan.possibleLengths() ?? []) : [];
    lengthsByCode.set(code, lengths);
  }
  return lengths;
}
const plainNumber = /^\+?[1-9]\d{5,14}$/;
// `Tel: +91 98200 12345` is a number with a label before it (callerNumberText), not a URI without a user.
const telephonyUser = /^(?:"[^"]*"\s*|[^<":]*)?<?\s*(?:tel|sips?):\s*([^@;>?\s]*)/i;
const decodeUserPart = (user: string): string => {
  try {
    return decodeURIComponent(user).trim();
  } catch {
    return user;
  }
};
const unfilledVariable = /^(?:\{\{.*\}\}|\$\{.*\}|\{[\w.$-]+\}|<[\w.$-]+>|\[[\w.$-]+\]|%[\w.-]+%|\$(?:flow|user|call|session|customer|contact)\.[\w.$]+|\$[A-Za-z_]\w*|undefined|nil|\[object object\])$/i;

/** What networks and PBXs send in place of a withheld caller's number, written with or without separators (`Private Number`, `N/A`). */
export function isWithheldCallerId(text: string): boolean {
  return withheldCallerIds.test(text.replace(numberSeparators, '').replace('/', ''));
}
const withheldCallerIds = /^(?:anonymous|private|privatenumber|unknown|unknowncaller|unknownnumber|withheld|restricted|unavailable|blocked|nocallerid|notavailable|na|null|none|hidden|[-+*]*)$/i;

/**
 * Text as the number readers see it: digits of an Indic script (or full-width ones) as ASCII, the
 * rest of a full-width keyboard's characters (`＋`, `（`, `－`) and the dashes word processors put
 * between digit groups (en dash, minus sign, non-breaking hyphen) as ASCII, and invisible format
 * characters (a zero-width space pasted inside a number) dropped. ASCII text is returned as it is.
 */
export function numberText(written: string): string {
  if (!nonAscii.test(written)) return written;
  return scriptDigitsAsAscii(written)
    .replace(formatCharacters, '')
    .replace(fullWidthForms, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0))
    .replace(typographicDashes, '-');
}
const fullWidthForms = /[\uff01-\uff5e]/g;
const typographicDashes = /[\u2010-\u2015\u2212\ufe58\ufe63]/g;

/**
 * numberText of a caller's number as telephony systems pass it: a `tel:` URI (RFC 3966) or the user
 * part of a `sip:`/`sips:` URI (RFC 3261), with or without a display name (`"Asha" <sip:+919820012345@pbx>`),
 * is the number it carries, its parameters (`;ext=…`, `;user=phone`) dropped; so is a number written after
 * a `Tel:` label (`Tel: +91 98200 12345`: a URI has no space). The decorations numbers pick up on their way
 * are dropped: the `#` that ends digits an IVR collected (`9820012345#`) and the apostrophe a spreadsheet
 * keeps a number as text with (`'+919820012345`). Anything else, such as a
 * URI whose user part is no number (`sip:alice@pbx`), is numberText as it is.
 */
export function callerNumberText(written: string): string {
  const read = numberText(written);
  const text = read.includes("'") || read.includes('#') ? read.replace(decorations, '') : read;
  if (!text.includes(':')) return text;
  const number = telephonyUri.exec(text)?.[1]?.replace(/^%2b/i, '+') ?? telLabel.exec(text)?.[1];
  return number !== undefined && phoneLike.test(number) ? number : text;
}
const telephonyUri = /^\s*(?:"[^"]*"\s*|[^<":]*)?<?\s*(?:tel|sips?):([^@;>?\s]+)/i;
const telLabel = /^\s*tel\s*:\s+(.*?)\s*$/is;
// A spreadsheet's leading apostrophe, an IVR's closing `#` (docs/methods/find-language.md).
const decorations = /^\s*'|#\s*$/g;

/**
 * The number in E.164 when it is a valid phone number for `region` (or
 * carries its own country code), else undefined. For ids that must be phone
 * numbers, such as an agent's number.
 */
export function phoneNumberE164(raw: string, region: string, rule: PhoneTextRule = {}): string | undefined {
  const trimmed = callerNumberText(raw).trim();
  return phoneLikePattern(rule).test(trimmed) ? readE164(trimmed, region, true) : undefined;
}

/**
 * phoneNumberE164 without the cache, for text as given: for readers that
 * see each number once (a do-not-call import), which would only push the
 * callers flows ask about again and again out of it.
 */
export function phoneNumberE164Uncached(written: string, region: string, rule: PhoneTextRule = {}): string | undefined {
  const text = callerNumberText(written);
  return phoneLikePattern(rule).test(text) ? readE164(text, region, false) : undefined;
}

/**
 * E.164 of the valid number phone-like `text` holds for `region`: a direct
 * shape without the library or the cache (cheaper than either, and it leaves
 * the cache's room to the numbers that need the library), any other through
 * the library, remembered in the cache when `remember`.
 */
function readE164(written: string, region: string, remember: boolean): string | undefined {
  // A `+` before a `0` is a slip (no country code starts with 0): `+0044 …` is `0044 …`, `( +0 98…` is `( 0 98…`.
  const text = written.replace(plusBeforeZero, '$1');
  const direct = directE164(text, region);
  if (direct !== undefined) return direct === '' ? undefined : direct;
  if (!remember) return libraryE164(text, region);
  const key = `${region}:${text}`;
  let normalised = recentNumbers.get(key);
  if (normalised === undefined) {
    // An empty string remembers "not a valid number".
    normalised = libraryE164(text, region) ?? '';
    recentNumbers.set(key, normalised);
  }
  return normalised === '' ? undefined : normalised;
}

function phoneLikePattern(rule: PhoneTextRule): RegExp {
  const minLength = rule.minLength ?? 6;
  let pattern = phoneLikeFrom.get(minLength);
  if (!pattern) {
    pattern = new RegExp(`^\\(?\\s*\\+?[\\d\\s().-]{${minLength},32}$`);
    phoneLikeFrom.set(minLength, pattern);
  }
  return pattern;
}

/** E.164 of the number libphonenumber reads in `text` for `region`, when it is a valid one. */
function libraryE164(text: string, region: string): string | undefined {
  const phone = parsePhoneNumberFromString(text, region as CountryCode);
  return phone && isValidNumber(phone) ? phone.number : undefined;
}

/**
 * Written shapes whose reading is known without libphonenumber, by region,
 * tested on the text without its separators (spaces, dots, dashes,
 * brackets): an Indian number of ten national digits (a mobile number, or a
 * landline with its STD code) as it is, after the trunk `0`, or after the
 * country code written `91`, `+91`, `091` or `0091` (`00` is the
 * international prefix dialled from India), which a trunk `0` may follow.
 * These are the forms findLanguage reads (docs/methods/find-language.md), so
 * a caller's stored preference is found whichever of them the flow sends;
 * libphonenumber reads all but `091` alike (it takes `091…` for a national
 * number and finds it invalid). For each, the library's parse takes those
 * ten digits as the national number of India's plan: `+91` is India's code
 * alone; `0` is its trunk prefix; ten digits that do not start with 0 fit the
 * plan's national pattern as they are, so a leading 91 among them is not
 * taken for the country code, while twelve digits starting with 91 do not,
 * so it is. Only validity is left, tested with the same compiled patterns.
 * Reading a number through the library cost 4 µs in a loop and 9–14 µs a
 * call in the server (copying its options, building its metadata for each
 * call), and callers a flow has not seen miss any cache (docs/benchmark.md,
 * thirty-first section). contact-id.test.ts compares the answers with the
 * library's on every series. (readE164 has already read a `+` before a `0`
 * as a slip.)
 */
const directShapes = new Map<string, { shape: RegExp; callingCode: string }>([['IN', { shape: /^(?:(?:\+|00|0)?910?|0)?([1-9]\d{9})$/, callingCode: '91' }]]);
/** The separators people write numbers with (spaces, dots, dashes, brackets), for reading the digits alone. */
export const numberSeparators = /[\s().-]/g;
const plusBeforeZero = /^([(\s]*)\+(?=0)/;

/** The E.164 of text in a direct shape of `region` ('' when that shape holds no valid number); undefined when it is in none. */
function directE164(text: string, region: string): string | undefined {
  const direct = directShapes.get(region);
  if (!direct) return undefined;
  const national = direct.shape.exec(text.replace(numberSeparators, ''))?.[1];
  if (national === undefined) return undefined;
  return isValidNational(region, national) ? `+${direct.callingCode}${national}` : '';
}

/**
 * Reads `count` made-up numbers of `regions` (the accounts' countries) in the shapes flows send them
 * (national, with a trunk `0`, international, with separators), so that V8 has compiled the number
 * reader before the first call needs it: a fresh process read its first 1 000 numbers (a
 * createOutbound of 1 000) in 40–50 ms, a warm one in 4–7 (docs/benchmark.md, tenth section).
 * Nothing is cached; a region libphonenumber does not know is skipped.
 */
export function warmNumberReader(regions: readonly string[], count = 2000): void {
  const known = regions.filter((region) => isSupportedCountry(region)).map((region) => ({ region, prefix: `+${getCountryCallingCode(region as CountryCode)}` }));
  const shapes = [(digits: string) => digits, (digits: string) => `0${digits}`, (digits: string, prefix: string) => `${prefix}${digits}`, (digits: string, prefix: string) => `${prefix} ${digits.slice(0, 5)} ${digits.slice(5)}`];
  for (let index = 0; index < count && known.length > 0; index++) {
    const { region, prefix } = known[index % known.length]!;
    const digits = String(6_000_000_000 + ((index * 7_919_393) % 4_000_000_000));
    phoneNumberE164Uncached(shapes[index % shapes.length]!(digits, prefix), region, { minLength: 4 });
  }
}

/** The number types libphonenumber tries, fixed line first (its getNumberType). */
const numberTypes = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;

/** The runtime accessors of a numbering plan; the published typings leave them out. */
interface NumberingPlanAccessors {
  nationalNumberPattern(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

interface PlanPatterns {
  general: RegExp;
  /** Absent when the plan's metadata has no number types: then the general pattern decides alone. */
  types?: Array<{ pattern: RegExp; lengths: readonly number[] | undefined }>;
}

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const patternsByPlan = new Map<string, PlanPatterns>();

function planPatterns(plan: string): PlanPatterns {
  let patterns = patternsByPlan.get(plan);
  if (!patterns) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(plan as CountryCode);
    const numbering = metadata.numberingPlan as unknown as NumberingPlanAccessors;
    patterns = { general: whole(numbering.nationalNumberPattern()) };
    if (numbering.hasTypes()) {
      patterns.types = numberTypes.flatMap((name) => {
        const type = numbering.type(name);
        const pattern = type?.pattern();
        return pattern ? [{ pattern: whole(pattern), lengths: type!.possibleLengths() }] : [];
      });
    }
    patternsByPlan.set(plan, patterns);
  }
  return patterns;
}

/**
 * `phone.isValid()` with each numbering plan's patterns compiled once. The
 * library compiles a pattern of its metadata on every test, which is most of
 * the cost of reading a number it has not seen (several microseconds; more
 * on a busy server), and random callers miss any cache. The rule is the
 * library's own (isValidNumber, getNumberType): the national number fits the
 * plan's general pattern and, where the metadata has number types, one
 * type's lengths and pattern. contact-id.test.ts compares the two.
 */
export function isValidNumber(phone: PhoneNumber): boolean {
  return isValidNational(phone.country ?? phone.countryCallingCode, phone.nationalNumber);
}

/** isValidNumber for a national number of a plan (a region, or a calling code of no region). */
function isValidNational(plan: string, national: string): boolean {
  const { general, types } = planPatterns(plan);
  if (!general.test(national)) return false;
  if (!types) return true;
  return types.some((type) => (!type.lengths || type.lengths.includes(national.length)) && type.pattern.test(national));
}

/**
 * For logs: keeps the first two and last two digits of the national number
 * (`98XXXXXX45`); anything that is not a phone number is shown as `***`.
 */
export function maskPhone(written: string): string {
  const raw = numberText(written);
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6 || !phoneLike.test(raw.trim())) return '***';
  return maskDigits(digits.length > 10 ? digits.slice(-10) : digits);
}

/** Digits with all but the first two and the last two as `X` (`9876543245` → `98XXXXXX45`); at least six digits. */
export function maskDigits(digits: string): string {
  return `${digits.slice(0, 2)}${'X'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}
