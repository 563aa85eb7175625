/**
 * `tla-twin check raft` as a user meets it: the built executable, presets,
 * bounds as flags, one-line errors (exit 2) and counterexamples (exit 1).
 */


import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";
import { readManifest } from "../../../model-check/manifest.js";



const run = (...args: string[]) => runCli(args);

describe("tla-twin check raft", () => {
  it("checks the tiny preset and reports TLC's figures", () => {
    const tlc = readManifest().models.find((m) => m.protocol === "raft" && m.preset === "tiny")!.tlc;
    const r = run("check", "raft", "--preset", "tiny", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ protocol: "raft", violation: null, complete: true, ...tlc });
    expect(report.config).toEqual({
      servers: 2,
      values: 1,
      "max-term": 3,
      "max-log": 1,
      "max-copies": 1,
      "max-in-flight": 1,
      restarts: 1,
      duplication: 1,
      loss: 1,
      "figure-3-7": 0,
    });
  });

  it("checks a quick preset with symmetry, and reports the orbits TLC counts with SYMMETRY (spec/manifest.json)", () => {
    const tlc = readManifest().models.find((m) => m.protocol === "raft" && m.preset === "restart")!.tlc;
    const r = run("check", "raft", "--preset", "restart", "--symmetry", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ violation: null, complete: true, ...tlc });
  });

  it("switches faults off by flag: without restarts, duplication and loss fewer states are reachable", () => {
    const all = JSON.parse(run("check", "raft", "--preset", "tiny", "--json").stdout);
    // tiny's options, spelled out: a preset is a whole config and is not combined with options.
    const tiny = ["--servers", "2", "--values", "1", "--max-term", "3", "--max-log", "1", "--max-copies", "1", "--max-in-flight", "1"];
    const none = JSON.parse(run("check", "raft", ...tiny, "--restarts", "0", "--duplication", "0", "--loss", "0", "--json").stdout);
    expect(none.config).toMatchObject({ restarts: 0, duplication: 0, loss: 0 });
    expect(none.distinctStates).toBeLessThan(all.distinctStates);
  });

  it("takes the bounds as flags", () => {
    const r = run("check", "raft", "--servers", "2", "--max-term", "2", "--max-log", "1", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toMatchObject({ servers: 2, "max-term": 2, "max-log": 1 });
  });

  it("refuses a preset combined with options, in one line (a preset is a whole config)", () => {
    const r = run("check", "raft", "--preset", "tiny", "--max-term", "2");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("tla-twin: give either --preset or the options (--max-term), not both");
  });

  it("prints a counterexample and exits 1 for a variant under the bounds that show it", () => {
    const r = run("check", "raft", "--variant", "count-stale-votes", "--servers", "2", "--max-term", "3", "--max-log", "0");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Invariant ElectionSafety is violated.");
    expect(r.stdout).toContain("Counterexample (18 steps, shortest):");
    expect(r.stdout).toMatch(/\d+\. Receive with m = \[mdest \|-> s\d/);
    expect(r.stdout).toMatch(/\d+\. BecomeLeader\(s\d\)/);
  });

  it.each([
    [["--servers", "0"], /--servers must be an integer from 1 to 5 \(number of servers\), got "0"/],
    [["--servers", "6"], /--servers must be an integer from 1 to 5/],
    [["--max-term", "16"], /--max-term must be an integer from 1 to 15/],
    [["--max-log", "-1"], /--max-log must be an integer from 0 to 7 .*got "-1"/],
    [["--max-in-flight", "two"], /--max-in-flight must be an integer from 1 to 8 .*got "two"/],
    [["--preset", "huge"], /--preset must be one of tiny, elect, faults, values, restart, figure37, small, large, got "huge"/],
    [["--loss", "2"], /--loss must be an integer from 0 to 1/],
    [["--variant", "nosuch"], /--variant must be one of commit-previous-term, /],
  ])("rejects %j with one line and exit code 2", (flags, message) => {
    const r = run("check", "raft", ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });
});
