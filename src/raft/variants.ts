/**
 * The Raft bug zoo: variants that change one rule of the spec, each with the
 * invariant it breaks and the smallest bounds under which the checker finds
 * the break.
 *
 * @module
 */
import type { VariantInfo } from "../protocol.js";
import { type RaftRules, referenceRules } from "./actions.js";

/** A bug-zoo variant: its description, the rules it runs under, and where it shows. */
export interface RaftVariant extends VariantInfo {
  readonly rules: RaftRules;
  /**
   * The smallest options (CLI flags) under which the checker finds the
   * violation; options left out take their defaults.
   */
  readonly exhibitedWith: Readonly<Record<string, number>>;
  /**
   * The counterexample the zoo ships (test/raft/counterexamples/): its
   * number of steps, and whether a breadth-first search showed it shortest.
   */
  readonly counterexample: { readonly steps: number; readonly shortest: boolean };
}

export const raftVariants: readonly RaftVariant[] = [
  {
    name: "commit-previous-term",
    description:
      "a leader commits an entry of an earlier term as soon as a quorum stores it (the dissertation's Figure 3.7)",
    breaks: "LeaderCompleteness",
    rules: { ...referenceRules, mayCommit: () => true },
    exhibitedWith: { servers: 3, "max-term": 5, "max-log": 1, "max-in-flight": 1 },
    counterexample: { steps: 50, shortest: false },
  },
  {
    name: "vote-without-log-check",
    description: "a server grants its vote without checking that the candidate's log is at least as up to date",
    breaks: "LeaderCompleteness",
    rules: { ...referenceRules, candidateLogOk: () => true },
    exhibitedWith: { servers: 3, "max-term": 3, "max-log": 1, "max-in-flight": 1 },
    counterexample: { steps: 25, shortest: true },
  },
  {
    name: "truncate-on-append",
    description:
      "a follower truncates its log after every AppendEntries request it acknowledges, even when the entries already match",
    breaks: "LeaderCompleteness",
    rules: {
      ...referenceRules,
      logOnAcknowledge: (log, m) => {
        const keep = m.mprevLogIndex + m.mentries.length;
        return log.length > keep ? log.slice(0, keep) : log;
      },
    },
    exhibitedWith: { servers: 3, "max-term": 3, "max-log": 1, "max-in-flight": 2 },
    counterexample: { steps: 28, shortest: false },
  },
  {
    name: "forget-vote-on-restart",
    description: "a server forgets whom it voted for when it restarts, and may vote again in the same term",
    breaks: "ElectionSafety",
    rules: { ...referenceRules, voteAfterRestart: () => null },
    exhibitedWith: { servers: 3, "max-term": 2, "max-log": 0, "max-in-flight": 1 },
    counterexample: { steps: 18, shortest: true },
  },
  {
    name: "count-stale-votes",
    description: "a candidate counts a vote response from an earlier term towards its current election",
    breaks: "ElectionSafety",
    rules: { ...referenceRules, talliesVoteResponse: (s, i, m) => m.mterm <= s.currentTerm[i]! },
    exhibitedWith: { servers: 2, "max-term": 3, "max-log": 0, "max-in-flight": 1 },
    counterexample: { steps: 18, shortest: true },
  },
];

