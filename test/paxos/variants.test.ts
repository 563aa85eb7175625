/**
 * The Paxos bug zoo, on the default config (3 acceptors, 2 values, MaxBallot
 * 1): each variant must be caught with the invariant it names, by a shortest
 * counterexample that replays through the variant's own `step`; and each
 * must lose Agreement itself within the same bounds (checked with Agreement
 * as the only invariant, since the supporting invariants catch the mistake
 * earlier). These variants are searched as the CLI searches by default,
 * without the refinement claim checked (checked, RefinesVoting names itself
 * first on accept-below-promise's wrong step: test/refinement/variants.test.ts).
 * A variant named after the refinement (shared-promise, which breaks no
 * invariant) is searched with it checked (`refinement: true`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { projectRoot } from "../../model-check/project-root.js";
import { refinementCheck } from "../../model-check/refinement.js";
import { lastState } from "../../model-check/replay.js";
import type { Trace } from "../../model-check/result.js";
import { type PaxosAction, type PaxosState, paxos, paxosModel, paxosVariants } from "../../src/paxos/index.js";
import { type PaxosModel, shortestPathTo } from "./support.js";

const config = { acceptorCount: 3, valueCount: 2, maxBallot: 1 };

/** The refinement every Paxos model claims: RefinesVoting. */
const refinementName = paxosModel(config).refinement!.name;
/** The variants named after an invariant, and those named after the refinement. */
const byInvariant = paxosVariants.filter((v) => v.breaks !== refinementName);
const byRefinement = paxosVariants.filter((v) => v.breaks === refinementName);

/** The same model checking only the named invariant. */
function checkingOnly(model: PaxosModel, name: string): PaxosModel {
  return { ...model, invariants: model.invariants.filter((i) => i.name === name) };
}

/** Replays a trace through `step`; returns its last state. */
function replay(model: PaxosModel, trace: Trace<PaxosState, PaxosAction>): PaxosState {
  expect(model.initialStates()).toContainEqual(trace.initial);
  let state = trace.initial;
  for (const step of trace.steps) {
    const next = model.step(state, step.action);
    expect(next).toEqual(step.state);
    state = next!;
  }
  return state;
}

/** Independent check: a plain BFS's distance to the nearest state violating the invariant. */
function shortestViolation(model: PaxosModel, name: string): number | undefined {
  const invariant = model.invariants.find((i) => i.name === name)!;
  return shortestPathTo(model, (s) => !invariant.holds(s));
}

describe("the reference spec breaks no invariant in the variants' bounds", () => {
  it("3 acceptors, 2 values, MaxBallot 1", () => {
    expect(bfs(paxosModel(config), { checkDeadlock: true }).violation).toBeNull();
  });

  it("nor its refinement, when that is checked", () => {
    expect(bfs(paxosModel(config), { checkDeadlock: true, refinement: true }).violation).toBeNull();
  });
});

describe("the bug zoo", () => {
  it("has variants named after an invariant and one named after the refinement", () => {
    expect(refinementName).toBe("RefinesVoting");
    expect(byInvariant.length).toBeGreaterThan(0);
    expect(byRefinement.map((v) => v.name)).toEqual(["shared-promise"]);
  });
});

describe.each(byInvariant.map((v) => [v.name, v] as const))("variant %s", (_name, variant) => {
  const model = paxosModel(config, variant.rules);
  const result = bfs(model, { checkDeadlock: true });

  it(`is caught: ${variant.breaks} is violated`, () => {
    expect(result.violation).not.toBeNull();
    expect(result.violation!.kind).toBe("invariant");
    expect(result.violation!.kind === "invariant" && result.violation!.name).toBe(variant.breaks);
  });

  it("its counterexample replays through step and ends in the first state that breaks it", () => {
    const trace = result.violation!.trace;
    const invariant = model.invariants.find((i) => i.name === variant.breaks)!;
    expect(invariant.holds(replay(model, trace))).toBe(false);
    for (const state of [trace.initial, ...trace.steps.slice(0, -1).map((s) => s.state)]) {
      expect(model.invariants.every((i) => i.holds(state))).toBe(true);
    }
  });

  it("its counterexample is a shortest one", () => {
    expect(result.violation!.trace.steps.length).toBe(shortestViolation(model, variant.breaks));
  });

  it("loses Agreement within the same bounds, by a shortest behaviour that replays", () => {
    const agreementOnly = checkingOnly(model, "Agreement");
    const lost = bfs(agreementOnly, { checkDeadlock: true }).violation;
    expect(lost?.kind === "invariant" && lost.name).toBe("Agreement");
    const last = replay(agreementOnly, lost!.trace);
    expect(agreementOnly.invariants[0]!.holds(last)).toBe(false);
    expect(lost!.trace.steps.length).toBe(shortestViolation(agreementOnly, "Agreement"));
    expect(lost!.trace.steps.length).toBeGreaterThanOrEqual(result.violation!.trace.steps.length);
    expect(lastState(lost!.trace)).toEqual(last);
  });

  it("is reachable from the CLI's protocol entry", () => {
    const fromEntry = bfs(paxos.model({ acceptors: 3, values: 2, "max-ballot": 1 }, variant.name), { checkDeadlock: true });
    expect(fromEntry.violation?.trace.steps.length).toBe(result.violation!.trace.steps.length);
  });
});

describe.each(byRefinement.map((v) => [v.name, v] as const))("variant %s, with the refinement checked", (_name, variant) => {
  const model = paxosModel(config, variant.rules);
  const result = bfs(model, { checkDeadlock: true, refinement: true });
  const check = refinementCheck<PaxosState, PaxosAction, unknown>(model.refinement!);

  it(`is caught: ${variant.breaks} is violated`, () => {
    expect(result.violation).toMatchObject({ kind: "action-property", name: variant.breaks });
  });

  it("its counterexample replays through step, and only its last step breaks the refinement", () => {
    const trace = result.violation!.trace;
    replay(model, trace);
    expect(check.initialHolds(trace.initial)).toBe(true);
    let state = trace.initial;
    trace.steps.forEach((step, i) => {
      expect(check.property.holds(state, step.action, step.state)).toBe(i < trace.steps.length - 1);
      state = step.state;
    });
  });

  it("its counterexample is a shortest one", () => {
    // Independent check: a plain BFS's distance to the nearest state with a successor the step test refuses, plus one.
    const before = shortestPathTo(model, (s) => {
      let refused = false;
      model.forEachSuccessor(s, (action, next) => (refused ||= !check.property.holds(s, action, next)));
      return refused;
    });
    expect(result.violation!.trace.steps.length).toBe(before! + 1);
  });

  it("is not reported without the refinement checked, and loses no invariant there", () => {
    const alone = bfs(model, { checkDeadlock: true });
    expect(alone.violation).toBeNull();
    expect(alone.complete).toBe(true);
  });

  it("is reachable from the CLI's protocol entry", () => {
    const fromEntry = bfs(paxos.model({ acceptors: 3, values: 2, "max-ballot": 1 }, variant.name), { checkDeadlock: true, refinement: true });
    expect(fromEntry.violation).toMatchObject({ kind: "action-property", name: variant.breaks });
    expect(fromEntry.violation?.trace.steps.length).toBe(result.violation!.trace.steps.length);
  });
});

describe("the non-intersecting quorums variant", () => {
  it("replaces Quorum by the single acceptors, which breaks the spec's QuorumAssumption", () => {
    const variant = paxosVariants.find((v) => v.name === "non-intersecting-quorums")!;
    const quorums = variant.rules.quorums(3);
    expect(quorums).toEqual([0b001, 0b010, 0b100]);
    expect(quorums.some((q1) => quorums.some((q2) => (q1 & q2) === 0))).toBe(true);
  });
});

describe("docs/paxos.md's bug-zoo table", () => {
  const rows = readFileSync(join(projectRoot(), "docs", "paxos.md"), "utf8")
    .split("\n")
    .filter((line) => /^\| `[a-z-]+` \|/.test(line))
    .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| |`| \|$/g, "").trim()));

  it("lists every variant with the invariant, steps and Agreement loss the checker finds", () => {
    // The table lists the variants named after an invariant; shared-promise is in docs/refinement.md.
    const documented = rows.filter(([name]) => paxosVariants.some((v) => v.name === name));
    expect(documented.map(([name]) => name)).toEqual(byInvariant.map((v) => v.name));
    for (const [name, , invariant, steps, agreementSteps] of documented) {
      const model = paxosModel(config, paxosVariants.find((v) => v.name === name)!.rules);
      const found = bfs(model, { checkDeadlock: true }).violation!;
      expect(found.kind === "invariant" && found.name).toBe(invariant);
      expect(found.trace.steps.length).toBe(Number(steps));
      const lost = bfs(checkingOnly(model, "Agreement"), { checkDeadlock: true }).violation!;
      expect(lost.trace.steps.length).toBe(Number(agreementSteps));
    }
  });
});
