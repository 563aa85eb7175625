/**
 * What `tla-twin check` prints for one search, and the exit code it implies:
 * one text renderer and one JSON renderer for every mode, whose wording
 * follows the mode (a BFS counterexample is a shortest one; a DFS or
 * simulation one is only a behaviour; a bounded or stopped search is not
 * complete and says why).
 *
 * @module
 */
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import type { Progress } from "../bfs.js";
import { collisionProbability } from "../fingerprint.js";
import { describeViolation, formatCount, formatSeconds, formatTrace, formatWitnesses } from "../format.js";
import { resultToJson } from "../trace-formats/json.js";
import type { SimulationResult } from "../simulate.js";
import { rateOf } from "./progress.js";
import type { CheckResult } from "../result.js";
import type { StopReason } from "../stop.js";
import { ExitCode } from "./exit-codes.js";
import type { SearchPlan } from "./search-flags.js";
import { type SavedTrace, type TraceOutputPlan, addTraceFormat } from "./trace-output.js";

/** The search's outcome and what the user asked for that changes how it reads. */
export interface CheckReport {
  readonly model: AnyModel;
  readonly config: Readonly<Record<string, number>>;
  readonly variant: string | null;
  readonly plan: SearchPlan;
  readonly result: CheckResult<unknown, TwinAction>;
  readonly maxStates: number | undefined;
  /** `--trace-format` and `--out`: where a counterexample goes besides the report. */
  readonly traceOutput: TraceOutputPlan;
  /** The counterexample file written, if `--out` asked for one. */
  readonly saved: SavedTrace | undefined;
  /** `--allow-incomplete`: a search stopped by a limit exits 0. */
  readonly allowIncomplete: boolean;
}

/**
 * The exit code of a search: 1 for a violation; 0 when complete, or bounded
 * as the user asked (`--depth`, or a simulation that ran all its
 * behaviours); 3 when a limit, a signal or memory stopped it, except that
 * `--allow-incomplete` turns a limit's 3 into 0 (never a signal's).
 */
export function exitCodeOf(result: CheckResult<unknown, TwinAction>, allowIncomplete: boolean): number {
  if (result.violation !== null) return ExitCode.violation;
  return exitCodeOfStop(result.stoppedBy, allowIncomplete);
}

/** The exit code of a search that found no violation and ended for `reason` (null: complete, or as planned). */
export function exitCodeOfStop(reason: StopReason | null, allowIncomplete: boolean): number {
  switch (reason) {
    case null:
    case "depth":
      return ExitCode.ok;
    case "signal":
      return ExitCode.incomplete;
    case "max-states":
    case "memory":
    case "time":
      return allowIncomplete ? ExitCode.ok : ExitCode.incomplete;
  }
}

/** Why an incomplete search stopped, as the end of a sentence. */
function stopInWords(reason: StopReason, maxStates: number | undefined): string {
  switch (reason) {
    case "max-states":
      return `at the bound of ${formatCount(maxStates ?? 0)} distinct states (--max-states)`;
    case "signal":
      return "by a signal (SIGINT or SIGTERM)";
    case "memory":
      return "at the memory limit (--max-memory)";
    case "time":
      return "at the time limit";
    case "depth":
      return "at the depth bound (--depth)";
  }
}

/** The report as text lines. */
export function textReport(report: CheckReport): string[] {
  const { model, plan, result } = report;
  const lines: string[] = [];
  const violation = result.violation;
  if (violation !== null) {
    lines.push(describeViolation(violation));
    const how = plan.mode === "bfs" ? "shortest" : plan.mode === "dfs" ? "found by depth-first search" : "found by simulation";
    lines.push(`Counterexample (${violation.trace.steps.length} steps, ${how}):`);
    lines.push(formatTrace(model, violation.trace));
  } else if (result.complete) {
    lines.push("No violation found.");
  } else if (plan.mode === "simulate" && result.stoppedBy === null) {
    lines.push(`No violation found in ${formatCount(plan.traces ?? 0)} behaviours of at most ${plan.depth} states (a simulation proves nothing beyond them).`);
  } else if (result.stoppedBy === "depth" && plan.mode === "bfs") {
    // The states of the last level were checked against the invariants but not expanded.
    lines.push(
      `No violation within depth ${result.depth}: the invariants hold in every state reached in up to ${result.depth - 1} steps ` +
        `(the states at depth ${result.depth} were not expanded).`,
    );
  } else if (result.stoppedBy === "depth") {
    lines.push(`No violation found within depth ${plan.depth}.`);
  } else {
    const reason = result.stoppedBy ?? "signal";
    const after = reason === "max-states" ? "" : ` after ${formatCount(result.distinctStates)} distinct states`;
    lines.push(`Stopped ${stopInWords(reason, report.maxStates)}${after}: no violation so far; the search is INCOMPLETE.`);
  }
  lines.push(...formatWitnesses(result));
  const rate = rateOf(plan.mode, result.distinctStates, result.statesGenerated, result.durationMs);
  const counts =
    plan.mode === "simulate"
      ? `${formatCount((result as Partial<SimulationResult<unknown, TwinAction>>).traces ?? 0)} behaviours, ${formatCount(result.statesGenerated)} steps, ` +
        `${formatCount(result.distinctStates)} distinct states seen, longest ${result.depth} states`
      : `${formatCount(result.distinctStates)} distinct states, ${formatCount(result.statesGenerated)} states generated, depth ${result.depth}`;
  lines.push(`${counts}, ${formatSeconds(result.durationMs)} (${rate})`);
  lines.push(
    `Fingerprint collision probability (TLC's optimistic estimate): ${collisionProbability(result.distinctStates, result.statesGenerated).toExponential(1)}`,
  );
  return lines;
}

/** The `--json` report. */
export function jsonReport(report: CheckReport): Record<string, unknown> {
  const json = resultToJson(report.model, report.config, report.variant, report.result);
  return addTraceFormat(json, report.model, report.result.violation, report.traceOutput, report.saved);
}

/** A search whose thread was ended before it could report: what is known of it. */
export interface AbandonedSearch {
  readonly model: AnyModel;
  readonly config: Readonly<Record<string, number>>;
  readonly variant: string | null;
  readonly reason: StopReason;
  readonly detail: string;
  readonly last: Progress | undefined;
}

/** The text lines for an abandoned search. */
export function abandonedTextReport(a: AbandonedSearch): string[] {
  const last =
    a.last === undefined
      ? "it made no progress report before"
      : `its last progress report: ${formatCount(a.last.distinctStates)} distinct states, ${formatCount(a.last.statesGenerated)} generated, depth ${a.last.depth}, ${formatSeconds(a.last.elapsedMs)}`;
  return [`Stopped ${stopInWords(a.reason, undefined)}: ${a.detail}; no violation reported; the search is INCOMPLETE (${last}).`];
}

/** The `--json` report for an abandoned search: the last progress report's counts, or null. */
export function abandonedJsonReport(a: AbandonedSearch): Record<string, unknown> {
  return {
    protocol: a.model.protocol,
    config: a.config,
    variant: a.variant,
    distinctStates: a.last?.distinctStates ?? null,
    statesGenerated: a.last?.statesGenerated ?? null,
    depth: a.last?.depth ?? null,
    durationMs: a.last?.elapsedMs ?? null,
    complete: false,
    stoppedBy: a.reason,
    note: a.detail,
    violation: null,
  };
}
