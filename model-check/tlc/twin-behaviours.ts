/**
 * Random behaviours of a twin, drawn with fast-check from a fixed seed: a
 * walk that starts in one of the initial states and takes, at each step, one
 * of the enabled actions (chosen by the drawn numbers), stopping early in a
 * state with no successor or outside the model's constraint, as TLC's
 * simulation does.
 *
 * @module
 */
import fc from "fast-check";
import type { AnyModel, TwinAction } from "../../src/protocol.js";

/** A behaviour of the twin: its states and, for each step, the action taken. */
export interface TwinBehaviour {
  readonly states: readonly unknown[];
  readonly actions: readonly TwinAction[];
}

/** How many behaviours, how long, from which seed. */
export interface BehaviourOptions {
  readonly count: number;
  /** The most steps a behaviour takes. */
  readonly depth: number;
  readonly seed: number;
}

/** Draws `count` behaviours of at most `depth` steps. The same seed gives the same behaviours. */
export function randomTwinBehaviours(model: AnyModel, options: BehaviourOptions): TwinBehaviour[] {
  const choices = fc.sample(fc.array(fc.nat(), { minLength: options.depth + 1, maxLength: options.depth + 1 }), {
    seed: options.seed,
    numRuns: options.count,
  });
  const initial = model.initialStates();
  const inModel = (s: unknown) => model.constraint === undefined || model.constraint.holds(s);
  return choices.map((picks) => {
    let state = initial[picks[0]! % initial.length];
    const states: unknown[] = [state];
    const actions: TwinAction[] = [];
    for (let step = 1; step <= options.depth && inModel(state); step++) {
      const successors: [TwinAction, unknown][] = [];
      model.forEachSuccessor(state, (a, next) => successors.push([a, next]));
      if (successors.length === 0) break;
      const [action, next] = successors[picks[step]! % successors.length]!;
      actions.push(action);
      states.push(next);
      state = next;
    }
    return { states, actions };
  });
}
