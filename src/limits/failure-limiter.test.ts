import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from './failure-limiter.js';

describe('the failed-attempt limiter', () => {
  it('turns an address away for the rest of its window once it reaches the limit, and lets it in again after', () => {
    let now = 1_800_000_000_000;
    const limiter = createFailureLimiter({ maxFailures: 2, windowMs: 60_000, now: () => now });
    limiter.fail('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
    limiter.fail('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBe(60);
    expect(limiter.retryAfter('10.0.0.2')).toBe(0);
    now += 59_001;
    expect(limiter.retryAfter('10.0.0.1')).toBe(1);
    now += 999;
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
    now += 1_500;
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
    // A new window: one failure is under the limit again.
    limiter.fail('10.0.0.1');
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
  });
});

describe('refuseOrCount', () => {
  it('counts failures under the limit and refuses, without counting, those past it until the window ends', () => {
    let now = 1_800_000_000_000;
    const limiter = createFailureLimiter({ maxFailures: 2, windowMs: 60_000, now: () => now });
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(0);
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(0);
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(60);
    now += 30_000;
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(30);
    expect(limiter.refuseOrCount('10.0.0.2')).toBe(0);
    now += 30_000;
    // The refused failures were not counted: a new window starts from none.
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(0);
    expect(limiter.retryAfter('10.0.0.1')).toBe(0);
  });
});
