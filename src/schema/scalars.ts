/**
 * Schemas of single values: integer ranges, booleans, enumerations of
 * strings, and interchangeable identities (the sets symmetry permutes).
 * Each is one word.
 *
 * @module
 */
import { asBool, asInt, asModelValue, asString, tlaBool, tlaInt, tlaModelValue, tlaString } from "../tla/value.js";
import { type Finite, type Schema, SchemaError } from "./schema.js";

const noIdSets: ReadonlyMap<string, readonly string[]> = new Map();

/** A schema whose values are the numbers `0 .. size-1` of a finite set, stored as that number. */
function oneWord<T>(
  description: string,
  finite: Finite<T>,
  tla: Pick<Schema<T>, "toTla" | "fromTla">,
  idSets: ReadonlyMap<string, readonly string[]> = noIdSets,
  permute: Schema<T>["permute"] = (value) => value,
): Schema<T> {
  return {
    description,
    maxWords: 1,
    write(value, out, at) {
      out[at] = finite.indexOf(value);
      return at + 1;
    },
    read(reader) {
      return finite.valueAt(reader.words[reader.at++]!);
    },
    ...tla,
    permute,
    idSets,
    finite,
  };
}

/** The integers `min .. max`, as TLA+ integers. */
export function int(min: number, max: number): Schema<number> {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max || max - min >= 2 ** 31) {
    throw new SchemaError(`int(${min}, ${max}): give two integers with min <= max, less than 2^31 apart`);
  }
  const description = `${min}..${max}`;
  return oneWord(
    description,
    {
      size: max - min + 1,
      indexOf(value) {
        if (!Number.isInteger(value) || value < min || value > max) throw new SchemaError(`${value} is not in ${description}`);
        return value - min;
      },
      valueAt: (index) => index + min,
    },
    { toTla: tlaInt, fromTla: (v) => checkedInt(asInt(v), min, max, description) },
  );
}

function checkedInt(value: number, min: number, max: number, description: string): number {
  if (value < min || value > max) throw new SchemaError(`${value} is not in ${description}`);
  return value;
}

/** `TRUE` and `FALSE`. */
export const bool: Schema<boolean> = oneWord(
  "BOOLEAN",
  {
    size: 2,
    indexOf(value) {
      if (typeof value !== "boolean") throw new SchemaError(`${String(value)} is not a boolean`);
      return value ? 1 : 0;
    },
    valueAt: (index) => index === 1,
  },
  { toTla: tlaBool, fromTla: asBool },
);

/** One of the given strings, as TLA+ strings (`"idle"`). */
export function enumOf<const N extends string>(...names: readonly N[]): Schema<N> {
  if (names.length === 0 || new Set(names).size !== names.length) {
    throw new SchemaError(`enumOf(${names.join(", ")}): give one or more distinct strings`);
  }
  const description = `{${names.map((n) => JSON.stringify(n)).join(", ")}}`;
  const numbers = new Map<string, number>(names.map((name, i) => [name, i]));
  const indexOf = (value: string): number => {
    // A few names are found faster by comparing (literals are interned) than by hashing.
    if (names.length <= 8) {
      for (let i = 0; i < names.length; i++) if (names[i] === value) return i;
    } else {
      const index = numbers.get(value);
      if (index !== undefined) return index;
    }
    throw new SchemaError(`${JSON.stringify(value)} is not one of ${description}`);
  };
  return oneWord<N>(
    description,
    { size: names.length, indexOf, valueAt: (index) => names[index]! },
    { toTla: tlaString, fromTla: (v) => names[indexOf(asString(v))]! },
  );
}

/**
 * An interchangeable identity: element `0 .. n-1` of the set called
 * `setName` (processes, servers, values), a TLA+ model value in the spec
 * (`p1`, `p2`, ... unless `names` are given). Symmetry reduction permutes
 * the elements of the sets a model names, wherever they occur in a state.
 */
export function ids(setName: string, count: number, names?: readonly string[]): Schema<number> {
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    throw new SchemaError(`ids(${JSON.stringify(setName)}, ${count}): the set needs 1 to 64 elements`);
  }
  const valueNames = names ?? Array.from({ length: count }, (_, i) => `${setName.toLowerCase()}${i + 1}`);
  if (valueNames.length !== count || new Set(valueNames).size !== count) {
    throw new SchemaError(`ids(${JSON.stringify(setName)}): give ${count} distinct names, not ${valueNames.length}`);
  }
  const byName = new Map(valueNames.map((name, i) => [name, i]));
  const description = `${setName} = {${valueNames.join(", ")}}`;
  const indexOf = (value: number): number => {
    if (!Number.isInteger(value) || value < 0 || value >= count) throw new SchemaError(`${value} is not an element of ${description} (0..${count - 1})`);
    return value;
  };
  return oneWord(
    description,
    { size: count, indexOf, valueAt: (index) => index },
    {
      toTla: (value) => tlaModelValue(valueNames[indexOf(value)]!),
      fromTla(v) {
        const name = asModelValue(v);
        const index = byName.get(name);
        if (index === undefined) throw new SchemaError(`${name} is not an element of ${description}`);
        return index;
      },
    },
    new Map([[setName, valueNames]]),
    (value, perm) => perm.get(setName)?.[value] ?? value,
  );
}

/**
 * A value of `schema` or none: `null` in TypeScript, the model value
 * `noneName` in TLA+ (a spec's `None == CHOOSE v : v \notin Value`, or
 * Raft's `Nil`), stored as one more number.
 */
export function optional<T>(schema: Schema<T>, noneName: string): Schema<T | null> {
  const finite = schema.finite;
  if (finite === undefined) throw new SchemaError(`optional(${schema.description}): the schema must be finite (int, bool, enumOf, ids, or records of them)`);
  const none = tlaModelValue(noneName);
  return oneWord<T | null>(
    `${schema.description} or ${noneName}`,
    {
      size: finite.size + 1,
      indexOf: (value) => (value === null ? 0 : finite.indexOf(value) + 1),
      valueAt: (index) => (index === 0 ? null : finite.valueAt(index - 1)),
    },
    {
      toTla: (value) => (value === null ? none : schema.toTla(value)),
      fromTla: (v) => (v.kind === "modelValue" && v.name === noneName ? null : schema.fromTla(v)),
    },
    schema.idSets,
    (value, perm) => (value === null ? null : schema.permute(value, perm)),
  );
}
