import type { NumberFacts, NumberingPlan, NumberKind } from '../../adapters/numbering/numbering.js';
import { normaliseContactId, phoneNumberE164 } from '../../phone/contact-id.js';
import type { Account } from '../../storage/accounts.js';
import {
  callerFacts,
  chooseLanguage,
  languageSource,
  operatorName,
  operatorSource,
  parseCli,
  parseCliSource,
  supportedLanguages,
  type LanguageReason,
  type LanguageSource,
  type OperatorSource,
} from './rules.js';

/**
 * The one place findLanguage's answer is worked out, for the webhook method
 * and for `GET /api/numbering/lookup` alike (docs/methods/find-language.md).
 */

export interface FindLanguageInput {
  cli: string;
  cliSource?: string;
  /** Absent on the lookup route when no language is asked for. */
  languageSupported?: string;
}

export type InputField = 'cli' | 'cliSource' | 'languageSupported';
export interface InputIssue {
  field: InputField;
  /** Reads after the field's name: `cli has an impossible length…`. */
  message: string;
}

export interface ReadInput {
  /** The raw number, for the preference identity. */
  cli: string;
  /** Null for another country's number. */
  national: string | null;
  declaredKind: NumberKind | undefined;
  supported: string[] | undefined;
}

/** Checks the input, a number without a country code read as the account's `country`'s; every problem is reported, none is fixed silently. */
export function readFindLanguageInput(input: FindLanguageInput, country: string): { ok: true; value: ReadInput } | { ok: false; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const cli = parseCli(input.cli, country);
  if (!cli.ok) issues.push({ field: 'cli', message: cli.reason });
  const declaredKind = input.cliSource === undefined ? undefined : parseCliSource(input.cliSource);
  if (input.cliSource !== undefined && !declaredKind) issues.push({ field: 'cliSource', message: 'must be MOBILE or LANDLINE' });
  const supported = input.languageSupported === undefined ? undefined : supportedLanguages(input.languageSupported);
  if (supported?.length === 0) issues.push({ field: 'languageSupported', message: 'must name at least one language' });
  if (issues.length || !cli.ok) return { ok: false, issues };
  return { ok: true, value: { cli: input.cli, national: cli.national, declaredKind, supported } };
}

export interface LanguageAnswer {
  facts: NumberFacts;
  /** As the account names operators (`VODAFONE` or `VI`), `UNKNOWN`. */
  operator: string;
  operatorSource: OperatorSource;
  /** Present when languages were asked for. */
  language?: { language: string; reason: LanguageReason; source: LanguageSource };
  /** The stored preference read (its value), when one was found; reported by the lookup route only. */
  storedPreference?: string;
}

export interface AnswerContext {
  plan: NumberingPlan;
  account: Pick<Account, 'id' | 'country' | 'defaultLanguage' | 'operatorNames' | 'languagePreferenceKey'>;
  /** One indexed read of a contact's preference (storage/preferences.ts findPreference, bound to the database). */
  readPreference(accountId: number, contactId: string, name: string): Promise<string | undefined>;
}

/**
 * The answer for a checked input: the number's facts, then — when languages
 * were asked for — the caller's stored preference read under the preference
 * methods' identity (E.164 by the account's country, so `9820012345` finds
 * what `+91 98200 12345` stored), then the language by the rules of
 * chooseLanguage.
 */
export async function answerFindLanguage(input: ReadInput, context: AnswerContext): Promise<LanguageAnswer> {
  const { plan, account } = context;
  const facts = callerFacts(plan, input.national, input.declaredKind);
  const answer: LanguageAnswer = { facts, operator: operatorName(facts, account.operatorNames), operatorSource: operatorSource(facts) };
  if (!input.supported) return answer;
  const stored = await context.readPreference(account.id, callerContactId(input, account.country), account.languagePreferenceKey);
  const chosen = chooseLanguage(facts.languages, input.supported, account.defaultLanguage, stored);
  answer.language = { ...chosen, source: languageSource(chosen.reason, facts.kind) };
  if (stored !== undefined) answer.storedPreference = stored;
  return answer;
}

/**
 * The preference methods' id of the caller (docs/methods/preferences.md): the E.164 of the Indian number read,
 * when that is a valid number — what they store for every form of it, with an extension, padded past their
 * 32 characters, on an account of another country too — else their id for the text as sent.
 */
function callerContactId(input: ReadInput, country: string): string {
  const parsed = input.national === null ? undefined : phoneNumberE164(`+91${input.national}`, country);
  return parsed ?? normaliseContactId(input.cli, country);
}
