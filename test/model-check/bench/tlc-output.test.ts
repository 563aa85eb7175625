/**
 * The benchmark reads TLC's text output: its final counts, and the progress
 * reports it prints once a minute (which give TLC's speed when
 * `--tlc-timeout` stops a run). The lines below were printed by TLC
 * (2026.11.23 build) checking spec/TwoPhase_rm7.cfg with
 * `-Dtlc2.TLC.progressInterval=2`, except the one marked as built from the
 * message format in TLC's source (MP.java, EC.TLC_PROGRESS_STATS with four
 * parameters, printed when TLC has no rates to show yet).
 */
import { describe, expect, it } from "vitest";
import { measure } from "../../../model-check/bench/measure.js";
import { parseTlcCounts, parseTlcProgress } from "../../../model-check/bench/tlc.js";

describe("reading TLC's output", () => {
  it("reads a progress report with rates", () => {
    const line =
      "Progress(13) at 2026-11-23 06:32:03: 1,381,266 states generated (12,419,520 s/min), 179,460 distinct states found (1,419,690 ds/min), 45,715 states left on queue.";
    expect(parseTlcProgress(line, 4200)).toEqual({ depth: 13, statesGenerated: 1381266, distinctStates: 179460, elapsedMs: 4200 });
  });

  it("reads a progress report without rates (built from TLC's message format)", () => {
    const line = "Progress(1) at 2026-11-23 06:31:49: 1 states generated, 1 distinct states found, 0 states left on queue.";
    expect(parseTlcProgress(line, 900)).toEqual({ depth: 1, statesGenerated: 1, distinctStates: 1, elapsedMs: 900 });
  });

  it("ignores lines that are not progress reports", () => {
    expect(parseTlcProgress("2744706 states generated, 296448 distinct states found, 0 states left on queue.", 1)).toBeUndefined();
    expect(parseTlcProgress("Progress(3) at 2026-11-23 06:31:49: garbled", 1)).toBeUndefined();
  });

  it("reads the final counts, and nothing from a run that did not finish", () => {
    const finished = "2744706 states generated, 296448 distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is 23.\n";
    expect(parseTlcCounts(finished)).toEqual({ statesGenerated: 2744706, distinctStates: 296448, depth: 23 });
    expect(parseTlcCounts("Progress(13) at 2026-11-23 06:32:03: 1,381,266 states generated (12,419,520 s/min), 179,460 distinct states found (1,419,690 ds/min), 45,715 states left on queue.")).toBeUndefined();
  });
});

describe("measuring a process", () => {
  it("hands over stdout line by line, with the time since the start", async () => {
    const seen: string[] = [];
    const run = await measure(process.execPath, ["-e", "console.log('one'); console.log('two')"], process.cwd(), { onLine: (line) => seen.push(line) });
    expect(run.exitCode).toBe(0);
    expect(run.timedOut).toBe(false);
    expect(seen).toEqual(["one", "two"]);
  });

  it("stops a process at its time limit and says so", async () => {
    const run = await measure(process.execPath, ["-e", "setInterval(() => {}, 1000)"], process.cwd(), { timeoutMs: 300 });
    expect(run.timedOut).toBe(true);
    expect(run.exitCode).not.toBe(0);
  });
});
