import { postJson, ProviderError, translationIn, type TranslationProvider } from './provider.js';

export const libreTranslateDefaultUrl = 'https://libretranslate.com';

/**
 * The languages of flowhooks' table LibreTranslate offers, by the table's code:
 * those of its published models (docs.libretranslate.com, "Supported
 * Languages"), under LibreTranslate's code where it differs from Google's
 * (Traditional Chinese is `zt`). Of India's scheduled languages that is
 * Bengali, Hindi and Urdu; the others are refused before any call.
 */
const sameCodes = [
  'en', 'bn', 'hi', 'ur', 'ar', 'az', 'bg', 'ca', 'zh', 'cs', 'da', 'nl', 'eo', 'et', 'fi', 'fr', 'de', 'el', 'he', 'hu', 'id', 'ga',
  'it', 'ja', 'ko', 'lv', 'lt', 'ms', 'nb', 'fa', 'pl', 'pt', 'ro', 'ru', 'sk', 'sl', 'es', 'sq', 'sv', 'tl', 'th', 'tr', 'uk', 'vi',
];
const libreTranslateCodes = new Map<string, string>([...sameCodes.map((code) => [code, code] as const), ['zh-TW', 'zt']]);

/** The table's code of a code LibreTranslate detected: its own `zt`, and `pb` (Brazilian Portuguese), read back. */
const tableCodes = new Map([
  ['zt', 'zh-TW'],
  ['pb', 'pt'],
]);

/**
 * LibreTranslate: `POST /translate` with `{q, source: code|"auto", target,
 * format, api_key?}`; answers `{translatedText, detectedLanguage:{language}}`
 * or `{error}` with 400/403/429/500. `format` is `text` for a plain prompt and
 * `html` for one with placeholders or SSML: LibreTranslate keeps the tags and
 * leaves `translate="no"` elements untranslated.
 */
export function libreTranslateProvider(baseUrl: string = libreTranslateDefaultUrl): TranslationProvider {
  const endpoint = `${baseUrl.replace(/\/$/, '')}/translate`;
  const codeOf = (language: string) => libreTranslateCodes.get(language);
  return {
    name: 'libretranslate',
    needsKey: false,
    codeOf,
    async translate({ text, format, source, target, apiKey }, timeoutMs) {
      const { status, body } = await postJson(
        endpoint,
        { q: text, source: source === undefined ? 'auto' : (codeOf(source) ?? source), target: codeOf(target) ?? target, format, ...(apiKey && { api_key: apiKey }) },
        timeoutMs,
      );
      const answer = body as { translatedText?: unknown; detectedLanguage?: { language?: unknown }; error?: unknown } | undefined;
      if (status >= 200 && status < 300) {
        const translatedText = translationIn(answer?.translatedText);
        const detected = answer?.detectedLanguage?.language;
        return { translatedText, ...(typeof detected === 'string' && { detectedSource: tableCodes.get(detected) ?? detected }) };
      }
      const message = typeof answer?.error === 'string' ? answer.error : `HTTP ${status}`;
      if (status === 429) throw new ProviderError('quota', message);
      if (status === 401 || status === 403) throw new ProviderError('auth', message);
      throw new ProviderError('error', message);
    },
  };
}
