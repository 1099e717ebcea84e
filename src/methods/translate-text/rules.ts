import type { ProviderFailure } from '../../adapters/translation/provider.js';
import type { ParameterIssue } from '../../kernel/errors.js';
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

/** The error code a flow branches on for each kind of provider failure. */
export const failureCodes: Record<ProviderFailure, 'PROVIDER_TIMEOUT' | 'PROVIDER_AUTH' | 'PROVIDER_QUOTA' | 'PROVIDER_ERROR'> = {
  timeout: 'PROVIDER_TIMEOUT',
  auth: 'PROVIDER_AUTH',
  quota: 'PROVIDER_QUOTA',
  error: 'PROVIDER_ERROR',
};
