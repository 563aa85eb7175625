/**
 * The actions of Voting as the model performs them: one table from action
 * type to function, and the candidates (with the witnesses TLC enumerates)
 * tried in each state, from which `step` and the successor enumeration are
 * both built.
 *
 * @module
 */
import type { ActionTable, Candidates, Transitions } from "../action-table.js";
import { type VotingAction, increaseMaxBal, voteFor } from "./actions.js";
import { type AcceptorSet, type VotingConfig, hasAcceptor } from "./config.js";
import { type VotingState, didNotVoteAt, votedFor } from "./state.js";

/** Each action of `Next`. */
export function votingActionTable(config: VotingConfig): ActionTable<VotingState, VotingAction> {
  return {
    IncreaseMaxBal: (s, a) => increaseMaxBal(config, s, a.a, a.b),
    VoteFor: (s, a) => voteFor(config, s, a.a, a.b, a.v, a.q, a.c, a.voter),
  };
}

/**
 * The candidate actions of `s`, in the order of `Next`: for each acceptor a
 * and ballot b, `IncreaseMaxBal(a, b)`, then `VoteFor(a, b, v)` for each
 * value, once per quorum `Q`, ballot `c` and voter that may satisfy
 * `ShowsSafeAt` (quorums in config order, `c` from -1 up, voters in order).
 * The loops leave out candidates only by guards the action functions check
 * anyway; the functions decide.
 */
export function votingCandidates(config: VotingConfig): Candidates<VotingState, VotingAction> {
  const { acceptorCount, valueCount, maxBallot, quorums } = config;
  return (s, visit) => {
    for (let a = 0; a < acceptorCount; a++) {
      for (let b = 0; b <= maxBallot; b++) {
        visit({ type: "IncreaseMaxBal", a, b });
        if (s.maxBal[a]! > b || !didNotVoteAt(s, a, b)) continue;
        for (let v = 0; v < valueCount; v++) {
          for (const q of quorums) {
            if (!joined(s, q, b)) continue;
            visit({ type: "VoteFor", a, b, v, q, c: -1, voter: null });
            for (let c = 0; c < b; c++) {
              for (let voter = 0; voter < acceptorCount; voter++) {
                if (hasAcceptor(q, voter) && votedFor(s, voter, c, v)) visit({ type: "VoteFor", a, b, v, q, c, voter });
              }
            }
          }
        }
      }
    }
  };
}

/** Every acceptor of `q` has moved on to `b` or beyond (ShowsSafeAt's first conjunct). */
function joined(s: VotingState, q: AcceptorSet, b: number): boolean {
  for (let a = 0; a < s.maxBal.length; a++) if (hasAcceptor(q, a) && s.maxBal[a]! < b) return false;
  return true;
}

/** The table and the candidates of {@link votingCandidates}. */
export function votingTransitions(config: VotingConfig): Transitions<VotingState, VotingAction> {
  return { table: votingActionTable(config), candidates: votingCandidates(config) };
}
