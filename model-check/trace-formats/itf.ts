/**
 * Behaviours in the Informal Trace Format (ITF, Apalache's ADR-015), the JSON
 * trace format Apalache and Quint read and write.
 *
 * TLA+ values map to ITF as: booleans and strings to JSON booleans and
 * strings; integers to `{"#bigint": "..."}`; sets to `{"#set": [...]}`;
 * sequences and tuples to JSON arrays (ITF lists); records to JSON objects;
 * other functions to `{"#map": [[key, value], ...]}`. ITF has no model
 * values: a model value `r1` of the config's set constant `RM` is written,
 * as Apalache writes values of uninterpreted types, as the string
 * `"r1_OF_RM"`; one outside every set constant as `"<name>_OF_MODEL_VALUE"`.
 *
 * @module
 */
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import {
  type TlaValue,
  field,
  normalize,
  tlaBool,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSeq,
  tlaSet,
  tlaString,
} from "../../src/tla/value.js";
import { formatActionLabel } from "../format.js";
import type { Trace } from "../result.js";
import { tlcModelOf } from "../../src/protocol.js";

/** An ITF value. */
export type ItfValue =
  | boolean
  | string
  | number
  | ItfValue[]
  | { readonly "#bigint": string }
  | { readonly "#set": ItfValue[] }
  | { readonly "#tup": ItfValue[] }
  | { readonly "#map": [ItfValue, ItfValue][] }
  | { readonly [field: string]: ItfValue };

/** An ITF trace. */
export interface ItfTrace {
  readonly "#meta": Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly Readonly<Record<string, unknown>>[];
}

/** The ITF spec this writer follows. */
export const itfFormatDescription = "https://apalache-mc.org/docs/adr/015adr-trace.html";

const modelValueSuffix = "_OF_";

/** A TLA+ value in ITF; `typeOf` names the set constant of a model value. */
export function tlaToItf(value: TlaValue, typeOf: (modelValue: string) => string | undefined): ItfValue {
  const v = normalize(value);
  switch (v.kind) {
    case "bool":
      return v.value;
    case "int":
      return { "#bigint": String(v.value) };
    case "string":
      return v.value;
    case "modelValue":
      return `${v.name}${modelValueSuffix}${(typeOf(v.name) ?? "MODEL_VALUE").toUpperCase()}`;
    case "set":
      return { "#set": v.elements.map((e) => tlaToItf(e, typeOf)) };
    case "seq":
      return v.elements.map((e) => tlaToItf(e, typeOf));
    case "record":
      return Object.fromEntries(v.fields.map(([k, e]) => [k, tlaToItf(e, typeOf)]));
    case "function":
      return { "#map": v.entries.map(([k, e]) => [tlaToItf(k, typeOf), tlaToItf(e, typeOf)] as [ItfValue, ItfValue]) };
  }
}

/** Reads an ITF value back (`"x_OF_T"` strings become model values). */
export function itfToTla(value: ItfValue): TlaValue {
  if (typeof value === "boolean") return tlaBool(value);
  if (typeof value === "number") return tlaInt(value);
  if (typeof value === "string") {
    const at = value.lastIndexOf(modelValueSuffix);
    if (at > 0 && /^[A-Z0-9_]+$/.test(value.slice(at + modelValueSuffix.length))) return tlaModelValue(value.slice(0, at));
    return tlaString(value);
  }
  if (Array.isArray(value)) return tlaSeq(value.map(itfToTla));
  const o = value as Record<string, unknown>;
  if ("#bigint" in o) return tlaInt(Number(o["#bigint"]));
  if ("#set" in o) return tlaSet((o["#set"] as ItfValue[]).map(itfToTla));
  if ("#tup" in o) return tlaSeq((o["#tup"] as ItfValue[]).map(itfToTla));
  if ("#map" in o) return tlaFunction((o["#map"] as [ItfValue, ItfValue][]).map(([k, e]) => [itfToTla(k), itfToTla(e)] as const));
  return tlaRecord(Object.fromEntries(Object.entries(o).map(([k, e]) => [k, itfToTla(e as ItfValue)])));
}

/** The set each model value of a model belongs to, from its TLA+ binding (`modelValues`); untyped without one. */
export function modelValueTypes(model: AnyModel): (modelValue: string) => string | undefined {
  const sets = model.modelValues ?? new Map<string, string>();
  return (name) => sets.get(name);
}

/**
 * A behaviour of a model as an ITF trace. Each state's `#meta` holds its
 * index and the action that led to it, as TLC labels it.
 */
export function traceToItf(model: AnyModel, trace: Trace<unknown, TwinAction>, description: string): ItfTrace {
  const typeOf = modelValueTypes(model);
  const state = (s: unknown, index: number, action: TwinAction | undefined) => {
    const record = model.toTla(s);
    return {
      "#meta": { index, action: action === undefined ? null : formatActionLabel(model.actionLabel(action)) },
      ...Object.fromEntries(model.tlaVariables.map((name) => [name, tlaToItf(field(record, name), typeOf)])),
    };
  };
  return {
    "#meta": {
      format: "ITF",
      "format-description": itfFormatDescription,
      source: model.tlcModel === undefined ? `${model.protocol} (no TLA+ spec)` : `spec/${tlcModelOf(model).module}.tla`,
      description,
      "generated-by": "tla-twin",
    },
    vars: [...model.tlaVariables],
    states: [state(trace.initial, 0, undefined), ...trace.steps.map((step, i) => state(step.state, i + 1, step.action))],
  };
}
