/**
 * Paxos refines Voting: `RefinesVoting == V!Spec` in
 * spec/PaxosRefinesVoting.tla, with the refinement mapping of Lamport's
 * Paxos proof. `votes[a]` is the set of `<<m.bal, m.val>>` for the 2b
 * messages `m` that acceptor `a` sent; `maxBal` is Paxos's `maxBal`. The
 * Voting instance has Paxos's constants, its `Quorum` included (so a
 * variant that replaces the quorums replaces Voting's too, as `INSTANCE`
 * substitutes them).
 *
 * Under the mapping Phase1b is IncreaseMaxBal, a Phase2b that sends a new
 * 2b message is VoteFor, and Phase1a, Phase2a and a repeated Phase2b are
 * stutters.
 *
 * @module
 */
import type { Refinement } from "../protocol.js";
import { type VotingAction, type VotingState, voteBit, votingModel } from "../voting/index.js";
import type { PaxosContext } from "./actions.js";
import type { PaxosState } from "./state.js";

/**
 * The refinement mapping: the Voting state a Paxos state stands for.
 * @tla PaxosRefinesVoting!votes
 */
export function paxosToVoting(acceptorCount: number, s: PaxosState): VotingState {
  const votes = new Array<number>(acceptorCount).fill(0);
  for (const m of s.msgs) if (m.type === "2b") votes[m.acc]! |= voteBit(m.bal, m.val);
  return { votes, maxBal: s.maxBal };
}

/** `RefinesVoting` for the config and quorums of `ctx`. */
export function paxosRefinement(ctx: PaxosContext): Refinement<PaxosState, VotingState, VotingAction> {
  const { acceptorCount, valueCount, maxBallot } = ctx.config;
  return {
    name: "RefinesVoting",
    description: "every behaviour, with each acceptor's 2b messages as its votes and maxBal as it is, is a behaviour of Voting",
    abstract: votingModel({ acceptorCount, valueCount, maxBallot, quorums: ctx.quorums }),
    map: (s) => paxosToVoting(acceptorCount, s),
  };
}
