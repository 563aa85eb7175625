/**
 * A canonical two-word encoding of Two-Phase Commit states, for the checker.
 *
 * Word 0: `rmState` at 2 bits per RM (bits 0..23), then `tmState` (bits
 * 24..25), then the Commit and Abort messages (bits 26, 27).
 * Word 1: `tmPrepared` (bits 0..11), then the RMs whose Prepared message was
 * sent (bits 12..23). Hence at most 12 RMs.
 *
 * @module
 */
import type { StateCodec } from "../protocol.js";
import type { RMState, TMState, TwoPhaseState } from "./state.js";

/** The most RMs the encoding has room for. */
export const maxEncodedRMs = 12;

const rmStateCodes: readonly RMState[] = ["working", "prepared", "committed", "aborted"];
const tmStateCodes: readonly TMState[] = ["init", "committed", "aborted"];

/**
 * The code of an RM state by its first letter, which tells the four apart:
 * the encoder runs once per state generated, and a table read by character
 * code is faster there than comparing strings.
 */
const rmStateCodeByInitial = (() => {
  const table = new Int8Array(128).fill(-1);
  rmStateCodes.forEach((v, code) => {
    if (table[v.charCodeAt(0)] !== -1) throw new Error(`two RM states start with ${v[0]}`);
    table[v.charCodeAt(0)] = code;
  });
  return table;
})();

function tmStateCode(v: TMState): number {
  switch (v) {
    case "init":
      return 0;
    case "committed":
      return 1;
    case "aborted":
      return 2;
  }
}

/** The codec for `rmCount` RMs. */
export function twoPhaseCodec(rmCount: number): StateCodec<TwoPhaseState> {
  if (rmCount > maxEncodedRMs) throw new RangeError(`the 2PC encoding holds at most ${maxEncodedRMs} RMs`);
  return {
    maxWords: 2,
    encode(s, out, offset) {
      const rmState = s.rmState;
      let w0 = 0;
      for (let rm = 0; rm < rmCount; rm++) w0 |= rmStateCodeByInitial[rmState[rm]!.charCodeAt(0)]! << (2 * rm);
      w0 |= tmStateCode(s.tmState) << 24;
      const msgs = s.msgs;
      if (msgs.commit) w0 |= 1 << 26;
      if (msgs.abort) w0 |= 1 << 27;
      out[offset] = w0;
      out[offset + 1] = s.tmPrepared | (msgs.prepared << 12);
      return 2;
    },
    decode(words, offset) {
      const w0 = words[offset]!;
      const w1 = words[offset + 1]!;
      const rmState: RMState[] = [];
      for (let rm = 0; rm < rmCount; rm++) rmState.push(rmStateCodes[(w0 >>> (2 * rm)) & 3]!);
      return {
        rmState,
        tmState: tmStateCodes[(w0 >>> 24) & 3]!,
        tmPrepared: w1 & 0xfff,
        msgs: { prepared: (w1 >>> 12) & 0xfff, commit: (w0 & (1 << 26)) !== 0, abort: (w0 & (1 << 27)) !== 0 },
      };
    },
  };
}
