/**
 * A set of twin states, equal states kept once: two states are equal exactly
 * when their codec encodings are (the codec's contract), so the encoding is
 * the key.
 *
 * @module
 */
import type { StateCodec } from "../../src/protocol.js";

export class StateSet<S> {
  private readonly byEncoding = new Map<string, S>();
  private readonly words: Int32Array;

  constructor(private readonly codec: StateCodec<S>) {
    this.words = new Int32Array(codec.maxWords);
  }

  /** Adds `state` unless an equal one is in the set already. */
  add(state: S): void {
    const length = this.codec.encode(state, this.words, 0);
    const key = String.fromCharCode(...new Uint16Array(this.words.buffer, 0, length * 2));
    if (!this.byEncoding.has(key)) this.byEncoding.set(key, state);
  }

  get size(): number {
    return this.byEncoding.size;
  }

  values(): IterableIterator<S> {
    return this.byEncoding.values();
  }
}
