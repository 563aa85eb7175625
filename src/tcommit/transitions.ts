/**
 * The actions of TCommit as the model performs them: one table from action
 * type to function, and the candidates tried in every state, from which
 * `step` and the successor enumeration are both built.
 *
 * @module
 */
import { type ActionTable, type Transitions, fixedThen } from "../action-table.js";
import { type TCommitAction, type TCommitContext, decide, prepare } from "./actions.js";
import type { TCommitState } from "./state.js";

/** Each action of `TCNext`. */
export function tcommitActionTable(ctx: TCommitContext): ActionTable<TCommitState, TCommitAction> {
  return {
    Prepare: (s, a) => prepare(ctx, s, a.rm),
    Decide: (s, a) => decide(ctx, s, a.rm, a.to),
  };
}

/**
 * Every action of `TCNext`, in enumeration order: for each RM, `Prepare(r)`,
 * then `Decide(r)`'s commit disjunct, then its abort disjunct.
 */
export function tcommitActions(rmCount: number): readonly TCommitAction[] {
  const actions: TCommitAction[] = [];
  for (let rm = 0; rm < rmCount; rm++) {
    actions.push({ type: "Prepare", rm }, { type: "Decide", rm, to: "committed" }, { type: "Decide", rm, to: "aborted" });
  }
  return actions;
}

/** The table, and every action of {@link tcommitActions} as the candidates of every state. */
export function tcommitTransitions(ctx: TCommitContext): Transitions<TCommitState, TCommitAction> {
  return { table: tcommitActionTable(ctx), candidates: fixedThen(tcommitActions(ctx.rmCount)) };
}
