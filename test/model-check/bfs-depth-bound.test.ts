/**
 * Breadth-first search bounded in depth (`maxDepth`, the CLI's `--depth`):
 * it checks exactly the states of levels 1..maxDepth and expands only those
 * of levels 1..maxDepth-1. The expected counts come from the naive
 * explorer's BFS distances (test/support/reference-explorer.ts), not from
 * the checker.
 */
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { parallelBfs } from "../../model-check/parallel/parallel-bfs.js";
import { resolveOptions } from "../../src/protocol.js";
import { raft } from "../../src/raft/index.js";
import { twoPhaseModel } from "../../src/twophase/index.js";
import { bfsDistances, exploreReference } from "../support/reference-explorer.js";

const model = twoPhaseModel({ rmCount: 4 });
const graph = exploreReference(model);

const distance = bfsDistances(graph);
const fullDepth = graph.depth;

/** What a search bounded at `maxDepth` must report: states up to distance maxDepth-1, successors of those before it. */
function expectedCounts(maxDepth: number) {
  const within = (steps: number) => [...distance.values()].filter((d) => d <= steps).length;
  const expanded = graph.edges.filter((e) => distance.get(e.from)! <= maxDepth - 2).length;
  return { distinctStates: within(maxDepth - 1), statesGenerated: 1 + expanded, depth: Math.min(maxDepth, fullDepth) };
}

const counts = (r: { distinctStates: number; statesGenerated: number; depth: number }) => ({
  distinctStates: r.distinctStates,
  statesGenerated: r.statesGenerated,
  depth: r.depth,
});

describe("breadth-first search bounded in depth", () => {
  it.each([1, 2, 5, 9])("at depth %i checks exactly the states within it, and says it is incomplete", (maxDepth) => {
    const result = bfs(model, { checkDeadlock: true, maxDepth });
    expect(counts(result)).toEqual(expectedCounts(maxDepth));
    expect(result.complete).toBe(false);
    expect(result.search.depthBound).toBe(maxDepth);
  });

  it("at or beyond the full depth is the complete search", () => {
    const full = bfs(model, { checkDeadlock: true });
    for (const maxDepth of [fullDepth + 1, fullDepth + 5]) {
      const result = bfs(model, { checkDeadlock: true, maxDepth });
      expect(counts(result)).toEqual(counts(full));
      expect(result.complete).toBe(true);
    }
  });

  it("reports the same on worker threads", () => {
    for (const maxDepth of [3, 7]) {
      const result = parallelBfs({ protocol: "twophase", options: { rm: 4 } }, { checkDeadlock: true, workers: 2, maxDepth });
      expect(counts(result)).toEqual(expectedCounts(maxDepth));
      expect(result.complete).toBe(false);
    }
  });

  it("finds a violation one step inside the bound, and none at the bound", () => {
    // count-stale-votes breaks ElectionSafety after 18 steps (its shortest trace, test/raft/variants.test.ts).
    const options = resolveOptions(raft, { servers: 2, "max-term": 3, "max-log": 0 });
    const variant = raft.model(options, "count-stale-votes");
    expect(bfs(variant, { checkDeadlock: false, maxDepth: 19 }).violation?.trace.steps).toHaveLength(18);
    const short = bfs(variant, { checkDeadlock: false, maxDepth: 18 });
    expect(short.violation).toBeNull();
    expect(short.complete).toBe(false);
  });
});
