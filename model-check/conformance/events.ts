/**
 * The NDJSON event format of implementation logs (docs/log-validation.md,
 * docs/schemas/events.schema.json): one JSON object a line,
 * `{"action": "RMPrepare", "params": {"r": "r1"}, "observed": {"rmState": ...}}`,
 * values written in ITF (`{"#set": [...]}`, `{"#bigint": "3"}`, `"r1_OF_RM"`)
 * or as plain JSON (numbers, strings, arrays, objects).
 *
 * @module
 */
import type { Model, TwinAction } from "../../src/protocol.js";
import { type TlaValue, field, tlaFunction, tlaModelValue, tlaRecord, tlaSeq, tlaSet } from "../../src/tla/value.js";
import { type ItfValue, itfToTla, modelValueTypes, tlaToItf } from "../trace-formats/itf.js";

/** One line of a log, as written. */
export interface EventJson {
  readonly action: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly observed?: Readonly<Record<string, unknown>>;
}

/** One event, read: its values as TLA+ values, and the line it came from. */
export interface LoggedEvent {
  /** 1-based line in the log file. */
  readonly line: number;
  readonly action: string;
  readonly params: readonly (readonly [string, TlaValue])[];
  readonly observed: readonly (readonly [string, TlaValue])[];
  /** The line as written, for reports. */
  readonly text: string;
}

/** A line that is not an event; the message names the line and what is wrong. */
export class EventFormatError extends Error {
  override readonly name = "EventFormatError";
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

const eventKeys = new Set(["action", "params", "observed"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks that `value` is an ITF or plain JSON value a TLA+ value can be read from, naming where it is not. */
function checkValue(value: unknown, where: string): void {
  if (typeof value === "boolean" || typeof value === "string") return;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`${where} is ${value}, not an integer (TLA+ values here are integers)`);
    return;
  }
  if (Array.isArray(value)) return value.forEach((e, i) => checkValue(e, `${where}[${i}]`));
  if (!isObject(value)) throw new Error(`${where} is null, which is no TLA+ value`);
  if ("#bigint" in value && !/^-?\d+$/.test(String(value["#bigint"]))) throw new Error(`${where}.#bigint is not a decimal integer`);
  for (const tag of ["#set", "#tup"]) if (tag in value && !Array.isArray(value[tag])) throw new Error(`${where}.${tag} must be an array`);
  if ("#map" in value) {
    const map = value["#map"];
    if (!Array.isArray(map) || map.some((e) => !Array.isArray(e) || e.length !== 2)) throw new Error(`${where}.#map must be an array of [key, value] pairs`);
  }
  for (const [key, e] of Object.entries(value)) if (key !== "#bigint") checkValue(e, `${where}.${key}`);
}

function readValues(value: unknown, what: string): (readonly [string, TlaValue])[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new Error(`"${what}" must be an object of names to values`);
  return Object.entries(value).map(([name, v]) => {
    checkValue(v, `${what}.${name}`);
    return [name, itfToTla(v as ItfValue)] as const;
  });
}

/** Reads one line of a log; throws {@link EventFormatError} when it is not an event. */
export function parseEvent(text: string, line: number): LoggedEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EventFormatError(line, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    if (!isObject(json)) throw new Error("an event must be a JSON object");
    const unknown = Object.keys(json).find((key) => !eventKeys.has(key));
    if (unknown !== undefined) throw new Error(`unknown key "${unknown}" (an event has action, params and observed)`);
    if (typeof json["action"] !== "string" || json["action"] === "") throw new Error(`"action" must be the name of a TLA+ action`);
    return { line, action: json["action"], params: readValues(json["params"], "params"), observed: readValues(json["observed"], "observed"), text };
  } catch (e) {
    throw new EventFormatError(line, (e as Error).message);
  }
}

/** The events of an NDJSON log, read one line at a time as they are asked for; blank lines are skipped (line numbers still count them). */
export function* eventsOf(ndjson: string): Generator<LoggedEvent> {
  let start = 0;
  for (let line = 1; start <= ndjson.length; line++) {
    const end = ndjson.indexOf("\n", start);
    const text = ndjson.slice(start, end === -1 ? ndjson.length : end).trim();
    if (text !== "") yield parseEvent(text, line);
    if (end === -1) break;
    start = end + 1;
  }
}

/** All the events of an NDJSON log; throws {@link EventFormatError} at the first line that is not one. */
export function parseEvents(ndjson: string): LoggedEvent[] {
  return [...eventsOf(ndjson)];
}

/**
 * The same value with every string that names a model value of the model
 * (`isModelValue`) turned into that model value, so that `"r1"` in a log,
 * plain JSON, reads as model value `r1`, as `"r1_OF_RM"` does.
 */
export function inModelVocabulary(value: TlaValue, isModelValue: (name: string) => boolean): TlaValue {
  const resolve = (v: TlaValue): TlaValue => inModelVocabulary(v, isModelValue);
  switch (value.kind) {
    case "bool":
    case "int":
    case "modelValue":
      return value;
    case "string":
      return isModelValue(value.value) ? tlaModelValue(value.value) : value;
    case "set":
      return tlaSet(value.elements.map(resolve));
    case "seq":
      return tlaSeq(value.elements.map(resolve));
    case "record":
      return tlaRecord(Object.fromEntries(value.fields.map(([k, v]) => [k, resolve(v)])));
    case "function":
      return tlaFunction(value.entries.map(([k, v]) => [resolve(k), resolve(v)] as const));
  }
}

const modelValueTypesOf = new WeakMap<object, (name: string) => string | undefined>();

/** The set constant each model value of `model` is an element of (undefined for a name that is no model value), looked up once per model. */
export function typesOf(model: Model<unknown, TwinAction>): (name: string) => string | undefined {
  let types = modelValueTypesOf.get(model);
  if (types === undefined) {
    try {
      types = modelValueTypes(model);
    } catch {
      // A model without a TLA+ binding or modelValues: its model values are written untyped.
      types = () => undefined;
    }
    modelValueTypesOf.set(model, types);
  }
  return types;
}

/**
 * The event a step logs: the action's TLA+ name and parameters (witnesses
 * included, named by their bound variables), and when `state` (the state the
 * step led to) is given, the spec variables named in `observe` (all of them
 * when left out), in ITF. This is how the tests write logs from twin
 * behaviours; an implementation writes the same lines from its own events.
 */
export function eventOf<S, A extends TwinAction>(model: Model<S, A>, action: A, state?: S, observe?: readonly string[]): EventJson {
  const typeOf = typesOf(model as Model<unknown, TwinAction>);
  const label = model.actionLabel(action);
  const params = Object.fromEntries([...label.params, ...label.witnesses].map(([name, v]) => [name, tlaToItf(v, typeOf)]));
  if (state === undefined) return { action: label.name, params };
  const record = model.toTla(state);
  const observed = Object.fromEntries((observe ?? model.tlaVariables).map((name) => [name, tlaToItf(field(record, name), typeOf)]));
  return { action: label.name, params, observed };
}

