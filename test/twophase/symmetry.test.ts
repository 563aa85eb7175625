/**
 * The RM symmetry of 2PC (src/twophase/symmetry.ts): on every reachable
 * state of small configs, the O(n log n) representative is exactly the
 * minimum over all n! renamings of the RMs (ordering states by their
 * sequence of per-RM tuples), lies in the state's orbit, and is the same
 * for every member of the orbit.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { dfs } from "../../model-check/dfs.js";
import { permuteRMs, rmTupleKey, twoPhaseModel, twoPhaseSymmetry } from "../../src/twophase/index.js";
import type { TwoPhaseState } from "../../src/twophase/index.js";
import { exploreReference } from "../support/reference-explorer.js";

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** The per-RM tuples of a state in RM order, as one comparable list. */
function tupleSequence(s: TwoPhaseState, rmCount: number): number[] {
  return Array.from({ length: rmCount }, (_, rm) => rmTupleKey(s, rm));
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

describe.each([1, 2, 3, 4])("2PC with %i RMs", (rmCount) => {
  const states = [...exploreReference(twoPhaseModel({ rmCount })).states.values()];
  const symmetry = twoPhaseSymmetry(rmCount);
  const renamings = permutations(rmCount);

  it(`the representative is the minimum over all ${renamings.length} renamings (${states.length} states)`, () => {
    for (const s of states) {
      const orbit = renamings.map((order) => permuteRMs(s, order));
      const minimum = orbit.reduce((best, t) =>
        compareSequences(tupleSequence(t, rmCount), tupleSequence(best, rmCount)) < 0 ? t : best,
      );
      const representative = symmetry.representative(s);
      expect(representative).toEqual(minimum);
      expect(orbit).toContainEqual(representative);
    }
  });

  it("every member of an orbit has the same representative", () => {
    for (const s of states) {
      const representative = symmetry.representative(s);
      for (const order of renamings) expect(symmetry.representative(permuteRMs(s, order))).toEqual(representative);
    }
  });

  it("states with different representatives are not renamings of each other", () => {
    // Orbits counted by brute force (the set of all renamings of each state) equal the reduced search's count.
    const orbits = new Set<string>();
    for (const s of states) {
      const keys = renamings.map((order) => JSON.stringify(permuteRMs(s, order))).sort();
      orbits.add(keys[0]!);
    }
    expect(bfs(twoPhaseModel({ rmCount }), { checkDeadlock: false, symmetry: true }).distinctStates).toBe(orbits.size);
  });
});

describe("orbits of the reduced search account for every state", () => {
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  /** The size of a state's orbit: n! over the product of (number of RMs sharing a tuple)!. */
  const orbitSize = (s: TwoPhaseState, rmCount: number): number => {
    const counts = new Map<number, number>();
    for (let rm = 0; rm < rmCount; rm++) counts.set(rmTupleKey(s, rm), (counts.get(rmTupleKey(s, rm)) ?? 0) + 1);
    return [...counts.values()].reduce((size, c) => size / factorial(c), factorial(rmCount));
  };

  it.each([1, 2, 3, 4, 5])("%i RMs: the orbit sizes of the representatives sum to the full search's distinct states", (rmCount) => {
    const model = twoPhaseModel({ rmCount });
    const symmetry = twoPhaseSymmetry(rmCount);
    const representatives = new Map<string, TwoPhaseState>();
    for (const s of exploreReference(model).states.values()) representatives.set(JSON.stringify(symmetry.representative(s)), s);
    const total = [...representatives.values()].reduce((sum, s) => sum + orbitSize(s, rmCount), 0);
    expect(total).toBe(bfs(model, { checkDeadlock: false }).distinctStates);
    expect(representatives.size).toBe(dfs(model, { checkDeadlock: false, symmetry: true }).distinctStates);
  });
});
