/**
 * 64-bit fingerprints of encoded states, computed from their 32-bit words
 * without building strings, and updated incrementally when a step changes
 * only a few words.
 *
 * The fingerprint is Zobrist-style: the XOR, over every position `i` of the
 * encoding, of a 64-bit hash of the pair `(i, word)`, XORed with a hash of the
 * length. A successor's fingerprint is therefore its parent's with the terms
 * of the changed words swapped ({@link Fingerprinter.step}), which costs a
 * comparison per word and a hash per changed word instead of a hash per word.
 * A {@link Fingerprinter} computes them; each caller holds its own, which
 * holds its last result.
 *
 * Each term is two independent 32-bit lanes, each a bijective mix (MurmurHash3's
 * finaliser) of the word XORed with a per-position seed, so two encodings that
 * differ in one word never share a fingerprint. As with TLC, two distinct
 * states may share a fingerprint otherwise; the checker reports the estimated
 * chance ({@link collisionProbability}).
 *
 * @module
 */

// Per-position seeds, from a fixed generator so that fingerprints are the
// same in every run and every worker thread. Grown on demand.
let seedsLo = new Int32Array(0);
let seedsHi = new Int32Array(0);
let lengthLo = new Int32Array(0);
let lengthHi = new Int32Array(0);

/** SplitMix32-style generator state for the seeds. */
let seedState = 0x2545f491;
function nextSeed(): number {
  seedState = (seedState + 0x9e3779b9) | 0;
  let z = seedState;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

/**
 * Makes sure seeds exist for encodings of up to `maxWords` words. The seeds
 * are the one thing the fingerprinters share: the same in every one, and
 * only ever extended.
 */
function prepareSeeds(maxWords: number): void {
  const have = seedsLo.length;
  if (maxWords + 1 <= have) return;
  const size = Math.max(maxWords + 1, 2 * have, 16);
  const grow = (old: Int32Array): Int32Array<ArrayBuffer> => {
    const bigger = new Int32Array(size);
    bigger.set(old);
    return bigger;
  };
  seedsLo = grow(seedsLo);
  seedsHi = grow(seedsHi);
  lengthLo = grow(lengthLo);
  lengthHi = grow(lengthHi);
  // Seeds are drawn in a fixed interleaved order, so growing never changes
  // the seeds of positions that already had them.
  for (let i = have; i < size; i++) {
    seedsLo[i] = nextSeed();
    seedsHi[i] = nextSeed();
    lengthLo[i] = nextSeed();
    lengthHi[i] = nextSeed();
  }
}

/** Low lane of the term for word `w` at position `i`: a bijection of `w`. */
function termLo(i: number, w: number): number {
  let h = Math.imul(w ^ seedsLo[i]!, 0xcc9e2d51);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** High lane: the same shape with other constants and seeds. */
function termHi(i: number, w: number): number {
  let h = Math.imul(w ^ seedsHi[i]!, 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return h ^ (h >>> 16);
}

/** Computes fingerprints, leaving the last one in {@link lo} and {@link hi}. */
export class Fingerprinter {
  /** The low word of the last fingerprint computed. */
  lo = 0;
  /** The high word of the last fingerprint computed. */
  hi = 0;

  /** @param maxWords the longest encoding expected (longer ones are fingerprinted too, after a pause to draw seeds) */
  constructor(maxWords: number) {
    prepareSeeds(maxWords);
  }

  /** Fingerprints `length` words at `words[offset...]`. */
  of(words: Int32Array, offset: number, length: number): void {
    if (length >= seedsLo.length) prepareSeeds(length);
    let lo = lengthLo[length]!;
    let hi = lengthHi[length]!;
    for (let i = 0; i < length; i++) {
      const w = words[offset + i]!;
      lo ^= termLo(i, w);
      hi ^= termHi(i, w);
    }
    this.lo = lo;
    this.hi = hi;
  }

  /**
   * The fingerprint of a successor from its parent's: `parent` is the
   * parent's encoding (`parentLength` words at `parentOffset`) with
   * fingerprint `[parentLo, parentHi]`, `child` the successor's. Returns how
   * many words differ (0 when the encodings are equal, i.e. the step leads
   * back to the parent state).
   */
  step(
    parent: Int32Array,
    parentOffset: number,
    parentLength: number,
    parentLo: number,
    parentHi: number,
    child: Int32Array,
    childOffset: number,
    childLength: number,
  ): number {
    let lo = parentLo;
    let hi = parentHi;
    let changed = 0;
    const common = parentLength < childLength ? parentLength : childLength;
    for (let i = 0; i < common; i++) {
      const was = parent[parentOffset + i]!;
      const is = child[childOffset + i]!;
      if (was !== is) {
        lo ^= termLo(i, was) ^ termLo(i, is);
        hi ^= termHi(i, was) ^ termHi(i, is);
        changed++;
      }
    }
    if (parentLength !== childLength) {
      if (childLength >= seedsLo.length) prepareSeeds(childLength);
      for (let i = common; i < parentLength; i++) {
        const was = parent[parentOffset + i]!;
        lo ^= termLo(i, was);
        hi ^= termHi(i, was);
      }
      for (let i = common; i < childLength; i++) {
        const is = child[childOffset + i]!;
        lo ^= termLo(i, is);
        hi ^= termHi(i, is);
      }
      lo ^= lengthLo[parentLength]! ^ lengthLo[childLength]!;
      hi ^= lengthHi[parentLength]! ^ lengthHi[childLength]!;
      changed += Math.abs(parentLength - childLength) + 1;
    }
    this.lo = lo;
    this.hi = hi;
    return changed;
  }
}

/**
 * TLC's "optimistic" estimate of the probability that two distinct states
 * shared a fingerprint during a run: distinct × (generated − distinct) / 2^64.
 */
export function collisionProbability(distinctStates: number, statesGenerated: number): number {
  return (distinctStates * Math.max(0, statesGenerated - distinctStates)) / 2 ** 64;
}
