import { postJson, ProviderError, translationIn, type TranslationProvider } from './provider.js';

export const libreTranslateDefaultUrl = 'https://libretranslate.com';

/**
 * LibreTranslate: `POST /translate` with `{q, source: code|"auto", target,
 * format:"text", api_key?}`; answers `{translatedText, detectedLanguage:{language}}`
 * or `{error}` with 400/403/429/500.
 */
export function libreTranslateProvider(baseUrl: string = libreTranslateDefaultUrl): TranslationProvider {
  const endpoint = `${baseUrl.replace(/\/$/, '')}/translate`;
  return {
    name: 'libretranslate',
    needsKey: false,
    async translate({ text, source, target, apiKey }, timeoutMs) {
      const { status, body } = await postJson(
        endpoint,
        { q: text, source: source ?? 'auto', target, format: 'text', ...(apiKey && { api_key: apiKey }) },
        timeoutMs,
      );
      const answer = body as { translatedText?: unknown; detectedLanguage?: { language?: unknown }; error?: unknown } | undefined;
      if (status >= 200 && status < 300) {
        const translatedText = translationIn(answer?.translatedText);
        const detected = answer?.detectedLanguage?.language;
        return { translatedText, ...(typeof detected === 'string' && { detectedSource: detected }) };
      }
      const message = typeof answer?.error === 'string' ? answer.error : `HTTP ${status}`;
      if (status === 429) throw new ProviderError('quota', message);
      if (status === 401 || status === 403) throw new ProviderError('auth', message);
      throw new ProviderError('error', message);
    },
  };
}
