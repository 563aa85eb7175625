/**
 * The actions of TCommit, one function per TLA+ action of `spec/TCommit.tla`.
 *
 * Each returns the next state, or `undefined` when the action is not
 * enabled. `Decide(r)` is a disjunction of two ways to decide; which one is
 * taken is part of the twin's action (its field `to`), so that a step is a
 * function. TLC counts one successor per disjunct that holds, and so does
 * the twin.
 *
 * @module
 */
import { type RM, type TCommitState, withRMState } from "./state.js";

/** An action of the twin: `type` is the TLA+ action's name, `rm` its parameter `r`. */
export type TCommitAction =
  | { readonly type: "Prepare"; readonly rm: RM }
  | {
      readonly type: "Decide";
      readonly rm: RM;
      /** Which disjunct of `Decide(r)`: commit or abort. */
      readonly to: "committed" | "aborted";
    };

/** The config every action reads: how many RMs there are. */
export interface TCommitContext {
  readonly rmCount: number;
}

/**
 * `canCommit`: every RM is prepared or committed, so an RM may commit.
 * @tla TCommit!canCommit
 */
export function canCommit(s: TCommitState): boolean {
  return s.rmState.every((r) => r === "prepared" || r === "committed");
}

/**
 * `notCommitted`: no RM has committed, so an RM may still abort.
 * @tla TCommit!notCommitted
 */
export function notCommitted(s: TCommitState): boolean {
  return !s.rmState.includes("committed");
}

function isRM(ctx: TCommitContext, rm: RM): boolean {
  return Number.isInteger(rm) && rm >= 0 && rm < ctx.rmCount;
}

/**
 * A working RM prepares.
 * @tla TCommit!Prepare
 */
export function prepare(ctx: TCommitContext, s: TCommitState, rm: RM): TCommitState | undefined {
  if (!isRM(ctx, rm)) return undefined;
  if (s.rmState[rm] !== "working") return undefined;
  return withRMState(s, rm, "prepared");
}

/**
 * An RM decides: a prepared RM commits when every RM is prepared or
 * committed (`canCommit`); a working or prepared RM aborts while no RM has
 * committed (`notCommitted`).
 * @tla TCommit!Decide
 */
export function decide(ctx: TCommitContext, s: TCommitState, rm: RM, to: "committed" | "aborted"): TCommitState | undefined {
  if (!isRM(ctx, rm)) return undefined;
  const r = s.rmState[rm];
  if (to === "committed") {
    if (r !== "prepared") return undefined;
    if (!canCommit(s)) return undefined;
    return withRMState(s, rm, "committed");
  }
  if (r !== "working" && r !== "prepared") return undefined;
  if (!notCommitted(s)) return undefined;
  return withRMState(s, rm, "aborted");
}
