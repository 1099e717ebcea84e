import { v7 } from 'uuid';
import { randomBytesPooled } from './random-pool.js';

/** The last id's time and counter: ids made within one millisecond count up (RFC 9562, 6.2 method 1), as uuid's own v7 does. */
const last = { msecs: -Infinity, seq: 0 };

/**
 * A new id for a row of a table that grows fast (outbound requests and jobs,
 * status deliveries, short links): a version 7 UUID, whose first 48 bits are
 * the time in milliseconds. Ids made one after another sort together, so an
 * insert lands beside the last one in the primary-key index (and in the
 * indexes that lead with a request id) instead of on a random page: fewer
 * pages written a commit, fewer read into the cache (docs/benchmark.md,
 * "time-ordered ids"). Its 74 random bits keep ids unguessable; none is a
 * secret (every API and callback that takes one is authenticated).
 *
 * The random bits come from the pooled CSPRNG (src/kernel/random-pool.ts):
 * uuid draws 16 bytes with a call of their own for every id. Given its random
 * bytes, uuid keeps no counter, so the counter is kept here.
 */
export function newRowId(): string {
  const random = randomBytesPooled(16);
  const now = Date.now();
  if (now > last.msecs) {
    last.msecs = now;
    // A random start below 2^31, as uuid's own: the 31-bit counter rarely runs over within the millisecond.
    last.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs += 1;
  }
  return v7({ random, msecs: last.msecs, seq: last.seq });
}
