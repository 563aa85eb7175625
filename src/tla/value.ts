/**
 * TLA+ values as plain, immutable JavaScript data.
 *
 * Twins convert their states to and from these values (`toTla`/`fromTla`) so
 * that a twin state can be compared with a state printed by TLC. TLA+ has one
 * notion of function, but TLC prints functions three ways (records, tuples and
 * `:>`/`@@` functions); {@link normalize} picks one canonical form for each
 * value so that equality is structural.
 *
 * @module
 */

/** A TLA+ value. Build them with the constructors below, not by hand. */
export type TlaValue = TlaBool | TlaInt | TlaString | TlaModelValue | TlaSet | TlaSeq | TlaRecord | TlaFunction;

/** `TRUE` or `FALSE`. */
export interface TlaBool {
  readonly kind: "bool";
  readonly value: boolean;
}

/** An integer. TLC's integers are 32-bit, so a JS number holds every one exactly. */
export interface TlaInt {
  readonly kind: "int";
  readonly value: number;
}

/** A string literal such as `"working"`. */
export interface TlaString {
  readonly kind: "string";
  readonly value: string;
}

/** A model value declared in a TLC config, such as `r1` in `RM = {r1, r2}`. */
export interface TlaModelValue {
  readonly kind: "modelValue";
  readonly name: string;
}

/** A finite set; in normal form its elements are sorted by {@link compareTla} and distinct. */
export interface TlaSet {
  readonly kind: "set";
  readonly elements: readonly TlaValue[];
}

/** A tuple or sequence: a function whose domain is `1..n`. */
export interface TlaSeq {
  readonly kind: "seq";
  readonly elements: readonly TlaValue[];
}

/** A record: a function whose domain is a set of strings; fields sorted by name in normal form. */
export interface TlaRecord {
  readonly kind: "record";
  readonly fields: readonly (readonly [string, TlaValue])[];
}

/** Any other function, as `key :> value` pairs sorted by key in normal form. */
export interface TlaFunction {
  readonly kind: "function";
  readonly entries: readonly (readonly [TlaValue, TlaValue])[];
}

/** Thrown when a TLA+ value does not have the shape a conversion expects. */
export class TlaShapeError extends Error {
  override readonly name = "TlaShapeError";
}

// ---------------------------------------------------------------------------
// Constructors. Each returns a value in normal form when its parts are.

const TRUE: TlaBool = { kind: "bool", value: true };
const FALSE: TlaBool = { kind: "bool", value: false };

/** A boolean. */
export function tlaBool(value: boolean): TlaBool {
  return value ? TRUE : FALSE;
}

/** An integer; rejects non-integers so that a bug cannot slip a float into a state. */
export function tlaInt(value: number): TlaInt {
  if (!Number.isSafeInteger(value)) throw new TlaShapeError(`not an integer: ${value}`);
  return { kind: "int", value };
}

/** A string. */
export function tlaString(value: string): TlaString {
  return { kind: "string", value };
}

/** A model value. */
export function tlaModelValue(name: string): TlaModelValue {
  return { kind: "modelValue", name };
}

/** A set, sorted and without duplicates. */
export function tlaSet(elements: Iterable<TlaValue>): TlaSet {
  const sorted = [...elements].map(normalize).sort(compareTla);
  const distinct = sorted.filter((v, i) => i === 0 || compareTla(sorted[i - 1]!, v) !== 0);
  return { kind: "set", elements: distinct };
}

/** A tuple `<<e1, ..., en>>`. */
export function tlaSeq(elements: Iterable<TlaValue>): TlaValue {
  return normalize({ kind: "seq", elements: [...elements] });
}

/** A record `[name |-> value, ...]`. */
export function tlaRecord(fields: Readonly<Record<string, TlaValue>>): TlaValue {
  return normalize({ kind: "record", fields: Object.entries(fields) });
}

/** A function given by its graph; duplicate keys are an error. */
export function tlaFunction(entries: Iterable<readonly [TlaValue, TlaValue]>): TlaValue {
  return normalize({ kind: "function", entries: [...entries] });
}

// ---------------------------------------------------------------------------
// Normal form, order and equality.

const kindRank: Readonly<Record<TlaValue["kind"], number>> = {
  bool: 0,
  int: 1,
  string: 2,
  modelValue: 3,
  set: 4,
  // Sequences, records and functions are all functions: they share one rank
  // and are compared through their graphs.
  seq: 5,
  record: 5,
  function: 5,
};

/** The graph of any function-like value as `[key, value]` pairs, keys in order. */
export function functionGraph(v: TlaSeq | TlaRecord | TlaFunction): readonly (readonly [TlaValue, TlaValue])[] {
  switch (v.kind) {
    case "seq":
      return v.elements.map((e, i) => [tlaInt(i + 1), e] as const);
    case "record":
      return v.fields.map(([k, e]) => [tlaString(k), e] as const);
    case "function":
      return v.entries;
  }
}

/**
 * The canonical form of a value: sets sorted and deduplicated, and every
 * function written as a tuple when its domain is `1..n` (the empty function
 * included), else as a record when its domain is all strings, else with `:>`.
 */
export function normalize(v: TlaValue): TlaValue {
  switch (v.kind) {
    case "bool":
    case "int":
    case "string":
    case "modelValue":
      return v;
    case "set": {
      const elements = v.elements.map(normalize).sort(compareTla);
      return { kind: "set", elements: elements.filter((e, i) => i === 0 || compareTla(elements[i - 1]!, e) !== 0) };
    }
    case "seq":
    case "record":
    case "function": {
      const graph = functionGraph(v)
        .map(([k, e]) => [normalize(k), normalize(e)] as const)
        .sort((a, b) => compareTla(a[0], b[0]));
      for (let i = 1; i < graph.length; i++) {
        if (compareTla(graph[i - 1]![0], graph[i]![0]) === 0) {
          throw new TlaShapeError(`function has the key ${formatTla(graph[i]![0])} twice`);
        }
      }
      if (graph.every(([k], i) => k.kind === "int" && k.value === i + 1)) {
        return { kind: "seq", elements: graph.map(([, e]) => e) };
      }
      if (graph.every(([k]) => k.kind === "string")) {
        return { kind: "record", fields: graph.map(([k, e]) => [(k as TlaString).value, e] as const) };
      }
      return { kind: "function", entries: graph };
    }
  }
}

function compareGraphs(a: readonly (readonly [TlaValue, TlaValue])[], b: readonly (readonly [TlaValue, TlaValue])[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const byKey = compareTla(a[i]![0], b[i]![0]);
    if (byKey !== 0) return byKey;
    const byValue = compareTla(a[i]![1], b[i]![1]);
    if (byValue !== 0) return byValue;
  }
  return 0;
}

/**
 * A total order on normalized values (negative, zero or positive, like a sort
 * comparator). Zero means equal in TLA+'s sense for values in normal form.
 */
export function compareTla(a: TlaValue, b: TlaValue): number {
  const rank = kindRank[a.kind] - kindRank[b.kind];
  if (rank !== 0) return rank;
  switch (a.kind) {
    case "bool":
      return Number(a.value) - Number((b as TlaBool).value);
    case "int":
      return a.value - (b as TlaInt).value;
    case "string":
      return compareStrings(a.value, (b as TlaString).value);
    case "modelValue":
      return compareStrings(a.name, (b as TlaModelValue).name);
    case "set": {
      const other = b as TlaSet;
      if (a.elements.length !== other.elements.length) return a.elements.length - other.elements.length;
      for (let i = 0; i < a.elements.length; i++) {
        const c = compareTla(a.elements[i]!, other.elements[i]!);
        if (c !== 0) return c;
      }
      return 0;
    }
    case "seq":
    case "record":
    case "function":
      return compareGraphs(functionGraph(a), functionGraph(b as TlaSeq | TlaRecord | TlaFunction));
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** TLA+ equality of two values (each is normalized first). */
export function tlaEquals(a: TlaValue, b: TlaValue): boolean {
  return compareTla(normalize(a), normalize(b)) === 0;
}

// ---------------------------------------------------------------------------
// Printing in TLA+ syntax, the way TLC prints values.

/** Adds the names of the model values that occur anywhere in `v` to `into`. */
export function collectModelValues(v: TlaValue, into: Set<string>): void {
  switch (v.kind) {
    case "modelValue":
      into.add(v.name);
      return;
    case "set":
    case "seq":
      v.elements.forEach((e) => collectModelValues(e, into));
      return;
    case "record":
      v.fields.forEach(([, e]) => collectModelValues(e, into));
      return;
    case "function":
      v.entries.forEach(([k, e]) => {
        collectModelValues(k, into);
        collectModelValues(e, into);
      });
      return;
    default:
      return;
  }
}

/** A value in TLA+ syntax, e.g. `[rmState |-> (r1 :> "working"), tmPrepared |-> {}]`. */
export function formatTla(v: TlaValue): string {
  switch (v.kind) {
    case "bool":
      return v.value ? "TRUE" : "FALSE";
    case "int":
      return String(v.value);
    case "string":
      return JSON.stringify(v.value);
    case "modelValue":
      return v.name;
    case "set":
      return `{${v.elements.map(formatTla).join(", ")}}`;
    case "seq":
      return `<<${v.elements.map(formatTla).join(", ")}>>`;
    case "record":
      return `[${v.fields.map(([k, e]) => `${k} |-> ${formatTla(e)}`).join(", ")}]`;
    case "function":
      return `(${v.entries.map(([k, e]) => `${formatTla(k)} :> ${formatTla(e)}`).join(" @@ ")})`;
  }
}

// ---------------------------------------------------------------------------
// Accessors for fromTla: each checks the shape and says what it found.

function describe(v: TlaValue): string {
  const text = formatTla(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The integer inside `v`. */
export function asInt(v: TlaValue): number {
  if (v.kind !== "int") throw new TlaShapeError(`expected an integer, got ${describe(v)}`);
  return v.value;
}

/** The string inside `v`. */
export function asString(v: TlaValue): string {
  if (v.kind !== "string") throw new TlaShapeError(`expected a string, got ${describe(v)}`);
  return v.value;
}

/** The boolean inside `v`. */
export function asBool(v: TlaValue): boolean {
  if (v.kind !== "bool") throw new TlaShapeError(`expected a boolean, got ${describe(v)}`);
  return v.value;
}

/** The name of a model value. */
export function asModelValue(v: TlaValue): string {
  if (v.kind !== "modelValue") throw new TlaShapeError(`expected a model value, got ${describe(v)}`);
  return v.name;
}

/** The elements of a set. */
export function asSet(v: TlaValue): readonly TlaValue[] {
  if (v.kind !== "set") throw new TlaShapeError(`expected a set, got ${describe(v)}`);
  return v.elements;
}

/** The elements of a tuple or sequence. */
export function asSeq(v: TlaValue): readonly TlaValue[] {
  const n = normalize(v);
  if (n.kind !== "seq") throw new TlaShapeError(`expected a sequence, got ${describe(v)}`);
  return n.elements;
}

/** The graph of a function (records and tuples included). */
export function asFunction(v: TlaValue): readonly (readonly [TlaValue, TlaValue])[] {
  if (v.kind !== "seq" && v.kind !== "record" && v.kind !== "function") {
    throw new TlaShapeError(`expected a function, got ${describe(v)}`);
  }
  return functionGraph(v);
}

/** `f[key]`, failing clearly when `key` is outside the domain. */
export function applyFunction(f: TlaValue, key: TlaValue): TlaValue {
  const normalKey = normalize(key);
  const entry = asFunction(f).find(([k]) => compareTla(normalize(k), normalKey) === 0);
  if (entry === undefined) throw new TlaShapeError(`${formatTla(key)} is not in the domain of ${describe(f)}`);
  return entry[1];
}

/** A record's field. */
export function field(record: TlaValue, name: string): TlaValue {
  return applyFunction(record, tlaString(name));
}
