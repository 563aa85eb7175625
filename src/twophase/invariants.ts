/**
 * The spec's invariants, as predicates on twin states.
 *
 * @module
 */
import type { Invariant } from "../protocol.js";
import { type RMState, type TMState, type TwoPhaseState, allRMs } from "./state.js";

const rmStates: ReadonlySet<RMState> = new Set(["working", "prepared", "committed", "aborted"]);
const tmStates: ReadonlySet<TMState> = new Set(["init", "committed", "aborted"]);

/**
 * Every variable has a value of the right type. The twin's types promise
 * most of this; the check guards the rest (array length, set bits in range).
 * @tla TwoPhase!TypeOK
 */
export function typeOK(rmCount: number, s: TwoPhaseState): boolean {
  const rms = allRMs(rmCount);
  return (
    s.rmState.length === rmCount &&
    s.rmState.every((v) => rmStates.has(v)) &&
    tmStates.has(s.tmState) &&
    (s.tmPrepared & ~rms) === 0 &&
    (s.msgs.prepared & ~rms) === 0
  );
}

/**
 * No RM has committed while another has aborted.
 * @tla TwoPhase!TCConsistent
 */
export function tcConsistent(s: TwoPhaseState): boolean {
  return !(s.rmState.includes("committed") && s.rmState.includes("aborted"));
}

/** The invariants checked on every state, in the spec's order. */
export function twoPhaseInvariants(rmCount: number): readonly Invariant<TwoPhaseState>[] {
  return [
    {
      name: "TypeOK",
      description: "every variable holds a value of its type",
      holds: (s) => typeOK(rmCount, s),
    },
    {
      name: "TCConsistent",
      description: "no resource manager has committed while another has aborted",
      holds: tcConsistent,
    },
  ];
}
