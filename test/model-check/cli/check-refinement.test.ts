/**
 * The refinement checks through the built CLI (`npm run build` first, as
 * `npm test` does). `--refinement` turns them on (TLC checks a refinement
 * only when a config names it as a property): with it, the reference specs
 * pass under breadth-first, depth-first and two-worker parallel search, with
 * TLC's counts, and each refinement variant fails in every mode, simulation
 * included, with the same property; breadth-first modes report the shortest
 * counterexample (steps: the checker's BFS, equal to TLC's, see
 * variants.test.ts and tlc.test.ts). Without the flag the same variants are
 * judged on their invariants alone, and on a protocol that claims no
 * refinement the flag is a usage error.
 */


import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";
import { bfs } from "../../../model-check/bfs.js";
import { dfs } from "../../../model-check/dfs.js";
import { parallelBfs } from "../../../model-check/parallel/parallel-bfs.js";
import { simulate } from "../../../model-check/simulate.js";
import { resolveOptions } from "../../../src/protocol.js";
import { paxos } from "../../../src/paxos/index.js";
import { twoPhase } from "../../../src/twophase/index.js";


const run = (...args: string[]) => runCli(args);

const modes = [["--mode", "bfs"], ["--mode", "dfs"], ["--workers", "2"]] as const;

const refinementVariants = [
  [["twophase", "--rm", "3", "--variant", "commit-one-short"], "RefinesTCommit", 6],
  [["paxos", "--variant", "shared-promise"], "RefinesVoting", 2],
] as const;

describe.each(modes)("tla-twin check %s %s --refinement", (...mode) => {
  it.each([
    // TLC's counts for TwoPhase_rm3.cfg and MCPaxos_a3v2b1.cfg (spec/manifest.json).
    [["twophase", "--rm", "3"], 288, 1146],
    [["paxos", "--preset", "a3v2b1"], 3921, 23839],
  ])("the reference %j refines its abstract spec", (args, distinct, generated) => {
    const r = run("check", ...args, ...mode, "--refinement", "--json");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ distinctStates: distinct, statesGenerated: generated, violation: null });
  });

  it.each(refinementVariants)("the variant %j breaks %s", (args, property, steps) => {
    const r = run("check", ...args, ...mode, "--refinement", "--quiet");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`checking ${property}`);
    expect(r.stdout).toContain(`Action property ${property} is violated.`);
    if (mode[1] === "dfs") expect(r.stdout).toMatch(/Counterexample \(\d+ steps, found by depth-first search\)/);
    else expect(r.stdout).toContain(`Counterexample (${steps} steps, shortest)`);
  });
});

describe("tla-twin check --mode simulate --refinement", () => {
  it.each(refinementVariants)("the variant %j breaks %s", (args, property) => {
    const r = run("check", ...args, "--mode", "simulate", "--seed", "1", "--refinement", "--quiet");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Action property ${property} is violated.`);
    expect(r.stdout).toMatch(/Counterexample \(\d+ steps, found by simulation\)/);
  });
});

describe("the searches without the refinement claim (what TLC checks under the presets' configs)", () => {
  // The CLI checks the claim for a variant that names it as what it breaks (below); the searches themselves check it only when asked.
  const commitOneShort = twoPhase.model({ rm: 3 }, "commit-one-short");
  const sharedPromise = paxos.model(resolveOptions(paxos, {}), "shared-promise");

  it("judge commit-one-short on its invariants: TCConsistent after 7 steps (TLC: 8 states, tlc.test.ts)", () => {
    const result = bfs(commitOneShort, { checkDeadlock: true });
    expect(result.violation).toMatchObject({ kind: "invariant", name: "TCConsistent" });
    expect(result.violation!.trace.steps).toHaveLength(7);
  });

  it("find nothing wrong with shared-promise in bfs, dfs and parallel bfs: it breaks no invariant", () => {
    // 25 distinct states, 72 generated: TLC's figures with MCPaxos_a3v2b1.cfg's invariants (tlc.test.ts).
    const figures = { distinctStates: 25, statesGenerated: 72, violation: null };
    expect(bfs(sharedPromise, { checkDeadlock: true })).toMatchObject(figures);
    expect(dfs(sharedPromise, { checkDeadlock: true })).toMatchObject(figures);
    expect(parallelBfs({ protocol: "paxos", options: {}, variant: "shared-promise" }, { checkDeadlock: true, workers: 2 })).toMatchObject(figures);
    expect(simulate(sharedPromise, { checkDeadlock: true, traces: 100, maxDepth: 30, seed: 1 }).violation).toBeNull();
  });
});

describe("tla-twin check of a variant that breaks the refinement claim, without --refinement", () => {
  it.each(refinementVariants)("checks the claim all the same, and says so: %j", (args, property, steps) => {
    const r = run("check", ...args, "--quiet");
    expect(r.stderr.trim()).toMatch(new RegExp(`^tla-twin: checking ${property} too \\(as --refinement does\\): variant \\S+ breaks it$`));
    expect(r.stdout).toContain(`Action property ${property} is violated.`);
    expect(r.stdout).toContain(`Counterexample (${steps} steps, shortest)`);
    expect(r.code).toBe(1);
  });
});

describe("tla-twin check --refinement on a protocol that claims none", () => {
  it("is a one-line usage error with exit code 2", () => {
    const r = run("check", "raft", "--refinement");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/raft claims no refinement to check/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
