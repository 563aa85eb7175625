/**
 * The witness goals of Paxos: what every shipped config must reach, so that
 * Agreement and the message invariants are checked where they could fail.
 * Their TLA+ forms are in spec/MCPaxosGoals.tla, which TLC uses to confirm
 * each one.
 *
 * @module
 */
import type { Witness } from "../protocol.js";
import type { PaxosAction } from "./actions.js";
import { type InvariantContext, chosenValues } from "./invariants.js";
import type { PaxosState } from "./state.js";

/**
 * Whether every quorum that has answered ballot `b` with 1b messages has a
 * member that reports a vote: then a proposal in `b` is forced to the value
 * of the highest reported vote, whichever quorum the leader uses.
 */
function proposalForced(ctx: InvariantContext, s: PaxosState, b: number): boolean {
  let answered = 0;
  let reporting = 0;
  for (const m of s.msgs) {
    if (m.type !== "1b" || m.bal !== b) continue;
    answered |= 1 << m.acc;
    if (m.mbal >= 0) reporting |= 1 << m.acc;
  }
  return ctx.quorums.every((q) => (q & answered) !== q || (q & reporting) !== 0);
}

/** The goals for a config, in the order reports list them. */
export function paxosWitnesses(ctx: InvariantContext): readonly Witness<PaxosState, PaxosAction>[] {
  return [
    {
      kind: "state",
      name: "ValueChosen",
      description: "a quorum votes for a value in one ballot: Agreement's antecedent is reached",
      holds: (s) => chosenValues(ctx, s) !== 0,
    },
    {
      kind: "step",
      name: "ProposalForced",
      description: "a leader proposes in a ballot where every quorum that answered reports a vote (Phase2a's constrained case)",
      holds: (s, a) => a.type === "Phase2a" && proposalForced(ctx, s, a.b),
    },
    {
      kind: "state",
      name: "VotesInTwoBallots",
      description: "an acceptor votes in two different ballots: the safety argument across ballots is exercised",
      holds: (s) => {
        const ballotsOf = new Map<number, number>();
        for (const m of s.msgs) {
          if (m.type !== "2b") continue;
          const seen = ballotsOf.get(m.acc);
          if (seen !== undefined && seen !== m.bal) return true;
          ballotsOf.set(m.acc, m.bal);
        }
        return false;
      },
    },
  ];
}
