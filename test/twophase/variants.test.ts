/**
 * The 2PC bug zoo: each variant must be caught, with a shortest
 * counterexample that replays through the variant's own `step`. A variant
 * named after an invariant is searched as the CLI searches by default,
 * without the refinement claim checked (checked, RefinesTCommit catches
 * commit-before-all-prepared after 4 steps: test/refinement/variants.test.ts);
 * one named after the refinement, with it checked (`refinement: true`).
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { refinementCheck } from "../../model-check/refinement.js";
import { lastState } from "../../model-check/replay.js";
import type { TwinAction } from "../../src/protocol.js";
import { twoPhase, twoPhaseModel, twoPhaseVariants } from "../../src/twophase/index.js";
import { bfsDistances, exploreReference } from "../support/reference-explorer.js";

/** The refinement every 2PC model claims: RefinesTCommit. */
const refinementName = twoPhaseModel({ rmCount: 3 }).refinement!.name;
const byInvariant = twoPhaseVariants.filter((v) => v.breaks !== refinementName);
const byRefinement = twoPhaseVariants.filter((v) => v.breaks === refinementName);

describe("the bug zoo", () => {
  it("has variants named after an invariant and one named after the refinement", () => {
    expect(refinementName).toBe("RefinesTCommit");
    expect(byInvariant.length).toBeGreaterThan(0);
    expect(byRefinement.map((v) => v.name)).toEqual(["commit-one-short"]);
  });
});

describe.each(byInvariant.map((v) => [v.name, v] as const))("variant %s", (_name, variant) => {
  const model = twoPhaseModel({ rmCount: 3 }, variant.rules);
  const result = bfs(model, { checkDeadlock: true });

  it(`is caught: ${variant.breaks} is violated`, () => {
    expect(result.violation).not.toBeNull();
    expect(result.violation!.kind).toBe("invariant");
    expect(result.violation!.kind === "invariant" && result.violation!.name).toBe(variant.breaks);
  });

  it("its counterexample replays through step and ends in a violating state", () => {
    const trace = result.violation!.trace;
    let state = trace.initial;
    expect(model.initialStates()).toContainEqual(state);
    for (const step of trace.steps) {
      const next = model.step(state, step.action);
      expect(next).toEqual(step.state);
      state = next!;
    }
    const invariant = model.invariants.find((i) => i.name === variant.breaks)!;
    expect(invariant.holds(state)).toBe(false);
    expect(invariant.holds(trace.initial)).toBe(true);
  });

  it("its counterexample is a shortest one", () => {
    // Independent check: the naive explorer's BFS depth of the first violating state.
    const graph = exploreReference(model);
    const invariant = model.invariants.find((i) => i.name === variant.breaks)!;
    const distance = new Map<string, number>();
    const texts = [...graph.states.keys()];
    for (const text of texts.slice(0, model.initialStates().length)) distance.set(text, 0);
    for (const edge of graph.edges) {
      if (!distance.has(edge.to)) distance.set(edge.to, distance.get(edge.from)! + 1);
    }
    const shortest = Math.min(...[...graph.states].filter(([, s]) => !invariant.holds(s)).map(([t]) => distance.get(t)!));
    expect(result.violation!.trace.steps.length).toBe(shortest);
    expect(invariant.holds(lastState(result.violation!.trace))).toBe(false);
  });

  it("is reachable from the CLI's protocol entry", () => {
    const fromEntry = bfs(twoPhase.model({ rm: 3 }, variant.name), { checkDeadlock: true });
    expect(fromEntry.violation?.trace.steps.length).toBe(result.violation!.trace.steps.length);
  });
});

describe.each(byRefinement.map((v) => [v.name, v] as const))("variant %s, with the refinement checked", (_name, variant) => {
  const model = twoPhaseModel({ rmCount: 3 }, variant.rules);
  const result = bfs(model, { checkDeadlock: true, refinement: true });

  it(`is caught: ${variant.breaks} is violated`, () => {
    expect(result.violation).toMatchObject({ kind: "action-property", name: variant.breaks });
  });

  it("its counterexample replays through step, and only its last step breaks the refinement", () => {
    const check = refinementCheck<unknown, TwinAction, unknown>(model.refinement!);
    const trace = result.violation!.trace;
    let state = trace.initial;
    expect(model.initialStates()).toContainEqual(state);
    expect(check.initialHolds(state)).toBe(true);
    trace.steps.forEach((step, i) => {
      const next = model.step(state, step.action)!;
      expect(next).toEqual(step.state);
      expect(check.property.holds(state, step.action, next)).toBe(i < trace.steps.length - 1);
      state = next;
    });
  });

  it("its counterexample is a shortest one", () => {
    // Independent check: the naive explorer's BFS depth of the first transition the step test refuses.
    const check = refinementCheck<unknown, TwinAction, unknown>(model.refinement!);
    const graph = exploreReference(model);
    const distance = bfsDistances(graph);
    const breaking = graph.edges.filter((e) => !check.property.holds(graph.states.get(e.from)!, e.action, graph.states.get(e.to)!));
    const shortest = Math.min(...breaking.map((e) => distance.get(e.from)! + 1));
    expect(result.violation!.trace.steps.length).toBe(shortest);
  });

  it("is not reported without the refinement checked", () => {
    const alone = bfs(model, { checkDeadlock: true }).violation;
    expect(alone?.kind === "action-property" && alone.name).not.toBe(variant.breaks);
  });

  it("is reachable from the CLI's protocol entry", () => {
    const fromEntry = bfs(twoPhase.model({ rm: 3 }, variant.name), { checkDeadlock: true, refinement: true });
    expect(fromEntry.violation).toMatchObject({ kind: "action-property", name: variant.breaks });
    expect(fromEntry.violation?.trace.steps.length).toBe(result.violation!.trace.steps.length);
  });
});
