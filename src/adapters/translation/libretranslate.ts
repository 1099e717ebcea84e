import { getJson, postJson, ProviderError, translationIn, type TranslationProvider } from './provider.js';

export const libreTranslateDefaultUrl = 'https://libretranslate.com';

/** How long the languages read from the server are used before they are read again (docs/methods/translate-text.md "Languages"). */
export const languagesRefreshMs = 10 * 60_000;

/** How soon a read that failed, or a server answering that a language is not supported, leads to another read. */
export const languagesRetryMs = 60_000;

/**
 * LibreTranslate's codes of a language of flowhooks' table, in the order tried against what the
 * server offers: Traditional Chinese is its `zt`; Portuguese is `pt`, else Brazilian `pb`. Every
 * other language goes by the table's own code.
 */
const candidateCodes = new Map<string, readonly string[]>([
  ['zh-TW', ['zt']],
  ['pt', ['pt', 'pb']],
]);
const codesOf = (language: string): readonly string[] => candidateCodes.get(language) ?? [language];

/** The table's code of a code LibreTranslate detected: its own `zt`, and `pb` (Brazilian Portuguese), read back. */
const tableCodes = new Map([
  ['zt', 'zh-TW'],
  ['pb', 'pt'],
]);

/**
 * What a LibreTranslate server offers: each of its language codes with the codes it translates
 * that language into, or undefined when its answer did not say (then every pair is taken).
 */
export type OfferedLanguages = ReadonlyMap<string, ReadonlySet<string> | undefined>;

/**
 * The languages of a `GET /languages` answer — `[{code, name, targets: [code…]}]`, as LibreTranslate
 * documents it (`targets` added in later releases) — or undefined when the answer is not that
 * shape or lists nothing: such an answer is not taken as the server offering nothing.
 */
export function offeredLanguagesIn(answer: unknown): OfferedLanguages | undefined {
  if (!Array.isArray(answer) || answer.length === 0) return undefined;
  const offered = new Map<string, ReadonlySet<string> | undefined>();
  for (const entry of answer as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { code, targets } = entry as { code?: unknown; targets?: unknown };
    if (typeof code !== 'string' || code === '') return undefined;
    if (targets !== undefined && !(Array.isArray(targets) && targets.every((target) => typeof target === 'string'))) return undefined;
    offered.set(code, targets === undefined ? undefined : new Set(targets as string[]));
  }
  return offered;
}

/** LibreTranslate's 400 for a language it has no model for: `xx is not supported`, `… is not available as a target language from …`. */
const unsupportedLanguage = /\bis not supported\b|\bnot available as a target language\b/i;

export interface LibreTranslateOptions {
  /** The hard timeout of a `GET /languages`: the provider's, as a translation's. Default 3000. */
  timeoutMs?: number;
  /** The clock a read's age is measured by, in ms. Default: Date.now. */
  now?: () => number;
  /** Told how each read of the languages went (for the log): never the URL, and no key is sent. */
  onLanguagesRead?: (outcome: { ok: true; languages: number } | { ok: false; reason: string }) => void;
}

/**
 * LibreTranslate: `POST /translate` with `{q, source: code|"auto", target,
 * format, api_key?}`; answers `{translatedText, detectedLanguage:{language}}`
 * or `{error}` with 400/403/429/500. `format` is `text` for a plain prompt and
 * `html` for one with placeholders or SSML: LibreTranslate keeps the tags and
 * leaves `translate="no"` elements untranslated.
 *
 * Which languages it offers is the server's own answer to `GET /languages` (no key: the route
 * takes none), read through the same client with the same timeout, by `refreshLanguages()` (the
 * service does at start) and again in the background when a lookup finds the list
 * languagesRefreshMs old, languagesRetryMs after a read that failed, and after a translation the
 * server refused as unsupported. A lookup never waits for a read: it answers from the last list
 * read, and until one was read it refuses nothing (the server answers for itself, as it did before
 * flowhooks checked languages). A read that fails keeps the last list.
 */
export function libreTranslateProvider(baseUrl: string = libreTranslateDefaultUrl, options: LibreTranslateOptions = {}): TranslationProvider {
  const base = baseUrl.replace(/\/$/, '');
  const endpoint = `${base}/translate`;
  const languagesUrl = `${base}/languages`;
  const timeoutMs = options.timeoutMs ?? 3000;
  const now = options.now ?? Date.now;
  const stopped = new AbortController();
  /** What the server last said it offers; undefined until a read succeeds. */
  let offered: OfferedLanguages | undefined;
  /** When the last read began, by `now`. */
  let lastReadAt: number | undefined;
  let reading: Promise<void> | undefined;

  async function read(): Promise<void> {
    try {
      const { status, body } = await getJson(languagesUrl, timeoutMs, stopped.signal);
      if (status < 200 || status >= 300) throw new ProviderError('error', `The provider answered HTTP ${status}.`);
      const answer = offeredLanguagesIn(body);
      if (!answer) throw new ProviderError('error', 'The provider answered without a list of languages.');
      offered = answer;
      options.onLanguagesRead?.({ ok: true, languages: answer.size });
    } catch (error) {
      if (stopped.signal.aborted) return;
      options.onLanguagesRead?.({ ok: false, reason: error instanceof ProviderError ? error.message : 'The languages could not be read.' });
    }
  }

  function refreshLanguages(): Promise<void> {
    if (stopped.signal.aborted) return Promise.resolve();
    if (!reading) {
      lastReadAt = now();
      reading = read().finally(() => {
        reading = undefined;
      });
    }
    return reading;
  }

  /** Begins a read in the background when the last began `interval` ago (or the clock went back); the caller goes on at once. */
  function readIfDue(interval: number): void {
    if (reading || stopped.signal.aborted) return;
    const at = now();
    if (lastReadAt === undefined || at - lastReadAt >= interval || at < lastReadAt) void refreshLanguages();
  }

  /** The server's code of a language of the table by the list (undefined: not offered); its first candidate before any list. */
  function serverCode(language: string): string | undefined {
    const codes = codesOf(language);
    return offered ? codes.find((code) => offered!.has(code)) : codes[0];
  }

  /** The target's code, preferring one the source's list of targets has (`pt` or `pb`). */
  function targetCode(target: string, sourceCode: string | undefined): string | undefined {
    const targets = sourceCode === undefined ? undefined : offered?.get(sourceCode);
    return (targets && codesOf(target).find((code) => targets.has(code))) || serverCode(target);
  }

  return {
    name: 'libretranslate',
    needsKey: false,
    codeOf(language) {
      readIfDue(offered ? languagesRefreshMs : languagesRetryMs);
      return serverCode(language);
    },
    translatesBetween(source, target) {
      const from = serverCode(source);
      const targets = from === undefined ? undefined : offered?.get(from);
      return !targets || codesOf(target).some((code) => targets.has(code));
    },
    refreshLanguages,
    close: () => stopped.abort(),
    async translate({ text, format, source, target, apiKey }, timeoutMs) {
      const sourceCode = source === undefined ? undefined : (serverCode(source) ?? codesOf(source)[0]);
      const { status, body } = await postJson(
        endpoint,
        { q: text, source: sourceCode ?? 'auto', target: targetCode(target, sourceCode) ?? codesOf(target)[0], format, ...(apiKey && { api_key: apiKey }) },
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
      // The list said it offers the language, or there is none yet: read what the server offers now.
      if (status === 400 && unsupportedLanguage.test(message)) readIfDue(languagesRetryMs);
      throw new ProviderError('error', message);
    },
  };
}
