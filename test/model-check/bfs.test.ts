/**
 * The breadth-first checker on hand-built graphs whose counts are worked out
 * in the comments, following TLC's counting rules (see model-check/bfs.ts).
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { StopSignal } from "../../model-check/stop.js";
import { graphModel } from "../support/graph-model.js";

const noDeadlock = { checkDeadlock: false };

describe("counts", () => {
  it("a diamond 0 -> {1, 2} -> 3 with a self-loop on 3", () => {
    // Generated: 1 initial + 2 (from 0) + 1 (from 1) + 1 (from 2) + 1 (loop) = 6.
    // Distinct: 4. Levels: {0}, {1, 2}, {3} = depth 3.
    const result = bfs(graphModel({ initial: [0], edges: { 0: [1, 2], 1: [3], 2: [3], 3: [3] } }), noDeadlock);
    expect(result).toMatchObject({ distinctStates: 4, statesGenerated: 6, depth: 3, complete: true, violation: null });
  });

  it("counts duplicate initial states and duplicate edges as generated", () => {
    // Initial 0, 0, 1 => 3 generated, 2 distinct; 0 -> 1 twice => 2 more generated.
    const result = bfs(graphModel({ initial: [0, 0, 1], edges: { 0: [1, 1], 1: [1] } }), noDeadlock);
    expect(result).toMatchObject({ distinctStates: 2, statesGenerated: 6, depth: 1 });
  });

  it("a constraint stops exploration but its violators still count as generated, not distinct", () => {
    // Chain 0 -> 1 -> 2 -> 3 with constraint s <= 1: state 2 is generated once, never stored.
    const result = bfs(graphModel({ initial: [0], edges: { 0: [1], 1: [2], 2: [3] }, constraint: (s) => s <= 1 }), noDeadlock);
    expect(result).toMatchObject({ distinctStates: 2, statesGenerated: 3, depth: 2, violation: null });
  });

  it("checks invariants on states outside the constraint, as TLC does", () => {
    const result = bfs(
      graphModel({ initial: [0], edges: { 0: [1], 1: [2] }, constraint: (s) => s <= 1, invariant: (s) => s !== 2 }),
      noDeadlock,
    );
    expect(result.violation?.kind).toBe("invariant");
    expect(result.violation?.trace.steps.map((s) => s.state)).toEqual([1, 2]);
  });

  it("--max-states stops early without claiming completeness", () => {
    const result = bfs(graphModel({ initial: [0], edges: { 0: [1], 1: [2], 2: [3] } }), { checkDeadlock: false, maxStates: 2 });
    expect(result.complete).toBe(false);
    expect(result.distinctStates).toBe(2);
    expect(result.violation).toBeNull();
  });
});

describe("why an incomplete search stopped (stoppedBy)", () => {
  const chain = graphModel({ initial: [0], edges: { 0: [1], 1: [2], 2: [3] } });
  it("null when complete, max-states and depth for the bounds", () => {
    expect(bfs(chain, noDeadlock).stoppedBy).toBeNull();
    expect(bfs(chain, { checkDeadlock: false, maxStates: 2 }).stoppedBy).toBe("max-states");
    expect(bfs(chain, { checkDeadlock: false, maxDepth: 2 })).toMatchObject({ complete: false, stoppedBy: "depth" });
  });

  it("null when a violation ended it", () => {
    const bad = graphModel({ initial: [0], edges: { 0: [1], 1: [2] }, invariant: (s) => s !== 1 });
    expect(bfs(bad, { checkDeadlock: false, maxStates: 1000 }).stoppedBy).toBeNull();
  });

  it("signal: a StopSignal requested from outside ends the search at the end of a chunk", () => {
    const stop = new StopSignal();
    stop.request("signal");
    // A long chain: a search that did not read the signal would walk all of it.
    const long = graphModel({ initial: [0], edges: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [i, [i + 1]])) });
    const result = bfs(long, { checkDeadlock: false, stop });
    expect(result).toMatchObject({ complete: false, stoppedBy: "signal", violation: null });
    expect(result.distinctStates).toBeLessThan(5001);
  });

  it("memory: an allocation that fails inside the search ends it with a partial result", () => {
    const base = graphModel({ initial: [0], edges: { 0: [1], 1: [2], 2: [3], 3: [4] } });
    const failing = {
      ...base,
      forEachSuccessor(s: number, visit: Parameters<typeof base.forEachSuccessor>[1]) {
        // The engine's own message when an ArrayBuffer cannot be allocated.
        if (s === 2) throw new RangeError("Array buffer allocation failed");
        base.forEachSuccessor(s, visit);
      },
    };
    const result = bfs(failing, noDeadlock);
    expect(result).toMatchObject({ complete: false, stoppedBy: "memory", violation: null, distinctStates: 3 });
  });

  it("any other error is not swallowed", () => {
    const base = graphModel({ initial: [0], edges: { 0: [1] } });
    const broken = {
      ...base,
      forEachSuccessor() {
        throw new RangeError("a bug");
      },
    };
    expect(() => bfs(broken, noDeadlock)).toThrow("a bug");
  });
});

describe("deadlock", () => {
  const chain = graphModel({ initial: [0], edges: { 0: [1], 1: [2] } });
  it("reports a state without enabled actions, with the path to it", () => {
    const result = bfs(chain, { checkDeadlock: true });
    expect(result.violation?.kind).toBe("deadlock");
    expect(result.violation?.trace.initial).toBe(0);
    expect(result.violation?.trace.steps.map((s) => s.state)).toEqual([1, 2]);
  });
  it("is not reported when switched off", () => {
    expect(bfs(chain, noDeadlock).violation).toBeNull();
  });
  it("is not a deadlock when the only successor is outside the constraint", () => {
    const bounded = graphModel({ initial: [0], edges: { 0: [1], 1: [2], 2: [2] }, constraint: (s) => s <= 1 });
    expect(bfs(bounded, { checkDeadlock: true }).violation).toBeNull();
  });
});

describe("counterexamples", () => {
  // Two routes to the bad state 9: 0 -> 1 -> 2 -> 3 -> 9 (4 steps) and 0 -> 5 -> 9 (2 steps).
  const twoRoutes = graphModel({
    initial: [0],
    edges: { 0: [1, 5], 1: [2], 2: [3], 3: [9], 5: [6, 9], 6: [6], 9: [9] },
    invariant: (s) => s !== 9,
  });

  it("are shortest: BFS finds the 2-step route", () => {
    const result = bfs(twoRoutes, noDeadlock);
    expect(result.violation?.kind).toBe("invariant");
    expect(result.violation?.trace.steps.map((s) => s.state)).toEqual([5, 9]);
    expect(result.violation?.trace.steps.map((s) => s.action)).toEqual([
      { type: "Go", to: 5 },
      { type: "Go", to: 9 },
    ]);
  });

  it("catch a violating initial state with an empty behaviour", () => {
    const result = bfs(graphModel({ initial: [3, 9], edges: {}, invariant: (s) => s !== 9 }), noDeadlock);
    expect(result.violation?.trace).toEqual({ initial: 9, steps: [] });
  });

  it("report action-property violations on the offending transition", () => {
    const result = bfs(
      graphModel({ initial: [0], edges: { 0: [1], 1: [0] }, actionProperty: (s, t) => t >= s }),
      noDeadlock,
    );
    expect(result.violation).toMatchObject({ kind: "action-property", name: "Prop" });
    expect(result.violation?.trace.steps.map((s) => s.state)).toEqual([1, 0]);
  });
});
