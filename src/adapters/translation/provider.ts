/** What a translation provider is asked. */
export interface TranslationRequest {
  text: string;
  /**
   * `text` for a plain prompt; `html` for one whose placeholders and SSML were
   * wrapped to be kept (src/methods/translate-text/protect.ts): the answer is
   * then HTML too, its entities to decode.
   */
  format: 'text' | 'html';
  /** A language code of flowhooks' table (src/methods/translate-text/languages.ts); absent: detect. */
  source?: string;
  target: string;
  /** The provider key; never logged, stored or returned. */
  apiKey?: string;
}

export interface TranslationResult {
  translatedText: string;
  /** The code the provider detected, when it was asked to detect: the table's code where the provider's differs (LibreTranslate's `zt` is `zh-TW`). */
  detectedSource?: string;
}

export type ProviderFailure = 'timeout' | 'auth' | 'quota' | 'error';

/** A provider call that failed; `message` is the provider's reason, never the key or the URL. */
export class ProviderError extends Error {
  constructor(
    readonly failure: ProviderFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** One translation provider over HTTP. */
export interface TranslationProvider {
  readonly name: 'google' | 'libretranslate';
  /** True when the provider cannot work without a key (Google does; a self-hosted LibreTranslate may not). */
  readonly needsKey: boolean;
  /**
   * The provider's code of a language of flowhooks' table, or undefined when the provider does not
   * offer it. Answered at once from what the provider last said it offers (LibreTranslate's
   * `GET /languages`, read in the background); never waits on the provider.
   */
  codeOf(language: string): string | undefined;
  /** False when the provider offers both languages of the table but does not translate from `source` into `target`. */
  translatesBetween(source: string, target: string): boolean;
  /**
   * Reads again which languages the provider offers, or joins the read under way; resolves once it
   * is read or has failed (it never rejects). Absent where the set is fixed (Google).
   */
  refreshLanguages?(): Promise<void>;
  /** Stops reading the provider's languages (the service closing); absent where there is nothing to stop. */
  close?(): void;
  translate(request: TranslationRequest, timeoutMs: number): Promise<TranslationResult>;
}

/**
 * The translation in a provider's success answer. None is a malformed answer; an empty one is a
 * fault too, never a translation to cache (docs/methods/translate-text.md "Failures"): a blank
 * text is refused before any provider call, so a provider that answers nothing failed.
 */
export function translationIn(answer: unknown): string {
  if (typeof answer !== 'string') throw new ProviderError('error', 'The provider answered without a translation.');
  if (answer.trim() === '') throw new ProviderError('error', 'The provider answered with an empty translation.');
  return answer;
}

/**
 * POSTs JSON with a hard timeout and returns the status and parsed body.
 * Network failures and timeouts become ProviderErrors; the URL (which may
 * carry a key) never reaches a message.
 */
export function postJson(url: string, body: unknown, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  return requestJson(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }, timeoutMs);
}

/**
 * GETs JSON through the same client as postJson (the operator's provider URL, the same timeout and
 * failures): LibreTranslate's `GET /languages`. `signal` ends it early (the service closing).
 */
export function getJson(url: string, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  return requestJson(url, { method: 'GET', headers: { accept: 'application/json' } }, timeoutMs, signal);
}

async function requestJson(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([timeout, signal]) : timeout });
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new ProviderError('timeout', `The provider did not answer within ${timeoutMs} ms.`);
    }
    throw new ProviderError('error', 'The provider could not be reached.');
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      throw new ProviderError('timeout', `The provider did not answer within ${timeoutMs} ms.`);
    }
    parsed = undefined;
  }
  return { status: response.status, body: parsed };
}

/** Told of each provider call: how long it took and, when it failed, how. */
export type ProviderObserver = (provider: string, seconds: number, failure?: string) => void;

/** The provider with every call timed and its failures counted. */
export function measuredProvider(provider: TranslationProvider, observe: ProviderObserver): TranslationProvider {
  return {
    name: provider.name,
    needsKey: provider.needsKey,
    codeOf: (language) => provider.codeOf(language),
    translatesBetween: (source, target) => provider.translatesBetween(source, target),
    ...(provider.refreshLanguages && { refreshLanguages: () => provider.refreshLanguages!() }),
    ...(provider.close && { close: () => provider.close!() }),
    async translate(request, timeoutMs) {
      const started = performance.now();
      try {
        const result = await provider.translate(request, timeoutMs);
        observe(provider.name, (performance.now() - started) / 1000);
        return result;
      } catch (error) {
        observe(provider.name, (performance.now() - started) / 1000, error instanceof ProviderError ? error.failure : 'error');
        throw error;
      }
    },
  };
}
