/**
 * A fast-check arbitrary of behaviours of any model, for property tests of a
 * twin or of code held to it.
 *
 * A behaviour is generated as choices (an index of the initial state, then
 * one natural number per step) and decoded by replaying them through the
 * model: each number picks among the actions enabled in the current state,
 * taken modulo their (weighted) count. Every list of numbers decodes to a
 * valid behaviour, so fast-check's own shrinking of the choices (dropping
 * steps, lowering numbers) can only ever produce valid behaviours: a choice
 * that no longer fits the state it lands on is re-mapped by the modulo, and
 * lower numbers pick the first enabled actions, which tends to short paths.
 *
 * @module
 */
import fc from "fast-check";
import type { AnyModel, Model, TwinAction } from "../../src/protocol.js";
import { formatTrace } from "../format.js";
import type { Trace, TraceStep } from "../result.js";

/** Options of {@link behaviours}. */
export interface BehaviourOptions<A extends TwinAction = TwinAction> {
  /** The most steps a behaviour takes (it may stop earlier, in a state with no enabled action). */
  readonly maxSteps: number;
  /**
   * Relative weights of the actions by `type` (non-negative integers, 1 when
   * left out): an action of weight 3 is picked three times as often as one
   * of weight 1; weight 0 never picks it, and a behaviour stops where only
   * such actions are enabled.
   */
  readonly weights?: Readonly<Partial<Record<A["type"], number>>>;
}

/** A generated behaviour: its trace, and the trace as text (what fast-check prints for a counterexample). */
export interface Behaviour<S, A extends TwinAction> {
  readonly trace: Trace<S, A>;
  toString(): string;
}

/** The behaviour that `choices` stand for: `initial` picks the initial state, each step number an enabled action. */
export function replayChoices<S, A extends TwinAction>(
  model: Model<S, A>,
  initial: number,
  choices: readonly number[],
  weights?: BehaviourOptions<A>["weights"],
): Trace<S, A> {
  const initials = model.initialStates();
  if (initials.length === 0) throw new Error(`${model.protocol} (${model.configLabel}) has no initial state`);
  const first = initials[initial % initials.length]!;
  const steps: TraceStep<S, A>[] = [];
  let state: S = first;
  for (const choice of choices) {
    const picked = pickSuccessor(model, state, choice, weights);
    if (picked === undefined) break;
    steps.push(picked);
    state = picked.state;
  }
  return { initial: first, steps };
}

function weightOf<A extends TwinAction>(weights: BehaviourOptions<A>["weights"], action: A): number {
  return (weights as Readonly<Record<string, number | undefined>> | undefined)?.[action.type] ?? 1;
}

/** The enabled action that `choice` picks in `state` (by weight), or undefined where none can be picked. */
function pickSuccessor<S, A extends TwinAction>(model: Model<S, A>, state: S, choice: number, weights: BehaviourOptions<A>["weights"]): TraceStep<S, A> | undefined {
  const enabled: TraceStep<S, A>[] = [];
  const cumulative: number[] = [];
  let total = 0;
  model.forEachSuccessor(state, (action, next) => {
    const weight = weightOf(weights, action);
    if (weight <= 0) return;
    total += weight;
    enabled.push({ action, state: next });
    cumulative.push(total);
  });
  if (total === 0) return undefined;
  const ticket = choice % total;
  // The first action whose cumulative weight passes the ticket: with all weights 1 this is enabled[ticket].
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! > ticket) high = mid;
    else low = mid + 1;
  }
  return enabled[low];
}

function checkWeights(weights: Readonly<Record<string, number | undefined>>): void {
  for (const [type, weight] of Object.entries(weights)) {
    if (weight !== undefined && (!Number.isInteger(weight) || weight < 0)) {
      throw new RangeError(`the weight of ${type} must be a non-negative integer, got ${weight}`);
    }
  }
}

/** A fast-check arbitrary of behaviours of `model` with at most `maxSteps` steps. */
export function behaviours<S, A extends TwinAction>(model: Model<S, A>, options: BehaviourOptions<A>): fc.Arbitrary<Behaviour<S, A>> {
  if (!Number.isInteger(options.maxSteps) || options.maxSteps < 0) throw new RangeError(`maxSteps must be a non-negative integer, got ${options.maxSteps}`);
  const weights = options.weights;
  if (weights !== undefined) checkWeights(weights as Readonly<Record<string, number | undefined>>);
  return fc
    .tuple(fc.nat(), fc.array(fc.nat(), { maxLength: options.maxSteps }))
    .map(([initial, choices]) => behaviourOf(model, replayChoices(model, initial, choices, weights)));
}

/** Wraps a trace so that fast-check prints it as numbered TLA+ steps. */
export function behaviourOf<S, A extends TwinAction>(model: Model<S, A>, trace: Trace<S, A>): Behaviour<S, A> {
  const text = () => `behaviour of ${trace.steps.length} steps (${model.protocol}, ${model.configLabel}):\n${formatTrace(model as unknown as AnyModel, trace as Trace<unknown, TwinAction>)}`;
  return { trace, toString: text, [fc.toStringMethod]: text } as Behaviour<S, A>;
}
