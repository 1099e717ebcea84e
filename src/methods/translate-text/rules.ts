import type { ProviderFailure } from '../../adapters/translation/provider.js';
import type { ParameterIssue } from '../../kernel/errors.js';
import { decodeHtmlEntities } from '../../kernel/html-text.js';
import { redactUrls } from '../../observability/redact.js';
import { lookupLanguage, type Language } from './languages.js';

/** Reads the source (absent: detect) and target languages, or says which parameter names no language. */
export function resolveLanguages(
  sourceText: string | undefined,
  targetText: string,
): { source?: Language; target: Language } | { issues: ParameterIssue[] } {
  const issues: ParameterIssue[] = [];
  // `auto` (LibreTranslate's word) and `detect` ask for detection, as an empty sourceLang does.
  const detect = sourceText === undefined || detectWords.has(sourceText.trim().toLowerCase());
  const source = detect ? undefined : lookupLanguage(sourceText);
  const target = lookupLanguage(targetText);
  if (!detect && !source) {
    issues.push({ parameter: '$flow.key.sourceLang', code: 'INVALID_PARAMETER', message: '$flow.key.sourceLang is not a language flowhooks knows (use a name such as Hindi or a code such as hi; leave it empty, or send auto, to detect it)' });
  }
  if (!target) {
    issues.push({ parameter: '$flow.key.targetLang', code: 'INVALID_PARAMETER', message: '$flow.key.targetLang is not a language flowhooks knows (use a name such as Hindi or a code such as hi)' });
  }
  if (issues.length || !target) return { issues };
  return { target, ...(source && { source }) };
}

const detectWords = new Set(['auto', 'detect', 'auto-detect', 'autodetect']);

/** What the configured provider offers, as languagesNotOffered asks it (TranslationProvider's codeOf and translatesBetween). */
export interface ProviderOffer {
  offers(code: string): boolean;
  translatesBetween(source: string, target: string): boolean;
}

/**
 * Names each language the configured provider does not offer, as a language flowhooks does not
 * know is named (docs/methods/translate-text.md "Languages"), and a target the provider offers but
 * not from the named source: the call is refused before anything is sent.
 */
export function languagesNotOffered(languages: { source?: Language; target: Language }, providerName: string, provider: ProviderOffer): ParameterIssue[] {
  const offeredBy = `which ${providerName}, the configured translation provider, does not offer`;
  const asked = [['$flow.key.sourceLang', languages.source], ['$flow.key.targetLang', languages.target]] as const;
  const issues = asked.flatMap(([parameter, language]) =>
    language && !provider.offers(language.code) ? [{ parameter, code: 'INVALID_PARAMETER' as const, message: `${parameter} is ${language.name}, ${offeredBy}` }] : [],
  );
  const { source, target } = languages;
  if (issues.length === 0 && source && source.code !== target.code && !provider.translatesBetween(source.code, target.code)) {
    const parameter = '$flow.key.targetLang';
    issues.push({ parameter, code: 'INVALID_PARAMETER', message: `${parameter} is ${target.name}, ${offeredBy} from ${source.name}` });
  }
  return issues;
}

/** The error code a flow branches on for each kind of provider failure. */
export const failureCodes: Record<ProviderFailure, 'PROVIDER_TIMEOUT' | 'PROVIDER_AUTH' | 'PROVIDER_QUOTA' | 'PROVIDER_ERROR'> = {
  timeout: 'PROVIDER_TIMEOUT',
  auth: 'PROVIDER_AUTH',
  quota: 'PROVIDER_QUOTA',
  error: 'PROVIDER_ERROR',
};

/** The longest provider reason a flow is given. */
export const reasonMaxLength = 200;

// Google API keys: the call's own is removed by its value, any other by its shape.
const googleApiKeys = /AIza[0-9A-Za-z_-]{35}/g;
const markup = /<(script|style)\b[\s\S]*?<\/\1\s*>|<[^<>]*>/gi;
// A file path of two or more parts (`/var/lib/translate/app.py`) after a space, quote, bracket or `=`.
const filePaths = /(^|[\s"'(=,])\/(?:[\w.@~-]+\/)+[\w.@~-]*/g;

/**
 * A provider's reason as the flow gets it in `errorMessage` (docs/methods/translate-text.md
 * "Failures": keys are never put in an error message): the keys given and anything shaped
 * like a Google API key removed, as are URLs' queries, HTML tags and file paths; at most
 * `reasonMaxLength` characters.
 */
export function providerReason(message: string, keys: ReadonlyArray<string | undefined>): string {
  let reason = decodeHtmlEntities(message.replace(markup, ' '));
  for (const key of keys) {
    if (key) reason = reason.split(key).join('[key]').split(encodeURIComponent(key)).join('[key]');
  }
  reason = redactUrls(reason.replace(googleApiKeys, '[key]'))
    .replace(filePaths, '$1[path]')
    .replace(/\s+/g, ' ')
    .trim();
  const characters = [...reason];
  if (characters.length > reasonMaxLength) reason = `${characters.slice(0, reasonMaxLength - 1).join('')}…`;
  return reason || 'The provider gave no reason.';
}
