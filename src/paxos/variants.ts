/**
 * The Paxos bug zoo: variants that change one rule of the spec, each a
 * classic way to get Paxos wrong. `breaks` names the invariant the checker
 * reports for the default config (3 acceptors, 2 values, MaxBallot 1):
 * the first one broken on a shortest behaviour. Every variant also loses
 * Agreement within those bounds; test/paxos/variants.test.ts checks both,
 * and docs/paxos.md lists the trace lengths.
 *
 * @module
 */
import type { VariantInfo } from "../protocol.js";
import { type PaxosRules, referenceRules } from "./actions.js";
import type { AcceptorSet } from "./state.js";

/** A bug-zoo variant: its description and the rules it runs under. */
export interface PaxosVariant extends VariantInfo {
  readonly rules: PaxosRules;
}

/** `{{a1}, {a2}, ...}`: every single acceptor is a quorum. */
export function singletonQuorums(acceptorCount: number): readonly AcceptorSet[] {
  return Array.from({ length: acceptorCount }, (_, a) => 1 << a);
}

/** The variants, each built from the reference rules by replacing one of them. */
export const paxosVariants: readonly PaxosVariant[] = [
  {
    name: "accept-below-promise",
    description: "an acceptor votes for a proposal of a ballot lower than one it promised to join (Phase2b without m.bal >= maxBal[a])",
    breaks: "Msg1bConsistent",
    rules: { ...referenceRules, mayVote: () => true },
    tlaVariant: { module: "PaxosZoo", overrides: ["Phase2b <- AcceptBelowPromise_Phase2b"] },
  },
  {
    name: "ignore-reported-values",
    description: "a leader proposes any value once a quorum has joined its ballot, ignoring the votes the 1b messages report",
    breaks: "Msg2aSafe",
    rules: { ...referenceRules, respectsReports: (_q1bv, _v, m) => m === null },
    tlaVariant: { module: "PaxosZoo", overrides: ["Phase2a <- IgnoreReportedValues_Phase2a"] },
  },
  {
    name: "non-intersecting-quorums",
    description:
      "the config's Quorum is every single acceptor, {{a1}, {a2}, ...}, so two quorums need not share an acceptor (the spec's QuorumAssumption is false)",
    breaks: "Agreement",
    rules: { ...referenceRules, quorums: singletonQuorums },
    tlaVariant: {
      module: "PaxosZoo",
      overrides: [
        // Not Quorum <- SingletonQuorums: TLC would stop at Paxos's ASSUME QuorumAssumption (spec/PaxosZoo.tla says more).
        "Phase2a <- NonIntersectingQuorums_Phase2a",
        "ChosenAt <- NonIntersectingQuorums_ChosenAt",
        "SafeAt <- NonIntersectingQuorums_SafeAt",
      ],
    },
  },
  {
    name: "promise-not-recorded",
    description: "an acceptor answers a 1a message without recording its promise (Phase1b leaves maxBal unchanged)",
    breaks: "Msg1bConsistent",
    rules: { ...referenceRules, promise: (s) => s.maxBal },
    tlaVariant: { module: "PaxosZoo", overrides: ["Phase1b <- PromiseNotRecorded_Phase1b"] },
  },
  {
    name: "shared-promise",
    description:
      "one promise register for all acceptors: Phase1b raises maxBal of every acceptor to the ballot joined, which breaks no invariant but is no step of Voting (one step moves several acceptors)",
    breaks: "RefinesVoting",
    rules: { ...referenceRules, promise: (s, _a, b) => s.maxBal.map((x) => Math.max(x, b)) },
    tlaVariant: { module: "Paxos_SharedPromise", overrides: ["Phase1b <- SharedPromise_Phase1b"] },
  },
  {
    name: "two-values-per-ballot",
    description: "a leader proposes a second, different value in its ballot (Phase2a checks only that it has not proposed that same value)",
    breaks: "OneValuePerBallot",
    rules: {
      ...referenceRules,
      mayPropose: (s, b, v) => !s.msgs.some((m) => m.type === "2a" && m.bal === b && m.val === v),
    },
    tlaVariant: { module: "PaxosZoo", overrides: ["Phase2a <- TwoValuesPerBallot_Phase2a"] },
  },
];
