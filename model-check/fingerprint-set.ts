/**
 * The visited set: 64-bit fingerprints in an open-addressing hash table with
 * linear probing over one `Int32Array` (low and high word side by side, so a
 * lookup touches one cache line), as TLC keeps fingerprints rather than states.
 *
 * Memory: 8 bytes a slot. The table grows by half when it is 80% full, so it
 * is always between 53% and 80% full once past its initial size: at most
 * 15 bytes per fingerprint held. Capacities need not be powers of two: the
 * home slot of a fingerprint is a 32-bit mix of it scaled to the table
 * ({@link homeSlot}), which also keeps the table ordered by home slot, so that a
 * rehash writes the new table almost sequentially.
 *
 * @module
 */

/** The fraction of slots in use at which a table grows. */
export const maxLoad = 0.8;
/** How much bigger a table gets when it grows. */
export const growthFactor = 1.5;

/**
 * The stored form of a fingerprint: neither word is 0, so that an empty slot
 * (`[0, 0]`) and a half-written one (high word set, low word still 0, see
 * {@link SharedFingerprintTable}) can be recognised. Mapping 0 to 1 in a lane
 * merges two of its 2³² values, a negligible loss.
 */
export function storedWord(word: number): number {
  return word === 0 ? 1 : word;
}

/**
 * The home slot of a (stored) fingerprint: a 32-bit mix of its words scaled
 * to the table. Real fingerprints are uniform already; the mix keeps
 * structured keys (tests, sequential values) from piling up in one cluster.
 */
export function homeSlot(lo: number, hi: number, capacity: number): number {
  return Math.floor(((Math.imul(hi, 0x9e3779b1) ^ lo) >>> 0) * capacity / 4294967296);
}

/** The capacity after `capacity` when growing. */
export function grownCapacity(capacity: number): number {
  return Math.ceil(capacity * growthFactor);
}

/** Fingerprints seen so far, in one thread. */
export class FingerprintSet {
  private slots: Int32Array;
  private capacity: number;
  private count = 0;
  private growAt: number;

  /** @param initialCapacity slots to start with (at least 16) */
  constructor(initialCapacity = 1 << 12) {
    this.capacity = Math.max(16, Math.ceil(initialCapacity));
    this.slots = new Int32Array(2 * this.capacity);
    this.growAt = Math.floor(this.capacity * maxLoad);
  }

  /** How many fingerprints the set holds. */
  get size(): number {
    return this.count;
  }

  /** Bytes the table occupies. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Slots in the table. */
  get slotCount(): number {
    return this.capacity;
  }

  /** The table itself (two words a slot, `[0, 0]` when empty), for a checkpoint to save. */
  get table(): Int32Array {
    return this.slots;
  }

  /**
   * A set holding the fingerprints of a saved table (this class's or a
   * {@link SharedFingerprintTable}'s: same layout and home slots), taking
   * `slots` over. It grows at once if the table was fuller than this
   * class lets its own get.
   */
  static restore(slots: Int32Array, count: number): FingerprintSet {
    const set = new FingerprintSet(16);
    set.slots = slots;
    set.capacity = slots.length / 2;
    set.count = count;
    set.growAt = Math.floor(set.capacity * maxLoad);
    while (set.count > set.growAt) set.grow();
    return set;
  }

  /** Adds a fingerprint; returns true when it was not there yet. */
  add(lo: number, hi: number): boolean {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slots = this.slots;
    const capacity = this.capacity;
    let i = homeSlot(lo, hi, capacity);
    for (;;) {
      const slotHi = slots[2 * i + 1]!;
      if (slotHi === 0) break;
      if (slotHi === hi && slots[2 * i] === lo) return false;
      if (++i === capacity) i = 0;
    }
    slots[2 * i] = lo;
    slots[2 * i + 1] = hi;
    if (++this.count > this.growAt) this.grow();
    return true;
  }

  /** Reads the home slot of a fingerprint (see {@link VisitedSet.touch}). */
  touch(lo: number, hi: number): number {
    return this.slots[2 * homeSlot(storedWord(lo), storedWord(hi), this.capacity) + 1]!;
  }

  /** Whether the set holds a fingerprint. */
  has(lo: number, hi: number): boolean {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slots = this.slots;
    const capacity = this.capacity;
    let i = homeSlot(lo, hi, capacity);
    for (;;) {
      const slotHi = slots[2 * i + 1]!;
      if (slotHi === 0) return false;
      if (slotHi === hi && slots[2 * i] === lo) return true;
      if (++i === capacity) i = 0;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = grownCapacity(this.capacity);
    const slots = new Int32Array(2 * capacity);
    for (let at = 0; at < old.length; at += 2) {
      const hi = old[at + 1]!;
      if (hi === 0) continue;
      let i = homeSlot(old[at]!, hi, capacity);
      while (slots[2 * i + 1] !== 0) if (++i === capacity) i = 0;
      slots[2 * i] = old[at]!;
      slots[2 * i + 1] = hi;
    }
    this.slots = slots;
    this.capacity = capacity;
    this.growAt = Math.floor(capacity * maxLoad);
  }
}
