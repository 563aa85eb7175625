/**
 * The single-threaded fingerprint table that grows: the core of the
 * visited set ({@link FingerprintSet}), the depth table ({@link DepthTable})
 * and the TLC bridge's fingerprint index, which differ only in the payload a
 * slot carries and in their growth policy. Slot layout and probing are those
 * of fingerprint-slots.ts.
 *
 * @module
 */
import { freeSlot, homeSlot, keyWords, probe, rehashSlots, storedWord } from "./fingerprint-slots.js";

/** When a table grows and by how much. */
export interface GrowthPolicy {
  /** The fraction of slots in use above which the table grows. */
  readonly maxLoad: number;
  /** How much bigger the table gets when it grows. */
  readonly growthFactor: number;
}

/** A fingerprint table of `stride` words a slot (the fingerprint, then payload), grown by a {@link GrowthPolicy}. */
export class FingerprintTable {
  protected slots: Int32Array;
  protected capacity: number;
  private count = 0;
  private growAt: number;

  /**
   * Words a slot: the fingerprint's, plus payload words in a subclass that
   * overrides this. A getter returning a constant rather than a field, so
   * that the compiler folds it into the slot arithmetic of the hot loop.
   */
  protected get stride(): number {
    return keyWords;
  }

  /** @param initialCapacity slots to start with */
  constructor(
    initialCapacity: number,
    private readonly policy: GrowthPolicy,
  ) {
    this.capacity = initialCapacity;
    this.slots = new Int32Array(this.stride * initialCapacity);
    this.growAt = Math.floor(initialCapacity * policy.maxLoad);
  }

  /** How many fingerprints the table holds. */
  get size(): number {
    return this.count;
  }

  /** Bytes the slots occupy. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Slots in the table. */
  get slotCount(): number {
    return this.capacity;
  }

  /** The slots themselves (`[0, 0, ...]` when empty), for a checkpoint to save. */
  get table(): Int32Array {
    return this.slots;
  }

  /** Reads the home slot of a fingerprint, to have it fetched early (see `VisitedSet.touch`). */
  touch(lo: number, hi: number): number {
    // The high word (offset 1) as a literal on the hot path, as in `probe`.
    return this.slots[this.stride * homeSlot(storedWord(lo), storedWord(hi), this.capacity) + 1]!;
  }

  /** Whether the table holds a fingerprint. */
  has(lo: number, hi: number): boolean {
    return this.slotOf(lo, hi) >= 0;
  }

  /** The slot holding a fingerprint, or -1. */
  protected slotOf(lo: number, hi: number): number {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slot = probe(this.slots, this.stride, this.capacity, lo, hi, homeSlot(lo, hi, this.capacity));
    return slot >= 0 ? slot : -1;
  }

  /**
   * The slot of a fingerprint, adding it when it is new: its slot when it
   * was there, `-1 - slot` when it was added now (its payload words are
   * then 0, for the caller to fill in). The table grows before an add that
   * would take it past its load, so the slot returned stays valid until the
   * next add.
   */
  protected findOrAdd(lo: number, hi: number): number {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slot = probe(this.slots, this.stride, this.capacity, lo, hi, homeSlot(lo, hi, this.capacity));
    return slot >= 0 ? slot : this.addAt(-1 - slot, lo, hi);
  }

  /**
   * Adds a new (stored) fingerprint at `slot`, its place in this table.
   * Kept small, and the growth out of line, because the searches' hot loop
   * inlines it: what it takes from the compiler's inlining budget is taken
   * from the model's code.
   */
  private addAt(slot: number, lo: number, hi: number): number {
    if (this.count === this.growAt) slot = this.growFor(lo, hi);
    const at = this.stride * slot;
    // Low and high word (offsets 0 and 1) as literals, as in `probe`.
    this.slots[at] = lo;
    this.slots[at + 1] = hi;
    this.count++;
    return -1 - slot;
  }

  /** Grows the table and returns the empty slot for the new fingerprint `[lo, hi]`. */
  private growFor(lo: number, hi: number): number {
    this.grow();
    return freeSlot(this.slots, this.stride, this.capacity, homeSlot(lo, hi, this.capacity));
  }

  /**
   * Takes over saved slots holding `count` fingerprints (a checkpoint's),
   * growing at once if they are fuller than the policy lets a table get.
   */
  protected adopt(slots: Int32Array, count: number): void {
    this.slots = slots;
    this.capacity = slots.length / this.stride;
    this.count = count;
    this.growAt = Math.floor(this.capacity * this.policy.maxLoad);
    while (this.count > this.growAt) this.grow();
  }

  /**
   * Called as the table grows, before the slots move: a table that keeps
   * data beside its slots makes room for `capacity` slots of it and returns
   * how to move an entry from an old slot to a new one.
   */
  protected resizeBeside(_capacity: number): ((from: number, to: number) => void) | undefined {
    return undefined;
  }

  private grow(): void {
    const capacity = Math.ceil(this.capacity * this.policy.growthFactor);
    const slots = new Int32Array(this.stride * capacity);
    rehashSlots(this.slots, slots, this.stride, this.resizeBeside(capacity));
    this.slots = slots;
    this.capacity = capacity;
    this.growAt = Math.floor(capacity * this.policy.maxLoad);
  }
}
