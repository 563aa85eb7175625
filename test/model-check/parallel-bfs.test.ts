/**
 * The parallel BFS's own machinery on 2PC: the shared table growing while
 * workers are mid-level (a deliberately small first table), one worker
 * thread, symmetry reduction, and --max-states. BFS in this thread is the
 * reference.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { StopSignal } from "../../model-check/stop.js";
import { parallelBfs } from "../../model-check/parallel/parallel-bfs.js";
import { twoPhaseModel } from "../../src/twophase/index.js";

const counts = (r: { distinctStates: number; statesGenerated: number; depth: number }) => [r.distinctStates, r.statesGenerated, r.depth];

describe("parallel BFS", () => {
  const reference = bfs(twoPhaseModel({ rmCount: 6 }), { checkDeadlock: true });

  it("counts exactly while its shared table grows many times (first table: 8192 slots)", () => {
    const result = parallelBfs({ protocol: "twophase", options: { rm: 6 } }, { checkDeadlock: true, workers: 2, initialCapacity: 8192 });
    expect(counts(result)).toEqual(counts(reference));
    // 50,816 fingerprints need several growths by 1.5 from 8192 slots.
    expect(result.visitedSetBytes).toBeGreaterThan(8 * 8192 * 1.5 ** 3);
    expect(result.visitedSetBytes / result.distinctStates).toBeLessThanOrEqual(16);
  });

  it("counts exactly on one worker thread", () => {
    expect(counts(parallelBfs({ protocol: "twophase", options: { rm: 6 } }, { checkDeadlock: true, workers: 1 }))).toEqual(counts(reference));
  });

  it("reduces by symmetry exactly as the single-threaded search does", () => {
    const single = bfs(twoPhaseModel({ rmCount: 6 }), { checkDeadlock: true, symmetry: true });
    const parallel = parallelBfs({ protocol: "twophase", options: { rm: 6 } }, { checkDeadlock: true, workers: 2, symmetry: true });
    expect(counts(parallel)).toEqual(counts(single));
  });

  it("stops exactly at --max-states without claiming completeness", () => {
    const result = parallelBfs({ protocol: "twophase", options: { rm: 6 } }, { checkDeadlock: true, workers: 2, maxStates: 10_000 });
    expect(result.complete).toBe(false);
    expect(result.stoppedBy).toBe("max-states");
    expect(result.violation).toBeNull();
    // Every worker takes a unit of shared room before it stores a state, so the bound is exact, as in one thread.
    expect(result.distinctStates).toBe(10_000);
    expect(result.distinctStates).toBeLessThan(reference.distinctStates);
  });

  it("stops at a StopSignal's request with a partial result", () => {
    const stop = new StopSignal();
    const result = parallelBfs(
      { protocol: "twophase", options: { rm: 8 } },
      { checkDeadlock: true, workers: 2, stop, progressIntervalMs: 10, onProgress: () => stop.request("signal") },
    );
    expect(result).toMatchObject({ complete: false, stoppedBy: "signal", violation: null });
    // 2PC rm8 has 1,745,408 states (TLC, spec/manifest.json); the request came after 10 ms.
    expect(result.distinctStates).toBeLessThan(1_745_408);
  });
});
