/**
 * The visited set: 64-bit fingerprints in a {@link FingerprintTable} of two
 * words a slot, as TLC keeps fingerprints rather than states.
 *
 * Memory: 8 bytes a slot. The table grows by half when it is 80% full, so it
 * is always between 53% and 80% full once past its initial size: at most
 * 15 bytes per fingerprint held.
 *
 * @module
 */
import { FingerprintTable, type GrowthPolicy } from "./fingerprint-table.js";

/** The fraction of slots in use at which a table grows. */
export const maxLoad = 0.8;
/** How much bigger a table gets when it grows. */
export const growthFactor = 1.5;

/** The growth of the visited sets, the parallel search's shared one included. */
export const visitedGrowth: GrowthPolicy = { maxLoad, growthFactor };

/** The capacity after `capacity` when growing. */
export function grownCapacity(capacity: number): number {
  return Math.ceil(capacity * growthFactor);
}

/** Fingerprints seen so far, in one thread. */
export class FingerprintSet extends FingerprintTable {
  /** @param initialCapacity slots to start with (at least 16) */
  constructor(initialCapacity = 1 << 12) {
    super(Math.max(16, Math.ceil(initialCapacity)), visitedGrowth);
  }

  /**
   * A set holding the fingerprints of a saved table (this class's or a
   * {@link SharedFingerprintTable}'s: same layout and home slots), taking
   * `slots` over. It grows at once if the table was fuller than this
   * class lets its own get.
   */
  static restore(slots: Int32Array, count: number): FingerprintSet {
    const set = new FingerprintSet(16);
    set.adopt(slots, count);
    return set;
  }

  /** Adds a fingerprint; returns true when it was not there yet. */
  add(lo: number, hi: number): boolean {
    return this.findOrAdd(lo, hi) < 0;
  }
}
