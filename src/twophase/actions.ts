/**
 * The actions of Two-Phase Commit, one function per TLA+ action.
 *
 * Each function returns the next state, or `undefined` when the action is not
 * enabled. Guards come first, in the spec's order; the update follows. No
 * function changes its input: every update builds new values.
 *
 * @module
 */
import { type RM, type TwoPhaseState, allRMs, hasRM, setRMState, withRM } from "./state.js";

/** An action of the twin; `type` is the TLA+ action's name, `rm` its parameter. */
export type TwoPhaseAction =
  | { readonly type: "TMRcvPrepared"; readonly rm: RM }
  | { readonly type: "TMCommit" }
  | { readonly type: "TMAbort" }
  | { readonly type: "RMPrepare"; readonly rm: RM }
  | { readonly type: "RMChooseToAbort"; readonly rm: RM }
  | { readonly type: "RMRcvCommitMsg"; readonly rm: RM }
  | { readonly type: "RMRcvAbortMsg"; readonly rm: RM };

/**
 * The checks that bug-zoo variants may replace. The reference rules are the
 * spec's; a variant swaps one of them and inherits everything else.
 */
export interface TwoPhaseRules {
  /** TMCommit's guard on what the TM knows; the spec's is `tmPrepared = RM`. */
  readonly tmMayCommit: (ctx: TwoPhaseContext, s: TwoPhaseState) => boolean;
}

/** What every action needs besides the state: the config and the rules in force. */
export interface TwoPhaseContext {
  readonly rmCount: number;
  readonly rules: TwoPhaseRules;
}

/** The spec's rules. */
export const referenceRules: TwoPhaseRules = {
  tmMayCommit: (ctx, s) => s.tmPrepared === allRMs(ctx.rmCount),
};

/**
 * The undecided TM records a Prepared message from `rm`.
 * @tla TwoPhase!TMRcvPrepared
 */
export function tmRcvPrepared(_ctx: TwoPhaseContext, s: TwoPhaseState, rm: RM): TwoPhaseState | undefined {
  if (s.tmState !== "init") return undefined;
  if (!hasRM(s.msgs.prepared, rm)) return undefined;
  return { ...s, tmPrepared: withRM(s.tmPrepared, rm) };
}

/**
 * The TM decides to commit once every RM is prepared.
 * @tla TwoPhase!TMCommit
 */
export function tmCommit(ctx: TwoPhaseContext, s: TwoPhaseState): TwoPhaseState | undefined {
  if (s.tmState !== "init") return undefined;
  if (!ctx.rules.tmMayCommit(ctx, s)) return undefined;
  return { ...s, tmState: "committed", msgs: { ...s.msgs, commit: true } };
}

/**
 * The undecided TM decides to abort.
 * @tla TwoPhase!TMAbort
 */
export function tmAbort(_ctx: TwoPhaseContext, s: TwoPhaseState): TwoPhaseState | undefined {
  if (s.tmState !== "init") return undefined;
  return { ...s, tmState: "aborted", msgs: { ...s.msgs, abort: true } };
}

/**
 * A working RM prepares and sends Prepared to the TM.
 * @tla TwoPhase!RMPrepare
 */
export function rmPrepare(_ctx: TwoPhaseContext, s: TwoPhaseState, rm: RM): TwoPhaseState | undefined {
  if (s.rmState[rm] !== "working") return undefined;
  return {
    ...s,
    rmState: setRMState(s.rmState, rm, "prepared"),
    msgs: { ...s.msgs, prepared: withRM(s.msgs.prepared, rm) },
  };
}

/**
 * A working RM aborts on its own.
 * @tla TwoPhase!RMChooseToAbort
 */
export function rmChooseToAbort(_ctx: TwoPhaseContext, s: TwoPhaseState, rm: RM): TwoPhaseState | undefined {
  if (s.rmState[rm] !== "working") return undefined;
  return { ...s, rmState: setRMState(s.rmState, rm, "aborted") };
}

/**
 * An RM receives the commit decision. Enabled again after it committed: the
 * step then leaves the state as it is, as in the spec.
 * @tla TwoPhase!RMRcvCommitMsg
 */
export function rmRcvCommitMsg(_ctx: TwoPhaseContext, s: TwoPhaseState, rm: RM): TwoPhaseState | undefined {
  if (!s.msgs.commit) return undefined;
  return { ...s, rmState: setRMState(s.rmState, rm, "committed") };
}

/**
 * An RM receives the abort decision (possibly again).
 * @tla TwoPhase!RMRcvAbortMsg
 */
export function rmRcvAbortMsg(_ctx: TwoPhaseContext, s: TwoPhaseState, rm: RM): TwoPhaseState | undefined {
  if (!s.msgs.abort) return undefined;
  return { ...s, rmState: setRMState(s.rmState, rm, "aborted") };
}
