/**
 * A BFS level of encoded states: records of `[id, length, words...]` packed
 * into one growing `Int32Array`, so the frontier costs a few words per state
 * instead of a JavaScript object.
 *
 * @module
 */

/** An append-only list of encoded states with their ids, read front to back. */
export class StateBuffer {
  private words: Int32Array;
  private end = 0;
  private records = 0;

  constructor(initialWords = 1 << 12) {
    this.words = new Int32Array(initialWords);
  }

  /** How many states it holds. */
  get length(): number {
    return this.records;
  }

  /** Appends a state with id `id` whose encoding is `source[offset .. offset+length)`. */
  push(id: number, source: Int32Array, offset: number, length: number): void {
    const need = this.end + 2 + length;
    if (need > this.words.length) {
      let size = this.words.length * 2;
      while (size < need) size *= 2;
      const bigger = new Int32Array(size);
      bigger.set(this.words.subarray(0, this.end));
      this.words = bigger;
    }
    const words = this.words;
    words[this.end] = id;
    words[this.end + 1] = length;
    for (let i = 0; i < length; i++) words[this.end + 2 + i] = source[offset + i]!;
    this.end = need;
    this.records++;
  }

  /**
   * Calls `visit(id, words, offset, length)` for each state in order. `words`
   * is the buffer itself: read the encoding, do not keep the array.
   */
  forEach(visit: (id: number, words: Int32Array, offset: number, length: number) => void): void {
    const words = this.words;
    for (let at = 0; at < this.end; ) {
      const length = words[at + 1]!;
      visit(words[at]!, words, at + 2, length);
      at += 2 + length;
    }
  }
}
