import { LRUCache } from 'lru-cache';

/** lru-cache's options, with the bound given as `entries` instead of `max`. */
export type BoundedCacheOptions<K extends {}, V extends {}> = Omit<LRUCache.Options<K, V, unknown>, 'max' | 'maxSize' | 'sizeCalculation' | 'maxEntrySize'> & {
  /** Most entries kept; the least recently used goes first. */
  entries: number;
} & (
    | { bytes?: undefined; bytesOf?: undefined }
    | {
        /**
         * Most bytes kept, as `bytesOf` estimates them, for caches whose values hold what a caller
         * sent (a long URL, a translated text): `entries` alone would let their memory grow with
         * the values' length. The least recently used go first; a value larger than this is not kept.
         */
        bytes: number;
        /** An entry's estimated heap bytes, key included (measured: docs/benchmark.md, twenty-fourth section). */
        bytesOf: (value: V, key: K) => number;
      }
  );

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
 *
 * With a ttl, an expired entry is never served again but lru-cache keeps it
 * until the bound pushes it out: 50 000 links read once held about 23 MiB of
 * a server's heap long after they expired (docs/benchmark.md, fourteenth
 * section). So a set drops the expired entries once each half ttl: the cache
 * holds what it may still serve, and its hit rate is the same.
 */
export class BoundedCache<K extends {}, V extends {}> {
  #cache: LRUCache<K, V>;
  readonly #entries: number;
  readonly #options: Omit<LRUCache.Options<K, V, unknown>, 'max'>;
  /** How often expired entries are dropped, in the cache's clock's ms; 0 without a ttl. */
  readonly #purgeEvery: number;
  readonly #clock: { now(): number };
  #nextPurge: number;

  constructor(options: BoundedCacheOptions<K, V>) {
    const { entries, bytes, bytesOf, ...rest } = options;
    this.#entries = entries;
    this.#options = bytes === undefined ? rest : { ...rest, maxSize: bytes, sizeCalculation: (value: V, key: K) => Math.max(1, Math.ceil(bytesOf(value, key))) };
    this.#cache = this.#storage(Math.min(entries, firstStep));
    this.#purgeEvery = (rest.ttl ?? 0) / 2;
    this.#clock = rest.perf ?? performance;
    this.#nextPurge = this.#clock.now() + this.#purgeEvery;
  }

  get size(): number {
    return this.#cache.size;
  }

  /** The estimated bytes of what is kept: the sum of `bytesOf` over the entries; 0 without a `bytes` bound. */
  get bytes(): number {
    return this.#cache.calculatedSize ?? 0;
  }

  get(key: K): V | undefined {
    return this.#cache.get(key);
  }

  has(key: K): boolean {
    return this.#cache.has(key);
  }

  set(key: K, value: V): this {
    // A set follows a miss, which costs far more than reading the clock.
    if (this.#purgeEvery > 0) this.#purgeWhenDue();
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

  #purgeWhenDue(): void {
    const now = this.#clock.now();
    if (now < this.#nextPurge) return;
    this.#nextPurge = now + this.#purgeEvery;
    this.#cache.purgeStale();
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
