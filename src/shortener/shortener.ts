import { BoundedCache } from '../kernel/bounded-cache.js';
import { AppError } from '../kernel/errors.js';
import { sha256Hex } from '../kernel/hash.js';
import { newRowId } from '../kernel/row-ids.js';
import type { Database } from '../storage/db.js';
import { findLinkTarget, findShortUrlByReuseKey, insertShortUrl, type LinkTarget, type NewShortUrl, type ShortUrl } from '../storage/short-urls.js';
import { hostHoldsShortLinks } from '../storage/short-customers.js';
import { hostOfUrl } from './hosts.js';
import { randomBase62 } from './codes.js';
import { createVisitRecorder, type VisitRecorderOptions } from './visits.js';

export type RedirectStatus = 301 | 302 | 307 | 308;

export interface CreateLinkInput {
  accountId: number;
  customerId: string | null;
  /** An already checked long URL (see checkLongUrl). */
  longUrl: string;
  /** '' for the default short domain. */
  domain: string;
  customSlug?: string;
  expiresAt?: number;
  maxVisits?: number;
  redirectStatus?: RedirectStatus;
  /**
   * The long URL holds a value drawn for this link alone (linkcreation's botUniqueID), so no stored
   * link can have it: the look-up by reuse key before the insert is skipped. Should one have it all
   * the same, the insert is refused and the look-up after it returns that link, as for a race.
   */
  urlIsNew?: boolean;
  /**
   * Stores the link in place of insertShortUrl, as it does (undefined, nothing written, when the code
   * or reuse key is taken), so a row that belongs to the link can be written with it (linkcreation's
   * bot session, whose short URL is known once the code is drawn).
   */
  insert?: (link: NewShortUrl, now: number) => Promise<ShortUrl | undefined>;
}

/** What `GET /{code}` should do with a link at a moment. */
export type LinkState = 'active' | 'disabled' | 'expired' | 'exhausted';

/** Pure: whether a link redirects now. `maxVisits` counts human visits only, so link previews do not use it up. */
export function linkState(link: Pick<LinkTarget, 'disabled' | 'expiresAt' | 'maxVisits' | 'humanVisits'>, now: number, unwrittenHumanVisits = 0): LinkState {
  if (link.disabled) return 'disabled';
  if (link.expiresAt !== null && now >= link.expiresAt) return 'expired';
  if (link.maxVisits !== null && link.humanVisits + unwrittenHumanVisits >= link.maxVisits) return 'exhausted';
  return 'active';
}

/**
 * A cached link's heap bytes, estimated: measured at about 380 bytes beside its long URL's
 * characters (an ASCII string, one byte each) and its key's, a known-missing link at about 200
 * (docs/benchmark.md, twenty-fourth section).
 */
export const linkEntryBytes = (entry: { link: LinkTarget | null }, key: string): number => key.length + (entry.link ? 400 + entry.link.longUrl.length : 200);

/** How long a resolved link is served from memory by default, ms: other nodes see a change within this (README). */
export const defaultLinkCacheTtlMs = 3_000;

export interface ShortenerOptions {
  /** The default short domain's base URL, without a trailing slash, e.g. `https://s.example`. */
  baseUrl: string;
  /** How long a resolved link (or its absence) is served from memory. Default 3000 ms: other nodes see a change within this. */
  cacheTtlMs?: number;
  /** Most links kept in memory. Default 50 000. */
  cacheMax?: number;
  /** Most bytes of links kept in memory, as `linkEntryBytes` estimates them. Default 24 MiB (50 000 links of URLs up to about 80 characters; 10 000 of the longest). */
  cacheBytes?: number;
  /** The cache's clock, in milliseconds. Default: `performance`. */
  cacheClock?: { now(): number };
  visits?: VisitRecorderOptions;
  /** Draws a generated code. Default: 8 random base62 characters (tests pass a fixed sequence to make codes collide). */
  newCode?: () => string;
}

/**
 * The shortener core: creating links, resolving `(host, code)` through a
 * short-lived in-memory cache, and the visit recorder. Transport-free.
 */
export function createShortener(db: Database, options: ShortenerOptions) {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const defaultHost = new URL(baseUrl).hostname.toLowerCase();
  const cache = new BoundedCache<string, { link: LinkTarget | null }>({
    entries: options.cacheMax ?? 50_000,
    bytes: options.cacheBytes ?? 24 * 1024 * 1024,
    bytesOf: linkEntryBytes,
    ttl: options.cacheTtlMs ?? defaultLinkCacheTtlMs,
    ...(options.cacheClock && { perf: options.cacheClock, ttlResolution: 0 }),
  });
  const cacheKey = (domain: string, code: string) => `${domain}/${code}`;
  const newCode = options.newCode ?? (() => randomBase62());

  /**
   * Cache keys of links with a visit limit, by id: written visits make them reload, so the limit sees
   * the new count. Bounded as the cache is (a Map kept every such link a node ever read): each link in
   * the cache was read within its ttl, so the most recently read are always here.
   */
  const limited = new BoundedCache<string, string>({ entries: options.cacheMax ?? 50_000 });

  const visits = createVisitRecorder(db, {
    ...options.visits,
    onFlushed(linkIds) {
      for (const id of linkIds) {
        const key = limited.get(id);
        if (key !== undefined) cache.delete(key);
      }
      options.visits?.onFlushed?.(linkIds);
    },
  });

  /** The stored domain for a request or API host: '' for the default host; a request without a Host matches nothing. */
  const domainOfHost = (host: string) => (host === defaultHost ? '' : host === '' ? '(no host)' : host);

  const shortUrlOf = (link: Pick<ShortUrl, 'domain' | 'code'>) => (link.domain === '' ? `${baseUrl}/${link.code}` : `https://${link.domain}/${link.code}`);

  async function create(input: CreateLinkInput, now: number): Promise<{ link: ShortUrl; created: boolean }> {
    const redirectStatus = input.redirectStatus ?? 302;
    const urlHash = sha256Hex(input.longUrl);
    const plain = input.customSlug === undefined && input.expiresAt === undefined && input.maxVisits === undefined;
    const owner = input.customerId ?? `account:${input.accountId}`;
    const reuseKey = plain ? sha256Hex(`${owner}\n${input.domain}\n${redirectStatus}\n${urlHash}`) : null;
    if (reuseKey && !input.urlIsNew) {
      const existing = await findShortUrlByReuseKey(db, reuseKey);
      if (existing) return { link: existing, created: false };
    }
    const insert = input.insert ?? ((link: NewShortUrl, at: number) => insertShortUrl(db, link, at));
    for (let attempt = 1; ; attempt++) {
      const code = input.customSlug ?? newCode();
      const link = await insert({ id: newRowId(), domain: input.domain, code, accountId: input.accountId, customerId: input.customerId, longUrl: input.longUrl, urlHash, reuseKey, redirectStatus, customSlug: input.customSlug !== undefined, expiresAt: input.expiresAt ?? null, maxVisits: input.maxVisits ?? null }, now);
      if (link) {
        cache.delete(cacheKey(input.domain, code));
        return { link, created: true };
      }
      // Taken: the same plain link made by a concurrent request, or the code.
      if (reuseKey) {
        const existing = await findShortUrlByReuseKey(db, reuseKey);
        if (existing) return { link: existing, created: false };
      }
      if (input.customSlug !== undefined) throw new AppError('ALREADY_EXISTS', `The slug "${input.customSlug}" is already taken on this domain.`);
      if (attempt >= 5) throw new Error('no free short code after 5 attempts');
    }
  }

  return {
    baseUrl,
    /** Host of the default short domain (no port). */
    defaultHost,
    shortUrlOf,
    domainOfHost,
    create,
    /**
     * Whether a long URL leads back to this service's short links: its host (any port) is the
     * default short domain, a customer's domain or a former one still holding links. Such a link
     * would redirect here again, to itself or into a loop of links (docs/short-urls.md, Rules).
     */
    async leadsToShortLinks(longUrl: string): Promise<boolean> {
      const domain = domainOfHost(hostOfUrl(longUrl));
      return domain === '' || (await hostHoldsShortLinks(db, domain));
    },
    /**
     * The link for `(domain, code)` from memory: `null` when known to be
     * missing, `undefined` when not cached (then call `resolve`). Lets the
     * redirect answer without waiting on a promise.
     */
    cached(domain: string, code: string): LinkTarget | null | undefined {
      return cache.get(cacheKey(domain, code))?.link;
    },
    /** The link for `(domain, code)`, from memory when seen within the cache TTL. */
    async resolve(domain: string, code: string): Promise<LinkTarget | undefined> {
      const key = cacheKey(domain, code);
      const cached = cache.get(key);
      if (cached) return cached.link ?? undefined;
      const link = (await findLinkTarget(db, domain, code)) ?? null;
      cache.set(key, { link });
      if (link?.maxVisits != null) limited.set(link.id, key);
      return link ?? undefined;
    },
    /** Forgets a link on this node after a change (other nodes within the TTL). */
    invalidate(domain: string, code: string): void {
      cache.delete(cacheKey(domain, code));
    },
    /** Forgets every link on this node (after deleting a customer and its links). */
    invalidateAll(): void {
      cache.clear();
    },
    visits,
    async close(): Promise<void> {
      await visits.close();
    },
  };
}

export type Shortener = ReturnType<typeof createShortener>;
