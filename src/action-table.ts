/**
 * A protocol's actions declared once, as a table from action type to the
 * function that performs it; `step`, the successor enumeration and a
 * user's variant of the protocol all come from that one table, so no
 * protocol dispatches its actions in more than one place.
 *
 * @module
 */
import type { Model, TwinAction } from "./protocol.js";

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

type Perform<S, A> = (state: S, action: A) => S | undefined;

/** The table's function for `type`; an action the table does not have is a caller's mistake, not a disabled action. */
function performerOf<S, A extends TwinAction>(table: ActionTable<S, A>, type: string): Perform<S, A> {
  const perform = (table as unknown as Readonly<Record<string, Perform<S, A> | undefined>>)[type];
  if (perform === undefined) throw new TypeError(`no action "${type}" in this model's action table`);
  return perform;
}

/** `step` through the table: the one place an action is dispatched on its type. */
export function stepThrough<S, A extends TwinAction>(table: ActionTable<S, A>): (state: S, action: A) => S | undefined {
  return (state, action) => performerOf(table, action.type)(state, action);
}

/**
 * Candidates that begin with the same actions in every state (those whose
 * parameters range over the config's constants only), then the ones `rest`
 * lists for the state (those with witnesses drawn from the state, such as a
 * message in flight). Marked, so that {@link successorsThrough} looks the
 * fixed actions' functions up once rather than on every state: on 2PC the
 * lookup by type costs as much as the step itself.
 */
export function fixedThen<S, A extends TwinAction>(fixed: readonly A[], rest?: Candidates<S, A>): Candidates<S, A> {
  const candidates: Candidates<S, A> = (state, visit) => {
    for (const action of fixed) visit(action);
    rest?.(state, visit);
  };
  fixedParts.set(candidates, { fixed, rest });
  return candidates;
}

interface FixedParts {
  readonly fixed: readonly TwinAction[];
  readonly rest: Candidates<never, TwinAction> | undefined;
}

/** The parts of candidates built by {@link fixedThen}, by candidates function. */
const fixedParts = new WeakMap<object, FixedParts>();

/** `forEachSuccessor` from the candidates and the table: each enabled candidate, in order, with its successor. */
export function successorsThrough<S, A extends TwinAction>(
  transitions: Transitions<S, A>,
): (state: S, visit: (action: A, next: S) => void) => void {
  const { table, candidates } = transitions;
  const parts = fixedParts.get(candidates) as { readonly fixed: readonly A[]; readonly rest: Candidates<S, A> | undefined } | undefined;
  if (parts === undefined) return successorsOfCandidates(table, candidates);
  const performs = parts.fixed.map((action) => performerOf(table, action.type));
  const fixedSuccessors = unrolled(parts.fixed, performs);
  const rest = parts.rest === undefined ? undefined : successorsOfCandidates(table, parts.rest);
  return rest === undefined
    ? fixedSuccessors
    : (state, visit) => {
        fixedSuccessors(state, visit);
        rest(state, visit);
      };
}

/**
 * A run of the fixed candidates: `repeats` blocks of `period` actions whose
 * types repeat block after block (2PC: the five actions of each RM).
 */
interface Run {
  readonly start: number;
  readonly period: number;
  readonly repeats: number;
}

/** The fixed candidates cut into runs, each as long as it can be, preferring short periods. */
function runsOf(types: readonly string[]): Run[] {
  const runs: Run[] = [];
  for (let start = 0; start < types.length; ) {
    let best: Run = { start, period: 1, repeats: 1 };
    for (let period = 1; period <= 16 && start + period <= types.length; period++) {
      let repeats = 1;
      while (start + (repeats + 1) * period <= types.length && types.slice(start, start + period).every((t, i) => types[start + repeats * period + i] === t)) repeats++;
      if (repeats > 1 && repeats * period > best.repeats * best.period) best = { start, period, repeats };
    }
    runs.push(best);
    start += best.period * best.repeats;
  }
  return runs;
}

/**
 * The successors of the fixed candidates, tried in order by code generated
 * for their list: a loop per run of repeating types, with one call site per
 * type in it, as a hand-written enumeration has. V8 inlines a function at a
 * call site that has only ever seen that one; a single loop over all
 * candidates has one call site that sees every action's function and calls
 * out of line, which on 2PC costs about as much as the step itself
 * (measured). The generated text is made of indices only: the functions and
 * actions are passed in as arguments, so nothing of the model becomes code.
 */
function unrolled<S, A extends TwinAction>(
  fixed: readonly A[],
  performs: readonly Perform<S, A>[],
): (state: S, visit: (action: A, next: S) => void) => void {
  const runs = runsOf(fixed.map((action) => action.type));
  const functions: Perform<S, A>[] = [];
  const body = runs.map(({ start, period, repeats }) => {
    const calls = Array.from({ length: period }, (_, i) => {
      const f = functions.push(performs[start + i]!) - 1;
      return `next = f${f}(state, actions[k + ${i}]); if (next !== undefined) visit(actions[k + ${i}], next);`;
    });
    return `for (let k = ${start}; k < ${start + period * repeats}; k += ${period}) {\n    ${calls.join("\n    ")}\n  }`;
  });
  const names = functions.map((_, f) => `f${f}`);
  const make = new Function("actions", ...names, `return function fixedSuccessors(state, visit) {\n  let next;\n  ${body.join("\n  ")}\n};`);
  return make(fixed, ...functions) as (state: S, visit: (action: A, next: S) => void) => void;
}

function successorsOfCandidates<S, A extends TwinAction>(
  table: ActionTable<S, A>,
  candidates: Candidates<S, A>,
): (state: S, visit: (action: A, next: S) => void) => void {
  const step = stepThrough(table);
  return (state, visit) =>
    candidates(state, (action) => {
      const next = step(state, action);
      if (next !== undefined) visit(action, next);
    });
}

/**
 * What a model's `transitions`, `step` and `forEachSuccessor` are, all
 * three from the same transitions: spread into a model so that its step
 * and its enumeration cannot disagree on what an action does.
 */
export function transitionsOf<S, A extends TwinAction>(
  transitions: Transitions<S, A>,
): Pick<Model<S, A>, "transitions" | "step" | "forEachSuccessor"> {
  return { transitions, step: stepThrough(transitions.table), forEachSuccessor: successorsThrough(transitions) };
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

/**
 * The model with some of its actions replaced (see {@link overrideActions}),
 * its `step` and `forEachSuccessor` rebuilt from the new table and
 * everything else kept: invariants, codec, symmetry and the candidates,
 * which still decide what is tried in each state. An action the
 * candidates never list (a fault a config switches off) stays out of the
 * enumeration whatever its override does.
 */
export function withActions<S, A extends TwinAction>(model: Model<S, A>, overrides: Partial<ActionTable<S, A>>): Model<S, A> {
  if (model.transitions === undefined) throw new TypeError(`the ${model.protocol} model has no action table to override`);
  const transitions = { table: overrideActions(model.transitions.table, overrides), candidates: model.transitions.candidates };
  return { ...model, ...transitionsOf(transitions) };
}
