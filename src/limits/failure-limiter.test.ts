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

describe('blockAfter', () => {
  it('goes on counting refused failures up to blockAfter, then blocks the address until its window ends', () => {
    let now = 1_800_000_000_000;
    const limiter = createFailureLimiter({ maxFailures: 2, blockAfter: 4, windowMs: 60_000, now: () => now });
    expect(limiter.anyBlocked()).toBe(false);
    expect([limiter.refuseOrCount('10.0.0.1'), limiter.refuseOrCount('10.0.0.1')]).toEqual([0, 0]);
    now += 10_000;
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(50);
    expect(limiter.anyBlocked()).toBe(false);
    expect(limiter.blockedFor('10.0.0.1')).toBe(0);
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(50);
    // The fourth failure: blocked for what is left of the window that began with the first.
    expect(limiter.anyBlocked()).toBe(true);
    expect(limiter.blockedFor('10.0.0.1')).toBe(50);
    expect(limiter.blockedFor('10.0.0.2')).toBe(0);
    now += 49_001;
    expect(limiter.blockedFor('10.0.0.1')).toBe(1);
    now += 999;
    expect(limiter.blockedFor('10.0.0.1')).toBe(0);
    expect(limiter.anyBlocked()).toBe(false);
    expect(limiter.refuseOrCount('10.0.0.1')).toBe(0);
  });

  it('blocks with no first limit (maxFailures Infinity), and never blocks without blockAfter', () => {
    let now = 1_800_000_000_000;
    const blockOnly = createFailureLimiter({ maxFailures: Infinity, blockAfter: 3, now: () => now });
    for (let count = 0; count < 3; count++) expect(blockOnly.refuseOrCount('10.0.0.1')).toBe(0);
    expect(blockOnly.blockedFor('10.0.0.1')).toBe(60);
    const firstOnly = createFailureLimiter({ maxFailures: 1, now: () => now });
    for (let count = 0; count < 100; count++) firstOnly.refuseOrCount('10.0.0.1');
    expect(firstOnly.anyBlocked()).toBe(false);
    expect(firstOnly.blockedFor('10.0.0.1')).toBe(0);
    now += 60_000;
    expect(blockOnly.blockedFor('10.0.0.1')).toBe(0);
  });

  it('keeps at most maxAddresses blocked: those whose windows ended go first, then the longest blocked', () => {
    let now = 1_800_000_000_000;
    const limiter = createFailureLimiter({ maxFailures: 1, blockAfter: 1, maxAddresses: 2, now: () => now });
    limiter.fail('10.0.0.1');
    now += 30_000;
    limiter.fail('10.0.0.2');
    now += 30_000;
    // 10.0.0.1's window has ended: it makes room.
    limiter.fail('10.0.0.3');
    expect([limiter.blockedFor('10.0.0.2'), limiter.blockedFor('10.0.0.3')]).toEqual([30, 60]);
    // None has ended: the longest blocked goes.
    limiter.fail('10.0.0.4');
    expect([limiter.blockedFor('10.0.0.2'), limiter.blockedFor('10.0.0.3'), limiter.blockedFor('10.0.0.4')]).toEqual([0, 60, 60]);
  });
});
