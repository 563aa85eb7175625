/**
 * Rebuilding behaviours from stored paths: a path is the index of an initial
 * state followed by, for each step, the position of the successor taken in
 * the model's (deterministic) successor order.
 *
 * @module
 */
import type { Model, TwinAction } from "../src/protocol.js";
import type { Trace, TraceStep } from "./result.js";

/** Thrown when a stored path does not fit the model: a bug, or a path from another model. */
export class ReplayError extends Error {
  override readonly name = "ReplayError";
}

/** The `ordinal`-th successor of `state`, with the action that leads to it. */
export function nthSuccessor<S, A extends TwinAction>(model: Model<S, A>, state: S, ordinal: number): TraceStep<S, A> {
  let seen = 0;
  let found: TraceStep<S, A> | undefined;
  model.forEachSuccessor(state, (action, next) => {
    if (seen++ === ordinal) found = { action, state: next };
  });
  if (found === undefined) throw new ReplayError(`the state has ${seen} successors, not ${ordinal + 1}`);
  return found;
}

/** The behaviour that a path describes. */
export function replayPath<S, A extends TwinAction>(model: Model<S, A>, path: readonly number[]): Trace<S, A> {
  const [first, ...rest] = path;
  const initialStates = model.initialStates();
  if (first === undefined || first >= initialStates.length) throw new ReplayError(`no initial state number ${first}`);
  const initial = initialStates[first] as S;
  const steps: TraceStep<S, A>[] = [];
  let state: S = initial;
  for (const ordinal of rest) {
    const step = nthSuccessor(model, state, ordinal);
    steps.push(step);
    state = step.state;
  }
  return { initial, steps };
}

/** The last state of a behaviour. */
export function lastState<S, A extends TwinAction>(trace: Trace<S, A>): S {
  return trace.steps.length === 0 ? trace.initial : trace.steps[trace.steps.length - 1]!.state;
}
