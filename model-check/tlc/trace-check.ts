/**
 * (e) The reverse direction: TLC checks that random behaviours of the twin
 * are behaviours of the spec.
 *
 * For each batch of behaviours the bridge writes a module that EXTENDS the
 * spec's root module (the one its config checks) and holds the behaviours as
 * a constant tuple of tuples of states. Its own specification walks them:
 * two fresh variables say which behaviour (`tt_behaviour`) and which of its
 * states (`tt_step`) the spec's variables currently hold. TLC then checks
 *
 * - the invariant `TT_StartsInInit == tt_step = 1 => Init`: every behaviour
 *   starts in a state that satisfies the spec's initial predicate, and
 * - the action property `TT_StepsAreNext == [][Next]_<<tt_step, vars>>`:
 *   every step satisfies the spec's next-state relation. `tt_step` changes on
 *   every step, so a step that leaves the spec's variables unchanged must be a
 *   `Next` step too; stuttering is not an escape;
 * - the action property `TT_StepIsItsAction`: every step satisfies the very
 *   action the twin says it took (`RMPrepare(r1)`, the operator applied to
 *   the label's parameters), so a step the twin mislabels is caught even when
 *   some other action of the spec allows it.
 *
 * It also checks that TLC visited exactly as many states as the behaviours
 * hold, so a vacuous run (no behaviour explored) cannot pass.
 *
 * A bug-zoo variant's behaviours are checked against the variant's TLA+
 * version instead ({@link TraceCheckOptions.spec}).
 *
 * Model values are referred to through constants `TT_<name>` that the config
 * assigns the model value `<name>`, which TLC identifies with the spec's own
 * model value of that name.
 *
 * @module
 */
import type { AnyModel } from "../../src/protocol.js";
import { type TlaValue, asInt, collectModelValues, field } from "../../src/tla/value.js";
import { formatCount } from "../format.js";
import { modulesForExpressions, tlaExpression } from "../trace-formats/tla-expression.js";
import { constantSections, initAndNext } from "./cfg.js";
import type { CheckOutcome } from "./compare.js";
import { formatState } from "./compare.js";
import { runTlc } from "./tlc-run.js";
import type { StopSignal } from "../stop.js";
import type { TlcTools } from "./tools.js";
import type { TwinBehaviour } from "./twin-behaviours.js";
import { twinLabeler } from "./twin-graph.js";
import type { SpecWorkdir } from "./workdir.js";
import { tlcModelOf } from "../../src/protocol.js";

const prefix = "TT_";

/** A value in TLA+ syntax with each model value `m` written as the constant `TT_m`. */
function valueText(v: TlaValue): string {
  return tlaExpression(v, (name) => prefix + name);
}

/**
 * The spec whose behaviours are checked: a root module and its config. By
 * default the model's `tlcModel()`; a bug-zoo variant's behaviours are
 * behaviours of the variant's TLA+ version (`zooJob` in zoo-check.ts), whose wrapper
 * module, when it needs one, is `moduleText`.
 */
export interface TraceCheckSpec {
  readonly module: string;
  readonly cfg: string;
  readonly moduleText?: string;
}

/** The trace-checking module and its config for a batch of behaviours. */
export function traceCheckModule(
  model: AnyModel,
  behaviours: readonly TwinBehaviour[],
  moduleName: string,
  spec: TraceCheckSpec = tlcModelOf(model),
): { tla: string; cfg: string } {
  const { module, cfg } = spec;
  const { init, next } = initAndNext(cfg);
  const variables = model.tlaVariables;
  const modelValues = new Set<string>();
  // Each distinct state is written once; behaviours are tuples of indices into TT_States.
  // That keeps the module small: SANY takes seconds on a module of thousands of records.
  const stateIndex = new Map<string, number>();
  const stateTexts: string[] = [];
  const writtenValues: TlaValue[] = [];
  const behaviourTexts = behaviours.map((b, i) => {
    const indices = b.states.map((s) => {
      const value = model.toTla(s);
      const text = `[${variables.map((name) => `${name} |-> ${valueText(field(value, name))}`).join(", ")}]`;
      let index = stateIndex.get(text);
      if (index === undefined) {
        collectModelValues(value, modelValues);
        writtenValues.push(value);
        stateTexts.push(`  ${text}`);
        index = stateTexts.length;
        stateIndex.set(text, index);
      }
      return index;
    });
    return `  <<${indices.join(", ")}>>${i === behaviours.length - 1 ? "" : ","} \\* behaviour ${i + 1}`;
  });
  // Each step's action as the spec names it (TLC's label), as an action formula of the spec.
  const labelIndex = new Map<string, number>();
  const labelFormulas: string[] = [];
  const labelTexts = behaviours.map((b) => {
    const indices = b.actions.map((action) => {
      const label = model.actionLabel(action);
      label.params.forEach(([, v]) => {
        collectModelValues(v, modelValues);
        writtenValues.push(v);
      });
      const formula = label.params.length === 0 ? label.name : `${label.name}(${label.params.map(([, v]) => valueText(v)).join(", ")})`;
      let index = labelIndex.get(formula);
      if (index === undefined) {
        labelFormulas.push(formula);
        index = labelFormulas.length;
        labelIndex.set(formula, index);
      }
      return index;
    });
    return `<<${indices.join(", ")}>>`;
  });
  const mvs = [...modelValues].sort();
  const specVars = variables.join(", ");
  const tla = [
    `---- MODULE ${moduleName} ----`,
    `\\* Written by tla-twin's TLC bridge: checks that behaviours of the twin are behaviours of ${module}.`,
    // Naturals, Sequences and TLC for the walk below; Integers too when a value holds a negative number.
    `EXTENDS ${[...new Set([module, "Naturals", "Sequences", "TLC", ...modulesForExpressions(writtenValues)])].join(", ")}`,
    ...(mvs.length > 0 ? [`CONSTANTS ${mvs.map((m) => prefix + m).join(", ")}`] : []),
    "VARIABLES tt_behaviour, tt_step",
    "",
    "TT_States == <<",
    stateTexts.join(",\n"),
    ">>",
    "",
    "TT_Behaviours == <<",
    ...behaviourTexts,
    ">>",
    "",
    "TT_Init == /\\ tt_behaviour \\in 1..Len(TT_Behaviours)",
    "           /\\ tt_step = 1",
    ...variables.map((v) => `           /\\ ${v} = TT_States[TT_Behaviours[tt_behaviour][1]].${v}`),
    "",
    "TT_Next == /\\ tt_step < Len(TT_Behaviours[tt_behaviour])",
    "           /\\ tt_step' = tt_step + 1",
    "           /\\ UNCHANGED tt_behaviour",
    ...variables.map((v) => `           /\\ ${v}' = TT_States[TT_Behaviours[tt_behaviour][tt_step + 1]].${v}`),
    "",
    `TT_Spec == TT_Init /\\ [][TT_Next]_<<tt_behaviour, tt_step, ${specVars}>>`,
    "",
    `TT_StartsInInit == tt_step = 1 => ${init}`,
    "",
    `TT_StepsAreNext == [][${next}]_<<tt_step, ${specVars}>>`,
    "",
    "\\* The action the twin took at each step, by index into the disjuncts of TT_StepIsItsAction.",
    `TT_Labels == <<${labelTexts.join(", ")}>>`,
    "",
    "TT_StepIsItsAction == [][",
    ...(labelFormulas.length === 0 ? ["  FALSE"] : labelFormulas.map((f, i) => `  \\/ TT_Labels[tt_behaviour][tt_step] = ${i + 1} /\\ ${f}`)),
    `  ]_<<tt_step, ${specVars}>>`,
    "====",
    "",
  ].join("\n");
  const cfgText = [
    constantSections(cfg),
    ...(mvs.length > 0 ? ["CONSTANTS", ...mvs.map((m) => `  ${prefix}${m} = ${m}`)] : []),
    "SPECIFICATION TT_Spec",
    "INVARIANT TT_StartsInInit",
    "PROPERTY TT_StepsAreNext",
    "PROPERTY TT_StepIsItsAction",
    "CHECK_DEADLOCK FALSE",
    "",
  ].join("\n");
  return { tla, cfg: cfgText };
}

/** Options of the reverse check. */
export interface TraceCheckOptions {
  readonly workers: number;
  readonly timeoutMs: number;
  /** Behaviours per generated module (one TLC run each). */
  readonly batchSize: number;
  /** The spec to check them against; by default the model's `tlcModel()`. */
  readonly spec?: TraceCheckSpec;
  /** Ends the TLC run going on, and starts no other, when a stop is requested. */
  readonly stop?: StopSignal;
  /** Called as each TLC run starts, with Java's process id. */
  readonly onStart?: (pid: number) => void;
}

/**
 * (e) Runs TLC on the behaviours, batch by batch, and says which step (if
 * any) is not a step of the spec. A run that a time limit or a stop request
 * ended leaves the check undecided (`stoppedBy`), one where TLC failed
 * leaves it `toolFailed`.
 */
export async function checkTwinBehaviours(
  tools: TlcTools,
  workdir: SpecWorkdir,
  model: AnyModel,
  behaviours: readonly TwinBehaviour[],
  options: TraceCheckOptions,
): Promise<CheckOutcome> {
  const labelOf = twinLabeler(model);
  const steps = behaviours.reduce((n, b) => n + b.actions.length, 0);
  const title = "twin's random behaviours are behaviours of the spec (TLC)";
  const twin = `${behaviours.length} behaviours, ${formatCount(steps)} steps`;
  const details: string[] = [];
  const spec: TraceCheckSpec = options.spec ?? tlcModelOf(model);
  if (spec.moduleText !== undefined) workdir.write(`${spec.module}.tla`, spec.moduleText);
  let runs = 0;
  let undecided: Pick<CheckOutcome, "stoppedBy" | "toolFailed"> = {};
  for (let start = 0; start < behaviours.length && details.length === 0; start += options.batchSize) {
    const batch = behaviours.slice(start, start + options.batchSize);
    const name = `TwinTraces_${++runs}`;
    const { tla, cfg } = traceCheckModule(model, batch, name, spec);
    workdir.write(`${name}.tla`, tla);
    workdir.write(`${name}.cfg`, cfg);
    const stopped = options.stop?.reason ?? null;
    if (stopped !== null) {
      details.push(`not run: a stop was requested (${stopped})`);
      undecided = { stoppedBy: stopped };
      break;
    }
    const outcome = await runTlc(tools, workdir, {
      module: name,
      cfg: `${name}.cfg`,
      workers: options.workers,
      timeoutMs: options.timeoutMs,
      extraArgs: ["-deadlock"],
      stop: options.stop,
      onStart: options.onStart,
    });
    if (outcome.failure !== undefined) {
      details.push(`TLC run on ${name}.tla failed: ${outcome.failure}`);
      undecided = outcome.stoppedBy !== null ? { stoppedBy: outcome.stoppedBy } : { toolFailed: true };
      break;
    }
    const violation = outcome.report.violation;
    if (violation !== undefined) {
      const last = violation.trace[violation.trace.length - 1];
      if (last === undefined) {
        details.push(`TLC reports ${violation.kind} ${violation.name ?? ""} without a trace`);
        break;
      }
      const b = asInt(field(last.state, "tt_behaviour")) - 1;
      const k = asInt(field(last.state, "tt_step")) - 1;
      const behaviour = batch[b];
      const which = `twin behaviour ${start + b + 1}`;
      if (violation.name === "TT_StartsInInit" || behaviour === undefined) {
        details.push(`${which} starts in a state that does not satisfy the spec's initial predicate:\n${indent(stateText(model, behaviour?.states[0]))}`);
      } else if (violation.name === "TT_StepsAreNext") {
        const action = behaviour.actions[k - 1];
        details.push(
          `${which}, step ${k}: ${action === undefined ? "a step" : labelOf(action).text} is not a step of the spec's next-state relation\n    from\n` +
            `${indent(stateText(model, behaviour.states[k - 1]))}\n    to\n${indent(stateText(model, behaviour.states[k]))}`,
        );
      } else if (violation.name === "TT_StepIsItsAction") {
        const action = behaviour.actions[k - 1];
        details.push(
          `${which}, step ${k}: a step of the spec, but not a ${action === undefined ? "?" : labelOf(action).text} step as the twin labels it\n    from\n` +
            `${indent(stateText(model, behaviour.states[k - 1]))}\n    to\n${indent(stateText(model, behaviour.states[k]))}`,
        );
      } else {
        details.push(`TLC reports ${violation.kind} ${violation.name ?? ""} on ${name}.tla`);
      }
      break;
    }
    const expected = batch.reduce((n, bh) => n + bh.states.length, 0);
    if (outcome.report.counts?.distinctStates !== expected) {
      details.push(`TLC visited ${outcome.report.counts?.distinctStates ?? "no"} states of ${name}.tla; its behaviours hold ${expected}`);
      break;
    }
  }
  const tlc = details.length === 0 ? `${runs} run(s), every step accepted` : undecided.stoppedBy !== undefined ? "(stopped)" : undecided.toolFailed ? "(failed)" : "rejected";
  return { id: "e", title, tlc, twin, ok: details.length === 0, details, ...undecided };
}

function stateText(model: AnyModel, state: unknown): string {
  return state === undefined ? "(no state)" : formatState(model.toTla(state), model.tlaVariables);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");
}
