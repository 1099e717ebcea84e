import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { boundedCache } from './bounded-cache.js';

describe('boundedCache', () => {
  it('keeps at most its entries, dropping the least recently used first', () => {
    const cache = boundedCache<string, number>({ entries: 3 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    // Reading "a" makes "b" the least recently used.
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.has('b')).toBe(false);
    expect([...cache.keys()].sort()).toEqual(['a', 'c', 'd']);
    // Replacing an entry's value does not count it twice.
    cache.set('d', 5);
    expect(cache.size).toBe(3);
    expect(cache.get('d')).toBe(5);
  });

  it('stays at its bound when filled far beyond it', () => {
    const cache = boundedCache<number, number>({ entries: 1000 });
    for (let key = 0; key < 25_000; key++) cache.set(key, key);
    expect(cache.size).toBe(1000);
    expect(cache.get(24_999)).toBe(24_999);
    expect(cache.get(23_999)).toBeUndefined();
  });

  it('passes the other options on: an entry expires after its ttl', () => {
    let now = 1_000;
    const cache = boundedCache<string, string>({ entries: 10, ttl: 5_000, perf: { now: () => now }, ttlResolution: 0 });
    cache.set('token', 'principal');
    now = 6_000;
    expect(cache.get('token')).toBe('principal');
    now = 6_001;
    expect(cache.get('token')).toBeUndefined();
  });

  it('holds no memory for entries it does not have: twenty empty caches of 50 000 take under 2 MiB', () => {
    const before = getHeapStatistics().used_heap_size;
    // Kept referenced until measured. With storage for every entry made up front they would take about 32 MiB.
    const caches = Array.from({ length: 20 }, () => boundedCache<string, string>({ entries: 50_000, ttl: 3_000 }));
    for (const cache of caches) cache.set('one', 'entry');
    const grown = getHeapStatistics().used_heap_size - before;
    expect(caches.every((cache) => cache.size === 1)).toBe(true);
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });
});
