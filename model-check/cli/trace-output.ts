/**
 * `--trace-format text|itf|tla` of `tla-twin check`: how a counterexample is
 * printed. Text is the checker's own layout; ITF and TLA+ come from
 * `model-check/trace-formats/`. With `--json` the report keeps its fields and
 * gains `violation.itf` or `violation.tla`.
 *
 * @module
 */
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import { describeViolation, formatTrace } from "../format.js";
import type { Violation } from "../result.js";
import { traceToItf } from "../trace-formats/itf.js";
import { traceToTla } from "../trace-formats/tla.js";
import type { FlagSpec } from "./args.js";

/** The formats. */
export const traceFormats = ["text", "itf", "tla"] as const;
export type TraceFormat = (typeof traceFormats)[number];

/** The flag, for `check`'s flag list. */
export const traceFormatFlag: FlagSpec = {
  name: "trace-format",
  kind: "choice",
  description: "how to print a counterexample: text, itf (Apalache/Quint JSON) or tla (TLC's trace layout)",
  choices: traceFormats,
};

function description(model: AnyModel, violation: Violation<unknown, TwinAction>): string {
  return `Counterexample found by tla-twin check: ${describeViolation(violation)} (${model.protocol}, ${model.configLabel})`;
}

/** The counterexample in the chosen format. */
export function formatCounterexample(model: AnyModel, violation: Violation<unknown, TwinAction>, format: string | undefined): string {
  switch ((format ?? "text") as TraceFormat) {
    case "text":
      return formatTrace(model, violation.trace);
    case "itf":
      return JSON.stringify(traceToItf(model, violation.trace, description(model, violation)), null, 2);
    case "tla":
      return traceToTla(model, violation.trace, description(model, violation)).trimEnd();
  }
}

/** Adds the counterexample in the chosen format to a `--json` report (nothing for text). */
export function addTraceFormat(
  report: Record<string, unknown>,
  model: AnyModel,
  violation: Violation<unknown, TwinAction> | null,
  format: string | undefined,
): Record<string, unknown> {
  if (violation === null || format === undefined || format === "text") return report;
  const extra = format === "itf" ? traceToItf(model, violation.trace, description(model, violation)) : traceToTla(model, violation.trace, description(model, violation));
  return { ...report, violation: { ...(report["violation"] as Record<string, unknown>), [format]: extra } };
}
