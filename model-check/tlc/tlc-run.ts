/**
 * One TLC run: the command line the bridge always uses, and the verdict on
 * how it ended. A run that crashed, timed out, exited with an unexpected
 * code or printed something the reader does not understand is a failure;
 * one that a time limit or a stop request ended is a failure too, but says
 * so ({@link TlcOutcome.stoppedBy}), so that callers report it as
 * incomplete rather than as a broken tool.
 *
 * @module
 */
import type { ExternalStopReason, StopSignal } from "../stop.js";
import { type JavaRun, runJava } from "./java.js";
import { type TlcReport, readTlcOutput } from "./tlc-output.js";
import type { TlcTools } from "./tools.js";
import type { SpecWorkdir } from "./workdir.js";

/** What to run. */
export interface TlcJob {
  /** The root module, without `.tla`. */
  readonly module: string;
  /** The config file's name inside the work folder. */
  readonly cfg: string;
  readonly workers: number;
  readonly timeoutMs: number;
  /** Further TLC options (`-dump ...`, `-simulate ...`, `-deadlock`). */
  readonly extraArgs?: readonly string[];
  /** Ends the run when a stop is requested. */
  readonly stop?: StopSignal;
  /** Called once Java has started, with its process id. */
  readonly onStart?: (pid: number) => void;
}

/** A finished run, read. */
export interface TlcOutcome {
  readonly run: JavaRun;
  readonly report: TlcReport;
  /** The exit codes TLC uses for violations: 11 deadlock, 12 safety, 13 liveness/action property. */
  readonly violationExit: boolean;
  /** Why the run cannot be trusted, or undefined. A reported violation alone is not a failure here. */
  readonly failure: string | undefined;
  /**
   * Why the run was ended before TLC finished, when it was: `time` (its time
   * limit, or a stop request for time), `signal` or `memory` (a stop request).
   * Null when it ended on its own; then a failure means TLC itself failed.
   */
  readonly stoppedBy: ExternalStopReason | null;
}

/** Runs TLC and reads its output. */
export async function runTlc(tools: TlcTools, workdir: SpecWorkdir, job: TlcJob): Promise<TlcOutcome> {
  const args = [
    "-tool",
    "-workers",
    String(job.workers),
    "-noGenerateSpecTE",
    "-metadir",
    workdir.freshDir("meta"),
    ...(job.extraArgs ?? []),
    "-config",
    job.cfg,
    `${job.module}.tla`,
  ];
  const run = await runJava(tools, "tlc2.TLC", args, { cwd: workdir.path, tmpDir: workdir.javaTmpDir(), timeoutMs: job.timeoutMs, stop: job.stop, onStart: job.onStart });
  const report = readTlcOutput(run.stdout);
  const violationExit = run.exitCode !== null && run.exitCode >= 10 && run.exitCode <= 14;
  const stoppedBy = run.stoppedBy ?? (run.timedOut ? "time" : null);
  return { run, report, violationExit, failure: judge(run, report, job.timeoutMs), stoppedBy };
}

function firstLines(text: string, n: number): string {
  const lines = text.trim().split("\n").filter((l) => l.trim() !== "");
  return lines.slice(0, n).join(" | ") + (lines.length > n ? " | ..." : "");
}

function judge(run: JavaRun, report: TlcReport, timeoutMs: number): string | undefined {
  if (run.spawnError !== undefined) return `TLC could not be started: ${run.spawnError}`;
  if (run.stoppedBy !== null) return `TLC was stopped (${run.stoppedBy === "signal" ? "a signal" : run.stoppedBy}) before it finished`;
  if (run.timedOut) return `TLC did not finish within ${Math.round(timeoutMs / 1000)} s (raise --timeout)`;
  if (run.signal !== null) return `TLC was killed by ${run.signal}`;
  if (report.errors.length > 0 && report.violation === undefined) return `TLC reported an error: ${firstLines(report.errors.join("\n"), 4)}`;
  if (report.problems.length > 0) return report.problems.slice(0, 3).join("; ");
  const violation = run.exitCode !== null && run.exitCode >= 10 && run.exitCode <= 14;
  if (run.exitCode !== 0 && !violation) {
    const said = firstLines(report.errors.join("\n") || run.stderr || run.stdout, 4);
    return `TLC exited with code ${run.exitCode}${said ? `: ${said}` : ""}`;
  }
  if (violation && report.violation === undefined) return `TLC exited with code ${run.exitCode} but printed no violation the bridge can read`;
  if (!report.finished) return "TLC's output ended before its final message";
  // The JVM announces options taken from the environment on stderr; anything else there is unexpected.
  const stderr = run.stderr
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("Picked up "))
    .join("\n");
  if (stderr !== "") return `TLC wrote to stderr: ${firstLines(stderr, 3)}`;
  return undefined;
}

/**
 * Runs SANY (`-error-codes`, so that errors give a non-zero exit) on one file;
 * returns the problem or undefined. An exit code of 0 with an error or a
 * fatal condition in the output is a problem too: a check that trusted the
 * exit code alone would pass whatever SANY's version forgets to report.
 */
export async function runSany(tools: TlcTools, workdir: SpecWorkdir, file: string, timeoutMs: number): Promise<string | undefined> {
  const run = await runJava(tools, "tla2sany.SANY", ["-error-codes", file], { cwd: workdir.path, tmpDir: workdir.javaTmpDir(), timeoutMs });
  if (run.spawnError !== undefined) return `SANY could not be started: ${run.spawnError}`;
  if (run.timedOut) return `SANY did not finish within ${Math.round(timeoutMs / 1000)} s`;
  const output = run.stdout + "\n" + run.stderr;
  const errorLines = output.split("\n").filter((l) => /\berrors?\b|Fatal|Encountered|Couldn't|line \d+, col/i.test(l));
  if (run.exitCode !== 0 || errorLines.length > 0) {
    return `SANY rejects ${file} (exit code ${run.exitCode}): ${errorLines.slice(0, 4).join(" | ")}`;
  }
  return undefined;
}
