import { BoundedCache } from '../kernel/bounded-cache.js';

export interface FailureLimiterOptions {
  /** Failures from one address within a window after which its failures are refused. `Infinity`: never. */
  maxFailures: number;
  /**
   * Failures from one address within a window after which the address is *blocked*: every request
   * that asks `blockedFor` is refused until the window ends, not only its failures. Failures refused
   * past `maxFailures` are still counted towards it. Default: never (docs/short-urls.md, Guessing).
   */
  blockAfter?: number;
  /** Length of the window in ms; an address turned away waits for its window to end. Default 60 000. */
  windowMs?: number;
  /** Addresses remembered at once; the least recently seen are forgotten first. Also bounds the blocked addresses. Default 10 000. */
  maxAddresses?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
}

export interface FailureLimiter {
  /** Seconds `address` must wait before its failures are heard again; 0 when it may go on. */
  retryAfter(address: string): number;
  /** Counts one failure (a rejected token, an unknown short code) from `address`. */
  fail(address: string): void;
  /**
   * What a failure from `address` gets: 0 when it is counted and answered as usual, else the seconds
   * the address must wait (it is past its limit; the failure is refused, and counted only towards
   * `blockAfter`).
   */
  refuseOrCount(address: string): number;
  /**
   * Whether any address is blocked now (or was, until `blockedFor` finds its window over). False
   * almost always: a caller can skip working out the address (and `blockedFor`) when it is.
   */
  anyBlocked(): boolean;
  /** Seconds until `address`'s block ends (its window, after `blockAfter` failures in it); 0 when it is not blocked. */
  blockedFor(address: string): number;
}

/**
 * Counts failures per address in fixed windows and turns an address away for
 * the rest of its window once it reaches `maxFailures`, so credentials and
 * short codes cannot be guessed at speed. Checked on every failure, so it is
 * synchronous: one map lookup. With `blockAfter`, an address that reaches it
 * is also put in a small map of blocked addresses (address → end of its
 * window), which a caller asks on every request: an empty-map check when no
 * address is blocked, else one lookup.
 */
export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const blockAfter = options.blockAfter ?? Infinity;
  const windows = new BoundedCache<string, { failures: number; endsAt: number }>({ entries: maxAddresses });
  /** Blocked addresses and when their windows end; in the order they were blocked. */
  const blocked = new Map<string, number>();

  function block(address: string, endsAt: number, at: number) {
    // Each entry took `blockAfter` failures, so this sweep is rare; it keeps the map to the addresses blocked now.
    for (const [other, ends] of blocked) if (ends <= at) blocked.delete(other);
    while (blocked.size >= maxAddresses) blocked.delete(blocked.keys().next().value!);
    blocked.set(address, endsAt);
  }

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
      if (window.failures === blockAfter) block(address, window.endsAt, at);
    },
    refuseOrCount(address) {
      const wait = limiter.retryAfter(address);
      // Refused failures still count towards the block, up to it (then the caller's blockedFor refuses them first).
      if (wait === 0 || windows.get(address)!.failures < blockAfter) limiter.fail(address);
      return wait;
    },
    anyBlocked() {
      return blocked.size > 0;
    },
    blockedFor(address) {
      if (blocked.size === 0) return 0;
      const endsAt = blocked.get(address);
      if (endsAt === undefined) return 0;
      const left = endsAt - now();
      if (left > 0) return Math.ceil(left / 1000);
      blocked.delete(address);
      return 0;
    },
  };
  return limiter;
}
