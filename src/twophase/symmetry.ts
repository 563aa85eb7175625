/**
 * Symmetry of Two-Phase Commit under permutations of the RMs (TLC's
 * `SYMMETRY Permutations(RM)`): the spec treats every RM alike, so states
 * that differ only by renaming RMs have isomorphic futures.
 *
 * An RM's part of a state is the tuple (its `rmState`, whether it is in
 * `tmPrepared`, whether its Prepared message is in `msgs`); the rest is
 * global. Two states are permutations of each other exactly when their
 * global parts are equal and their RM tuples are equal as multisets, so
 * sorting the RMs by their tuple gives a canonical member of the orbit in
 * O(n log n), instead of trying all n! permutations.
 *
 * @module
 */
import type { Symmetry } from "../protocol.js";
import { type RMState, type TwoPhaseState, hasRM } from "./state.js";

const rmStateRank: Readonly<Record<RMState, number>> = { working: 0, prepared: 1, committed: 2, aborted: 3 };

/** The tuple of RM `rm` as one number, ordered by `rmState`, then `tmPrepared`, then the Prepared message. */
export function rmTupleKey(s: TwoPhaseState, rm: number): number {
  return rmStateRank[s.rmState[rm]!] * 4 + (hasRM(s.tmPrepared, rm) ? 2 : 0) + (hasRM(s.msgs.prepared, rm) ? 1 : 0);
}

/**
 * The state with its RMs renamed so that RM `i` takes the part of RM
 * `order[i]`: `order` is a permutation of `0 .. rmCount-1`.
 */
export function permuteRMs(s: TwoPhaseState, order: readonly number[]): TwoPhaseState {
  let tmPrepared = 0;
  let prepared = 0;
  order.forEach((from, to) => {
    if (hasRM(s.tmPrepared, from)) tmPrepared |= 1 << to;
    if (hasRM(s.msgs.prepared, from)) prepared |= 1 << to;
  });
  return {
    rmState: order.map((from) => s.rmState[from]!),
    tmState: s.tmState,
    tmPrepared,
    msgs: { ...s.msgs, prepared },
  };
}

/** The RM symmetry of 2PC with `rmCount` RMs: the representative has the RM tuples in ascending order. */
export function twoPhaseSymmetry(rmCount: number): Symmetry<TwoPhaseState> {
  const rms = Array.from({ length: rmCount }, (_, rm) => rm);
  return {
    sets: ["RM"],
    representative(s) {
      const keys = rms.map((rm) => rmTupleKey(s, rm));
      const order = rms.slice().sort((a, b) => keys[a]! - keys[b]!);
      return permuteRMs(s, order);
    },
  };
}
