/**
 * The slot layout and probe sequence of every fingerprint table: the
 * visited set and the depth table ({@link FingerprintTable}), the parallel
 * search's {@link SharedFingerprintTable}, and the TLC bridge's
 * fingerprint index. Written once here, so that the tables differ only in
 * what a slot carries besides the fingerprint and in how an empty slot is
 * claimed (a plain write, or a compare-and-swap between threads).
 *
 * A table is one `Int32Array` of `stride` words a slot: the fingerprint's
 * low word, its high word, then `stride - 2` payload words. Keeping the
 * words of a slot side by side means a lookup touches one cache line. A
 * slot is empty while its high word is 0 (see {@link storedWord}).
 *
 * Open addressing with linear probing. Capacities need not be powers of
 * two: the home slot is a 32-bit mix of the fingerprint scaled to the table
 * ({@link homeSlot}), which also keeps a table ordered by home slot, so that
 * a rehash writes the new table almost sequentially.
 *
 * @module
 */

/** Offset in a slot of the fingerprint's low word. */
export const loWord = 0;
/** Offset in a slot of the fingerprint's high word, which is 0 while the slot is empty. */
export const hiWord = 1;
/** Words a slot takes for the fingerprint alone; payload words follow. */
export const keyWords = 2;

/**
 * The stored form of a fingerprint word: neither word is 0, so that an
 * empty slot (`[0, 0]`) and a half-written one (high word set, low word
 * still 0, see {@link SharedFingerprintTable}) can be recognised. Mapping 0
 * to 1 in a lane merges two of its 2³² values, a negligible loss.
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

/** The slot after `slot` in probe order. */
export function nextSlot(slot: number, capacity: number): number {
  return slot + 1 === capacity ? 0 : slot + 1;
}

/**
 * Walks the probe sequence of the (stored) fingerprint `[lo, hi]` from slot
 * `from` to the first slot that holds the fingerprint or is empty. Returns
 * that slot when it holds the fingerprint, `-1 - slot` when it is empty
 * (where the fingerprint goes): one number, so that the caller need not
 * read the slot again. Returns `capacity` when it has seen every slot, the
 * table full without it (only a shared table, which does not grow by
 * itself, can be).
 *
 * With `halfWritten` it also stops at a slot whose high word matches and
 * whose low word is still 0: in a shared table, another thread has claimed
 * the slot and not yet written the low word, and the caller waits for it.
 */
export function probe(
  slots: Int32Array,
  stride: number,
  capacity: number,
  lo: number,
  hi: number,
  from: number,
  halfWritten = false,
): number {
  // The searches' hot loop inlines this, so it is kept to the shape of a bare probe loop: word offsets as
  // literals (1: high, 0: low), `halfWritten` a constant the compiler drops, the full-table test only where
  // the probe wraps (a flag or a throw in the loop itself cost the single-threaded search several percent).
  let slot = from;
  for (;;) {
    const slotHi = slots[stride * slot + 1]!;
    if (slotHi === 0) return -1 - slot;
    if (slotHi === hi) {
      // One read of the low word: read twice, another thread could write it between the two reads.
      const slotLo = slots[stride * slot]!;
      if (slotLo === lo || (halfWritten && slotLo === 0)) return slot;
    }
    if (++slot === capacity) {
      if (from < 0) return capacity;
      from = -1;
      slot = 0;
    }
  }
}

/**
 * The first empty slot from `from` on in probe order: where a fingerprint
 * known to be absent goes (a rehash, whose fingerprints are distinct, needs
 * no comparisons).
 */
export function freeSlot(slots: Int32Array, stride: number, capacity: number, from: number): number {
  let slot = from;
  while (slots[stride * slot + hiWord] !== 0) slot = nextSlot(slot, capacity);
  return slot;
}

/**
 * Copies every full slot of `source` into `target`, an empty table of the
 * same stride: the rehash of a growing single-threaded table. `moved`, when
 * given, is told each slot's old and new index, for data a table keeps
 * beside its slots.
 */
export function rehashSlots(
  source: Int32Array,
  target: Int32Array,
  stride: number,
  moved?: (from: number, to: number) => void,
): void {
  const sourceCapacity = source.length / stride;
  const targetCapacity = target.length / stride;
  for (let from = 0; from < sourceCapacity; from++) {
    const at = stride * from;
    const hi = source[at + hiWord]!;
    if (hi === 0) continue;
    const lo = source[at + loWord]!;
    const to = freeSlot(target, stride, targetCapacity, homeSlot(lo, hi, targetCapacity));
    target[stride * to + loWord] = lo;
    target[stride * to + hiWord] = hi;
    for (let word = keyWords; word < stride; word++) target[stride * to + word] = source[at + word]!;
    moved?.(from, to);
  }
}
