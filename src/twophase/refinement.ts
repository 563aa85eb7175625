/**
 * Two-Phase Commit refines TCommit: `RefinesTCommit == TC!TCSpec` in
 * spec/TwoPhase.tla, where `TC == INSTANCE TCommit` substitutes 2PC's own
 * `rmState` for TCommit's. The mapping is therefore the projection on
 * `rmState`: the TM's state and the messages are the implementation's
 * bookkeeping, invisible to the abstract spec.
 *
 * Under it, RMPrepare is TCommit's Prepare; RMRcvCommitMsg is Decide's
 * commit (or a stutter when the RM had committed already); RMChooseToAbort
 * and RMRcvAbortMsg are Decide's abort (or a stutter); the TM's actions
 * are stutters.
 *
 * @module
 */
import type { Refinement } from "../protocol.js";
import { type TCommitAction, type TCommitState, tcommitModel } from "../tcommit/index.js";
import type { TwoPhaseState } from "./state.js";

/** The refinement mapping: the TCommit state a 2PC state stands for (`rmState` as it is). */
export function twoPhaseToTCommit(s: TwoPhaseState): TCommitState {
  return { rmState: s.rmState };
}

/** `RefinesTCommit` for `rmCount` RMs, with TCommit over the same RMs. */
export function twoPhaseRefinement(rmCount: number): Refinement<TwoPhaseState, TCommitState, TCommitAction> {
  return {
    name: "RefinesTCommit",
    description: "every behaviour, projected on rmState, is a behaviour of TCommit",
    abstract: tcommitModel({ rmCount }),
    map: twoPhaseToTCommit,
  };
}
