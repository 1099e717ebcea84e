import { BoundedCache } from '../kernel/bounded-cache.js';

export interface FailureLimiterOptions {
  /** Failures from one address within a window after which it is turned away. */
  maxFailures: number;
  /** Length of the window in ms; an address turned away waits for its window to end. Default 60 000. */
  windowMs?: number;
  /** Addresses remembered at once; the least recently seen are forgotten first. Default 10 000. */
  maxAddresses?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
}

export interface FailureLimiter {
  /** Seconds `address` must wait before it is heard again; 0 when it may go on. */
  retryAfter(address: string): number;
  /** Counts one failure (a rejected token, an unknown short code) from `address`. */
  fail(address: string): void;
  /**
   * What a failure from `address` gets: 0 when it is counted and answered as usual, else the seconds
   * the address must wait (it is past its limit; the failure is refused, not counted).
   */
  refuseOrCount(address: string): number;
}

/**
 * Counts failures per address in fixed windows and turns an address away for
 * the rest of its window once it reaches `maxFailures`, so credentials and
 * short codes cannot be guessed at speed. Checked on every request, so it is
 * synchronous: one map lookup.
 */
export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const windows = new BoundedCache<string, { failures: number; endsAt: number }>({ entries: options.maxAddresses ?? 10_000 });
  const limiter: FailureLimiter = {
    retryAfter(address) {
      const window = windows.get(address);
      if (!window || window.failures < options.maxFailures) return 0;
      const left = window.endsAt - now();
      if (left > 0) return Math.ceil(left / 1000);
      windows.delete(address);
      return 0;
    },
    fail(address) {
      const at = now();
      let window = windows.get(address);
      if (!window || window.endsAt <= at) windows.set(address, (window = { failures: 0, endsAt: at + windowMs }));
      window.failures++;
    },
    refuseOrCount(address) {
      const wait = limiter.retryAfter(address);
      if (wait === 0) limiter.fail(address);
      return wait;
    },
  };
  return limiter;
}
