/**
 * `tla-twin crosscheck` stops cleanly: SIGTERM or SIGINT while TLC runs ends
 * TLC's whole process group, removes the work folder, prints the report of
 * what ran marked incomplete, and exits 3; `--timeout` and `--max-states`
 * end it the same way, the twin's side included. Each run gets a temporary
 * folder of its own (TMPDIR), which must be empty afterwards.
 *
 * Skipped, with one line saying why, without Java and tla2tools.jar.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "../../../model-check/project-root.js";
import { findTlcTools } from "../../../model-check/tlc/tools.js";
import { runningInGroup } from "../../support/process-group.js";

const bin = join(projectRoot(), "dist", "model-check", "cli", "bin.js");
const lookup = findTlcTools();
if (!lookup.ok) console.log(`crosscheck signal and bound tests skipped: ${lookup.reason}`);

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** The process ids of the TLC runs the command said it started. */
  readonly tlcPids: readonly number[];
  /** The running members of the first TLC run's process group when the signal was sent. */
  readonly runningAtSignal: readonly number[];
  /** What is left in the command's TMPDIR. */
  readonly leftInTmp: readonly string[];
  readonly tmp: string;
}

const tmps: string[] = [];
afterEach(() => {
  for (const t of tmps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** How long TLC runs before the signal: long enough to have started work and written files. */
const tlcWorksMs = 1_500;

/** Runs the command with a TMPDIR of its own; sends `signal` once the first TLC run has worked for a while, if given. */
function crosscheck(args: readonly string[], signal?: NodeJS.Signals): Promise<Finished> {
  const tmp = mkdtempSync(join(tmpdir(), "tla-twin-signal-test-"));
  tmps.push(tmp);
  const started = Date.now();
  const child = spawn(process.execPath, [bin, "crosscheck", ...args], { env: { ...process.env, TMPDIR: tmp }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const tlcPids: number[] = [];
  let signalled = false;
  let runningAtSignal: number[] = [];
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    for (const m of stderr.matchAll(/TLC .* started \(pid (\d+), work folder /g)) {
      if (!tlcPids.includes(Number(m[1]))) tlcPids.push(Number(m[1]));
    }
    if (signal !== undefined && !signalled && tlcPids.length > 0) {
      signalled = true;
      setTimeout(() => {
        void runningInGroup(tlcPids[0]!, 0).then((running) => {
          runningAtSignal = running;
          child.kill(signal);
        });
      }, tlcWorksMs);
    }
  });
  return new Promise((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started, tlcPids, runningAtSignal, leftInTmp: readdirSync(tmp), tmp }));
  });
}

async function expectNothingLeft(r: Finished): Promise<void> {
  expect(r.tlcPids.length).toBeGreaterThan(0);
  // The work folder was made in this run's TMPDIR (so its emptiness below means something) ...
  expect(r.stderr).toContain(`work folder ${r.tmp}/tla-twin-tlc-`);
  // ... and is gone, with whatever Java put in its temporary folder.
  expect(r.leftInTmp).toEqual([]);
  for (const pid of r.tlcPids) expect(await runningInGroup(pid)).toEqual([]);
}

describe.skipIf(!lookup.ok)("tla-twin crosscheck stops cleanly", () => {
  // 2PC with 7 RMs: TLC's state graph run alone takes about 10 s on 2 cores, so the signal arrives while it runs.
  it("on SIGTERM: TLC's process group ended, work folder removed, partial report, exit code 3", async () => {
    const r = await crosscheck(["twophase", "--preset", "rm7"], "SIGTERM");
    // TLC was running when the signal came, so that nothing running afterwards means something.
    expect(r.runningAtSignal).toContain(r.tlcPids[0]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/SIGTERM: stopping TLC and removing its work folder/);
    expect(r.stdout).toMatch(/^a\.\s+counts .*\(stopped\).*STOPPED$/m);
    expect(r.stdout).toMatch(/^e\.\s+twin's random behaviours .*STOPPED$/m);
    expect(r.stdout).toMatch(/Cross-check INCOMPLETE: stopped \(signal\)/);
    await expectNothingLeft(r);
  });

  it("on SIGINT, with --json: the same, and the report says complete: false, stoppedBy: signal", async () => {
    const r = await crosscheck(["twophase", "--preset", "rm7", "--json"], "SIGINT");
    expect(r.runningAtSignal).toContain(r.tlcPids[0]);
    expect(r.code, r.stderr).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ protocol: "twophase", preset: "rm7", ok: false, complete: false, stoppedBy: "signal" });
    expect(report.checks.map((c: { id: string; stoppedBy?: string }) => [c.id, c.stoppedBy])).toEqual([
      ["a", "signal"],
      ["b", "signal"],
      ["c", "signal"],
      ["d", "signal"],
      ["e", "signal"],
    ]);
    await expectNothingLeft(r);
  });

  it("--timeout 3 on a config too large to finish (2PC, 12 RMs) ends after about 3 s, incomplete", async () => {
    const r = await crosscheck(["twophase", "--rm", "12", "--timeout", "3", "--json"]);
    expect(r.code, r.stderr).toBe(3);
    // 3 s for TLC's first run, then nothing else starts: the twin's graph (more than the 367 million
    // states of 11 RMs, README) is not explored; 7 s for starting Node and Java on a busy machine.
    expect(r.ms).toBeLessThan(3_000 + 7_000);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ complete: false, stoppedBy: "time" });
    expect(report.checks[0].details[0]).toMatch(/TLC did not finish within 3 s/);
    expect(r.stderr).not.toMatch(/twin: exploring the state graph/);
    expect(report.timingsMs["twin: state graph"]).toBeUndefined();
    await expectNothingLeft(r);
  });

  it("--max-states bounds the twin's side: 2PC with 3 RMs has 288 states (TLC, spec/manifest.json), 287 is too few", async () => {
    const r = await crosscheck(["twophase", "--preset", "rm3", "--max-states", "287", "--json", "--traces", "20", "--behaviours", "10"]);
    expect(r.code, r.stderr).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ complete: false, stoppedBy: "max-states" });
    const a = report.checks.find((c: { id: string }) => c.id === "a");
    expect(a).toMatchObject({ ok: false, stoppedBy: "max-states", twin: "(stopped)" });
    expect(a.details[0]).toMatch(/the twin's state graph was not finished .*--max-states/);
    await expectNothingLeft(r);
  });
});
