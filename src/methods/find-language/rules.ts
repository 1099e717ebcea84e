import { Metadata } from 'libphonenumber-js/max';
import { callingCodeWithoutPlus, isWithheldCallerId, lineNumberText, numberSeparators, phoneNumberE164, placeholderNumberReason, sharedContactIdReason } from '../../phone/contact-id.js';
import { unknownFacts, type NumberFacts, type NumberingPlan, type NumberKind } from '../../adapters/numbering/numbering.js';

export type ParsedCli =
  | { ok: true; national: string }
  /** A number India's plan places nowhere: another country's, or a toll-free or shared-cost number (1800, 1860). */
  | { ok: true; national: null }
  | { ok: false; reason: string };

/** The ways India's country code is written before a national number: `+` and `00` are read apart. */
const countryCodePrefixes = ['091', '91'] as const;

/**
 * Reads a caller number into its 10-digit national number, deciding by
 * length: 10 digits are national; 11 with a leading `0` (trunk prefix);
 * 12 with a leading `91`; 13 with `091`; `+91`, or `00` (the international
 * prefix dialled from India) and 91, before 10 digits. A toll-free or
 * shared-cost number (serviceNumber) is one after any of these prefixes as it
 * is bare, and places no caller (national null).
 * So `9175748XXXXX`-style input is 91 + a ten-digit number while `9175748123`
 * (ten digits) is a national number that happens to start with 91. After the
 * country code a trunk `0` may stand too, as in `+91 (0) 98200 12345`: the
 * number the preferences methods store for the same text (docs/methods/find-language.md).
 * `00` and another country code is a foreign caller, as with `+`; a `+`
 * before a `0` is read as a slip, without it (no country code starts with 0).
 * An account of another `country` reads a number written without a country
 * code as that country's (libphonenumber): an Indian one only when it has +91.
 * A carrier's stand-in for a withheld caller, or a country code followed by
 * zeros, is refused as the placeholder it is (placeholderNumberReason).
 */
export function parseCli(raw: string, country = 'IN'): ParsedCli {
  const line = lineNumberText(raw);
  // A carrier's stand-in for a withheld caller, or zeros after a country code: the same for every such caller.
  const placeholder = placeholderNumberReason(line, country);
  if (placeholder) return { ok: false, reason: placeholder };
  const written = line.replace(numberSeparators, '');
  const compact = written.startsWith('+0') ? written.slice(1) : written;
  const international = internationalDigits(compact);
  const digits = international ?? compact;
  if (!/^\d+$/.test(digits)) {
    if (isWithheldCallerId(written)) return withheld;
    // What names no caller (`sip:anonymous@anonymous.invalid`, `tel:`, `{{cli}}`) is said as the preference methods say it.
    const shared = sharedContactIdReason(raw, country);
    return { ok: false, reason: shared ?? 'must be a phone number: digits, with an optional +, spaces, dots, dashes or brackets, or a tel: or sip: URI' };
  }
  if (international !== undefined) {
    if (!digits.startsWith('91')) return digits.length >= 7 && digits.length <= 15 ? { ok: true, national: null } : { ok: false, reason: 'has an impossible length' };
    const national = afterCountryCode(digits.slice(2));
    if (national === undefined) return { ok: false, reason: 'has an impossible length for a +91 number (10 digits after +91, or a 0 and 10 digits)' };
    if (national === null) return { ok: true, national: null };
    return national.startsWith('0')
      ? { ok: false, reason: 'has an impossible length for a +91 number: the 10 digits after +91 start with 0 (give 10 digits starting 1–9, a trunk 0 before them allowed)' }
      : { ok: true, national };
  }
  if (country !== 'IN') {
    // A national number of the account's country; India's plan applies only to a +91 number.
    const e164 = phoneNumberE164(compact, country);
    if (e164 === undefined) return { ok: false, reason: `is not a valid ${country.slice(0, 2)} number: write another country's number with + and its country code` };
    return e164.startsWith('+91') ? { ok: true, national: e164.slice(3) } : { ok: true, national: null };
  }
  // Bare or after a trunk 0, else after 91 or 091 (and a trunk 0).
  const national = [afterCountryCode(digits), ...countryCodePrefixes.map((prefix) => (digits.startsWith(prefix) ? afterCountryCode(digits.slice(prefix.length)) : undefined))].find(
    (found) => found !== undefined,
  );
  if (national === null) return { ok: true, national: null };
  if (national?.startsWith('0')) return startsWithZero;
  if (national === undefined) {
    // `447911123456`: another country's number that lost its `+` on the way.
    const code = callingCodeWithoutPlus(digits);
    const hint = code === undefined || code === '91' ? '' : `; it reads as a +${code} number written without its +: write another country's number with + or 00 and its country code`;
    return { ok: false, reason: `has an impossible length: give 10 digits, optionally after 0, 91 or +91${hint}` };
  }
  return { ok: true, national };
}

/**
 * India's toll-free (1800) and shared-cost (1860) numbers, then 6 or 7 digits: a service's number, which places
 * no caller (docs/methods/find-language.md), however it is prefixed.
 */
const serviceNumber = /^18[06]0\d{6,7}$/;

const withheld: ParsedCli = { ok: false, reason: 'is a withheld caller ID (anonymous, private, unknown…): the network sent no number to look up' };
const startsWithZero: ParsedCli = { ok: false, reason: 'is 10 digits starting with 0: a national number starts with 1–9 (a 0 goes before all 10 digits)' };

/**
 * The digits after the country-code mark of an international number (`+44…`,
 * `0044…`), or undefined for a number written without one. A country code
 * never starts with 0, so `000…` is none (and parseCli reads `+0…` without its `+`).
 */
function internationalDigits(compact: string): string | undefined {
  if (compact.startsWith('+')) return compact.slice(1);
  return compact.startsWith('00') && compact[2] !== '0' ? compact.slice(2) : undefined;
}

/**
 * What follows a country code (or nothing): null for a toll-free or shared-cost number (serviceNumber), else the
 * national number, 10 digits; either may have a trunk `0` before it. Undefined for any other length.
 */
function afterCountryCode(rest: string): string | null | undefined {
  const national = rest.startsWith('0') && rest.length > 10 ? rest.slice(1) : rest;
  if (serviceNumber.test(national)) return null;
  return national.length === 10 ? national : undefined;
}

/** `MOBILE`/`LANDLINE` in any case; anything else is undefined. */
export function parseCliSource(text: string): NumberKind | undefined {
  const upper = text.trim().toUpperCase();
  return upper === 'MOBILE' || upper === 'LANDLINE' ? upper : undefined;
}

/**
 * India's patterns from libphonenumber's full metadata, compiled once. A
 * number is FIXED_LINE for libphonenumber when it fits the country's general
 * pattern and the fixed-line pattern but not the mobile one (fitting both is
 * FIXED_LINE_OR_MOBILE); testing the patterns directly gives the same answer
 * as `parsePhoneNumber(…).getType()` (the tests compare them) in 0.1 µs
 * instead of ~10–40 µs, with no cache that random callers would miss.
 */
const indianPatterns = (() => {
  const metadata = new Metadata();
  metadata.selectNumberingPlan('IN');
  // The runtime class has these accessors; the published typings leave them out.
  const plan = metadata.numberingPlan as unknown as { nationalNumberPattern(): string; type(name: string): { pattern(): string } | undefined };
  const whole = (pattern: string | undefined) => new RegExp(`^(?:${pattern ?? '(?!)'})$`);
  return { general: whole(plan.nationalNumberPattern()), fixedLine: whole(plan.type('FIXED_LINE')?.pattern()), mobile: whole(plan.type('MOBILE')?.pattern()) };
})();

/**
 * Mobile or landline when the flow does not say. Indian mobile numbers start
 * with 6–9 and landline STD codes with 1–8, so 1–5 are landlines and 9 is
 * mobile; 6–8 are told apart by libphonenumber's full metadata (80 4000 1234
 * is a Bengaluru line). A number it cannot type is taken as mobile.
 */
export function detectKind(national: string): NumberKind {
  return kindReadings(national)[0];
}

/**
 * The readings of a number the flow did not type, the likelier first: one,
 * or for a 6–8 number that fits both libphonenumber's fixed-line and mobile
 * patterns (its FIXED_LINE_OR_MOBILE, as `0721 266 2345` in Amravati is)
 * mobile, then landline.
 */
function kindReadings(national: string): readonly [NumberKind] | readonly [NumberKind, NumberKind] {
  const first = national.charCodeAt(0) - 48;
  if (first < 6) return landlineOnly;
  if (first === 9) return mobileOnly;
  const { general, fixedLine, mobile } = indianPatterns;
  if (!general.test(national) || !fixedLine.test(national)) return mobileOnly;
  return mobile.test(national) ? mobileThenLandline : landlineOnly;
}
const landlineOnly = ['LANDLINE'] as const;
const mobileOnly = ['MOBILE'] as const;
const mobileThenLandline = ['MOBILE', 'LANDLINE'] as const;

/**
 * Spellings flows and IVR platforms use for one language, canonical name
 * first: common spellings, ISO 639-1 and ISO 639-2/3 codes. Matching is
 * case-insensitive and ignores spaces.
 */
export const languageAliases: Readonly<Record<string, readonly string[]>> = {
  HINDI: ['HIN', 'HI'],
  ENGLISH: ['ENG', 'EN'],
  TELUGU: ['TELGU', 'TELEGU', 'TEL', 'TE'],
  ORIYA: ['ODIA', 'ODIYA', 'ORISSA', 'ORI', 'ORY', 'OR', 'OD'],
  BENGALI: ['BANGLA', 'BENGLA', 'BEN', 'BN'],
  MARATHI: ['MAR', 'MR'],
  GUJARATI: ['GUJRATI', 'GUJARATHI', 'GUJ', 'GU'],
  TAMIL: ['TAM', 'TA'],
  KANNADA: ['KANNAD', 'KANADA', 'KAN', 'KN'],
  MALAYALAM: ['MALYALAM', 'MALAYALM', 'MAL', 'ML'],
  PUNJABI: ['PANJABI', 'PAN', 'PA'],
  ASSAMESE: ['ASAMIYA', 'AXOMIYA', 'ASM', 'AS'],
  URDU: ['URD', 'UR'],
  KONKANI: ['KOK', 'GOM'],
  NEPALI: ['NEP', 'NPI', 'NE'],
  MANIPURI: ['MEITEI', 'MEITEILON', 'MNI'],
  MIZO: ['LUS'],
  KASHMIRI: ['KAS', 'KS'],
};

const canonicalBySpelling = new Map<string, string>();
for (const [canonical, aliases] of Object.entries(languageAliases)) {
  for (const spelling of [canonical, ...aliases]) canonicalBySpelling.set(spelling, canonical);
}

/** The canonical name of a language spelling (`telgu` → `TELUGU`); unknown spellings are only upper-cased. */
export function canonicalLanguage(text: string): string {
  const key = text.replace(/\s+/g, '').toUpperCase();
  return canonicalBySpelling.get(key) ?? key;
}

/**
 * The entries of `languageSupported`, trimmed, blanks dropped, as written.
 * Entries are separated by commas, or `;`, `|` or `/`; quotes and brackets
 * around an entry (a JSON array sent as text) are not part of it; a list
 * with none of these separators whose every word is a language's name or
 * three-letter code (`HINDI MARATHI`; not `Hindi or Marathi`, where `or` is
 * only Oriya's two-letter code) is split at the spaces.
 */
export function supportedLanguages(text: string): string[] {
  const entries = text.split(listSeparators).map(unwrapEntry).filter((entry) => entry !== '');
  if (entries.length !== 1) return entries;
  const words = entries[0]!.split(/\s+/);
  return words.length > 1 && words.every((word) => word.length > 2 && canonicalBySpelling.has(word.toUpperCase())) ? words : entries;
}
const listSeparators = /[,;|/]/;
const wrappers = new Set(['"', "'", '`', '[', ']', '(', ')', '{', '}', '“', '”', '‘', '’', '«', '»']);

/** An entry without the white space, quotes and brackets around it (a loop, not a regex: an entry may be 1 000 characters). */
function unwrapEntry(entry: string): string {
  const wrapping = (char: string) => wrappers.has(char) || char.trim() === '';
  let start = 0;
  let end = entry.length;
  while (start < end && wrapping(entry[start]!)) start++;
  while (end > start && wrapping(entry[end - 1]!)) end--;
  return entry.slice(start, end);
}

export type LanguageReason = 'preference' | 'primary' | 'secondary' | 'account-default' | 'first-supported';

/**
 * Where findLanguage's answer came from (`$flow.key.cliLanguageSource`,
 * docs/methods/find-language.md): the caller's stored preference, the
 * circle's languages (a mobile), the state's (a landline), the account's
 * default, or the first entry of languageSupported.
 */
export const languageSources = ['preference', 'circle', 'state', 'default', 'first'] as const;
export type LanguageSource = (typeof languageSources)[number];

/**
 * The language to greet in: the caller's stored preference if supported,
 * else the primary language if supported, else the secondary, else the
 * account's default, else the first supported one — always returned as the
 * flow wrote it in `supported`. A preference that is not supported is passed
 * over, not an error.
 */
export function chooseLanguage(
  languages: { primary: string; secondary: string } | null,
  supported: readonly string[],
  accountDefault: string,
  preferred?: string,
): { language: string; reason: LanguageReason } {
  const find = (wanted: string) => {
    const canonical = canonicalLanguage(wanted);
    return supported.find((entry) => canonicalLanguage(entry) === canonical);
  };
  const candidates: Array<[string | undefined, LanguageReason]> = [
    [preferred, 'preference'],
    [languages?.primary, 'primary'],
    [languages?.secondary, 'secondary'],
    [accountDefault, 'account-default'],
  ];
  for (const [wanted, reason] of candidates) {
    const match = wanted?.trim() ? find(wanted) : undefined;
    if (match !== undefined) return { language: match, reason };
  }
  return { language: supported[0] ?? '', reason: 'first-supported' };
}

/** The source a reason is reported as: the number's languages are the circle's for a mobile, the state's for a landline. */
export function languageSource(reason: LanguageReason, kind: NumberKind): LanguageSource {
  switch (reason) {
    case 'preference':
      return 'preference';
    case 'primary':
    case 'secondary':
      return kind === 'LANDLINE' ? 'state' : 'circle';
    case 'account-default':
      return 'default';
    case 'first-supported':
      return 'first';
  }
}

export type OperatorNames = 'legacy' | 'current';

/**
 * Where the operator came from (`$flow.key.cliOperatorSource`): `allotment`
 * (the shipped data: who the block was allotted to), `import` (an operator's
 * own rows through POST /api/numbering/import), `none` (operator unknown).
 * Either way a ported number may be with another operator now.
 */
export type OperatorSource = 'allotment' | 'import' | 'none';

export function operatorSource(facts: Pick<NumberFacts, 'operator' | 'legacyOperator' | 'source'>): OperatorSource {
  if (!facts.operator && !facts.legacyOperator) return 'none';
  return facts.source === 'imported' ? 'import' : 'allotment';
}

/** The operator as flows branch on it: allocation-time brand (`VODAFONE`) or current (`VI`); `UNKNOWN` when not known. */
export function operatorName(facts: Pick<NumberFacts, 'operator' | 'legacyOperator'>, names: OperatorNames): string {
  return (names === 'current' ? facts.operator : facts.legacyOperator) ?? 'UNKNOWN';
}

/**
 * Facts about a parsed caller: foreign numbers know nothing; the kind is
 * detected when the flow does not give it. Of a number that reads either way,
 * the mobile reading answers when it places the number (its circle names
 * languages), else the landline reading when its STD code does, else the
 * mobile reading as it is (an operator without a circle, or nothing).
 */
export function callerFacts(plan: NumberingPlan, national: string | null, declaredKind: NumberKind | undefined): NumberFacts {
  if (national === null) return unknownFacts(declaredKind ?? 'MOBILE');
  if (declaredKind) return checkedLandline(plan.lookup(national, declaredKind), national);
  const [likelier, other] = kindReadings(national);
  const facts = checkedLandline(plan.lookup(national, likelier), national);
  if (other === undefined || facts.languages !== null) return facts;
  const otherFacts = checkedLandline(plan.lookup(national, other), national);
  return otherFacts.languages !== null ? otherFacts : facts;
}

/**
 * A landline placed by its STD code whose local number no line can have (it starts with 0, 1, 8 or 9
 * where the plan gives lines 2–7: `011 1234 5678`) keeps its place, the likeliest guess of the caller's
 * language, at `low` confidence instead of `high`. libphonenumber's fixed-line pattern decides, for the
 * STD codes it knows; a code it knows no line of (the data has some it does not) is left as placed.
 */
function checkedLandline(facts: NumberFacts, national: string): NumberFacts {
  if (facts.kind !== 'LANDLINE' || facts.confidence !== 'high' || facts.prefix === null || isFixedLine(national)) return facts;
  return knownToLibrary(facts.prefix) ? { ...facts, confidence: 'low' } : facts;
}
const isFixedLine = (national: string) => indianPatterns.general.test(national) && indianPatterns.fixedLine.test(national);
const prefixesKnown = new Map<string, boolean>();
/** Whether libphonenumber takes any line under `prefix` (its next digit 0–9, the rest made up), remembered per prefix. */
function knownToLibrary(prefix: string): boolean {
  let known = prefixesKnown.get(prefix);
  if (known === undefined) {
    known = Array.from({ length: 10 }, (_, digit) => `${prefix}${digit}`.padEnd(10, '0').slice(0, 10)).some(isFixedLine);
    prefixesKnown.set(prefix, known);
  }
  return known;
}
