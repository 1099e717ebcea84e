import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most its entries, dropping the least recently used first', () => {
    const cache = new BoundedCache<string, number>({ entries: 3 });
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
    const cache = new BoundedCache<number, number>({ entries: 1000 });
    for (let key = 0; key < 25_000; key++) cache.set(key, key);
    expect(cache.size).toBe(1000);
    expect(cache.get(24_999)).toBe(24_999);
    expect(cache.get(23_999)).toBeUndefined();
  });

  it('passes the other options on: an entry expires after its ttl', () => {
    let now = 1_000;
    const cache = new BoundedCache<string, string>({ entries: 10, ttl: 5_000, perf: { now: () => now }, ttlResolution: 0 });
    cache.set('token', 'principal');
    now = 6_000;
    expect(cache.get('token')).toBe('principal');
    now = 6_001;
    expect(cache.get('token')).toBeUndefined();
  });

  it('drops expired entries at a set once each half ttl, keeping those it may still serve', () => {
    let now = 1_000;
    const cache = new BoundedCache<number, string>({ entries: 50_000, ttl: 3_000, perf: { now: () => now }, ttlResolution: 0 });
    for (let key = 0; key < 20_000; key++) cache.set(key, `link ${key}`);
    // Half a ttl after the cache was made: expired entries are dropped (none yet); the next drop is due at 4 500.
    now = 3_000;
    for (let key = 20_000; key < 20_100; key++) cache.set(key, `link ${key}`);
    // The entries of 1 000 expired at 4 000, but no drop is due yet: they are kept.
    now = 4_001;
    cache.set(30_000, 'link 30000');
    expect(cache.size).toBe(20_101);
    // The first set from 4 500 drops the 20 000 expired entries and keeps those of 3 000 and 4 001.
    now = 4_500;
    cache.set(30_001, 'link 30001');
    expect(cache.size).toBe(102);
    expect(cache.get(20_050)).toBe('link 20050');
    expect(cache.get(30_000)).toBe('link 30000');
    expect(cache.get(0)).toBeUndefined();
  });

  it('keeps every entry of a cache without a ttl, however much time passes', () => {
    let now = 1_000;
    const cache = new BoundedCache<number, number>({ entries: 100, perf: { now: () => now } });
    for (let key = 0; key < 50; key++) cache.set(key, key);
    now = 1_000_000_000;
    cache.set(50, 50);
    expect(cache.size).toBe(51);
  });

  it('keeps the recency order and each entry\'s ttl when its storage grows past a step', () => {
    let now = 1_000;
    const cache = new BoundedCache<number, string>({ entries: 5_000, ttl: 5_000, perf: { now: () => now }, ttlResolution: 0 });
    for (let key = 0; key < 1024; key++) cache.set(key, `value ${key}`);
    // Key 0 becomes the most recently used just before the first step is full.
    expect(cache.get(0)).toBe('value 0');
    now = 3_000;
    for (let key = 1024; key < 5_000; key++) cache.set(key, `value ${key}`);
    expect(cache.size).toBe(5_000);
    // One more: the least recently used (key 1) goes, key 0 stays.
    cache.set(5_000, 'value 5000');
    expect(cache.size).toBe(5_000);
    expect(cache.has(1)).toBe(false);
    expect(cache.get(0)).toBe('value 0');
    // Entries set at 1 000 expire at 6 000 however many times the storage grew; those set at 3 000 at 8 000.
    now = 6_000;
    expect(cache.get(2)).toBe('value 2');
    now = 6_001;
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(4_999)).toBe('value 4999');
    now = 8_001;
    expect(cache.get(4_999)).toBeUndefined();
  });

  it('starts small again when cleared', () => {
    const cache = new BoundedCache<number, number>({ entries: 50_000 });
    for (let key = 0; key < 30_000; key++) cache.set(key, key);
    cache.clear();
    expect(cache.size).toBe(0);
    for (let key = 0; key < 60_000; key++) cache.set(key, key);
    expect(cache.size).toBe(50_000);
    expect(cache.get(59_999)).toBe(59_999);
    expect(cache.get(9_999)).toBeUndefined();
  });

  it('holds no memory for entries it does not have: twenty empty caches of 50 000 take under 2 MiB', () => {
    const before = getHeapStatistics().used_heap_size;
    // Kept referenced until measured. With storage for every entry made up front they would take about 32 MiB.
    const caches = Array.from({ length: 20 }, () => new BoundedCache<string, string>({ entries: 50_000, ttl: 3_000 }));
    for (const cache of caches) cache.set('one', 'entry');
    const grown = getHeapStatistics().used_heap_size - before;
    expect(caches.every((cache) => cache.size === 1)).toBe(true);
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });

  it('with a bytes bound, keeps what fits in it, least recently used out first, across its storage steps', () => {
    const cache = new BoundedCache<number, string>({ entries: 50_000, bytes: 100_000, bytesOf: (value) => value.length });
    // 1 000-byte values: 100 fit, whatever the entry bound.
    for (let key = 0; key < 150; key++) cache.set(key, 'x'.repeat(1_000));
    expect(cache.size).toBe(100);
    expect(cache.bytes).toBe(100_000);
    expect(cache.has(49)).toBe(false);
    expect(cache.has(50)).toBe(true);
    // Reading 50 keeps it; a 5 000-byte value pushes out the five least recently used after it.
    expect(cache.get(50)).toBeDefined();
    cache.set(150, 'y'.repeat(5_000));
    expect(cache.has(50)).toBe(true);
    expect([51, 52, 53, 54, 55].some((key) => cache.has(key))).toBe(false);
    expect(cache.has(56)).toBe(true);
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    // Small values: the entry bound and the storage steps apply as before, within the bytes.
    for (let key = 1_000; key < 3_000; key++) cache.set(key, 'z');
    expect(cache.size).toBeGreaterThan(2_000);
    expect(cache.get(2_999)).toBe('z');
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
  });

  it('does not keep a value larger than its whole bytes bound, and keeps what it had', () => {
    const cache = new BoundedCache<string, string>({ entries: 10, bytes: 1_000, bytesOf: (value, key) => key.length + value.length });
    cache.set('small', 'a'.repeat(100));
    cache.set('huge', 'b'.repeat(2_000));
    expect(cache.has('huge')).toBe(false);
    expect(cache.get('small')).toBe('a'.repeat(100));
    expect(cache.bytes).toBe(105);
  });
});
