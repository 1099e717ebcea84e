import { BoundedCache } from '../kernel/bounded-cache.js';
import { findBotAndLinkOwner, type BotAndLinkOwner } from '../storage/bots.js';
import type { Database } from '../storage/db.js';

/**
 * What linkcreation reads before it shortens — the bot (its base URL, link
 * mode and token hash) and the account's link owner — cached for a few
 * seconds, as tokens and accounts are (docs/methods/linkcreation.md, "Bots
 * cached"): a bot or short-URL customer changed through this node's API is
 * evicted at once; other nodes see the change within `ttlMs`. A bot that does
 * not exist is cached too, so calls naming it do not each read the database.
 */
export function createBotCache(db: Database, options: { ttlMs?: number } = {}) {
  const cache = new BoundedCache<string, BotAndLinkOwner>({ entries: 10_000, ttl: options.ttlMs ?? 5_000 });
  // The account id has no colon, so the first one ends it whatever the bot id holds.
  const keyOf = (accountId: number, botId: string) => `${accountId}:${botId}`;
  return {
    async get(accountId: number, botId: string): Promise<BotAndLinkOwner> {
      const key = keyOf(accountId, botId);
      const cached = cache.get(key);
      if (cached) return cached;
      const found = await findBotAndLinkOwner(db, accountId, botId);
      cache.set(key, found);
      return found;
    },
    /** A bot created, changed or removed. */
    evictBot(accountId: number, botId: string) {
      cache.delete(keyOf(accountId, botId));
    },
    /** The account's link owner may have changed (a short-URL customer created, changed or removed): its bots go. */
    evictAccount(accountId: number) {
      const prefix = `${accountId}:`;
      for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
    },
  };
}

export type BotCache = ReturnType<typeof createBotCache>;
