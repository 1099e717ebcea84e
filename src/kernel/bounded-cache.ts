import { LRUCache } from 'lru-cache';

/** lru-cache's options, with the bound given as `entries` instead of `max`. */
export type BoundedCacheOptions<K extends {}, V extends {}> = Omit<LRUCache.Options<K, V, unknown>, 'max' | 'maxSize' | 'sizeCalculation'> & {
  /** Most entries kept; the least recently used goes first. */
  entries: number;
};

const oneEntry = () => 1;

/**
 * An LRU cache of at most `entries` entries whose storage grows with what it
 * holds. Given `max`, lru-cache allocates and fills its arrays for every
 * entry up front: a 50 000-entry cache holds 1.6 MiB before its first entry,
 * and the service's caches held about 3.5 MiB of a server's heap while
 * nearly empty (docs/benchmark.md, twelfth section). Counting each entry as
 * size 1 against `maxSize` keeps the same bound and eviction order with
 * storage that grows as entries arrive.
 */
export function boundedCache<K extends {}, V extends {}>(options: BoundedCacheOptions<K, V>): LRUCache<K, V> {
  const { entries, ...rest } = options;
  return new LRUCache<K, V>({ ...rest, maxSize: entries, sizeCalculation: oneEntry } as LRUCache.Options<K, V, unknown>);
}
