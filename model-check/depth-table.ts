/**
 * The visited set of a depth-bounded depth-first search: fingerprints with,
 * for each, the smallest depth at which the search has reached the state.
 * A state reached again by a shorter path must be explored again, or states
 * within the bound behind it would be missed.
 *
 * Same open-addressing layout and growth as {@link FingerprintSet}, plus two
 * bytes a slot for the depth.
 *
 * @module
 */
import { grownCapacity, homeSlot, maxLoad, storedWord } from "./fingerprint-set.js";

/** The largest depth the table can record. */
export const maxRecordedDepth = 0xffff;

/** Fingerprints and the least depth each was reached at. */
export class DepthTable {
  private slots: Int32Array;
  private depths: Uint16Array;
  private capacity: number;
  private count = 0;
  private growAt: number;

  constructor(initialCapacity = 1 << 12) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.slots = new Int32Array(2 * this.capacity);
    this.depths = new Uint16Array(this.capacity);
    this.growAt = Math.floor(this.capacity * maxLoad);
  }

  /** How many fingerprints the table holds. */
  get size(): number {
    return this.count;
  }

  /** Bytes the table occupies. */
  get bytes(): number {
    return this.slots.byteLength + this.depths.byteLength;
  }

  /** Reads the home slot of a fingerprint, to have it fetched early. */
  touch(lo: number, hi: number): number {
    return this.slots[2 * homeSlot(storedWord(lo), storedWord(hi), this.capacity) + 1]!;
  }

  /**
   * Records that the state with this fingerprint was reached at `depth`.
   * Returns true when it is new or was only reached deeper before (so it
   * must be explored from here), false when it was reached at least as
   * shallow already.
   */
  reach(lo: number, hi: number, depth: number): boolean {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slots = this.slots;
    const capacity = this.capacity;
    let i = homeSlot(lo, hi, capacity);
    for (;;) {
      const slotHi = slots[2 * i + 1]!;
      if (slotHi === 0) break;
      if (slotHi === hi && slots[2 * i] === lo) {
        if (this.depths[i]! <= depth) return false;
        this.depths[i] = depth;
        return true;
      }
      if (++i === capacity) i = 0;
    }
    slots[2 * i] = lo;
    slots[2 * i + 1] = hi;
    this.depths[i] = depth;
    if (++this.count > this.growAt) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const oldDepths = this.depths;
    const capacity = grownCapacity(this.capacity);
    const slots = new Int32Array(2 * capacity);
    const depths = new Uint16Array(capacity);
    for (let j = 0; j < this.capacity; j++) {
      const hi = old[2 * j + 1]!;
      if (hi === 0) continue;
      const lo = old[2 * j]!;
      let i = homeSlot(lo, hi, capacity);
      while (slots[2 * i + 1] !== 0) if (++i === capacity) i = 0;
      slots[2 * i] = lo;
      slots[2 * i + 1] = hi;
      depths[i] = oldDepths[j]!;
    }
    this.slots = slots;
    this.depths = depths;
    this.capacity = capacity;
    this.growAt = Math.floor(capacity * maxLoad);
  }
}
