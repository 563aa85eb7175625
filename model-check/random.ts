/**
 * A small seeded pseudo-random generator (SFC32, seeded through SplitMix32),
 * so that random simulation is reproducible from its seed on every platform.
 *
 * @module
 */

/** The largest seed accepted: seeds are safe integers. */
export const maxSeed = Number.MAX_SAFE_INTEGER;

function splitMix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic stream of random numbers. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** @param seed an integer from 0 to {@link maxSeed} */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`a seed must be an integer from 0 to ${maxSeed}, got ${seed}`);
    const low = { s: seed % 4294967296 | 0 };
    const high = { s: Math.floor(seed / 4294967296) ^ 0x6a09e667 };
    this.a = splitMix32(low);
    this.b = splitMix32(high);
    this.c = splitMix32(low) ^ splitMix32(high);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in `[0, n)`, for `n` from 1 to 2^32, without modulo bias. */
  below(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}
