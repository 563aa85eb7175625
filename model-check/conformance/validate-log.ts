/**
 * Validates an implementation's log against a twin: is there a behaviour of
 * the twin whose steps are the logged events, in order?
 *
 * A log says which action ran and with which parameters, and perhaps some
 * variables after it, but seldom all of the state, so several twin states
 * may explain the log so far. The validator keeps the set of them: it starts
 * with every initial state, and for each event keeps every successor of
 * every state in the set whose action label and observed variables match the
 * event. The log is rejected at the first event that leaves the set empty.
 *
 * @module
 */
import type { Model, TlaActionLabel, TwinAction } from "../../src/protocol.js";
import { type TlaValue, compareTla, field, normalize } from "../../src/tla/value.js";
import { formatActionLabel } from "../format.js";
import { EventFormatError, type LoggedEvent, inModelVocabulary, typesOf } from "./events.js";
import { StateSet } from "./state-set.js";

/** What {@link validateLog} found. */
export type LogValidation =
  | { readonly valid: true; readonly events: number; readonly peakStates: number }
  | {
      readonly valid: false;
      /** Events explained before the rejected one. */
      readonly events: number;
      readonly peakStates: number;
      readonly rejected: {
        /** 1-based number of the event among the events. */
        readonly index: number;
        /** 1-based line of the event in its log file. */
        readonly line: number;
        readonly event: LoggedEvent;
        /** A few of the steps the twin could have taken there, as TLC labels them. */
        readonly possible: readonly string[];
      };
    };

/** How many of the twin's possible steps a rejection lists. */
const possibleShown = 5;

/** An event with its values made comparable once, not once per candidate step. */
interface Expected {
  readonly params: ReadonlyMap<string, TlaValue>;
  readonly observed: readonly (readonly [string, TlaValue])[];
}

/** The event's values in the model's vocabulary; in normal form, as built by the value constructors. */
function expectedOf(event: LoggedEvent, isModelValue: (name: string) => boolean): Expected {
  return {
    params: new Map(event.params.map(([name, v]) => [name, inModelVocabulary(v, isModelValue)])),
    observed: event.observed.map(([name, v]) => [name, inModelVocabulary(v, isModelValue)] as const),
  };
}

/** `tlaEquals` with the expected side normalized once per event, not once per candidate step. */
function equalsExpected(value: TlaValue, expected: TlaValue): boolean {
  return compareTla(normalize(value), expected) === 0;
}

/** The label's parameters and witnesses by name: an event may name either; what it leaves out is open. */
function labelMatches(label: TlaActionLabel, expected: Expected): boolean {
  let matched = 0;
  for (const [name, value] of label.params) {
    const want = expected.params.get(name);
    if (want === undefined) continue;
    if (!equalsExpected(value, want)) return false;
    matched++;
  }
  for (const [name, value] of label.witnesses) {
    const want = expected.params.get(name);
    if (want === undefined) continue;
    if (!equalsExpected(value, want)) return false;
    matched++;
  }
  // A parameter the action does not have is a wrong parameter, not an open one.
  return matched === expected.params.size;
}

function observedMatches<S>(model: Model<S, TwinAction>, state: S, expected: Expected): boolean {
  if (expected.observed.length === 0) return true;
  const record = model.toTla(state);
  return expected.observed.every(([name, want]) => equalsExpected(field(record, name), want));
}

function checkVariables(model: Model<unknown, TwinAction>, variables: ReadonlySet<string>, event: LoggedEvent): void {
  const unknown = event.observed.find(([name]) => !variables.has(name));
  if (unknown !== undefined) {
    throw new EventFormatError(event.line, `observed variable "${unknown[0]}" is not a variable of ${model.tlaModule} (its variables: ${model.tlaVariables.join(", ")})`);
  }
}

/** The steps the twin could take from `states`, as labels, for a rejection report. */
function possibleSteps<S, A extends TwinAction>(model: Model<S, A>, states: Iterable<S>): string[] {
  const labels = new Set<string>();
  for (const state of states) {
    model.forEachSuccessor(state, (action) => {
      const label = model.actionLabel(action);
      if (labels.size < possibleShown) labels.add(formatActionLabel({ ...label, witnesses: [] }));
    });
    if (labels.size >= possibleShown) break;
  }
  return [...labels];
}

/**
 * Replays `events` in `model` and reports whether some behaviour of it
 * explains them all; throws {@link EventFormatError} for an event that
 * observes a variable the model does not have. The events are read one at a
 * time (a generator such as `eventsOf` keeps a long log out of memory), so
 * a line that is not an event after the rejected one goes unread.
 */
export function validateLog<S, A extends TwinAction>(model: Model<S, A>, events: Iterable<LoggedEvent>): LogValidation {
  const variables = new Set(model.tlaVariables);
  const types = typesOf(model as Model<unknown, TwinAction>);
  const isModelValue = (name: string) => types(name) !== undefined;
  let current = new StateSet(model.codec);
  for (const state of model.initialStates()) current.add(state);
  let peakStates = current.size;
  let i = 0;
  for (const event of events) {
    checkVariables(model as Model<unknown, TwinAction>, variables, event);
    const expected = expectedOf(event, isModelValue);
    const next = new StateSet(model.codec);
    for (const state of current.values()) {
      model.forEachSuccessor(state, (action, to) => {
        // An action's type is its TLA+ name (the contract of TwinAction): no label is built for other actions.
        if (action.type !== event.action) return;
        const label = model.actionLabel(action);
        if (label.name === event.action && labelMatches(label, expected) && observedMatches(model, to, expected)) next.add(to);
      });
    }
    if (next.size === 0) {
      return { valid: false, events: i, peakStates, rejected: { index: i + 1, line: event.line, event, possible: possibleSteps(model, current.values()) } };
    }
    current = next;
    peakStates = Math.max(peakStates, current.size);
    i++;
  }
  return { valid: true, events: i, peakStates };
}
