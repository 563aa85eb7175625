/**
 * The actions of Two-Phase Commit as the model performs them: one table
 * from action type to function, and the candidates tried in every state,
 * from which `step` and the successor enumeration are both built.
 *
 * @module
 */
import { type ActionTable, type Transitions, fixedThen } from "../action-table.js";
import type { TwoPhaseAction, TwoPhaseContext } from "./actions.js";
import { rmChooseToAbort, rmPrepare, rmRcvAbortMsg, rmRcvCommitMsg, tmAbort, tmCommit, tmRcvPrepared } from "./actions.js";
import type { TwoPhaseState } from "./state.js";

/** Each action of `Next` under the context's rules. */
export function twoPhaseActionTable(ctx: TwoPhaseContext): ActionTable<TwoPhaseState, TwoPhaseAction> {
  return {
    TMRcvPrepared: (s, a) => tmRcvPrepared(ctx, s, a.rm),
    TMCommit: (s) => tmCommit(ctx, s),
    TMAbort: (s) => tmAbort(ctx, s),
    RMPrepare: (s, a) => rmPrepare(ctx, s, a.rm),
    RMChooseToAbort: (s, a) => rmChooseToAbort(ctx, s, a.rm),
    RMRcvCommitMsg: (s, a) => rmRcvCommitMsg(ctx, s, a.rm),
    RMRcvAbortMsg: (s, a) => rmRcvAbortMsg(ctx, s, a.rm),
  };
}

/**
 * Every action the spec's `Next` can take, in enumeration order (which
 * decides the order of discovery, and so stored traces). The actions of
 * 2PC have no existentials beyond the RM, so the list depends only on the
 * config and is built once; the checker reuses the same action objects.
 */
export function twoPhaseActions(rmCount: number): readonly TwoPhaseAction[] {
  const actions: TwoPhaseAction[] = [{ type: "TMCommit" }, { type: "TMAbort" }];
  for (let rm = 0; rm < rmCount; rm++) {
    actions.push(
      { type: "TMRcvPrepared", rm },
      { type: "RMPrepare", rm },
      { type: "RMChooseToAbort", rm },
      { type: "RMRcvCommitMsg", rm },
      { type: "RMRcvAbortMsg", rm },
    );
  }
  return actions;
}

/** The table, and every action of {@link twoPhaseActions} as the candidates of every state. */
export function twoPhaseTransitions(ctx: TwoPhaseContext): Transitions<TwoPhaseState, TwoPhaseAction> {
  return { table: twoPhaseActionTable(ctx), candidates: fixedThen(twoPhaseActions(ctx.rmCount)) };
}
