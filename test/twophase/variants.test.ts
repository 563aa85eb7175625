/**
 * The 2PC bug zoo: each variant must be caught, with a shortest
 * counterexample that replays through the variant's own `step`.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { lastState } from "../../model-check/replay.js";
import { twoPhase, twoPhaseModel, twoPhaseVariants } from "../../src/twophase/index.js";
import { exploreReference } from "../support/reference-explorer.js";

describe.each(twoPhaseVariants.map((v) => [v.name, v] as const))("variant %s", (_name, variant) => {
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
