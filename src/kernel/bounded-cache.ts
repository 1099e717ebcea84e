import { LRUCache } from 'lru-cache';

/** lru-cache's options, with the bound given as `entries` instead of `max`. */
export type BoundedCacheOptions<K extends {}, V extends {}> = Omit<LRUCache.Options<K, V, unknown>, 'max' | 'maxSize' | 'sizeCalculation'> & {
  /** Most entries kept; the least recently used goes first. */
  entries: number;
};

/** The storage a cache starts with, in entries, and how much each step multiplies it by. */
const firstStep = 1024;
const stepFactor = 4;

/**
 * An LRU cache of at most `entries` entries whose storage grows in steps as
 * it fills. lru-cache, given `max`, allocates and fills its arrays for every
 * entry at construction: the service's caches held about 3.5 MiB of an idle
 * server's heap while nearly empty (docs/benchmark.md, twelfth section).
 * Bounded by size instead, its arrays grow one entry at a time and end half
 * as large again as needed, in plain arrays where `max` gives typed ones: a
 * full 50 000-link cache took about twice the memory. So this starts with
 * storage for 1 024 entries and, when a new key arrives at a full step,
 * moves the entries (least recently used first, each with what is left of
 * its ttl) into storage four times as large, up to `entries`: compact when
 * nearly empty and when full, the same bound, eviction order and hit rates.
 */
export class BoundedCache<K extends {}, V extends {}> {
  #cache: LRUCache<K, V>;
  readonly #entries: number;
  readonly #options: Omit<BoundedCacheOptions<K, V>, 'entries'>;

  constructor(options: BoundedCacheOptions<K, V>) {
    const { entries, ...rest } = options;
    this.#entries = entries;
    this.#options = rest;
    this.#cache = this.#storage(Math.min(entries, firstStep));
  }

  get size(): number {
    return this.#cache.size;
  }

  get(key: K): V | undefined {
    return this.#cache.get(key);
  }

  has(key: K): boolean {
    return this.#cache.has(key);
  }

  set(key: K, value: V): this {
    const cache = this.#cache;
    if (cache.size >= cache.max && cache.max < this.#entries && !cache.has(key)) this.#grow();
    this.#cache.set(key, value);
    return this;
  }

  delete(key: K): boolean {
    return this.#cache.delete(key);
  }

  clear(): void {
    this.#cache = this.#storage(Math.min(this.#entries, firstStep));
  }

  keys(): Generator<K> {
    return this.#cache.keys();
  }

  #storage(max: number): LRUCache<K, V> {
    return new LRUCache<K, V>({ ...this.#options, max } as LRUCache.Options<K, V, unknown>);
  }

  #grow(): void {
    const current = this.#cache;
    const next = this.#storage(Math.min(this.#entries, current.max * stepFactor));
    // Least recently used first, so the order carries over; rentries skips expired entries.
    for (const [key, value] of current.rentries() as Iterable<[K, V]>) {
      const ttl = current.getRemainingTTL(key);
      if (ttl <= 0) continue;
      next.set(key, value, Number.isFinite(ttl) ? { ttl } : undefined);
    }
    this.#cache = next;
  }
}
