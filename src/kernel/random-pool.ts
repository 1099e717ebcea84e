import { randomFillSync } from 'node:crypto';

/** Bytes drawn from the CSPRNG at a time. */
const poolBytes = 4096;
const pool = new Uint8Array(poolBytes);
let used = poolBytes;

/**
 * `size` bytes from the operating system's CSPRNG, handed out from a pool
 * filled 4 KiB at a time: each `randomBytes` call costs about 4 µs of fixed
 * overhead whatever its size, and a linkcreation call needs three draws, a
 * createOutbound call one for its request and one a number (docs/benchmark.md,
 * thirteenth section). Node's own
 * `randomUUID` keeps such a cache. Each byte is handed out once, as a copy the
 * caller owns.
 */
export function randomBytesPooled(size: number): Uint8Array {
  if (size > poolBytes) return randomFillSync(new Uint8Array(size));
  if (used + size > poolBytes) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = pool.slice(used, used + size);
  used += size;
  return bytes;
}
