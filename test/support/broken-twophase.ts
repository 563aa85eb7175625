/**
 * The 2PC twin with one wrong transition: from the initial state, TMAbort
 * leads to the state where RM r1 has aborted on its own (the state
 * RMChooseToAbort(r1) leads to) instead of the TM's abort.
 */
import type { AnyModel } from "../../src/protocol.js";
import { type TwoPhaseAction, type TwoPhaseState, setRMState, twoPhaseModel } from "../../src/twophase/index.js";
import { redirectTransition } from "./mutated-model.js";

export function twoPhaseWithWrongAbort(rmCount: number): AnyModel {
  const isInitial = (s: TwoPhaseState) =>
    s.tmState === "init" && s.tmPrepared === 0 && s.msgs.prepared === 0 && s.rmState.every((r) => r === "working");
  return redirectTransition<TwoPhaseState, TwoPhaseAction>(
    twoPhaseModel({ rmCount }),
    (s, a) => a.type === "TMAbort" && isInitial(s),
    (s) => ({ ...s, rmState: setRMState(s.rmState, 0, "aborted") }),
  ) as AnyModel;
}
