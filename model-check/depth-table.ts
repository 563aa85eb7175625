/**
 * The visited set of a depth-bounded depth-first search: fingerprints with,
 * for each, the smallest depth at which the search has reached the state.
 * A state reached again by a shorter path must be explored again, or states
 * within the bound behind it would be missed.
 *
 * Same table and growth as {@link FingerprintSet}, plus two bytes a slot for
 * the depth, kept beside the slots (a payload word in them would take four).
 *
 * @module
 */
import { FingerprintTable } from "./fingerprint-table.js";
import { visitedGrowth } from "./fingerprint-set.js";

/** The largest depth the table can record. */
export const maxRecordedDepth = 0xffff;

/** Fingerprints and the least depth each was reached at. */
export class DepthTable extends FingerprintTable {
  /** The depth of the fingerprint in each slot. */
  private depths: Uint16Array;

  constructor(initialCapacity = 1 << 12) {
    super(Math.max(16, Math.ceil(initialCapacity)), visitedGrowth);
    this.depths = new Uint16Array(this.slotCount);
  }

  /** Bytes the table occupies. */
  override get bytes(): number {
    return super.bytes + this.depths.byteLength;
  }

  /**
   * Records that the state with this fingerprint was reached at `depth`.
   * Returns true when it is new or was only reached deeper before (so it
   * must be explored from here), false when it was reached at least as
   * shallow already.
   */
  reach(lo: number, hi: number, depth: number): boolean {
    const slot = this.findOrAdd(lo, hi);
    if (slot < 0) {
      this.depths[-1 - slot] = depth;
      return true;
    }
    if (this.depths[slot]! <= depth) return false;
    this.depths[slot] = depth;
    return true;
  }

  protected override resizeBeside(capacity: number): (from: number, to: number) => void {
    const old = this.depths;
    const depths = new Uint16Array(capacity);
    this.depths = depths;
    return (from, to) => {
      depths[to] = old[from]!;
    };
  }
}
