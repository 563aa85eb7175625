/**
 * A canonical one-word encoding of TCommit states: `rmState[r]` at 2 bits
 * per RM, RM 0 in the lowest bits, numbered as {@link rmStates} lists them.
 *
 * @module
 */
import type { StateCodec } from "../protocol.js";
import { type TCommitState, rmStates } from "./state.js";

/** The most RMs the encoding holds (as many as the Two-Phase Commit twin allows). */
export const maxEncodedRMs = 12;

/**
 * The code of an RM state by its first letter, which tells the four apart:
 * the refinement check encodes a TCommit state for every abstract successor
 * it compares, and a table read by character code is faster there than a
 * comparison of strings.
 */
const codeByInitial = (() => {
  const table = new Int8Array(128).fill(-1);
  rmStates.forEach((r, code) => {
    if (table[r.charCodeAt(0)] !== -1) throw new Error(`two RM states start with ${r[0]}`);
    table[r.charCodeAt(0)] = code;
  });
  return table;
})();

/** The codec for `rmCount` RMs. */
export function tcommitCodec(rmCount: number): StateCodec<TCommitState> {
  if (rmCount > maxEncodedRMs) throw new RangeError(`the TCommit encoding holds at most ${maxEncodedRMs} RMs`);
  return {
    maxWords: 1,
    encode(s, out, offset) {
      let w = 0;
      for (let rm = 0; rm < rmCount; rm++) w |= codeByInitial[s.rmState[rm]!.charCodeAt(0)]! << (2 * rm);
      out[offset] = w;
      return 1;
    },
    decode(words, offset) {
      const w = words[offset]!;
      return { rmState: Array.from({ length: rmCount }, (_, rm) => rmStates[(w >>> (2 * rm)) & 3]!) };
    },
  };
}
