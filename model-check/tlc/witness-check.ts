/**
 * TLC's confirmation of witness goals: for a goal G of a model, TLC checks
 * the model's config with G's negation as the only property (`~G` as an
 * invariant for a state goal, `[][~G]_vars` for a step goal) and must report
 * it violated. TLC's breadth-first search reports a shortest counterexample,
 * so its number of steps is the fewest that reach G: the twin's BFS must
 * report its witness at the same length.
 *
 * @module
 */
import type { AnyModel, Witness, TwinAction } from "../../src/protocol.js";
import { cfgSections } from "./cfg.js";
import { runTlc } from "./tlc-run.js";
import type { TlcTools } from "./tools.js";
import type { SpecWorkdir } from "./workdir.js";
import { tlcModelOf } from "../../src/protocol.js";

/** The operator TLC checks for a goal, defined in the wrapper module. */
const negationName = "TwinGoalNegated";

/** The wrapper module and config that make TLC look for a behaviour reaching `goal`. */
export function goalJob(model: AnyModel, goal: Witness<unknown, TwinAction>): { module: string; moduleText: string; cfg: string } {
  const tlc = tlcModelOf(model);
  if (tlc.goalsModule === undefined) throw new Error(`${model.protocol} has witness goals but its TLC model names no goals module`);
  const module = `TwinGoal_${goal.name}`;
  const negation = goal.kind === "state" ? `~${goal.name}` : `[][~${goal.name}]_vars`;
  const moduleText = [
    `---- MODULE ${module} ----`,
    `\\* Written by tla-twin for one TLC run: the negation of the witness goal ${goal.name}.`,
    `EXTENDS ${tlc.goalsModule}`,
    `${negationName} == ${negation}`,
    "====",
    "",
  ].join("\n");
  // The model's config without its own invariants and properties, so that TLC stops at the goal alone.
  const kept = cfgSections(tlc.cfg).filter((s) => !/^(INVARIANTS?|PROPERTY|PROPERTIES)$/.test(s.keyword));
  const cfg = [
    ...kept.map((s) => `${s.keyword}\n  ${s.body}`),
    goal.kind === "state" ? `INVARIANT ${negationName}` : `PROPERTY ${negationName}`,
    "",
  ].join("\n");
  return { module, moduleText, cfg };
}

/** What TLC said of one goal: the steps of its shortest behaviour reaching the goal, or why it failed. */
export type GoalOutcome = { readonly steps: number } | { readonly failure: string };

/** Runs TLC (one worker, so that the counterexample is a shortest one) for one goal. */
export async function confirmGoal(
  tools: TlcTools,
  workdir: SpecWorkdir,
  model: AnyModel,
  goal: Witness<unknown, TwinAction>,
  timeoutMs: number,
): Promise<GoalOutcome> {
  const job = goalJob(model, goal);
  workdir.write(`${job.module}.tla`, job.moduleText);
  const cfg = workdir.write(`${job.module}.cfg`, job.cfg);
  const outcome = await runTlc(tools, workdir, { module: job.module, cfg, workers: 1, timeoutMs });
  if (outcome.failure !== undefined) return { failure: outcome.failure };
  const violation = outcome.report.violation;
  if (violation === undefined) return { failure: `TLC found no behaviour that reaches ${goal.name}` };
  const expected = goal.kind === "state" ? "invariant" : "action-property";
  if (violation.kind !== expected || violation.name !== negationName) {
    return { failure: `TLC stopped at something else: ${violation.kind} ${violation.name ?? ""}`.trim() };
  }
  return { steps: violation.trace.length - 1 };
}
