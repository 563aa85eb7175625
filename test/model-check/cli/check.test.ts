/**
 * The tla-twin command as a user meets it: the built executable, its output,
 * one-line errors and exit codes (0 ok, 1 violation, 2 bad usage).
 */
import { runCli } from "../../support/cli.js";
import { describe, expect, it } from "vitest";



const run = (...args: string[]) => runCli(args);

describe("tla-twin check", () => {
  it("checks 2PC and reports TLC's figures for 3 RMs", () => {
    const r = run("check", "twophase", "--rm", "3", "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // 288 / 1146 / 11: TLC's figures for TwoPhase_rm3.cfg (spec/manifest.json).
    expect(report).toMatchObject({ protocol: "twophase", config: { rm: 3 }, distinctStates: 288, statesGenerated: 1146, depth: 11, violation: null });
    expect(typeof report.durationMs).toBe("number");
  });

  it("prints a readable counterexample and exits 1 for a broken variant", () => {
    const r = run("check", "twophase", "--variant", "commit-before-all-prepared");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Invariant TCConsistent is violated.");
    expect(r.stdout).toMatch(/ 1\. RMPrepare\(r\d\)/);
    expect(r.stdout).toContain("TMCommit");
  });

  it.each([
    [["check", "nosuch"], /unknown protocol "nosuch" \(known: twophase/],
    [["check", "twophase", "--rm", "0"], /--rm must be an integer from 1 to 12 .*got "0"/],
    [["check", "twophase", "--rm", "13"], /--rm must be an integer from 1 to 12/],
    [["check", "twophase", "--rm", "three"], /--rm must be an integer from 1 to 12 .*got "three"/],
    [["check", "twophase", "--rm"], /--rm needs a value/],
    [["check", "twophase", "--bogus"], /unknown flag --bogus \(accepted here: --rm/],
    [["check", "twophase", "--variant", "nope"], /--variant must be one of commit-before-all-prepared/],
    [["check"], /check needs a protocol first/],
    [["frobnicate"], /unknown command "frobnicate"/],
  ])("rejects %j with one clear line and exit code 2", (args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

describe("tla-twin check's report, worded for its search", () => {
  it("names the variant's own bounds when a search under smaller ones finds nothing", () => {
    const r = run("check", "raft", "--preset", "tiny", "--variant", "truncate-on-append", "--quiet");
    expect(r.code).toBe(0);
    // The bounds are the variant's exhibitedWith in src/raft/variants.ts.
    expect(r.stdout.trim().split("\n").at(-1)).toBe(
      "Variant truncate-on-append is known to break LeaderCompleteness only under larger bounds: run tla-twin check raft --variant truncate-on-append --servers 3 --max-term 3 --max-log 1 --max-in-flight 2",
    );
  });

  it("reports a simulation in behaviours and steps per second, not distinct states per second", () => {
    const r = run("check", "twophase", "--rm", "3", "--mode", "simulate", "--traces", "50", "--depth", "20");
    expect(r.stdout).toMatch(/^50 behaviours, [0-9,]+ steps, [0-9,]+ distinct states seen, longest \d+ states, [0-9.]+ s \([0-9,]+ steps\/s\)$/m);
    expect(r.stderr).toMatch(/^(tla-twin: .* steps\/s\n)*$/);
  });

  it("writes JSON traces as structured values (ITF's forms), not TLA+ text", () => {
    const r = run("check", "twophase", "--rm", "2", "--variant", "commit-before-all-prepared", "--json");
    const [, first] = JSON.parse(r.stdout).violation.trace;
    expect(first.action).toEqual({ name: "RMPrepare", params: { r: "r1_OF_RM" }, witnesses: {} });
    expect(first.state.msgs).toEqual({ "#set": [{ rm: "r1_OF_RM", type: "Prepared" }] });
  });
});
