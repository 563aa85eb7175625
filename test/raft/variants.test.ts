/**
 * The Raft bug zoo. Every variant ships a counterexample
 * (test/raft/counterexamples/<variant>.json, written deliberately by
 * regenerate.ts in that folder): it must replay through the variant's own `step` and break the
 * invariant the variant names at its last step and not before, and the
 * spec's rules must not be able to follow it there. Where a breadth-first
 * search of the variant takes seconds, the test runs it and checks that the
 * stored counterexample is a shortest one; the longer searches run when
 * TLA_TWIN_SLOW_TESTS=1 (nightly), with the variant's `searchWith` flags
 * (symmetry reduction and worker threads keep BFS levels, so the depth
 * found is still the fewest steps). One search (Figure 3.7, MaxTerm 5) is
 * out of reach, which its variant records.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { parallelBfs } from "../../model-check/parallel/parallel-bfs.js";
import { formatActionLabel } from "../../model-check/format.js";
import { lastState } from "../../model-check/replay.js";
import { resolveOptions } from "../../src/protocol.js";
import { type RaftAction, type RaftState, raft, raftConfigFromOptions, raftModel, raftVariants, referenceRules } from "../../src/raft/index.js";
import { bfsDistances, exploreReference } from "../support/reference-explorer.js";
import { type StoredCounterexample, counterexampleFile } from "./counterexamples/stored.js";

const slowTests = process.env["TLA_TWIN_SLOW_TESTS"] === "1";
/** Variants whose breadth-first search takes seconds, so that every run checks it. */
const quickSearches = new Set(["count-stale-votes", "forget-vote-on-restart", "keep-earlier-votes", "log-not-persisted"]);
/** Variants whose whole state space is small enough for the naive explorer. */
const independentlyChecked = new Set(["count-stale-votes"]);

function stored(name: string): StoredCounterexample {
  return JSON.parse(readFileSync(counterexampleFile(name), "utf8")) as StoredCounterexample;
}

/** The states a sequence of actions goes through, or the index of the first action that is not enabled. */
function replay(
  model: ReturnType<typeof raftModel>,
  actions: readonly RaftAction[],
): { readonly states: RaftState[]; readonly stuckAt: number | null } {
  const states = [model.initialStates()[0]!];
  for (let k = 0; k < actions.length; k++) {
    const next = model.step(states[states.length - 1]!, actions[k]!);
    if (next === undefined) return { states, stuckAt: k };
    states.push(next);
  }
  return { states, stuckAt: null };
}

describe.each(raftVariants.map((v) => [v.name, v] as const))("variant %s", (name, variant) => {
  const options = resolveOptions(raft, variant.exhibitedWith);
  const model = raft.model(options, name);
  const counterexample = stored(name);
  const invariant = model.invariants.find((i) => i.name === variant.breaks);
  // A variant may break an action property (LeaderAppendOnly) instead: it fails on the last step.
  const actionProperty = model.actionProperties.find((p) => p.name === variant.breaks);
  /** Whether the property the variant breaks holds on the step from `before` by `action` to `after`. */
  const holdsOn = (before: RaftState | undefined, action: RaftAction | undefined, after: RaftState): boolean =>
    invariant !== undefined
      ? invariant.holds(after)
      : before === undefined || actionProperty!.holds(before, action!, after);

  it(`ships a ${variant.counterexample.steps}-step counterexample for these options (${model.configLabel})`, () => {
    expect(invariant ?? actionProperty).toBeDefined();
    expect(counterexample.variant).toBe(name);
    expect(counterexample.breaks).toBe(variant.breaks);
    expect(counterexample.options).toEqual(options);
    expect(counterexample.steps).toBe(counterexample.actions.length);
    expect({ steps: counterexample.steps, shortest: counterexample.shortest }).toEqual({
      steps: variant.counterexample.steps,
      shortest: variant.counterexample.shortest,
    });
  });

  it(`its counterexample replays through step and breaks ${variant.breaks} at the last step, not before`, () => {
    const { states, stuckAt } = replay(model, counterexample.actions);
    expect(stuckAt).toBeNull();
    const last = states[states.length - 1]!;
    const n = states.length - 1;
    expect(holdsOn(states[n - 1], counterexample.actions[n - 1], last)).toBe(false);
    for (const s of states.slice(0, -1)) {
      for (const i of model.invariants) expect(i.holds(s), i.name).toBe(true);
    }
    for (let k = 1; k < n; k++) {
      for (const p of model.actionProperties) expect(p.holds(states[k - 1]!, counterexample.actions[k - 1]!, states[k]!), p.name).toBe(true);
    }
    // Within the bounds all the way, so a search with these options can find it.
    for (const s of states) expect(model.constraint!.holds(s)).toBe(true);
    expect(counterexample.labels).toEqual(counterexample.actions.map((a) => formatActionLabel(model.actionLabel(a))));
  });

  it("the spec's rules cannot follow the counterexample to the violation", () => {
    const reference = raftModel(raftConfigFromOptions(options));
    const { states, stuckAt } = replay(reference, counterexample.actions);
    const n = states.length - 1;
    const diverges =
      stuckAt !== null ||
      (reference.invariants.every((i) => i.holds(states[n]!)) &&
        reference.actionProperties.every((p) => n === 0 || p.holds(states[n - 1]!, counterexample.actions[n - 1]!, states[n]!)));
    expect(diverges).toBe(true);
  });

  if (variant.counterexample.shortest) {
    it.skipIf(!quickSearches.has(name) && !slowTests)(
      `breadth-first search finds ${variant.breaks} broken after ${variant.counterexample.steps} steps, fewest possible` +
        (quickSearches.has(name) ? "" : " (slow: runs with TLA_TWIN_SLOW_TESTS=1)"),
      () => {
        const result =
          variant.searchWith === undefined
            ? bfs(model, { checkDeadlock: false })
            : parallelBfs({ protocol: raft.name, options, variant: name }, { checkDeadlock: false, ...variant.searchWith });
        expect(result.violation?.kind).toBe(invariant !== undefined ? "invariant" : "action-property");
        expect(result.violation !== null && result.violation.kind !== "deadlock" && result.violation.name).toBe(variant.breaks);
        expect(result.violation!.trace.steps).toHaveLength(variant.counterexample.steps);
        // A parallel search's trace is rebuilt through this same model, so its states are Raft states.
        if (invariant !== undefined) expect(invariant.holds(lastState(result.violation!.trace) as RaftState)).toBe(false);
      },
      60 * 60_000, // the slow ones search millions of states (truncate-on-append: 35 M orbits, about 13 minutes on 2 cores)
    );
  } else {
    it("says how its counterexample was found, that it is not proven shortest, and what a bounded search ruled out", () => {
      expect(counterexample.foundBy).toMatch(/^scripted: .*out of reach.*not proven shortest$/);
      const bound = variant.counterexample.noneShorterThan;
      if (bound === undefined) {
        expect(counterexample.search).toBeNull();
      } else {
        // regenerate.ts ran the search bounded at this depth and stored its figures.
        expect(counterexample.search).toMatchObject({ depthBound: bound, depth: bound });
        expect(bound).toBeLessThanOrEqual(variant.counterexample.steps);
      }
    });

    const bound = variant.counterexample.noneShorterThan;
    if (bound !== undefined) {
      it.skipIf(!slowTests)(
        `breadth-first search bounded at depth ${bound} finds no violation: none has fewer than ${bound} steps (slow: runs with TLA_TWIN_SLOW_TESTS=1)`,
        () => {
          const source = { protocol: raft.name, options, variant: name };
          const result = parallelBfs(source, { checkDeadlock: false, maxDepth: bound, ...(variant.searchWith ?? { symmetry: false, workers: 1 }) });
          expect(result.violation).toBeNull();
          expect(result.complete).toBe(false);
          // Figures kept from an earlier spec (searchNote) are not this search's; the bound itself is checked above.
          if (counterexample.searchNote === undefined) expect(result.distinctStates).toBe(counterexample.search!.distinctStates);
        },
        120 * 60_000, // commit-previous-term: 130 M orbits, 44 minutes on 2 cores
      );
    }
  }

  if (!independentlyChecked.has(name)) return;
  it("its counterexample is a shortest one (independent check)", () => {
    // The naive explorer's BFS distance of the nearest state that breaks the invariant.
    const graph = exploreReference(model);
    const distance = bfsDistances(graph);
    const broken = [...graph.states].filter(([, s]) => !invariant!.holds(s));
    expect(broken.length).toBeGreaterThan(0);
    expect(Math.min(...broken.map(([t]) => distance.get(t)!))).toBe(variant.counterexample.steps);
  });
});

describe("the Raft zoo", () => {
  it("has the eight variants the issues ask for, each breaking a safety property", () => {
    expect(raftVariants.map((v) => [v.name, v.breaks])).toEqual([
      ["commit-previous-term", "LeaderCompleteness"],
      ["vote-without-log-check", "LeaderCompleteness"],
      ["truncate-on-append", "LeaderCompleteness"],
      ["forget-vote-on-restart", "ElectionSafety"],
      ["count-stale-votes", "ElectionSafety"],
      ["keep-earlier-votes", "ElectionSafety"],
      ["accept-older-leader", "CommitIndexInLog"],
      ["log-not-persisted", "LeaderAppendOnly"],
    ]);
  });

  it("each variant changes exactly one rule of the spec", () => {
    const rules = Object.keys(referenceRules) as (keyof typeof referenceRules)[];
    for (const variant of raftVariants) {
      expect(rules.filter((rule) => variant.rules[rule] !== referenceRules[rule])).toHaveLength(1);
    }
  });
});
