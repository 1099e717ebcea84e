import { BoundedCache } from '../../kernel/bounded-cache.js';
import { sha256Hex } from '../../kernel/hash.js';
import type { Database } from '../../storage/db.js';
import { findTranslation, saveTranslation, type CachedTranslation, type TranslationKey } from '../../storage/translations.js';
import { googleProvider } from './google.js';
import { libreTranslateProvider, type LibreTranslateOptions } from './libretranslate.js';
import { measuredProvider, type ProviderObserver, type TranslationProvider } from './provider.js';

/** What translateText needs, built once at start. */
export interface TranslationService {
  provider: TranslationProvider;
  /** Used when a call brings no `apiKey`. */
  serverKey?: string;
  timeoutMs: number;
  cache: TranslationCache;
  /**
   * Reads again which languages the provider offers (LibreTranslate's `GET /languages`), or joins
   * the read under way; resolves when it is read or has failed. The service begins one at start and
   * the provider keeps the list fresh in the background; tests call it to wait for a read.
   */
  refreshLanguages(): Promise<void>;
  /** Stops reading the provider's languages. */
  close(): void;
}

export interface TranslationServiceOptions {
  provider: 'google' | 'libretranslate';
  /** Base URL; default: the provider's public endpoint. */
  baseUrl?: string;
  serverKey?: string;
  /** Hard timeout of one provider call. Default 3000. */
  timeoutMs?: number;
  /** How long a translation is reused. Default 30 days. */
  cacheTtlMs?: number;
  /** Told of every provider call (metrics). */
  observeProvider?: ProviderObserver;
  /** The clock the age of the provider's list of languages is measured by, in ms. Default: Date.now. */
  now?: () => number;
  /** Told how each read of the provider's languages went (the log). */
  onLanguagesRead?: LibreTranslateOptions['onLanguagesRead'];
}

export function createTranslationService(db: Database, options: TranslationServiceOptions): TranslationService {
  const timeoutMs = options.timeoutMs ?? 3000;
  const chosen =
    options.provider === 'google'
      ? googleProvider(options.baseUrl)
      : libreTranslateProvider(options.baseUrl, { timeoutMs, now: options.now, onLanguagesRead: options.onLanguagesRead });
  const provider = options.observeProvider ? measuredProvider(chosen, options.observeProvider) : chosen;
  const refreshLanguages = () => provider.refreshLanguages?.() ?? Promise.resolve();
  // Read at start, in the background: no call waits for it, and until it is read nothing is refused by it.
  void refreshLanguages();
  return {
    provider,
    serverKey: options.serverKey,
    timeoutMs,
    cache: createTranslationCache(db, options.cacheTtlMs ?? 30 * 24 * 3600 * 1000),
    refreshLanguages,
    close: () => provider.close?.(),
  };
}

/** Most bytes of translations kept in memory on a node: 10 000 translations of texts up to about 300 characters; fewer longer ones. */
export const translationCacheBytes = 16 * 1024 * 1024;

/**
 * A remembered translation's heap bytes, estimated: about 300 bytes beside its key (which holds the
 * caller's text) and its translation, both counted at two bytes a character as V8 keeps any text beyond
 * Latin-1 (measured: docs/benchmark.md, twenty-fourth section). A text up to translateText's 5 000
 * characters may be kept; 10 000 of them would otherwise hold about 200 MiB.
 */
export const translationEntryBytes = (value: CachedTranslation, key: string): number => 300 + 2 * key.length + 2 * value.translatedText.length;

/** What a translation is looked up by: the account, the provider, the languages and the text. */
export interface TranslationRequest {
  accountId: number;
  provider: string;
  /** Provider code, or `auto` when detecting. */
  source: string;
  target: string;
  text: string;
}

export function translationRequest(accountId: number, provider: string, source: string | undefined, target: string, text: string): TranslationRequest {
  return { accountId, provider, source: source ?? 'auto', target, text };
}

/** The table's key of a request: the text is hashed, so the table never holds what callers said. */
function storedKey({ text, ...rest }: TranslationRequest): TranslationKey {
  return { ...rest, textHash: sha256Hex(text) };
}

/**
 * Translations in the database (shared by every node) with an in-memory LRU
 * in front, so a repeated prompt costs neither a provider call nor a query.
 * Counts hits and misses for metrics.
 */
export function createTranslationCache(db: Database, ttlMs: number, memoryBytes = translationCacheBytes) {
  const memory = new BoundedCache<string, CachedTranslation & { expiresAt: number }>({ entries: 10_000, bytes: memoryBytes, bytesOf: translationEntryBytes });
  const stats = { hits: 0, misses: 0 };
  // Keyed by the text itself, as it already is in this process's memory with the call: a repeated
  // prompt is answered without hashing it (only the table's key is a hash).
  const memoryKey = (request: TranslationRequest) => `${request.accountId}\u0000${request.provider}\u0000${request.source}\u0000${request.target}\u0000${request.text}`;
  return {
    stats,
    async get(request: TranslationRequest, now: number): Promise<CachedTranslation | undefined> {
      const remembered = memory.get(memoryKey(request));
      if (remembered && remembered.expiresAt > now) {
        stats.hits++;
        return remembered;
      }
      const stored = await findTranslation(db, storedKey(request), now);
      if (stored) {
        memory.set(memoryKey(request), stored);
        stats.hits++;
        return stored;
      }
      stats.misses++;
      return undefined;
    },
    async set(request: TranslationRequest, value: CachedTranslation, now: number): Promise<void> {
      const expiresAt = now + ttlMs;
      await saveTranslation(db, storedKey(request), value, now, expiresAt);
      memory.set(memoryKey(request), { ...value, expiresAt });
    },
  };
}

export type TranslationCache = ReturnType<typeof createTranslationCache>;
