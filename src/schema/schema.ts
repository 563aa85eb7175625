/**
 * What every schema is: a description of a finite set of values from which
 * the state codec, the TLA+ conversions and symmetry are derived, so that a
 * protocol written with schemas needs none of them written by hand.
 *
 * @module
 */
import { ConfigError } from "../protocol.js";
import type { TlaValue } from "../tla/value.js";

/** Where {@link Schema.read} is in a word array; `at` moves past what it reads. */
export interface Reader {
  words: Int32Array;
  at: number;
}

/**
 * A permutation of each interchangeable set (by the set's name): element
 * `i` of the set goes to `perm.get(name)[i]`. Sets it does not name stay.
 */
export type Permutation = ReadonlyMap<string, readonly number[]>;

/** The elements of a finite schema, numbered `0 .. size-1`. */
export interface Finite<T> {
  readonly size: number;
  /** The number of `value`; throws {@link SchemaError} for a value outside the schema. */
  indexOf(value: T): number;
  valueAt(index: number): T;
}

/**
 * A set of values and everything the checker needs to store them: a
 * canonical encoding in 32-bit words (equal values, equal words), their
 * TLA+ form both ways, and how a permutation of interchangeable sets acts
 * on them.
 */
export interface Schema<T> {
  /** The set in words, e.g. `0..3` or `{"idle", "cs"}`, for messages. */
  readonly description: string;
  /** The most words {@link Schema.write} ever writes. */
  readonly maxWords: number;
  /** Writes `value` at `out[at...]` and returns the offset after it; throws {@link SchemaError} for a value outside the schema. */
  write(value: T, out: Int32Array, at: number): number;
  read(reader: Reader): T;
  toTla(value: T): TlaValue;
  /** The inverse of {@link Schema.toTla}; throws `TlaShapeError` or {@link SchemaError} for a value outside the schema. */
  fromTla(value: TlaValue): T;
  /** The value with every element of an interchangeable set replaced as `perm` says. */
  permute(value: T, perm: Permutation): T;
  /** The interchangeable sets (`ids`) whose elements occur in these values, by name, with their elements' TLA+ names. */
  readonly idSets: ReadonlyMap<string, readonly string[]>;
  /** A record's field names, in order (for a state, the spec's variables). */
  readonly fieldNames?: readonly string[];
  /** Present when the values can be numbered (every scalar, and records and tagged unions of them). */
  readonly finite?: Finite<T>;
}

/** The TypeScript type of a schema's values. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** A value that is not in the schema it was given to: a mistake in the model, told in one line like a bad config. */
export class SchemaError extends ConfigError {
  override readonly name = "SchemaError";
}

/** The id sets of several schemas as one map; one name with two different element lists is an error. */
export function mergeIdSets(schemas: readonly Schema<unknown>[]): ReadonlyMap<string, readonly string[]> {
  const merged = new Map<string, readonly string[]>();
  for (const schema of schemas) {
    for (const [name, elements] of schema.idSets) {
      const seen = merged.get(name);
      if (seen !== undefined && seen.join() !== elements.join()) {
        throw new SchemaError(`the interchangeable set ${name} is declared as {${seen.join(", ")}} and as {${elements.join(", ")}}`);
      }
      merged.set(name, elements);
    }
  }
  return merged;
}

/** Each model value of the id sets, with the name of its set (for typed trace formats such as ITF). */
export function modelValuesOf(schema: Schema<unknown>): ReadonlyMap<string, string> {
  const values = new Map<string, string>();
  for (const [set, elements] of schema.idSets) for (const element of elements) values.set(element, set);
  return values;
}
