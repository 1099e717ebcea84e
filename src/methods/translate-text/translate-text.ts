import { accountParam } from '../shared-params.js';
import { ProviderError } from '../../adapters/translation/provider.js';
import { translationRequest } from '../../adapters/translation/service.js';
import { ParameterError } from '../../kernel/errors.js';
import type { Output } from '../../kernel/wire.js';
import { defineMethod, failure, success } from '../contract.js';
import { languageNameOfCode } from './languages.js';
import { translateParams } from './params.js';
import { protectForTranslation, restoreTranslation, type ProtectedText } from './protect.js';
import { failureCodes, languagesNotOffered, providerReason, resolveLanguages } from './rules.js';

const providerNames = { google: 'Google Cloud Translation', libretranslate: 'LibreTranslate' } as const;

const outputs = (status: 'SUCCESS' | 'FAILED', translatedText: string, detectedSourceLanguage: string): Output[] => [
  { name: '$flow.key.status', value: status },
  { name: '$flow.key.translatedText', value: translatedText },
  { name: '$flow.key.detectedSourceLanguage', value: detectedSourceLanguage },
];

export const translateText = defineMethod({
  name: 'translateText',
  summary: "Translates a prompt or a customer's text with the configured provider (Google Cloud Translation v2 or LibreTranslate); repeated texts come from the cache.",
  params: translateParams,
  accountParam,
  outputs: [
    { name: '$flow.key.status', description: '`SUCCESS` or `FAILED`.', example: 'SUCCESS' },
    { name: '$flow.key.translatedText', description: 'The translation; empty when FAILED.', example: 'आपकी अपॉइंटमेंट कल के लिए पक्की है।' },
    { name: '$flow.key.detectedSourceLanguage', description: 'The source language as an English name (detected, or the one given); empty when the provider could not tell.', example: 'English' },
  ],
  failureOutputs: outputs('FAILED', '', ''),
  async handle({ params }, { account, receivedAt, translation, log }) {
    if (!translation) throw new Error('translation service not configured');
    const { provider } = translation;
    const languages = resolveLanguages(params['$flow.key.sourceLang'], params['$flow.key.targetLang']);
    if ('issues' in languages) throw new ParameterError(languages.issues);
    const notOffered = languagesNotOffered(languages, providerNames[provider.name], {
      offers: (code) => provider.codeOf(code) !== undefined,
      translatesBetween: (from, to) => provider.translatesBetween(from, to),
    });
    if (notOffered.length) throw new ParameterError(notOffered);
    const text = params['$flow.key.inputText'];
    const { source, target } = languages;
    // Nothing to translate: the provider would only echo the text.
    if (source && source.code === target.code) return success(outputs('SUCCESS', text, source.name));

    // Placeholders and SSML go as HTML that keeps them, and are cached under it (so no translation
    // cached before they were kept is reused); a plain prompt goes, and is cached, as plain text.
    const kept = protectForTranslation(text);
    const sent = kept?.html ?? text;
    const key = translationRequest(account.id, provider.name, source?.code, target.code, sent);
    // The server's time, not a test call's pinned one: the cache is shared with production calls.
    const cached = await translation.cache.get(key, receivedAt.getTime());
    if (cached) return success(outputs('SUCCESS', cached.translatedText, source?.name ?? languageNameOfCode(cached.detectedSource ?? '')));

    const apiKey = params['$flow.key.apiKey'] ?? translation.serverKey;
    if (!apiKey && provider.needsKey) {
      return failure('NO_PROVIDER_KEY', 'No apiKey was sent and the server has no translation key.', outputs('FAILED', '', ''));
    }
    const started = performance.now();
    try {
      const result = await provider.translate({ text: sent, format: kept ? 'html' : 'text', source: source?.code, target: target.code, apiKey }, translation.timeoutMs);
      log.debug({ provider: provider.name, durationMs: Math.round(performance.now() - started) }, 'translation provider answered');
      const translatedText = kept ? restored(result.translatedText, kept) : result.translatedText;
      await translation.cache.set(key, { translatedText, detectedSource: result.detectedSource ?? null }, receivedAt.getTime());
      return success(outputs('SUCCESS', translatedText, source?.name ?? languageNameOfCode(result.detectedSource ?? '')));
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      // The log has the failure's kind; the flow gets the provider's reason without the keys, markup or
      // paths a provider may echo. The provider's URL (which carries the key) is in neither.
      log.warn({ provider: provider.name, failure: error.failure, durationMs: Math.round(performance.now() - started) }, 'translation provider failed');
      const reason = providerReason(error.message, [params['$flow.key.apiKey'], translation.serverKey]);
      return failure(failureCodes[error.failure], reason, outputs('FAILED', '', ''));
    }
  },
});

/** The flow's text from the provider's HTML; a translation that dropped a placeholder or SSML element is the provider's fault. */
function restored(html: string, kept: ProtectedText): string {
  const { text, lost, repeated } = restoreTranslation(html, kept);
  if (lost.length) throw new ProviderError('error', `The provider's translation dropped ${lost.length} of the placeholders and SSML elements sent.`);
  if (repeated.length) throw new ProviderError('error', `The provider's translation repeated ${repeated.length} of the placeholders and SSML elements sent.`);
  return text;
}
