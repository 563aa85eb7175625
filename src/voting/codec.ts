/**
 * A canonical encoding of Voting states, one word per acceptor: bits 0..14
 * hold `votes[a]` (a {@link VoteSet}), bits 15..17 hold `maxBal[a] + 1`.
 *
 * @module
 */
import type { StateCodec } from "../protocol.js";
import type { VotingConfig } from "./config.js";
import type { VotingState } from "./state.js";

const voteMask = (1 << 15) - 1;

/** The codec for `config`. */
export function votingCodec(config: VotingConfig): StateCodec<VotingState> {
  const n = config.acceptorCount;
  return {
    maxWords: n,
    encode(s, out, offset) {
      for (let a = 0; a < n; a++) out[offset + a] = s.votes[a]! | ((s.maxBal[a]! + 1) << 15);
      return n;
    },
    decode(words, offset) {
      const votes: number[] = [];
      const maxBal: number[] = [];
      for (let a = 0; a < n; a++) {
        const w = words[offset + a]!;
        votes.push(w & voteMask);
        maxBal.push((w >>> 15) - 1);
      }
      return { votes, maxBal };
    },
  };
}
