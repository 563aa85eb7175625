/**
 * The bridge's exploration of a twin's state graph, bounded as a
 * cross-check bounds it: by a number of distinct states, a deadline, or a
 * stop request (which a signal handler makes while the exploration runs, so
 * the exploration must give the event loop turns). Counts are TLC's, from
 * spec/manifest.json: 2PC has 288 distinct states with 3 RMs, 8,832 with 5
 * and 1,745,408 with 8.
 */
import { describe, expect, it } from "vitest";
import { StopSignal } from "../../../model-check/stop.js";
import { chunkStates, exploreTwinGraph, exploreTwinGraphBounded } from "../../../model-check/tlc/twin-graph.js";
import type { AnyModel } from "../../../src/protocol.js";
import { twoPhase } from "../../../src/twophase/index.js";

const rm = (n: number) => twoPhase.model({ rm: n }) as AnyModel;

describe("exploreTwinGraphBounded", () => {
  it("with a bound the graph fits in, gives what the unbounded exploration gives", async () => {
    const bounded = await exploreTwinGraphBounded(rm(3), { edges: true }, { maxStates: 288 });
    expect(bounded.stoppedBy).toBeNull();
    const whole = exploreTwinGraph(rm(3), { edges: true });
    expect(bounded.summary?.counts).toEqual({ distinctStates: 288, statesGenerated: 1146, depth: 11 });
    expect(bounded.summary?.counts).toEqual(whole.counts);
    expect(bounded.summary?.levels.map((l) => l.digest())).toEqual(whole.levels.map((l) => l.digest()));
  });

  it("stops past --max-states: one state fewer than the graph has is not enough", async () => {
    const bounded = await exploreTwinGraphBounded(rm(3), { edges: true }, { maxStates: 287 });
    expect(bounded.stoppedBy).toBe("max-states");
    expect(bounded.summary).toBeUndefined();
  });

  it("stops at its deadline", async () => {
    // 8,832 states: more than one chunk, so the deadline is looked at.
    expect(8832).toBeGreaterThan(chunkStates);
    const bounded = await exploreTwinGraphBounded(rm(5), { edges: false }, { deadline: Date.now() - 1 });
    expect(bounded.stoppedBy).toBe("time");
    expect(bounded.stoppedBy === "time" && bounded.distinctStates).toBeLessThan(8832);
  });

  it("lets timers run while it works, and stops when one of them asks", async () => {
    const stop = new StopSignal();
    const timer = setTimeout(() => stop.request("signal"), 100);
    const started = Date.now();
    const bounded = await exploreTwinGraphBounded(rm(8), { edges: false }, { stop });
    clearTimeout(timer);
    expect(bounded.stoppedBy).toBe("signal");
    expect(bounded.stoppedBy === "signal" && bounded.distinctStates).toBeLessThan(1_745_408);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
