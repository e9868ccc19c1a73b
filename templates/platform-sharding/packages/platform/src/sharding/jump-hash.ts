import { createHash } from 'node:crypto';

const MASK_64 = (1n << 64n) - 1n;

/**
 * Jump consistent hash (Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm",
 * 2014), as their published code: the bucket in [0, buckets) of a 64-bit key. Going from n to n+1
 * buckets moves exactly the keys that the new bucket takes, 1/(n+1) of them, and nothing else.
 * It is written out here because it is seven lines of arithmetic that must never change, and no
 * npm package of it is widely used; the test pins it to the paper's reference outputs.
 */
export function jumpConsistentHash(key: bigint, buckets: number): number {
  let state = key & MASK_64;
  let bucket = -1;
  let next = 0;
  while (next < buckets) {
    bucket = next;
    state = (state * 2862933555777941757n + 1n) & MASK_64;
    next = Math.floor((bucket + 1) * (2 ** 31 / Number((state >> 33n) + 1n)));
  }
  return bucket;
}

/**
 * A key's 64-bit hash: the first 8 bytes of its SHA-256. Not for security; chosen because every
 * language and database computes it the same way, so a script or another service can tell where
 * a key lives, and because it never changes between Node.js versions.
 */
export function hashKey(key: string): bigint {
  return createHash('sha256').update(key).digest().readBigUInt64BE(0);
}
