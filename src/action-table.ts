/**
 * A protocol's actions declared once, as a table from action type to the
 * function that performs it; `step`, the successor enumeration and a
 * user's variant of the protocol all come from that one table, so no
 * protocol dispatches its actions in more than one place.
 *
 * @module
 */
import type { TwinAction } from "./protocol.js";

/**
 * One function per action type, keyed by the type (the TLA+ action's
 * name). Each returns the state the action leads to, or `undefined` when it
 * is not enabled. Typed so that a missing or extra action type is a compile
 * error.
 */
export type ActionTable<S, A extends TwinAction> = {
  readonly [K in A["type"]]: ActionFunction<S, Extract<A, { readonly type: K }>>;
};

/**
 * One action's function. Declared through a method so that, like the
 * methods of `Model`, a table of a concrete protocol can be seen as a table
 * of unknown states (`AnyModel`) by code that only passes states through.
 */
export type ActionFunction<S, A> = { perform(state: S, action: A): S | undefined }["perform"];

/**
 * Calls `visit` with every candidate action of a state, in the spec's
 * order (the order of `Next`'s disjuncts and of the values each
 * quantifier ranges over). A candidate need not be enabled: the table's
 * function says whether it is.
 */
export type Candidates<S, A extends TwinAction> = { candidates(state: S, visit: (action: A) => void): void }["candidates"];

/** What a model's transitions are made of: the table, and the candidates to try in each state. */
export interface Transitions<S, A extends TwinAction> {
  readonly table: ActionTable<S, A>;
  readonly candidates: Candidates<S, A>;
}

/** `step` through the table: the one place an action is dispatched on its type. */
export function stepThrough<S, A extends TwinAction>(table: ActionTable<S, A>): (state: S, action: A) => S | undefined {
  const byType = table as unknown as Readonly<Record<string, (state: S, action: A) => S | undefined>>;
  return (state, action) => {
    const perform = byType[action.type];
    if (perform === undefined) throw new TypeError(`no action "${action.type}" in this model's action table`);
    return perform(state, action);
  };
}

/** `forEachSuccessor` from the candidates and the table: each enabled candidate, in order, with its successor. */
export function successorsThrough<S, A extends TwinAction>(
  transitions: Transitions<S, A>,
): (state: S, visit: (action: A, next: S) => void) => void {
  const step = stepThrough(transitions.table);
  const { candidates } = transitions;
  return (state, visit) =>
    candidates(state, (action) => {
      const next = step(state, action);
      if (next !== undefined) visit(action, next);
    });
}

/**
 * The table with some actions replaced: how a variant of a protocol (a
 * user's change, or a deliberate bug) is written without copying the
 * protocol. An override of a type the table does not have is refused.
 */
export function overrideActions<S, A extends TwinAction>(
  table: ActionTable<S, A>,
  overrides: Partial<ActionTable<S, A>>,
): ActionTable<S, A> {
  for (const type of Object.keys(overrides)) {
    if (!(type in table)) {
      throw new TypeError(`no action "${type}" to override (actions: ${Object.keys(table).join(", ")})`);
    }
  }
  return { ...table, ...overrides };
}
