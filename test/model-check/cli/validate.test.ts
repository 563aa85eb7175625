/**
 * `tla-twin validate` as a user meets it: a log of events accepted or
 * rejected at its line, and one-line errors for bad lines and bad usage.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../support/cli.js";

const run = (...args: string[]) => runCli(args);

describe("tla-twin validate", () => {
  const dir = mkdtempSync(join(tmpdir(), "tla-twin-validate-"));
  const log = (name: string, lines: readonly string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join("\n") + "\n");
    return path;
  };
  const prepare = (r: string) => `{"action": "RMPrepare", "params": {"r": "${r}"}}`;

  it("accepts a behaviour of the twin (exit 0)", () => {
    const path = log("valid.ndjson", [prepare("r1"), '{"action": "TMRcvPrepared", "params": {"r": "r1_OF_RM"}, "observed": {"tmPrepared": {"#set": ["r1"]}}}']);
    const r = run("validate", "twophase", "--rm", "3", path);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("valid, 2 events explained");
  });

  it("rejects a log at the line no twin state explains (exit 1), with the steps the twin could take", () => {
    // The TM cannot receive r2's Prepared before r2 prepares: line 2.
    const path = log("rejected.ndjson", [prepare("r1"), '{"action": "TMRcvPrepared", "params": {"r": "r2"}}']);
    const r = run("validate", "twophase", path);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${path}:2: rejected`);
    expect(r.stdout).toMatch(/The twin could take: .*TMRcvPrepared\(r1\)/);
    const json = JSON.parse(run("validate", "twophase", path, "--json").stdout);
    expect(json).toMatchObject({ valid: false, events: 1, rejected: { line: 2, index: 2, event: { action: "TMRcvPrepared" } } });
  });

  it.each([
    [["not json"], /line 2: not JSON/],
    [['{"action": "RMPrepare", "observed": {"nosuch": 1}}'], /line 2: observed variable "nosuch" is not a variable of TwoPhase/],
  ])("names the bad line of %j with one line and exit code 2", (bad, message) => {
    const r = run("validate", "twophase", log("bad.ndjson", [prepare("r1"), ...bad]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.each([
    [["validate", "twophase"], /validate needs the log to check/],
    [["validate", "twophase", join(dir, "missing.ndjson")], /cannot read .*missing\.ndjson: ENOENT/],
    [["validate", "twophase", "--preset", "rm3", "--rm", "4", "x.ndjson"], /give either --preset or the options/],
  ])("rejects %j with one clear line and exit code 2", (args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
