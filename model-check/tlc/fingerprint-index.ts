/**
 * A map from 64-bit fingerprints to dense state ids (0, 1, 2, ...): a
 * {@link FingerprintTable} of `[lo, hi, id]` slots. The bridge's explorer
 * needs the id of every successor to name transitions, which the checker's
 * visited set does not keep.
 *
 * @module
 */
import { keyWords } from "../fingerprint-slots.js";
import { FingerprintTable, type GrowthPolicy } from "../fingerprint-table.js";

/** Where a slot keeps the id. */
const idWord = keyWords;
/** Words a slot: the fingerprint and the id. */
const slotWords = keyWords + 1;

/** Power-of-two capacities, doubled at 75% load. */
const indexGrowth: GrowthPolicy = { maxLoad: 0.75, growthFactor: 2 };

/** Fingerprint to id. */
export class FingerprintIndex extends FingerprintTable {
  protected override get stride(): number {
    return slotWords;
  }

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity) size *= 2;
    super(size, indexGrowth);
  }

  /** The id of the fingerprint, adding it with the next id when it is new; `added` says which. */
  idOf(lo: number, hi: number): { id: number; added: boolean } {
    const slot = this.findOrAdd(lo, hi);
    if (slot >= 0) return { id: this.slots[this.stride * slot + idWord]!, added: false };
    const id = this.size - 1;
    this.slots[this.stride * (-1 - slot) + idWord] = id;
    return { id, added: true };
  }
}
