import { postJson, ProviderError, translationIn, type TranslationProvider } from './provider.js';

export const googleDefaultUrl = 'https://translation.googleapis.com';

interface GoogleError {
  error?: { code?: number; message?: string; status?: string; details?: Array<{ reason?: string }>; errors?: Array<{ reason?: string }> };
}

const quotaReasons = /rateLimitExceeded|dailyLimitExceeded|userRateLimitExceeded|quotaExceeded|RATE_LIMIT_EXCEEDED|RESOURCE_EXHAUSTED/i;

/**
 * Google Cloud Translation, Basic (v2) REST: `POST /language/translate/v2?key=KEY`
 * with `{q:[text], target, source?, format}`. A plain prompt goes as `text` (the
 * API's default, HTML, would escape its quotes and ampersands); one with
 * placeholders or SSML as `html`, whose `translate="no"` spans Google leaves
 * untranslated. Every language of flowhooks' table is Google's, by its own code.
 */
export function googleProvider(baseUrl: string = googleDefaultUrl): TranslationProvider {
  const endpoint = `${baseUrl.replace(/\/$/, '')}/language/translate/v2`;
  return {
    name: 'google',
    needsKey: true,
    codeOf: (language) => language,
    translatesBetween: () => true,
    async translate({ text, format, source, target, apiKey }, timeoutMs) {
      const url = `${endpoint}?key=${encodeURIComponent(apiKey ?? '')}`;
      const { status, body } = await postJson(url, { q: [text], target, ...(source && { source }), format }, timeoutMs);
      if (status >= 200 && status < 300) {
        const translation = (body as { data?: { translations?: Array<{ translatedText?: unknown; detectedSourceLanguage?: unknown }> } })?.data
          ?.translations?.[0];
        return {
          translatedText: translationIn(translation?.translatedText),
          ...(typeof translation?.detectedSourceLanguage === 'string' && { detectedSource: translation.detectedSourceLanguage }),
        };
      }
      const error = (body as GoogleError | undefined)?.error;
      const reasons = [...(error?.details ?? []), ...(error?.errors ?? [])].map((detail) => detail.reason ?? '').join(' ');
      const message = `${error?.message ?? `HTTP ${status}`}${error?.status ? ` (${error.status})` : ''}`;
      if (status === 429 || quotaReasons.test(reasons) || error?.status === 'RESOURCE_EXHAUSTED') throw new ProviderError('quota', message);
      if (status === 401 || status === 403 || /API_KEY_INVALID|API_KEY|keyInvalid/i.test(reasons)) throw new ProviderError('auth', message);
      throw new ProviderError('error', message);
    },
  };
}
