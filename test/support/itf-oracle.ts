/**
 * A test oracle for Apalache's Informal Trace Format (ADR-015,
 * https://apalache-mc.org/docs/adr/015adr-trace.html), written from the ADR
 * and not from tla-twin's writer, so that the writer is checked against the
 * format rather than against itself.
 *
 * A trace is an object with `vars` (an array of strings), `states` (an array
 * of objects), and optionally `#meta` (an object), `params` (an array of
 * strings) and `loop` (an index into `states`); nothing else. A state holds
 * exactly the `vars` and `params` as keys, and optionally `#meta`. A value
 * is a JSON boolean or string; a JSON number that is a safe integer;
 * `{"#bigint": "-?[0-9]+"}`; `{"#tup": [...]}`, `{"#set": [...]}`,
 * `{"#map": [[k, v], ...]}`, `{"#unserializable": "..."}`; a JSON array (a
 * sequence); or a plain object whose keys do not start with `#` (a record).
 * A set holds no element twice, a map no key twice.
 *
 * {@link itfValueToTla} reads values back as TLA+ values, with ITF strings
 * `<name>_OF_<TYPE>` (Apalache's values of uninterpreted types) as model
 * values, for round trips.
 */
import { type TlaValue, tlaBool, tlaFunction, tlaInt, tlaModelValue, tlaRecord, tlaSeq, tlaSet, tlaString } from "../../src/tla/value.js";

const traceKeys = new Set(["#meta", "params", "vars", "states", "loop"]);
const specialKeys = new Set(["#bigint", "#tup", "#set", "#map", "#unserializable"]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/** A canonical text of a JSON value (object keys sorted), to find duplicates. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The problems of one ITF value at `path`, appended to `problems`. */
function valueProblems(v: unknown, path: string, problems: string[]): void {
  if (typeof v === "boolean" || typeof v === "string") return;
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) problems.push(`${path}: ${v} is not a safe integer (use {"#bigint": ...})`);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((e, i) => valueProblems(e, `${path}[${i}]`, problems));
    return;
  }
  if (!isObject(v)) {
    problems.push(`${path}: ${JSON.stringify(v)} is no ITF value`);
    return;
  }
  const keys = Object.keys(v);
  const special = keys.filter((k) => k.startsWith("#"));
  if (special.length === 0) {
    for (const k of keys) valueProblems(v[k], `${path}.${k}`, problems);
    return;
  }
  if (keys.length !== 1 || !specialKeys.has(special[0]!)) {
    problems.push(`${path}: an object with a "#" key must be exactly one of ${[...specialKeys].join(", ")}, got keys ${keys.join(", ")}`);
    return;
  }
  const key = special[0]!;
  const body = v[key];
  switch (key) {
    case "#bigint":
      if (typeof body !== "string" || !/^-?[0-9]+$/.test(body)) problems.push(`${path}: #bigint must be a string of decimal digits, got ${JSON.stringify(body)}`);
      return;
    case "#unserializable":
      if (typeof body !== "string") problems.push(`${path}: #unserializable must be a string`);
      return;
    case "#tup":
    case "#set": {
      if (!Array.isArray(body)) {
        problems.push(`${path}: ${key} must be an array`);
        return;
      }
      body.forEach((e, i) => valueProblems(e, `${path}.${key}[${i}]`, problems));
      if (key === "#set" && new Set(body.map(canonical)).size !== body.length) problems.push(`${path}: the #set holds an element twice`);
      return;
    }
    case "#map": {
      if (!Array.isArray(body) || !body.every((e) => Array.isArray(e) && e.length === 2)) {
        problems.push(`${path}: #map must be an array of [key, value] pairs`);
        return;
      }
      (body as unknown[][]).forEach(([k, e], i) => {
        valueProblems(k, `${path}.#map[${i}][0]`, problems);
        valueProblems(e, `${path}.#map[${i}][1]`, problems);
      });
      if (new Set((body as unknown[][]).map(([k]) => canonical(k))).size !== body.length) problems.push(`${path}: the #map has a key twice`);
      return;
    }
  }
}

/** Everything wrong with `trace` as an ITF trace; empty when it is one. */
export function itfProblems(trace: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(trace)) return ["the trace is not a JSON object"];
  for (const k of Object.keys(trace)) if (!traceKeys.has(k)) problems.push(`unexpected field "${k}" in the trace`);
  if (trace["#meta"] !== undefined && !isObject(trace["#meta"])) problems.push("#meta must be an object");
  if (!isStringArray(trace["vars"])) problems.push("vars must be an array of strings");
  if (trace["params"] !== undefined && !isStringArray(trace["params"])) problems.push("params must be an array of strings");
  if (!Array.isArray(trace["states"])) problems.push("states must be an array");
  if (problems.length > 0) return problems;
  const states = trace["states"] as unknown[];
  const loop = trace["loop"];
  if (loop !== undefined && !(Number.isSafeInteger(loop) && (loop as number) >= 0 && (loop as number) < states.length)) problems.push("loop must be an index into states");
  const expected = [...(trace["vars"] as string[]), ...((trace["params"] as string[] | undefined) ?? [])];
  states.forEach((state, i) => {
    if (!isObject(state)) {
      problems.push(`states[${i}] is not an object`);
      return;
    }
    if (state["#meta"] !== undefined && !isObject(state["#meta"])) problems.push(`states[${i}].#meta must be an object`);
    const keys = Object.keys(state).filter((k) => k !== "#meta");
    for (const k of expected) if (!keys.includes(k)) problems.push(`states[${i}] has no value for ${k}`);
    for (const k of keys) {
      if (!expected.includes(k)) problems.push(`states[${i}] has "${k}", which is neither a var nor a param`);
      else valueProblems(state[k], `states[${i}].${k}`, problems);
    }
  });
  return problems;
}

/** An ITF value (already valid) as a TLA+ value. */
export function itfValueToTla(v: unknown): TlaValue {
  if (typeof v === "boolean") return tlaBool(v);
  if (typeof v === "number") return tlaInt(v);
  if (typeof v === "string") {
    const uninterpreted = /^(.+)_OF_([A-Z][A-Z0-9_]*)$/.exec(v);
    return uninterpreted === null ? tlaString(v) : tlaModelValue(uninterpreted[1]!);
  }
  if (Array.isArray(v)) return tlaSeq(v.map(itfValueToTla));
  const o = v as Record<string, unknown>;
  if ("#bigint" in o) return tlaInt(Number(o["#bigint"]));
  if ("#tup" in o) return tlaSeq((o["#tup"] as unknown[]).map(itfValueToTla));
  if ("#set" in o) return tlaSet((o["#set"] as unknown[]).map(itfValueToTla));
  if ("#map" in o) return tlaFunction((o["#map"] as unknown[][]).map(([k, e]) => [itfValueToTla(k), itfValueToTla(e)] as const));
  if ("#unserializable" in o) throw new Error(`an #unserializable value (${String(o["#unserializable"])}) has no TLA+ value`);
  return tlaRecord(Object.fromEntries(Object.entries(o).map(([k, e]) => [k, itfValueToTla(e)])));
}
