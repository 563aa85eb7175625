/**
 * Ready-made fast-check properties over {@link behaviours}: a model keeps its
 * invariants, and a changed model shows only behaviours its reference has.
 *
 * @module
 */
import fc from "fast-check";
import type { Model, TwinAction } from "../../src/protocol.js";
import { type TlaValue, formatTla, tlaEquals } from "../../src/tla/value.js";
import { formatActionLabel } from "../format.js";
import { type Behaviour, type BehaviourOptions, behaviours } from "./behaviours.js";
import { StateSet } from "./state-set.js";

/** Thrown by a property when a behaviour breaks what it checks; the message says at which step. */
export class BehaviourError extends Error {
  override readonly name = "BehaviourError";
}

/**
 * Every invariant holds in every state of the behaviour and every action
 * property on every step of it.
 */
export function invariantsHold<S, A extends TwinAction>(model: Model<S, A>, options: BehaviourOptions<A>): fc.IPropertyWithHooks<[Behaviour<S, A>]> {
  return fc.property(behaviours(model, options), ({ trace }) => {
    const broken = (state: S) => model.invariants.find((invariant) => !invariant.holds(state));
    const atStart = broken(trace.initial);
    if (atStart !== undefined) throw new BehaviourError(`invariant ${atStart.name} is violated in the initial state`);
    let state = trace.initial;
    trace.steps.forEach(({ action, state: next }, i) => {
      const label = formatActionLabel(model.actionLabel(action));
      const property = model.actionProperties.find((p) => !p.holds(state, action, next));
      if (property !== undefined) throw new BehaviourError(`action property ${property.name} is violated by step ${i + 1}, ${label}`);
      const invariant = broken(next);
      if (invariant !== undefined) throw new BehaviourError(`invariant ${invariant.name} is violated after step ${i + 1}, ${label}`);
      state = next;
    });
  });
}

/** Options of {@link modelsAgree}. */
export interface AgreementOptions<S, A extends TwinAction> extends BehaviourOptions<A> {
  /** What an observer of a state sees (default: all of it, as the spec's variables); compared with `tlaEquals`. */
  readonly observe?: (state: S) => TlaValue;
}

/**
 * Every behaviour of `changed`, seen through `observe`, is a behaviour of
 * `reference` up to stuttering: its first observation is that of an initial
 * state of the reference, and each step is either invisible (the same
 * observation) or matched by one step of the reference from a state it
 * could be in. The reference's possible states are tracked as a set, since
 * several of its states may look alike.
 */
export function modelsAgree<S, A extends TwinAction, B extends TwinAction>(
  reference: Model<S, B>,
  changed: Model<S, A>,
  options: AgreementOptions<S, A>,
): fc.IPropertyWithHooks<[Behaviour<S, A>]> {
  const observe = options.observe ?? ((state: S) => reference.toTla(state));
  const consistent = (states: Iterable<S>, seen: TlaValue) => {
    const set = new StateSet(reference.codec);
    for (const state of states) if (tlaEquals(observe(state), seen)) set.add(state);
    return set;
  };
  return fc.property(behaviours(changed, options), ({ trace }) => {
    let seen = observe(trace.initial);
    let possible = consistent(reference.initialStates(), seen);
    if (possible.size === 0) throw new BehaviourError(`no initial state of the reference looks like ${formatTla(seen)}`);
    trace.steps.forEach(({ action, state }, i) => {
      const next = observe(state);
      if (tlaEquals(next, seen)) return;
      const successors: S[] = [];
      for (const from of possible.values()) reference.forEachSuccessor(from, (_a, to) => successors.push(to));
      possible = consistent(successors, next);
      if (possible.size === 0) {
        const label = formatActionLabel(changed.actionLabel(action));
        throw new BehaviourError(`step ${i + 1}, ${label}, leads to ${formatTla(next)}, which no step of the reference reaches`);
      }
      seen = next;
    });
  });
}
