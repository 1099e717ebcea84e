import { BoundedCache } from '../kernel/bounded-cache.js';
import { findAccount, type Account } from '../storage/accounts.js';
import type { Database } from '../storage/db.js';

/**
 * Accounts read on every webhook call, cached for a few seconds. A change on
 * this node evicts at once; other nodes see it within `ttlMs`.
 */
export function createAccountCache(db: Database, options: { ttlMs?: number } = {}) {
  const cache = new BoundedCache<number, { account: Account | null }>({ entries: 10_000, ttl: options.ttlMs ?? 5_000 });
  return {
    async get(id: number): Promise<Account | undefined> {
      const cached = cache.get(id);
      if (cached) return cached.account ?? undefined;
      const account = await findAccount(db, id);
      cache.set(id, { account: account ?? null });
      return account;
    },
    evict(id: number) {
      cache.delete(id);
    },
  };
}

export type AccountCache = ReturnType<typeof createAccountCache>;
