/**
 * The visited set: 64-bit fingerprints in an open-addressing hash table with
 * linear probing over one `Int32Array` (low and high word side by side), as
 * TLC keeps fingerprints rather than states.
 *
 * @module
 */

/** Fingerprints seen so far. A slot holding `[0, 0]` is empty. */
export class FingerprintSet {
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  private growAt: number;

  /** @param initialCapacity slots to start with, rounded up to a power of two */
  constructor(initialCapacity = 1 << 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.slots = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    this.growAt = Math.floor(capacity * 0.75);
  }

  /** How many fingerprints the set holds. */
  get size(): number {
    return this.count;
  }

  /** Bytes the table occupies. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Adds a fingerprint; returns true when it was not there yet. */
  add(lo: number, hi: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const at = 2 * i;
      const slotLo = slots[at]!;
      const slotHi = slots[at + 1]!;
      if (slotLo === 0 && slotHi === 0) break;
      if (slotLo === lo && slotHi === hi) return false;
      i = (i + 1) & mask;
    }
    slots[2 * i] = lo;
    slots[2 * i + 1] = hi;
    if (++this.count > this.growAt) this.grow();
    return true;
  }

  /** Whether the set holds a fingerprint. */
  has(lo: number, hi: number): boolean {
    const slots = this.slots;
    const mask = this.mask;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & mask;
    for (;;) {
      const slotLo = slots[2 * i]!;
      const slotHi = slots[2 * i + 1]!;
      if (slotLo === 0 && slotHi === 0) return false;
      if (slotLo === lo && slotHi === hi) return true;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = 2 * (this.mask + 1);
    this.slots = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
    this.growAt = Math.floor(capacity * 0.75);
    this.count = 0;
    for (let at = 0; at < old.length; at += 2) {
      const lo = old[at]!;
      const hi = old[at + 1]!;
      if (lo !== 0 || hi !== 0) this.add(lo, hi);
    }
  }
}
