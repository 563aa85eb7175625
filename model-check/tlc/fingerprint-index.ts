/**
 * A map from 64-bit fingerprints to dense state ids (0, 1, 2, ...): an
 * open-addressing table over one `Int32Array` of `[lo, hi, id]` slots. The
 * bridge's explorer needs the id of every successor to name transitions,
 * which the checker's visited set does not keep.
 *
 * @module
 */

/** Fingerprint to id. A slot whose id is -1 is empty. */
export class FingerprintIndex {
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity) size *= 2;
    this.slots = new Int32Array(3 * size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The id of the fingerprint, adding it with the next id when it is new; `added` says which. */
  idOf(lo: number, hi: number): { id: number; added: boolean } {
    if (4 * (this.count + 1) > 3 * (this.mask + 1)) this.grow();
    const at = this.find(lo, hi);
    const slots = this.slots;
    if (slots[at + 2] !== -1) return { id: slots[at + 2]!, added: false };
    slots[at] = lo;
    slots[at + 1] = hi;
    slots[at + 2] = this.count;
    return { id: this.count++, added: true };
  }

  private find(lo: number, hi: number): number {
    const slots = this.slots;
    let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = 3 * i;
      if (slots[at + 2] === -1 || (slots[at] === lo && slots[at + 1] === hi)) return at;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * this.mask + 1;
    this.slots = new Int32Array(3 * (this.mask + 1)).fill(-1);
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === -1) continue;
      const to = this.find(old[at]!, old[at + 1]!);
      this.slots[to] = old[at]!;
      this.slots[to + 1] = old[at + 1]!;
      this.slots[to + 2] = old[at + 2]!;
    }
  }
}
