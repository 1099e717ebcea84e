import { describe, expect, it } from 'vitest';
import { randomBytesPooled } from './random-pool.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('pooled random bytes', () => {
  it('never hand out the same bytes twice, across many refills of the pool', () => {
    const draws = Array.from({ length: 3000 }, (_, index) => randomBytesPooled(index % 2 === 0 ? 16 : 20)).map(hex);
    expect(draws.every((draw, index) => draw.length === (index % 2 === 0 ? 32 : 40))).toBe(true);
    expect(new Set(draws).size).toBe(draws.length);
  });

  it("give the caller bytes of its own: a later refill does not change them", () => {
    const first = randomBytesPooled(16);
    const kept = hex(first);
    for (let draw = 0; draw < 600; draw++) randomBytesPooled(16);
    expect(hex(first)).toBe(kept);
  });

  it('serve a draw larger than the pool', () => {
    const large = randomBytesPooled(10_000);
    expect(large).toHaveLength(10_000);
    expect(new Set(large).size).toBeGreaterThan(200);
  });

  it('cover every byte value about evenly', () => {
    const counts = new Array<number>(256).fill(0);
    for (let draw = 0; draw < 4096; draw++) for (const byte of randomBytesPooled(64)) counts[byte]! += 1;
    // 262 144 bytes: 1 024 expected a value; a value off by a fifth is ~6 standard deviations.
    expect(Math.min(...counts)).toBeGreaterThan(820);
    expect(Math.max(...counts)).toBeLessThan(1230);
  });
});
