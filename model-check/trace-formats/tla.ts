/**
 * Behaviours in TLA+ syntax, in the layout of TLC's `-simulate file=...`
 * traces: one definition `STATE_k == /\ var = value ...` per state, each
 * preceded by a comment `\* <Action(args)>` naming the step into it. The
 * module declares the model values as constants and the spec's variables,
 * and EXTENDS the standard modules its values need (`Integers` for negative
 * numbers, `TLC` for functions; see {@link tlaExpression}), so SANY accepts
 * it, and tla-twin's TLC trace reader reads it back.
 *
 * @module
 */
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import { collectModelValues, field, formatTla } from "../../src/tla/value.js";
import { formatActionLabel } from "../format.js";
import type { Trace } from "../result.js";
import { modulesForExpressions, tlaExpression } from "./tla-expression.js";
import { tlcModelOf } from "../../src/protocol.js";

/** A behaviour of a model as a TLA+ module named `moduleName`; `description` becomes its first comment. */
export function traceToTla(model: AnyModel, trace: Trace<unknown, TwinAction>, description: string, moduleName = `${model.tlcModel === undefined ? model.tlaModule : tlcModelOf(model).module}_trace`): string {
  const states = [trace.initial, ...trace.steps.map((s) => s.state)].map((s) => model.toTla(s));
  const names = new Set<string>();
  for (const s of states) collectModelValues(s, names);
  const modules = modulesForExpressions(states);
  const lines = [
    `---- MODULE ${moduleName} ----`,
    ...description.split("\n").map((l) => `\\* ${l}`),
    ...(modules.length > 0 ? [`EXTENDS ${modules.join(", ")}`] : []),
    ...(names.size > 0 ? [`CONSTANTS ${[...names].sort().join(", ")}`] : []),
    `VARIABLES ${model.tlaVariables.join(", ")}`,
  ];
  states.forEach((state, i) => {
    const step = i === 0 ? undefined : trace.steps[i - 1]!;
    lines.push("");
    if (step === undefined) lines.push("\\* <Initial predicate>");
    else {
      const label = model.actionLabel(step.action);
      lines.push(`\\* <${formatActionLabel({ ...label, witnesses: [] })}>`);
      if (label.witnesses.length > 0) lines.push(`\\*   witnesses: ${label.witnesses.map(([k, v]) => `${k} = ${formatTla(v)}`).join(", ")}`);
    }
    lines.push(`STATE_${i + 1} ==`);
    for (const name of model.tlaVariables) lines.push(`/\\ ${name} = ${tlaExpression(field(state, name))}`);
  });
  lines.push("", "====", "");
  return lines.join("\n");
}
