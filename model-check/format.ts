/**
 * Human- and machine-readable renderings of results and behaviours.
 *
 * @module
 */
import type { AnyModel, TlaActionLabel, TwinAction } from "../src/protocol.js";
import { type TlaValue, compareTla, field, formatTla } from "../src/tla/value.js";
import type { CheckResult, Trace, Violation } from "./result.js";

/**
 * The step as TLC labels it, `RMPrepare(r1)` or `TMCommit`, followed by the
 * witnesses of its existentials when it has any: `Phase1b(a1) with m = [...]`.
 */
export function formatActionLabel(label: TlaActionLabel): string {
  const call = label.params.length === 0 ? label.name : `${label.name}(${label.params.map(([, v]) => formatTla(v)).join(", ")})`;
  if (label.witnesses.length === 0) return call;
  return `${call} with ${label.witnesses.map(([k, v]) => `${k} = ${formatTla(v)}`).join(", ")}`;
}

/** The spec's variables of a state as `[name, value]` pairs, in the spec's order. */
export function stateVariables(model: AnyModel, state: unknown): (readonly [string, TlaValue])[] {
  const record = model.toTla(state);
  return model.tlaVariables.map((name) => [name, field(record, name)] as const);
}

/** One line for a violation, e.g. `Invariant TCConsistent is violated.` */
export function describeViolation(violation: Violation<unknown, TwinAction>): string {
  switch (violation.kind) {
    case "invariant":
      return `Invariant ${violation.name} is violated.`;
    case "action-property":
      return `Action property ${violation.name} is violated.`;
    case "deadlock":
      return "Deadlock reached.";
  }
}

/**
 * A behaviour as numbered steps: the initial state in full, then for each
 * step the action with its parameters and only the variables it changed.
 */
export function formatTrace(model: AnyModel, trace: Trace<unknown, TwinAction>): string {
  const lines: string[] = ["  0. Initial state"];
  let previous = stateVariables(model, trace.initial);
  for (const [name, value] of previous) lines.push(`       ${name} = ${formatTla(value)}`);
  trace.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${formatActionLabel(model.actionLabel(step.action))}`);
    const current = stateVariables(model, step.state);
    const changed = current.filter(([, value], j) => compareTla(value, previous[j]![1]) !== 0);
    if (changed.length === 0) lines.push("       (no variable changed)");
    for (const [name, value] of changed) lines.push(`       ${name} = ${formatTla(value)}`);
    previous = current;
  });
  return lines.join("\n");
}

/**
 * The witness goals of a result, one line each after a summary line; no
 * lines when the model declares no goals. Under BFS a witness's length is
 * the fewest steps that reach the goal; other modes report the first found.
 */
export function formatWitnesses(result: CheckResult<unknown, TwinAction>): string[] {
  if (result.witnesses.length === 0) return [];
  const reached = result.witnesses.filter((w) => w.steps !== null).length;
  const shortest = result.search.mode === "bfs";
  const lines = [`Witness goals: ${reached} of ${result.witnesses.length} reached`];
  for (const w of result.witnesses) {
    const how =
      w.steps === null
        ? "NOT reached"
        : `reached in ${w.steps} step${w.steps === 1 ? "" : "s"}${shortest ? " (fewest)" : " (first found)"}`;
    lines.push(`  ${w.name}: ${how} - ${w.description}`);
  }
  return lines;
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Seconds with two decimals. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
