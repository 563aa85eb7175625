/**
 * Witness goals: every search reports each goal of the model, breadth-first
 * search with the fewest steps that reach it. Checked against the naive
 * explorer (test/support/reference-explorer.ts), whose BFS distances are
 * computed independently of the checker; against the parallel search; and
 * `check --all`'s verdict fails when a shipped config no longer reaches a
 * goal it declares (the enabling behaviour deleted from the model).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { dfs } from "../../model-check/dfs.js";
import { ManifestError, readManifest } from "../../model-check/manifest.js";
import { specDir } from "../../model-check/project-root.js";
import { parallelBfs } from "../../model-check/parallel/parallel-bfs.js";
import { checkShippedPreset } from "../../model-check/shipped-check.js";
import { simulate } from "../../model-check/simulate.js";
import { WitnessTracker, unwitnessed } from "../../model-check/witnesses.js";
import { type ModelSource, buildModel } from "../../model-check/model-source.js";
import type { AnyModel, Model, TwinAction } from "../../src/protocol.js";
import { type TwoPhaseAction, type TwoPhaseState, twoPhase } from "../../src/twophase/index.js";
import { bfsDistances, exploreReference } from "../support/reference-explorer.js";

/** The fewest steps to each goal, from the naive explorer's graph (models without a constraint). */
function referenceWitnesses<S, A extends TwinAction>(model: Model<S, A>): Map<string, number | null> {
  const graph = exploreReference(model);
  const distance = bfsDistances(graph);
  const result = new Map<string, number | null>();
  for (const goal of model.witnesses ?? []) {
    let best: number | null = null;
    const better = (d: number) => {
      if (best === null || d < best) best = d;
    };
    for (const [key, state] of graph.states) if (goal.kind === "state" && goal.holds(state)) better(distance.get(key)!);
    for (const edge of graph.edges) {
      const from = graph.states.get(edge.from)!;
      const to = graph.states.get(edge.to)!;
      const reached = goal.kind === "state" ? goal.holds(to) : goal.holds(from, edge.action, to);
      if (reached) better(distance.get(edge.from)! + 1);
    }
    result.set(goal.name, best);
  }
  return result;
}

const sources: ModelSource[] = [
  { protocol: "twophase", options: { rm: 3 } },
  { protocol: "twophase", options: { rm: 4 } },
  { protocol: "paxos", options: { acceptors: 3, values: 2, "max-ballot": 1 } },
];
const models: [string, AnyModel, ModelSource][] = sources.map((s) => [`${s.protocol} ${JSON.stringify(s.options)}`, buildModel(s), s]);

describe("witness goals under breadth-first search", () => {
  it.each(models)("%s: each goal at the naive explorer's fewest steps", (_name, model) => {
    const expected = referenceWitnesses(model);
    const result = bfs(model, { checkDeadlock: true });
    expect(result.witnesses.length).toBe(model.witnesses!.length);
    for (const w of result.witnesses) expect([w.name, w.steps]).toEqual([w.name, expected.get(w.name)]);
    // Every goal of these configs is reached: a null here would mean the search never got there.
    expect(result.witnesses.every((w) => w.steps !== null)).toBe(true);
  });

  it.each(models)("%s: the parallel search (2 workers) reports the same lengths", (_name, model, source) => {
    const single = bfs(model, { checkDeadlock: true });
    const parallel = parallelBfs(source, { checkDeadlock: true, workers: 2 });
    expect(parallel.witnesses).toEqual(single.witnesses);
  });

  it("symmetry keeps the lengths (goals are symmetric)", () => {
    const model = twoPhase.model({ rm: 4 });
    expect(bfs(model, { checkDeadlock: true, symmetry: true }).witnesses).toEqual(bfs(model, { checkDeadlock: true }).witnesses);
  });

  it("a depth bound below a goal's length leaves it unwitnessed", () => {
    // SomeRMCommitted takes 10 steps with 4 RMs (the explorer test above); --depth 10 checks behaviours of up to 9.
    const result = bfs(twoPhase.model({ rm: 4 }), { checkDeadlock: true, maxDepth: 10 });
    expect(result.witnesses.find((w) => w.name === "SomeRMCommitted")?.steps).toBeNull();
    expect(result.witnesses.find((w) => w.name === "PreparedRMAborts")?.steps).toBe(3);
  });
});

describe("witness goals in the other search modes", () => {
  const model = twoPhase.model({ rm: 3 });
  it("depth-first search reaches every goal, in at least the fewest steps", () => {
    const shortest = bfs(model, { checkDeadlock: true }).witnesses;
    const found = dfs(model, { checkDeadlock: true }).witnesses;
    for (const [i, w] of found.entries()) expect(w.steps).toBeGreaterThanOrEqual(shortest[i]!.steps!);
  });
  it("simulation reports what its walks reached (seed 1, 200 walks)", () => {
    const found = simulate(model, { checkDeadlock: false, traces: 200, maxDepth: 30, seed: 1 }).witnesses;
    expect(found.map((w) => w.name)).toEqual(["SomeRMCommitted", "PreparedRMAborts"]);
    expect(found.every((w) => w.steps !== null)).toBe(true);
  });
});

describe("the tracker", () => {
  it("takes the shorter of two threads' witnesses and counts pending goals once", () => {
    const tracker = new WitnessTracker(twoPhase.model({ rm: 3 }));
    expect(tracker.pending).toBe(2);
    tracker.merge({ goal: 0, steps: 9, parent: 1, ordinal: 0 });
    tracker.merge({ goal: 0, steps: 8, parent: 2, ordinal: 1 });
    tracker.merge({ goal: 0, steps: 12, parent: 3, ordinal: 0 });
    expect(tracker.pending).toBe(1);
    expect(tracker.report()[0]!.steps).toBe(8);
    expect(unwitnessed(["SomeRMCommitted", "PreparedRMAborts"], tracker.report())).toEqual(["PreparedRMAborts"]);
  });
});

describe("check --all fails when a shipped config stops reaching a goal", () => {
  const preset = twoPhase.presets.find((p) => p.name === "rm3")!;
  it("the reference passes", () => {
    const checked = checkShippedPreset(twoPhase, preset, readManifest());
    expect(checked.lines.join("\n")).toContain("witnessed: 2 of 2 goals, each at TLC's depth");
    expect(checked.ok).toBe(true);
  });
  it("without RMRcvCommitMsg no RM ever commits: the check fails and names the goal", () => {
    const base = twoPhase.model({ rm: 3 }) as Model<TwoPhaseState, TwoPhaseAction>;
    const withoutCommitDelivery: Model<TwoPhaseState, TwoPhaseAction> = {
      ...base,
      forEachSuccessor(s, visit) {
        base.forEachSuccessor(s, (a, next) => {
          if (a.type !== "RMRcvCommitMsg") visit(a, next);
        });
      },
    };
    const checked = checkShippedPreset(twoPhase, preset, readManifest(), withoutCommitDelivery as AnyModel);
    expect(checked.ok).toBe(false);
    expect(checked.lines.join("\n")).toMatch(/NOT WITNESSED: SomeRMCommitted/);
  });
  it("a goal reached at another depth than TLC's is a failure too", () => {
    const manifest = readManifest();
    const shifted = {
      ...manifest,
      models: manifest.models.map((m) => (m.protocol === "twophase" && m.preset === "rm3" ? { ...m, witnesses: { ...m.witnesses, SomeRMCommitted: 7 } } : m)),
    };
    const checked = checkShippedPreset(twoPhase, preset, shifted);
    expect(checked.ok).toBe(false);
    expect(checked.lines.join("\n")).toContain("WITNESS DIFFERS FROM TLC: SomeRMCommitted: TLC 7 steps, twin 8");
  });
  it("a spec file changed since TLC's figures were recorded is stale", () => {
    const manifest = readManifest();
    const changed = {
      ...manifest,
      models: manifest.models.map((m) =>
        m.protocol === "twophase" && m.preset === "rm3" ? { ...m, sources: { ...m.sources, "TwoPhase.tla": "0".repeat(64) } } : m,
      ),
    };
    const checked = checkShippedPreset(twoPhase, preset, changed);
    expect(checked.ok).toBe(false);
    expect(checked.lines.join("\n")).toContain("STALE: spec/TwoPhase.tla changed since TLC's figures were recorded");
  });
  it("a truncated or emptied manifest is refused with one line that says how to mend it", () => {
    const dir = mkdtempSync(join(tmpdir(), "tla-twin-manifest-"));
    try {
      const text = readFileSync(join(specDir(), "manifest.json"), "utf8");
      writeFileSync(join(dir, "truncated.json"), text.slice(0, text.length / 2));
      writeFileSync(join(dir, "empty.json"), "{}");
      for (const name of ["truncated.json", "empty.json"]) {
        const read = () => readManifest(join(dir, name));
        expect(read).toThrow(ManifestError);
        expect(read).toThrow(/restore it from git or remake it with npm run tlc:golden$/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("a shipped config without a manifest entry fails", () => {
    const manifest = readManifest();
    const without = { ...manifest, models: manifest.models.filter((m) => !(m.protocol === "twophase" && m.preset === "rm3")) };
    const checked = checkShippedPreset(twoPhase, preset, without);
    expect(checked.ok).toBe(false);
    expect(checked.lines.join("\n")).toContain("no TLC figures recorded for this shipped config");
  });
});

