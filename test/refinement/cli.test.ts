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
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../model-check/project-root.js";

const bin = join(projectRoot(), "dist", "model-check", "cli", "bin.js");

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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

describe("tla-twin check without --refinement", () => {
  it("judges commit-one-short on its invariants: TCConsistent after 7 steps, no word of RefinesTCommit", () => {
    const r = run("check", "twophase", "--rm", "3", "--variant", "commit-one-short", "--quiet");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Invariant TCConsistent is violated.");
    expect(r.stdout).toContain("Counterexample (7 steps, shortest)");
    expect(r.stdout).not.toContain("RefinesTCommit");
  });

  it.each(modes)("finds nothing wrong with shared-promise (%s %s): it breaks no invariant", (...mode) => {
    const r = run("check", "paxos", "--variant", "shared-promise", ...mode, "--json");
    expect(r.code, r.stderr).toBe(0);
    // 25 distinct states, 72 generated: TLC's figures with MCPaxos_a3v2b1.cfg's invariants (tlc.test.ts).
    expect(JSON.parse(r.stdout)).toMatchObject({ distinctStates: 25, statesGenerated: 72, violation: null });
  });

  it("finds nothing wrong with shared-promise in a simulation either", () => {
    const r = run("check", "paxos", "--variant", "shared-promise", "--mode", "simulate", "--seed", "1", "--quiet");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("No violation found");
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
