/**
 * The state of Two-Phase Commit: the spec's four variables, as immutable data.
 *
 * @module
 */

/**
 * A resource manager, numbered from 0. RM `i` is the model value `r{i+1}` in
 * the spec's configs, so RM 0 prints as `r1`.
 */
export type RM = number;

/** The spec's model value for an RM. */
export function rmName(rm: RM): string {
  return `r${rm + 1}`;
}

/** A resource manager's state, `rmState[r]` in the spec. */
export type RMState = "working" | "prepared" | "committed" | "aborted";

/** The transaction manager's state, `tmState` in the spec. */
export type TMState = "init" | "committed" | "aborted";

/**
 * A set of RMs as a bitmask (bit `i` set when RM `i` is a member). Numbers are
 * immutable, so a set can never be changed under a state that holds it.
 */
export type RMSet = number;

/** The empty set of RMs. */
export const noRMs: RMSet = 0;

/** `rm \in set`. */
export function hasRM(set: RMSet, rm: RM): boolean {
  return (set & (1 << rm)) !== 0;
}

/** `set \cup {rm}`. */
export function withRM(set: RMSet, rm: RM): RMSet {
  return set | (1 << rm);
}

/** The set of all `rmCount` RMs, `RM` in the spec. */
export function allRMs(rmCount: number): RMSet {
  return (1 << rmCount) - 1;
}

/**
 * The spec's `msgs`: every message sent so far. The possible messages are
 * `[type |-> "Prepared", rm |-> r]` for each RM, `[type |-> "Commit"]` and
 * `[type |-> "Abort"]`, so the set is stored as membership of each.
 */
export interface Messages {
  /** The RMs `r` with `[type |-> "Prepared", rm |-> r] \in msgs`. */
  readonly prepared: RMSet;
  /** `[type |-> "Commit"] \in msgs`. */
  readonly commit: boolean;
  /** `[type |-> "Abort"] \in msgs`. */
  readonly abort: boolean;
}

/** A state of the spec: one value per variable. */
export interface TwoPhaseState {
  /** `rmState[r]` is at index `r`. */
  readonly rmState: readonly RMState[];
  readonly tmState: TMState;
  /** The RMs from which the TM has received a Prepared message. */
  readonly tmPrepared: RMSet;
  readonly msgs: Messages;
}

/** The spec's `Init`: every RM working, the TM undecided, nothing sent. */
export function initialState(rmCount: number): TwoPhaseState {
  return {
    rmState: Array.from({ length: rmCount }, (): RMState => "working"),
    tmState: "init",
    tmPrepared: noRMs,
    msgs: { prepared: noRMs, commit: false, abort: false },
  };
}

/** A copy of `rmState` with RM `rm` in state `to` (`[rmState EXCEPT ![rm] = to]`). */
export function setRMState(rmState: readonly RMState[], rm: RM, to: RMState): readonly RMState[] {
  const next = rmState.slice();
  next[rm] = to;
  return next;
}
