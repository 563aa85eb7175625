/**
 * A twin with one deliberate mistake, made by wrapping a correct model: the
 * transitions that `matches` picks lead to `to(state)` instead of where the
 * twin's action would go. The spec is untouched, so every cross-check with
 * TLC must notice.
 */
import type { Model, TwinAction } from "../../src/protocol.js";

export function redirectTransition<S, A extends TwinAction>(
  model: Model<S, A>,
  matches: (state: S, action: A) => boolean,
  to: (state: S) => S,
): Model<S, A> {
  return {
    ...model,
    forEachSuccessor(state, visit) {
      model.forEachSuccessor(state, (action, next) => visit(action, matches(state, action) ? to(state) : next));
    },
    step(state, action) {
      const next = model.step(state, action);
      return next !== undefined && matches(state, action) ? to(state) : next;
    },
  };
}
