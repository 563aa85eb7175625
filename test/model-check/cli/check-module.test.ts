/**
 * `tla-twin check` on a user's module: a TypeScript file that exports a
 * protocol made with defineProtocol is checked like a shipped protocol, in
 * every mode and on worker threads (each thread imports the module), and
 * bad modules get one-line errors with exit code 2.
 */

import { join } from "node:path";
import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../../model-check/project-root.js";
import { findTlcTools } from "../../../model-check/tlc/tools.js";

const root = projectRoot();
const modules = join(root, "test", "support", "modules");

const run = (...args: string[]) => runCli(args);

function counts(stdout: string): unknown {
  const report = JSON.parse(stdout);
  return [report.distinctStates, report.statesGenerated, report.depth, report.violation?.name ?? null];
}

describe("tla-twin check on a module", () => {
  it("checks examples/peterson.ts breadth-first, on 2 worker threads, depth-first and by simulation", () => {
    // 20 / 35 / 7: the counts of the naive reference explorer (test/define/define-protocol.test.ts).
    expect(counts(run("check", "examples/peterson.ts", "--json").stdout)).toEqual([20, 35, 7, null]);
    const parallel = run("check", "./examples/peterson.ts", "--workers", "2", "--json");
    expect(parallel.stderr).toBe("");
    expect(counts(parallel.stdout)).toEqual([20, 35, 7, null]);
    expect(JSON.parse(run("check", "examples/peterson.ts", "--mode", "dfs", "--json").stdout).distinctStates).toBe(20);
    expect(run("check", "examples/peterson.ts", "--mode", "simulate", "--traces", "20", "--json").code).toBe(0);
  });

  it("finds the variant's violation with the module's variant and exits 1", () => {
    const r = run("check", "examples/peterson.ts", "--variant", "keep-turn", "--workers", "2");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Invariant MutualExclusion is violated.");
    expect(r.stdout).toContain("6. Enter(proc2)");
  });

  it("checks examples/raft-commit-alone.ts, the shipped Raft with one action replaced, and finds LeaderCompleteness broken", () => {
    const r = run("check", "examples/raft-commit-alone.ts", "--preset", "elect", "--symmetry", "--json");
    expect(r.code).toBe(1);
    // 20 steps over 56,647 orbits: what the checker reported for this override when it was written
    // (test/model-check/action-table.test.ts builds the same variant in code and expects the same 20).
    expect(counts(r.stdout)).toEqual([56647, 404721, 21, "LeaderCompleteness"]);
  });

  it("takes the module's options as flags", () => {
    // 288 / 1146 / 11: TLC's figures for spec/TwoPhase_rm3.cfg (spec/manifest.json).
    expect(counts(run("check", "examples/two-phase-commit.ts", "--rm", "3", "--json").stdout)).toEqual([288, 1146, 11, null]);
    const r = run("check", "examples/two-phase-commit.ts", "--rm", "11");
    expect([r.code, r.stderr.trim()]).toEqual([2, "tla-twin: --rm must be an integer from 1 to 10 (resource managers), got \"11\""]);
  });

  it("refuses a module whose codec drops a field, before searching, in one line", () => {
    const r = run("check", join(modules, "drops-a-field.ts"));
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tla-twin: the model breaks its contract \(codec\): decode\(encode\(s\)\) differs from s; for example in \[count \|-> 0, done \|-> TRUE\]/);
  });

  it("chooses among several exported protocols with --export, and says which there are", () => {
    const path = join(modules, "two-protocols.ts");
    const several = run("check", path);
    expect([several.code, several.stderr.trim()]).toEqual([2, `tla-twin: file://${path} exports several protocols (upToOne, upToTwo): choose one with --export`]);
    expect(run("check", path, "--export", "upToTwo", "--no-deadlock", "--json").stdout).toContain('"distinctStates": 3');
    const unknown = run("check", path, "--export", "upToThree");
    expect(unknown.stderr.trim()).toBe(`tla-twin: file://${path} exports no protocol named upToThree (its protocols: upToOne, upToTwo)`);
  });

  it("says in one line when the file is missing, exports no protocol, or --export is given for a shipped protocol", () => {
    expect(run("check", "./missing.ts").stderr.trim()).toBe("tla-twin: no module file ./missing.ts (give the path of a .ts or .js file that exports a protocol)");
    const none = run("check", join(modules, "no-protocol.ts"));
    expect([none.code, none.stderr.trim()]).toEqual([2, `tla-twin: file://${join(modules, "no-protocol.ts")} exports no protocol (export one made with defineProtocol, as its default export or by name)`]);
    expect(run("check", "twophase", "--export", "x").stderr.trim()).toBe("tla-twin: --export chooses among a module's exports: give a module file, not a shipped protocol");
  });
});

const tlc = findTlcTools();
if (!tlc.ok) console.log(`Cross-check of examples/peterson.ts with TLC skipped: ${tlc.reason}`);

describe.skipIf(!tlc.ok)("tla-twin crosscheck on a module with a TLA+ binding", () => {
  it("agrees with TLC on examples/Peterson.tla in all five checks", () => {
    const r = run("crosscheck", "examples/peterson.ts", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // TLC counted 20 / 35 / 7 for examples/Peterson.tla (TLC 2026.12.07 rev cc6b616, run while writing this test); the test asks TLC again.
    expect(report.checks.map((c: { id: string; ok: boolean }) => [c.id, c.ok])).toEqual([["a", true], ["b", true], ["c", true], ["d", true], ["e", true]]);
    expect(report.checks[0].tlc).toBe("20 / 35 / 7");
  }, 300_000);

  it("holds the Paxos declared through the package API to TLC on spec/MCPaxos.tla", () => {
    const r = run("crosscheck", "examples/paxos.ts", "--max-ballot", "1", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    // 3921 / 23839 / 17: TLC's figures for spec/MCPaxos_a3v2b1.cfg (spec/manifest.json), asked of TLC again here.
    expect(report.checks[0].tlc).toBe("3,921 / 23,839 / 17");
  }, 300_000);

  it("holds the 2PC declared through the package API to TLC on spec/TwoPhase.tla", () => {
    const r = run("crosscheck", "examples/two-phase-commit.ts", "--rm", "3", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    // 288 / 1146 / 11: TLC's figures for spec/TwoPhase_rm3.cfg (spec/manifest.json), which this run asks TLC for again.
    expect(report.checks[0].tlc).toBe("288 / 1,146 / 11");
  }, 300_000);
});

describe("tla-twin crosscheck on a module without a TLA+ binding", () => {
  it("says in one line that the module has none", () => {
    const r = run("crosscheck", join(modules, "two-protocols.ts"), "--export", "upToOne");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("tla-twin: up-to-one has no TLA+ binding for TLC to check it against (give its model a `tla` entry: module, specDir, cfg; docs/your-protocol.md)");
  });
});
