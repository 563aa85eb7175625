/**
 * TCommit's invariants, as predicates on twin states, named as in
 * `spec/TCommit.tla`.
 *
 * @module
 */
import type { Invariant } from "../protocol.js";
import { type TCommitState, rmStates } from "./state.js";

/**
 * `rmState` is a function from the RMs to the four RM states.
 * @tla TCommit!TCTypeOK
 */
export function tcTypeOK(rmCount: number, s: TCommitState): boolean {
  return s.rmState.length === rmCount && s.rmState.every((r) => rmStates.includes(r));
}

/**
 * No RM has committed while another has aborted.
 * @tla TCommit!TCConsistent
 */
export function tcConsistent(s: TCommitState): boolean {
  return !(s.rmState.includes("committed") && s.rmState.includes("aborted"));
}

/** The invariants, in the spec's order. */
export function tcommitInvariants(rmCount: number): readonly Invariant<TCommitState>[] {
  return [
    { name: "TCTypeOK", description: "rmState maps every RM to one of the four RM states", holds: (s) => tcTypeOK(rmCount, s) },
    { name: "TCConsistent", description: "no resource manager has committed while another has aborted", holds: tcConsistent },
  ];
}
