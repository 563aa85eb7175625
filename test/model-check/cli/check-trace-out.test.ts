/**
 * `tla-twin check --out FILE --trace-format itf|tla|json` in every search
 * mode: the file holds the counterexample in the format asked (valid ITF by
 * the ADR-015 oracle, a TLA+ module that TLC's trace reader reads and SANY
 * accepts where the jar is at hand, the report's JSON trace), stdout keeps
 * the text report and ends with one line naming the file, and no trace in
 * another format leaks into stdout. Then the edges: no violation, a missing
 * folder, an unwritable file, a format without --out.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseTraceModule } from "../../../model-check/tlc/tlc-files.js";
import { runSany } from "../../../model-check/tlc/tlc-run.js";
import { findTlcTools } from "../../../model-check/tlc/tools.js";
import { SpecWorkdir } from "../../../model-check/tlc/workdir.js";
import { runCli } from "../../support/cli.js";
import { itfProblems } from "../../support/itf-oracle.js";

const dir = mkdtempSync(join(tmpdir(), "tla-twin-trace-out-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: readonly string[]) => runCli(args);

const broken = ["check", "twophase", "--variant", "commit-before-all-prepared", "--quiet"];
const modes: readonly (readonly [string, readonly string[]])[] = [
  ["bfs", []],
  ["parallel bfs", ["--workers", "2"]],
  ["dfs", ["--mode", "dfs"]],
  // Seed 7 finds the violation in its first 100 behaviours (checked by the exit code below).
  ["simulate", ["--mode", "simulate", "--seed", "7", "--traces", "100"]],
];

/** What may not appear in stdout: pieces of an ITF, TLA+ or JSON trace. */
function expectNoTraceFileInStdout(stdout: string) {
  expect(stdout).not.toMatch(/"#meta"|"vars"|"#set"|#bigint|---- MODULE|STATE_1 ==|"violation"/);
}

describe.each(modes)("check --out in %s", (mode, flags) => {
  it("itf: the file is valid ITF; stdout is the text report and one line naming the file", () => {
    const file = join(dir, `${mode.replace(" ", "-")}.itf.json`);
    const r = run([...broken, ...flags, "--out", file, "--trace-format", "itf"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("Invariant TCConsistent is violated.");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`Counterexample written to ${file} (itf)`);
    expectNoTraceFileInStdout(r.stdout);
    const itf = JSON.parse(readFileSync(file, "utf8"));
    expect(itfProblems(itf)).toEqual([]);
    expect(itf.vars).toEqual(["rmState", "tmState", "tmPrepared", "msgs"]);
    expect(itf.states.length).toBeGreaterThan(1);
  });

  it("tla: the file is a trace module TLC's trace reader reads", () => {
    // The module is named after the file, as SANY requires.
    const module = `Trace_${mode.replace(" ", "_")}`;
    const file = join(dir, `${module}.tla`);
    const r = run([...broken, ...flags, "--out", file, "--trace-format", "tla"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`Counterexample written to ${file} (tla)`);
    expectNoTraceFileInStdout(r.stdout);
    const text = readFileSync(file, "utf8");
    expect(text).toMatch(new RegExp(`^---- MODULE ${module} ----\n`));
    expect(parseTraceModule(text, file).states.length).toBeGreaterThan(1);
  });

  it("json: the file is the report's trace, with the protocol and config", () => {
    const file = join(dir, `${mode.replace(" ", "-")}.json`);
    const r = run([...broken, ...flags, "--out", file, "--trace-format", "json"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`Counterexample written to ${file} (json)`);
    expectNoTraceFileInStdout(r.stdout);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written).toMatchObject({ protocol: "twophase", config: { rm: 3 }, variant: "commit-before-all-prepared", violation: { kind: "invariant", name: "TCConsistent" } });
    expect(written.violation.trace).toHaveLength(written.violation.steps + 1);
  });
});

describe("check --out: the edges", () => {
  it("without a violation writes nothing and says so in one line (exit 0)", () => {
    const file = join(dir, "none.itf.json");
    const r = run(["check", "twophase", "--rm", "3", "--quiet", "--out", file, "--trace-format", "itf"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`No counterexample: ${file} not written.`);
    expect(existsSync(file)).toBe(false);
  });

  it("with --json, the report stays JSON and says where the file went", () => {
    const file = join(dir, "report.itf.json");
    const r = run([...broken, "--json", "--out", file, "--trace-format", "itf"]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.counterexampleFile).toEqual({ file, format: "itf", written: true });
    // The file holds the trace; the report does not repeat it.
    expect(report.violation.itf).toBeUndefined();
    expect(itfProblems(JSON.parse(readFileSync(file, "utf8")))).toEqual([]);
  });

  it.each([
    [["--out", "/nonexistent-folder/x.json", "--trace-format", "json"], /--out \/nonexistent-folder\/x.json: the folder \/nonexistent-folder does not exist/],
    [["--out", "x.json"], /--out needs --trace-format itf, tla or json/],
    [["--out", tmpdir(), "--trace-format", "json"], /is a folder; give a file name/],
    [["--trace-format", "itf"], /--trace-format itf needs --out FILE/],
    [["--trace-format", "tla", "--mode", "dfs"], /--trace-format tla needs --out FILE/],
    [["--trace-format", "tla", "--out", "my-trace.tla"], /--out my-trace.tla: a TLA\+ module file is named MODULE.tla/],
  ])("refuses %j before searching: one line, exit code 2", (args, message) => {
    const r = run([...broken, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.skipIf(!existsSync("/proc/self"))("a file that cannot be written: the report, then one line on stderr, exit code 4", () => {
    // /proc exists, but no file can be created in it.
    const r = run([...broken, "--out", "/proc/tla-twin-test.itf.json", "--trace-format", "itf"]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("Invariant TCConsistent is violated.");
    expect(r.stderr).toMatch(/^tla-twin: could not write the counterexample to \/proc\/tla-twin-test.itf.json: /);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("dfs and simulate with --json honour --trace-format", () => {
    for (const flags of [["--mode", "dfs"], ["--mode", "simulate", "--seed", "7", "--traces", "100"]]) {
      const report = JSON.parse(run([...broken, ...flags, "--json", "--trace-format", "itf"]).stdout);
      expect(report.search.mode).toBe(flags[1]);
      expect(itfProblems(report.violation.itf)).toEqual([]);
    }
  });
});

const lookup = findTlcTools();
if (!lookup.ok) console.log(`SANY check of check --out's TLA+ files skipped: ${lookup.reason}`);

describe.skipIf(!lookup.ok)("check --out with SANY", () => {
  it.each(modes)("SANY accepts the TLA+ file written in %s", async (mode, flags) => {
    const name = `Sany_${mode.replace(" ", "_")}.tla`;
    const file = join(dir, name);
    expect(run([...broken, ...flags, "--out", file, "--trace-format", "tla"]).code).toBe(1);
    const workdir = new SpecWorkdir();
    try {
      // Under the name it was written as: SANY accepts it only if the module inside bears that name.
      workdir.write(name, readFileSync(file, "utf8"));
      expect(await runSany(lookup.ok ? lookup.tools : undefined!, workdir, name, 60_000)).toBeUndefined();
    } finally {
      workdir.remove();
    }
  });
});
