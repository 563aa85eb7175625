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

function rmStateCode(v: RMState): number {
  switch (v) {
    case "working":
      return 0;
    case "prepared":
      return 1;
    case "committed":
      return 2;
    case "aborted":
      return 3;
  }
}

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
      let w0 = 0;
      for (let rm = 0; rm < rmCount; rm++) w0 |= rmStateCode(s.rmState[rm]!) << (2 * rm);
      w0 |= tmStateCode(s.tmState) << 24;
      if (s.msgs.commit) w0 |= 1 << 26;
      if (s.msgs.abort) w0 |= 1 << 27;
      out[offset] = w0;
      out[offset + 1] = s.tmPrepared | (s.msgs.prepared << 12);
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
