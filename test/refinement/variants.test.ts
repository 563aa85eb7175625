/**
 * The bug-zoo variants that break a refinement: with the refinement checked
 * (`refinement: true`, off by default as in TLC, where only a config's
 * PROPERTY asks for it), each is caught by the refinement's property with a
 * shortest counterexample that replays, in every search mode; without it,
 * the search does not report the refinement, and the invariants alone miss
 * the mistake (shared-promise) or catch it only later (commit-one-short).
 * Also the two older variants that the refinement, when checked, catches
 * first. Lengths come from the checker (bfs here, and the CLI runs in
 * test/model-check/cli/check-refinement.test.ts) and from TLC (tlc.test.ts reruns every TLC figure below).
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { dfs } from "../../model-check/dfs.js";
import { refinementCheck } from "../../model-check/refinement.js";
import { simulate } from "../../model-check/simulate.js";
import { paxosModel, paxosVariants } from "../../src/paxos/index.js";
import type { Model, TwinAction } from "../../src/protocol.js";
import { formatTla } from "../../src/tla/value.js";
import { twoPhaseModel, twoPhaseVariants } from "../../src/twophase/index.js";
import { bfsDistances, exploreReference } from "../support/reference-explorer.js";

type AnyModelOf = Model<unknown, TwinAction>;

const twoPhase = (name: string) => twoPhaseModel({ rmCount: 3 }, twoPhaseVariants.find((v) => v.name === name)!.rules) as AnyModelOf;
const paxos = (name: string) =>
  paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 }, paxosVariants.find((v) => v.name === name)!.rules) as AnyModelOf;

/**
 * Independent check of "shortest": the naive explorer's graph, and the
 * fewest steps to a transition whose mapping is neither a stutter nor an
 * abstract step, compared by TLA+ text.
 */
function shortestRefinementBreak(model: AnyModelOf): number {
  const { map, abstract } = model.refinement!;
  const text = (t: unknown) => formatTla(abstract.toTla(t));
  const graph = exploreReference(model);
  const distance = bfsDistances(graph);
  let best = Infinity;
  for (const edge of graph.edges) {
    const from = map(graph.states.get(edge.from)!);
    const to = text(map(graph.states.get(edge.to)!));
    if (text(from) === to) continue;
    let found = false;
    abstract.forEachSuccessor(from, (_a, next) => (found ||= text(next) === to));
    if (!found) best = Math.min(best, distance.get(edge.from)! + 1);
  }
  return best;
}

describe.each([
  // [protocol, variant, model, steps by the checker's BFS (and TLC with PROPERTY RefinesX), what the invariants alone find]
  ["twophase", "commit-one-short", twoPhase("commit-one-short"), "RefinesTCommit", 6, { name: "TCConsistent", steps: 7 }],
  ["paxos", "shared-promise", paxos("shared-promise"), "RefinesVoting", 2, null],
] as const)("%s variant %s", (_protocol, name, model, refinement, steps, invariantsAlone) => {
  const result = bfs(model, { checkDeadlock: true, refinement: true });

  it(`breaks ${refinement} (its declared breaks), after ${steps} steps`, () => {
    const variant = [...twoPhaseVariants, ...paxosVariants].find((v) => v.name === name)!;
    expect(variant.breaks).toBe(refinement);
    expect(result.violation).toMatchObject({ kind: "action-property", name: refinement });
    expect(result.violation!.trace.steps).toHaveLength(steps);
  });

  it("its counterexample replays through step, and only its last step breaks the refinement", () => {
    const trace = result.violation!.trace;
    const check = refinementCheck<unknown, TwinAction, unknown>(model.refinement!);
    expect(check.initialHolds(trace.initial)).toBe(true);
    let state = trace.initial;
    trace.steps.forEach((step, i) => {
      const next = model.step(state, step.action);
      expect(next).toEqual(step.state);
      expect(check.property.holds(state, step.action, next!)).toBe(i === trace.steps.length - 1 ? false : true);
      state = next!;
    });
  });

  it("its counterexample is a shortest one", () => {
    expect(shortestRefinementBreak(model)).toBe(steps);
  });

  it(`is caught with the refinement checked by dfs and simulate too, and by neither without it`, () => {
    expect(dfs(model, { checkDeadlock: true, refinement: true }).violation).toMatchObject({ kind: "action-property", name: refinement });
    expect(simulate(model, { checkDeadlock: true, traces: 1000, maxDepth: 100, seed: 1, refinement: true }).violation).toMatchObject({
      kind: "action-property",
      name: refinement,
    });
    for (const r of [dfs(model, { checkDeadlock: true }), simulate(model, { checkDeadlock: true, traces: 1000, maxDepth: 100, seed: 1 })]) {
      expect(r.violation?.kind === "action-property" && r.violation.name).not.toBe(refinement);
    }
  });

  it(`without the refinement checked (the default) ${invariantsAlone === null ? "breaks no invariant" : `breaks ${invariantsAlone?.name} only later`}`, () => {
    // The model still claims the refinement: only the search option is left out.
    expect(model.refinement?.name).toBe(refinement);
    const r = bfs(model, { checkDeadlock: true });
    if (invariantsAlone === null) {
      // 25 distinct states, 72 generated: the checker here, and TLC on Paxos_SharedPromise with
      // MCPaxos_a3v2b1.cfg's constants and invariants (tlc.test.ts). Once one acceptor has joined
      // a ballot, all have, so no quorum of 1b messages ever forms: nothing is chosen, and the
      // invariants hold vacuously. The refinement does not.
      expect([r.violation, r.distinctStates, r.statesGenerated]).toEqual([null, 25, 72]);
    } else {
      expect(r.violation).toMatchObject({ kind: "invariant", name: invariantsAlone.name });
      expect(r.violation!.trace.steps).toHaveLength(invariantsAlone.steps);
      expect(invariantsAlone.steps).toBeGreaterThan(steps);
    }
  });
});

describe("older variants the refinement, when checked, catches first", () => {
  it("commit-before-all-prepared: RefinesTCommit after 4 steps, before TCConsistent after 5", () => {
    // 4: the checker, and TLC on TwoPhaseZoo.tla with PROPERTY RefinesTCommit (tlc.test.ts); 5: docs/twophase.md.
    const model = twoPhase("commit-before-all-prepared");
    const found = bfs(model, { checkDeadlock: true, refinement: true }).violation!;
    expect(found).toMatchObject({ kind: "action-property", name: "RefinesTCommit" });
    expect(found.trace.steps).toHaveLength(4);
    expect(shortestRefinementBreak(model)).toBe(4);
    const alone = bfs(model, { checkDeadlock: true }).violation!;
    expect(alone).toMatchObject({ kind: "invariant", name: "TCConsistent" });
    expect(alone.trace.steps).toHaveLength(5);
  });

  it("accept-below-promise: RefinesVoting and Msg1bConsistent break on the same step (7), and the checker names the refinement", () => {
    // The step votes below maxBal[a] (Voting's VoteFor needs maxBal[a] <= b) and makes a 1b message lie.
    // TLC, given both, names the invariant (it checks invariants of a new state before action
    // properties of the step to it; tlc.test.ts shows it); the checker tests the step first.
    const model = paxos("accept-below-promise");
    const found = bfs(model, { checkDeadlock: true, refinement: true }).violation!;
    expect(found).toMatchObject({ kind: "action-property", name: "RefinesVoting" });
    expect(found.trace.steps).toHaveLength(7);
    const alone = bfs(model, { checkDeadlock: true }).violation!;
    expect(alone).toMatchObject({ kind: "invariant", name: "Msg1bConsistent" });
    expect(alone.trace.steps).toHaveLength(7);
  });

  it("the other Paxos variants still break their invariant first, with the refinement checked", () => {
    for (const name of ["ignore-reported-values", "non-intersecting-quorums", "promise-not-recorded", "two-values-per-ballot"]) {
      const variant = paxosVariants.find((v) => v.name === name)!;
      const found = bfs(paxos(name), { checkDeadlock: true, refinement: true }).violation;
      expect(found, name).toMatchObject({ kind: "invariant", name: variant.breaks });
      expect(found!.trace.steps.length, name).toBe(bfs(paxos(name), { checkDeadlock: true }).violation!.trace.steps.length);
    }
  });
});
