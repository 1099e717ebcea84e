import { randomBytes, randomUUID } from 'node:crypto';
import { BoundedCache } from '../kernel/bounded-cache.js';
import { sha256Hex } from '../kernel/hash.js';
import type { Database } from '../storage/db.js';
import { findLiveTokenByHash } from '../storage/tokens.js';

/** Who is calling: the admin, one account, or nobody in particular (FLOWHOOKS_AUTH=off). */
export type Principal = { kind: 'admin' } | { kind: 'account'; accountId: number } | { kind: 'trusted' };

/** A new random token: `fh_` and 32 URL-safe characters (192 bits). */
export function generateToken(): string {
  return `fh_${randomBytes(24).toString('base64url')}`;
}

export function newTokenId(): string {
  return randomUUID();
}

/** Tokens are long random strings, so one SHA-256 is enough to store them safely. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}

export interface TokenResolverOptions {
  /** How long an answer is reused, in ms (FLOWHOOKS_TOKEN_CACHE_MS). Default 5000. */
  ttlMs?: number;
  /** Milliseconds for the cache's ages (the app's clock). Default performance.now. */
  now?: () => number;
}

/**
 * Resolves bearer tokens to principals. Answers are cached for `ttlMs` so a
 * webhook call does not read the tokens table; a revocation on this node
 * evicts at once, on other nodes within `ttlMs` (docs/operations.md "Tokens").
 */
export function createTokenResolver(db: Database, options: TokenResolverOptions = {}) {
  // Keyed by the token itself (it is in this process's memory with each
  // request anyway), so a cached call does not hash.
  const ttl = options.ttlMs ?? 5_000;
  const cache = new BoundedCache<string, { principal: Principal | null }>({
    entries: 10_000,
    // lru-cache refuses a ttl of 0: no caching is a 1 ms one.
    ttl: Math.max(1, ttl),
    // ttlResolution 0: ages read the given clock on every lookup (lru-cache otherwise reuses
    // a reading for 1 ms of real time, so a clock moved by the app went unseen).
    ...(options.now && { perf: { now: options.now }, ttlResolution: 0 }),
  });
  return {
    async resolve(token: string): Promise<Principal | null> {
      const cached = cache.get(token);
      if (cached) return cached.principal;
      const row = await findLiveTokenByHash(db, hashToken(token));
      const principal: Principal | null = !row
        ? null
        : row.kind === 'admin'
          ? { kind: 'admin' }
          : { kind: 'account', accountId: row.accountId as number };
      cache.set(token, { principal });
      return principal;
    },
    /** Forgets a revoked token at once on this node. */
    evict(tokenHash: string) {
      for (const token of cache.keys()) if (hashToken(token) === tokenHash) cache.delete(token);
    },
  };
}

export type TokenResolver = ReturnType<typeof createTokenResolver>;
