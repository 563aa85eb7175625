/**
 * 64-bit fingerprints of encoded states, computed from their 32-bit words
 * without building strings.
 *
 * Two independent 32-bit lanes (MurmurHash3's mixing steps with different
 * seeds and constants) make one 64-bit fingerprint. As with TLC, two distinct
 * states may share a fingerprint; the checker reports the estimated chance.
 *
 * @module
 */

/** Where {@link fingerprint} leaves its result: `[low word, high word]`. */
export const fingerprintOut = new Int32Array(2);

const seedLo = 0x9747b28c | 0;
const seedHi = 0x5bd1e995 | 0;

function mixLane(h: number, k: number, c1: number, c2: number): number {
  k = Math.imul(k, c1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, c2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Fingerprints `length` words at `words[offset...]` into
 * {@link fingerprintOut}. Never yields `[0, 0]`, which the visited set uses
 * to mark an empty slot.
 */
export function fingerprint(words: Int32Array, offset: number, length: number): void {
  let lo = seedLo;
  let hi = seedHi;
  for (let i = offset, end = offset + length; i < end; i++) {
    const w = words[i]!;
    lo = mixLane(lo, w, 0xcc9e2d51, 0x1b873593);
    hi = mixLane(hi, w, 0x85ebca77, 0xc2b2ae3d);
  }
  lo = finalize(lo, length);
  hi = finalize(hi, length + 0x632be5ab);
  if (lo === 0 && hi === 0) lo = 1;
  fingerprintOut[0] = lo;
  fingerprintOut[1] = hi;
}

/**
 * TLC's "optimistic" estimate of the probability that two distinct states
 * shared a fingerprint during a run: distinct × (generated − distinct) / 2^64.
 */
export function collisionProbability(distinctStates: number, statesGenerated: number): number {
  return (distinctStates * Math.max(0, statesGenerated - distinctStates)) / 2 ** 64;
}
