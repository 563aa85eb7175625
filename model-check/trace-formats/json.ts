/**
 * The JSON forms of `tla-twin check --json`: the report and its traces.
 *
 * @module
 */
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import type { TlaValue } from "../../src/tla/value.js";
import { stateVariables } from "../format.js";
import type { CheckResult, Trace } from "../result.js";
import { modelValueTypes, tlaToItf } from "./itf.js";

/**
 * The stable JSON form of a behaviour: each state's variables and each
 * action's parameters and witnesses as ITF values (`{"#set": [...]}`,
 * model values as `r1_OF_RM`), structured data rather than TLA+ text.
 */
export function traceToJson(model: AnyModel, trace: Trace<unknown, TwinAction>): unknown[] {
  const typeOf = modelValueTypes(model);
  const value = (v: TlaValue) => tlaToItf(v, typeOf);
  const stateJson = (state: unknown) => Object.fromEntries(stateVariables(model, state).map(([k, v]) => [k, value(v)]));
  return [
    { action: null, state: stateJson(trace.initial) },
    ...trace.steps.map((step) => {
      const label = model.actionLabel(step.action);
      return {
        action: {
          name: label.name,
          params: Object.fromEntries(label.params.map(([k, v]) => [k, value(v)])),
          witnesses: Object.fromEntries(label.witnesses.map(([k, v]) => [k, value(v)])),
        },
        state: stateJson(step.state),
      };
    }),
  ];
}

/** The stable JSON report of `tla-twin check --json`. */
export function resultToJson(
  model: AnyModel,
  config: Readonly<Record<string, number>>,
  variant: string | null,
  result: CheckResult<unknown, TwinAction>,
): Record<string, unknown> {
  const violation = result.violation;
  return {
    protocol: model.protocol,
    config,
    variant,
    distinctStates: result.distinctStates,
    statesGenerated: result.statesGenerated,
    depth: result.depth,
    durationMs: result.durationMs,
    complete: result.complete,
    stoppedBy: result.stoppedBy,
    search: result.search,
    resumedFrom: result.resumedFrom ?? null,
    witnesses: result.witnesses,
    violation:
      violation === null
        ? null
        : {
            kind: violation.kind,
            name: violation.kind === "deadlock" ? null : violation.name,
            steps: violation.trace.steps.length,
            trace: traceToJson(model, violation.trace),
          },
  };
}
