/**
 * The witness goals of 2PC: what every shipped config must reach, so that
 * TCConsistent is checked on states where it could fail. Their TLA+ forms
 * are in spec/TwoPhaseGoals.tla, which TLC uses to confirm each one.
 *
 * @module
 */
import type { Witness } from "../protocol.js";
import type { TwoPhaseAction } from "./actions.js";
import type { TwoPhaseState } from "./state.js";

/** The goals, in the order reports list them. */
export const twoPhaseWitnesses: readonly Witness<TwoPhaseState, TwoPhaseAction>[] = [
  {
    kind: "state",
    name: "SomeRMCommitted",
    description: "an RM commits: TCConsistent's 'committed' side is reached",
    holds: (s) => s.rmState.includes("committed"),
  },
  {
    kind: "step",
    name: "PreparedRMAborts",
    description: "an RM that had prepared aborts: the abort path runs after a vote to commit",
    holds: (s, _a, next) => s.rmState.some((r, rm) => r === "prepared" && next.rmState[rm] === "aborted"),
  },
];
