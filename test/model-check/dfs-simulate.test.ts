/**
 * Depth-first search and random simulation on hand-built graphs (counts
 * worked out in the comments) and on 2PC, against the naive reference
 * explorer of test/support.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { dfs } from "../../model-check/dfs.js";
import { simulate } from "../../model-check/simulate.js";
import { StopSignal } from "../../model-check/stop.js";
import { Random } from "../../model-check/random.js";
import { twoPhaseModel, twoPhaseVariants } from "../../src/twophase/index.js";
import { graphModel } from "../support/graph-model.js";
import { exploreReference } from "../support/reference-explorer.js";

describe("depth-first search", () => {
  it("counts like BFS on a diamond with a self-loop", () => {
    // As in bfs.test.ts: 4 distinct, 6 generated (1 initial + 2 + 1 + 1 + 1 loop).
    const result = dfs(graphModel({ initial: [0], edges: { 0: [1, 2], 1: [3], 2: [3], 3: [3] } }), { checkDeadlock: false });
    expect(result).toMatchObject({ distinctStates: 4, statesGenerated: 6, depth: 3, complete: true, violation: null });
  });

  it("with a bound, finds a state first met deep again by a shorter path, and explores on from there", () => {
    // 0 -> 1 -> 2 -> 3 and 0 -> 3 -> 4. DFS meets 3 first at level 4 (via 1, 2), where the bound 4 stops it,
    // then again at level 2 from 0: it must expand 3 then, so 4 (level 3) is found. All 5 states lie within 4 levels.
    const model = graphModel({ initial: [0], edges: { 0: [1, 3], 1: [2], 2: [3], 3: [4] } });
    const result = dfs(model, { checkDeadlock: false, maxDepth: 4 });
    expect(result.distinctStates).toBe(5);
    expect(result.complete).toBe(false);
    // Bound 2: levels 1 and 2 only, i.e. 0, 1, 3.
    expect(dfs(model, { checkDeadlock: false, maxDepth: 2 }).distinctStates).toBe(3);
  });

  it("with bound N finds exactly the 2PC states within N levels (reference explorer's BFS levels)", () => {
    const model = twoPhaseModel({ rmCount: 3 });
    const graph = exploreReference(model);
    const level = new Map<string, number>();
    const texts = [...graph.states.keys()];
    level.set(texts[0]!, 1);
    for (const edge of graph.edges) if (!level.has(edge.to)) level.set(edge.to, level.get(edge.from)! + 1);
    for (const bound of [1, 2, 5, 8, 11, 20]) {
      const within = [...level.values()].filter((l) => l <= bound).length;
      expect(dfs(model, { checkDeadlock: false, maxDepth: bound }).distinctStates).toBe(within);
    }
  });

  it("reports a deadlock with the path that leads to it", () => {
    const result = dfs(graphModel({ initial: [0], edges: { 0: [1, 5], 1: [2] } }), { checkDeadlock: true });
    expect(result.violation?.kind).toBe("deadlock");
    expect(result.violation?.trace.steps.map((s) => s.state)).toEqual([1, 2]);
  });

  it("finds the 2PC bug-zoo violation with a behaviour that replays through step", () => {
    const variant = twoPhaseVariants[0]!;
    const model = twoPhaseModel({ rmCount: 3 }, variant.rules);
    const result = dfs(model, { checkDeadlock: true });
    expect(result.violation).toMatchObject({ kind: "invariant", name: variant.breaks });
    let state = result.violation!.trace.initial;
    for (const step of result.violation!.trace.steps) {
      state = model.step(state, step.action)!;
      expect(state).toEqual(step.state);
    }
  });

  it("under --max-states stops without claiming completeness", () => {
    const result = dfs(twoPhaseModel({ rmCount: 4 }), { checkDeadlock: false, maxStates: 100 });
    expect(result.complete).toBe(false);
    expect(result.stoppedBy).toBe("max-states");
    expect(result.distinctStates).toBe(100);
  });

  it("stops at a StopSignal's request (read every 1,024 expansions) with a partial result", () => {
    const stop = new StopSignal();
    stop.request("signal");
    // 2PC rm6 has 50,816 states (TLC, spec/manifest.json): a search that ignored the request would see them all.
    const result = dfs(twoPhaseModel({ rmCount: 6 }), { checkDeadlock: false, stop });
    expect(result).toMatchObject({ complete: false, stoppedBy: "signal", violation: null });
    expect(result.distinctStates).toBeLessThan(50_816);
  });

  it("reports a --depth bound as its reason", () => {
    expect(dfs(twoPhaseModel({ rmCount: 3 }), { checkDeadlock: false, maxDepth: 3 }).stoppedBy).toBe("depth");
    expect(dfs(twoPhaseModel({ rmCount: 3 }), { checkDeadlock: false }).stoppedBy).toBeNull();
  });
});

describe("random simulation", () => {
  const model = twoPhaseModel({ rmCount: 4 });
  const options = { checkDeadlock: false, traces: 200, maxDepth: 30 };

  it("stops at a StopSignal's request after the behaviour under way; a finished simulation has no stop reason", () => {
    const stop = new StopSignal();
    stop.request("signal");
    const stopped = simulate(model, { ...options, seed: 1, stop });
    expect(stopped).toMatchObject({ traces: 1, stoppedBy: "signal" });
    expect(simulate(model, { ...options, seed: 1 })).toMatchObject({ traces: 200, stoppedBy: null });
  });

  it("is reproducible from its seed", () => {
    const first = simulate(model, { ...options, seed: 2024 });
    const second = simulate(model, { ...options, seed: 2024 });
    expect({ ...second, durationMs: 0 }).toEqual({ ...first, durationMs: 0 });
  });

  it("differs between seeds", () => {
    const results = [1, 2, 3].map((seed) => simulate(model, { ...options, seed }).distinctStates);
    expect(new Set(results).size).toBeGreaterThan(1);
  });

  it("visits only reachable states, never more than there are, with behaviours of at most the bound", () => {
    const result = simulate(model, { ...options, seed: 7 });
    expect(result.distinctStates).toBeLessThanOrEqual(bfs(model, { checkDeadlock: false }).distinctStates);
    expect(result.depth).toBeLessThanOrEqual(30);
    expect(result.traces).toBe(200);
  });

  it("finds the bug-zoo violation, and the same behaviour again from the same seed", () => {
    const variant = twoPhaseVariants[0]!;
    const broken = twoPhaseModel({ rmCount: 3 }, variant.rules);
    const first = simulate(broken, { checkDeadlock: true, traces: 1000, maxDepth: 20, seed: 11 });
    expect(first.violation).toMatchObject({ kind: "invariant", name: variant.breaks });
    const again = simulate(broken, { checkDeadlock: true, traces: 1000, maxDepth: 20, seed: 11 });
    expect(again.violation!.trace).toEqual(first.violation!.trace);
    expect(again.traces).toBe(first.traces);
  });

  it("reports a deadlock at the end of a chain", () => {
    const result = simulate(graphModel({ initial: [0], edges: { 0: [1], 1: [2] } }), { checkDeadlock: true, traces: 1, maxDepth: 10, seed: 0 });
    expect(result.violation?.kind).toBe("deadlock");
    expect(result.violation?.trace.steps.map((s) => s.state)).toEqual([1, 2]);
  });
});

describe("Random", () => {
  it("is deterministic per seed and stays in range", () => {
    const a = new Random(99);
    const b = new Random(99);
    for (let i = 0; i < 1000; i++) {
      const x = a.below(7);
      expect(x).toBe(b.below(7));
      expect(x >= 0 && x < 7).toBe(true);
    }
    expect(new Random(1).nextUint32()).not.toBe(new Random(2).nextUint32());
    expect(new Random(2 ** 40).nextUint32()).not.toBe(new Random(2 ** 40 + 1).nextUint32());
  });
});
