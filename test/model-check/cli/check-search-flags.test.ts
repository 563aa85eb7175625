/**
 * The search flags of `tla-twin check` as a user meets them: each mode runs
 * from the built executable, and every meaningless combination is one clear
 * line with exit code 2.
 */


import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";



const run = (...args: string[]) => runCli(args);

describe("tla-twin check search modes", () => {
  it("--workers 2 reports the single-threaded counts (TLC's figures for 3 RMs, spec/manifest.json)", () => {
    const r = run("check", "twophase", "--rm", "3", "--workers", "2", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ distinctStates: 288, statesGenerated: 1146, depth: 11, search: { mode: "bfs", workers: 2 } });
  });

  it("--symmetry reports the reduced count", () => {
    const full = JSON.parse(run("check", "twophase", "--rm", "4", "--json").stdout);
    const reduced = JSON.parse(run("check", "twophase", "--rm", "4", "--symmetry", "--json").stdout);
    expect(reduced.search.symmetry).toBe(true);
    expect(reduced.distinctStates).toBeLessThan(full.distinctStates);
    expect(reduced.depth).toBe(full.depth);
  });

  it("--mode dfs reports BFS's distinct states; with --depth it says how deep it looked", () => {
    expect(JSON.parse(run("check", "twophase", "--rm", "3", "--mode", "dfs", "--json").stdout).distinctStates).toBe(288);
    const bounded = run("check", "twophase", "--rm", "3", "--mode", "dfs", "--depth", "4", "--quiet");
    expect(bounded.code).toBe(0);
    expect(bounded.stdout).toContain("No violation found within depth 4.");
  });

  it("--depth bounds breadth-first search too, and says how far it checked", () => {
    // 2PC with 3 RMs has 11 levels (TLC, spec/manifest.json): a bound of 4 stops short; at 12 every level is expanded.
    const bounded = run("check", "twophase", "--rm", "3", "--depth", "4", "--quiet");
    expect(bounded.code).toBe(0);
    expect(bounded.stdout).toContain("breadth-first search to depth 4");
    expect(bounded.stdout).toContain("No violation within depth 4: the invariants hold in every state reached in up to 3 steps");
    const whole = JSON.parse(run("check", "twophase", "--rm", "3", "--depth", "12", "--workers", "2", "--json").stdout);
    expect(whole).toMatchObject({ distinctStates: 288, statesGenerated: 1146, depth: 11, complete: true, search: { depthBound: 12 } });
  });

  it("--mode simulate prints its seed and repeats itself from it", () => {
    const first = run("check", "twophase", "--mode", "simulate", "--traces", "20", "--depth", "15", "--seed", "5", "--json");
    const second = run("check", "twophase", "--mode", "simulate", "--traces", "20", "--depth", "15", "--seed", "5", "--json");
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(second.stdout);
    expect(a.search).toMatchObject({ mode: "simulate", traces: 20, depthBound: 15, seed: 5 });
    expect({ ...b, durationMs: 0 }).toEqual({ ...a, durationMs: 0 });
    const text = run("check", "twophase", "--mode", "simulate", "--traces", "3", "--quiet");
    expect(text.stdout).toMatch(/seed \d+/);
  });

  it("a broken variant is caught in every mode (exit 1)", () => {
    for (const mode of [["--mode", "dfs"], ["--workers", "2"], ["--mode", "simulate", "--seed", "1"], ["--symmetry"]]) {
      const r = run("check", "twophase", "--variant", "commit-before-all-prepared", "--quiet", ...mode);
      expect(r.code, mode.join(" ")).toBe(1);
      expect(r.stdout).toContain("Invariant TCConsistent is violated.");
    }
  });

  it.each([
    [["--mode", "dfs", "--workers", "2"], /--workers applies to --mode bfs only/],
    [["--seed", "3"], /--seed applies to --mode simulate only/],
    [["--traces", "3"], /--traces applies to --mode simulate only/],
    [["--mode", "simulate", "--symmetry"], /--symmetry applies to --mode bfs and dfs/],
    [["--mode", "simulate", "--max-states", "9"], /--max-states applies to bfs and dfs/],
    [["--mode", "bogus"], /--mode must be one of bfs, dfs, simulate/],
    [["--workers", "0"], /--workers must be an integer from 1 to 64/],
    [["--workers", "65"], /--workers must be an integer from 1 to 64/],
    [["--mode", "dfs", "--depth", "0"], /--depth must be an integer from 1 to 65535/],
    [["--mode", "simulate", "--seed", "-1"], /--seed must be an integer of at least 0/],
  ])("rejects %j with one clear line and exit code 2", (args, message) => {
    const r = run("check", "twophase", ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
