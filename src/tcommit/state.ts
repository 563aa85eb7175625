/**
 * The state of the abstract commit spec TCommit (`spec/TCommit.tla`): its
 * one variable `rmState`, as immutable data.
 *
 * @module
 */

/**
 * A resource manager, numbered from 0; RM `i` is the model value `r{i+1}`,
 * as in the Two-Phase Commit configs, so RM 0 prints as `r1`.
 */
export type RM = number;

/** The spec's model value for an RM. */
export function rmName(rm: RM): string {
  return `r${rm + 1}`;
}

/** `rmState[r]`: the four states the spec's `TCTypeOK` allows. */
export type RMState = "working" | "prepared" | "committed" | "aborted";

/** The states in the order the codec numbers them. */
export const rmStates: readonly RMState[] = ["working", "prepared", "committed", "aborted"];

/** A state of the spec. */
export interface TCommitState {
  /** `rmState[r]` is at index `r`. */
  readonly rmState: readonly RMState[];
}

/** The spec's `TCInit`: every RM working. */
export function initialState(rmCount: number): TCommitState {
  return { rmState: Array.from({ length: rmCount }, (): RMState => "working") };
}

/** `[rmState EXCEPT ![rm] = to]`, as a new state. */
export function withRMState(s: TCommitState, rm: RM, to: RMState): TCommitState {
  const rmState = s.rmState.slice();
  rmState[rm] = to;
  return { rmState };
}
