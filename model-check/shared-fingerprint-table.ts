/**
 * The visited set shared by the worker threads of a parallel search: the
 * same layout and probe sequence as {@link FingerprintSet}
 * (fingerprint-slots.ts) on a `SharedArrayBuffer`, with lock-free inserts
 * by atomic compare-and-swap.
 *
 * A slot is claimed by swapping its high word from 0 to the fingerprint's;
 * the claimer then stores the low word. Stored words are never 0 (see
 * {@link storedWord}), so a reader that finds the high word set and the low
 * word still 0 knows the slot is being written and waits for it. Slots go
 * from empty to full once and never change again, so a stale plain read can
 * only show an empty slot, which the compare-and-swap then corrects.
 *
 * The table does not grow by itself: the search pauses every worker and
 * rehashes into a bigger table ({@link SharedFingerprintTable.rehashSlice}).
 *
 * @module
 */
import { hiWord, homeSlot, keyWords, loWord, nextSlot, probe, storedWord } from "./fingerprint-slots.js";

const bytesPerSlot = keyWords * Int32Array.BYTES_PER_ELEMENT;

/** A fixed-capacity fingerprint table that several threads insert into at once. */
export class SharedFingerprintTable {
  /** The shared memory, to hand to other threads. */
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  private readonly slots: Int32Array;

  /** A new empty table of `capacity` slots, or a view of an existing one's `buffer`. */
  constructor(capacity: number, buffer?: SharedArrayBuffer) {
    this.capacity = capacity;
    this.buffer = buffer ?? new SharedArrayBuffer(bytesPerSlot * capacity);
    if (this.buffer.byteLength !== bytesPerSlot * capacity) throw new RangeError("table buffer does not match its capacity");
    this.slots = new Int32Array(this.buffer);
  }

  /** Bytes the table occupies. */
  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Adds a fingerprint; returns true when this call added it (false: it was there, or another thread added it first). */
  add(lo: number, hi: number): boolean {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slots = this.slots;
    const capacity = this.capacity;
    let slot = homeSlot(lo, hi, capacity);
    for (;;) {
      slot = probe(slots, keyWords, capacity, lo, hi, slot, true);
      if (slot === capacity) throw new RangeError("the shared fingerprint table is full");
      let slotHi = hi;
      if (slot < 0) {
        slot = -1 - slot;
        slotHi = Atomics.compareExchange(slots, keyWords * slot + hiWord, 0, hi);
        if (slotHi === 0) {
          Atomics.store(slots, keyWords * slot + loWord, lo);
          return true;
        }
      }
      // Claimed by another thread, which may not have written the low word yet.
      if (slotHi === hi) {
        let slotLo = slots[keyWords * slot + loWord]!;
        while (slotLo === 0) slotLo = Atomics.load(slots, keyWords * slot + loWord);
        if (slotLo === lo) return false;
      }
      slot = nextSlot(slot, capacity);
    }
  }

  /** Reads the home slot of a fingerprint, to have it fetched early (see `VisitedSet.touch`). */
  touch(lo: number, hi: number): number {
    return this.slots[keyWords * homeSlot(storedWord(lo), storedWord(hi), this.capacity) + hiWord]!;
  }

  /** Whether the table holds a fingerprint (exact once no thread is inserting). */
  has(lo: number, hi: number): boolean {
    lo = storedWord(lo);
    hi = storedWord(hi);
    const slot = probe(this.slots, keyWords, this.capacity, lo, hi, homeSlot(lo, hi, this.capacity), true);
    return slot >= 0 && slot < this.capacity;
  }

  /** How many slots are in use (a full scan: for reports and tests, not the hot path). */
  countUsed(): number {
    let used = 0;
    for (let at = hiWord; at < this.slots.length; at += keyWords) if (this.slots[at] !== 0) used++;
    return used;
  }

  /**
   * Copies the fingerprints in slots `[from, to)` of `old` into this table,
   * which must be empty of them; several threads may rehash disjoint slices
   * at once.
   */
  rehashSlice(old: SharedFingerprintTable, from: number, to: number): void {
    const source = old.slots;
    for (let slot = from; slot < to; slot++) {
      const hi = source[keyWords * slot + hiWord]!;
      if (hi !== 0) this.add(source[keyWords * slot + loWord]!, hi);
    }
  }
}
