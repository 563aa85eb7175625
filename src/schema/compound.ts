/**
 * Schemas built from others: records, tagged unions (messages), functions
 * over a finite domain, subsets, bounded sequences and bounded bags.
 * Sets and bags are stored in a canonical order (sorted by their elements'
 * words), so two equal values always have equal encodings.
 *
 * @module
 */
import {
  TlaShapeError,
  type TlaValue,
  asFunction,
  asInt,
  asSeq,
  asSet,
  asString,
  tlaFunction,
  tlaInt,
  tlaRecord,
  tlaSeq,
  tlaSet,
  formatTla,
  tlaString,
} from "../tla/value.js";
import { type Finite, type Infer, type Schema, SchemaError, mergeIdSets } from "./schema.js";

/** The field schemas of a record, by field name. */
// Schemas are invariant in their value type, so a map of any of them needs `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Fields = Readonly<Record<string, Schema<any>>>;

/** The values of a record with these fields. */
export type RecordOf<F extends Fields> = { readonly [K in keyof F]: Infer<F[K]> };

/** The error with `where` named in front, when it says a value is not in its schema. */
function renamed(e: unknown, where: string): unknown {
  return e instanceof SchemaError ? new SchemaError(`${where}: ${e.message}`) : e;
}

function recordFields(value: TlaValue): Map<string, TlaValue> {
  // The empty record is the empty function, which TLA+ values print (and normalize) as `<<>>`.
  if (value.kind === "seq" && value.elements.length === 0) return new Map();
  if (value.kind !== "record") throw new TlaShapeError(`expected a record, got ${value.kind}`);
  return new Map(value.fields);
}

/** Numbers the tuples of finite schemas (mixed radix), when there are fewer than 2^31 of them. */
function product<T>(parts: readonly Schema<unknown>[], join: (values: unknown[]) => T, split: (value: T) => readonly unknown[]): Finite<T> | undefined {
  let size = 1;
  for (const part of parts) {
    if (part.finite === undefined) return undefined;
    size *= part.finite.size;
  }
  if (size >= 2 ** 31) return undefined;
  return {
    size,
    indexOf(value) {
      const values = split(value);
      let index = 0;
      for (let i = 0; i < parts.length; i++) index = index * parts[i]!.finite!.size + parts[i]!.finite!.indexOf(values[i]);
      return index;
    },
    valueAt(index) {
      const values: unknown[] = new Array(parts.length);
      for (let i = parts.length - 1; i >= 0; i--) {
        const { size: n, valueAt } = parts[i]!.finite!;
        values[i] = valueAt(index % n);
        index = Math.floor(index / n);
      }
      return join(values);
    },
  };
}

/** A record with the given fields, stored field by field in the order given. */
export function record<const F extends Fields>(fields: F): Schema<RecordOf<F>> {
  const names = Object.keys(fields);
  const schemas = names.map((name) => fields[name]!);
  const build = (values: readonly unknown[]): RecordOf<F> => {
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => (out[name] = values[i]));
    return out as RecordOf<F>;
  };
  const fieldsOf = (value: RecordOf<F>): unknown[] => {
    const values: unknown[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) values[i] = (value as Record<string, unknown>)[names[i]!];
    return values;
  };
  return {
    description: `[${names.map((n, i) => `${n}: ${schemas[i]!.description}`).join(", ")}]`,
    maxWords: schemas.reduce((sum, s) => sum + s.maxWords, 0),
    write(value, out, at) {
      if (typeof value !== "object" || value === null) throw new SchemaError(`${String(value)} is not a record`);
      // One try around the loop rather than a closure per field: this runs for every state the search stores.
      let i = 0;
      try {
        for (; i < names.length; i++) at = schemas[i]!.write((value as Record<string, unknown>)[names[i]!], out, at);
      } catch (e) {
        throw renamed(e, `field ${names[i]}`);
      }
      return at;
    },
    read(reader) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) out[names[i]!] = schemas[i]!.read(reader);
      return out as RecordOf<F>;
    },
    toTla(value) {
      const out: Record<string, TlaValue> = {};
      names.forEach((name, i) => {
        try {
          out[name] = schemas[i]!.toTla((value as Record<string, unknown>)[name]);
        } catch (e) {
          throw renamed(e instanceof TypeError ? new SchemaError(`not a value of ${schemas[i]!.description} (${e.message})`) : e, `field ${name}`);
        }
      });
      return tlaRecord(out);
    },
    fromTla(value) {
      const given = recordFields(value);
      const extra = [...given.keys()].filter((name) => !(name in fields));
      if (extra.length > 0) throw new TlaShapeError(`unexpected field ${extra[0]} (fields: ${names.join(", ")})`);
      return build(
        names.map((name, i) => {
          const field = given.get(name);
          if (field === undefined) throw new TlaShapeError(`missing field ${name}`);
          return schemas[i]!.fromTla(field);
        }),
      );
    },
    permute: (value, perm) => build(fieldsOf(value).map((v, i) => schemas[i]!.permute(v, perm))),
    idSets: mergeIdSets(schemas),
    fieldNames: names,
    ...optionalFinite(product(schemas, build, fieldsOf)),
  };
}

function optionalFinite<T>(finite: Finite<T> | undefined): { finite?: Finite<T> } {
  return finite === undefined ? {} : { finite };
}

/** The values of a tagged union: each variant's record, with the tag field naming the variant. */
export type TaggedOf<Tag extends string, V extends Readonly<Record<string, Fields>>> = {
  [K in keyof V & string]: { readonly [T in Tag]: K } & RecordOf<V[K]>;
}[keyof V & string];

/**
 * A tagged union, such as a protocol's messages: `tagged("type", { Prepared:
 * { rm: RM }, Commit: {} })` holds `{ type: "Prepared", rm }` and `{ type:
 * "Commit" }`. In TLA+ each is a record whose tag field is a string.
 */
export function tagged<const Tag extends string, const V extends Readonly<Record<string, Fields>>>(tag: Tag, variants: V): Schema<TaggedOf<Tag, V>> {
  const tags = Object.keys(variants);
  if (tags.length === 0) throw new SchemaError(`tagged(${JSON.stringify(tag)}): give at least one variant`);
  const bodies = tags.map((name) => {
    if (tag in variants[name]!) throw new SchemaError(`tagged(${JSON.stringify(tag)}): variant ${name} has a field named like the tag`);
    return record(variants[name]!);
  });
  const numberOf = new Map(tags.map((name, i) => [name, i]));
  type T = TaggedOf<Tag, V>;
  const variantOf = (value: T): number => {
    const name = (value as Record<string, unknown>)[tag];
    const index = typeof name === "string" ? numberOf.get(name) : undefined;
    if (index === undefined) throw new SchemaError(`${tag} ${JSON.stringify(name)} is not one of ${tags.join(", ")}`);
    return index;
  };
  const withTag = (index: number, body: object): T => ({ [tag]: tags[index]!, ...body }) as T;
  // A variant's record schema reads only its own fields, so the value itself, tag and all, serves as its body.
  const bodyOf = (value: T): never => value as never;
  let finite: Finite<T> | undefined;
  if (bodies.every((b) => b.finite !== undefined)) {
    const offsets: number[] = [];
    let size = 0;
    for (const body of bodies) {
      offsets.push(size);
      size += body.finite!.size;
    }
    if (size < 2 ** 31) {
      finite = {
        size,
        indexOf: (value) => {
          const i = variantOf(value);
          return offsets[i]! + bodies[i]!.finite!.indexOf(bodyOf(value));
        },
        valueAt(index) {
          let i = offsets.length - 1;
          while (offsets[i]! > index) i--;
          return withTag(i, bodies[i]!.finite!.valueAt(index - offsets[i]!));
        },
      };
    }
  }
  return {
    description: tags.map((name, i) => `${name} ${bodies[i]!.description}`).join(" | "),
    maxWords: 1 + Math.max(...bodies.map((b) => b.maxWords)),
    write(value, out, at) {
      const i = variantOf(value);
      out[at] = i;
      try {
        return bodies[i]!.write(bodyOf(value), out, at + 1);
      } catch (e) {
        throw renamed(e, tags[i]!);
      }
    },
    read(reader) {
      const i = reader.words[reader.at++]!;
      return withTag(i, bodies[i]!.read(reader));
    },
    toTla(value) {
      const i = variantOf(value);
      const fields: Record<string, TlaValue> = { [tag]: tlaString(tags[i]!) };
      for (const [name, schema] of Object.entries(variants[tags[i]!]!)) fields[name] = schema.toTla((value as Record<string, unknown>)[name]);
      return tlaRecord(fields);
    },
    fromTla(value) {
      const fields = recordFields(value);
      const name = fields.get(tag);
      if (name === undefined) throw new TlaShapeError(`missing field ${tag}`);
      const i = numberOf.get(asString(name));
      if (i === undefined) throw new SchemaError(`${tag} ${JSON.stringify(asString(name))} is not one of ${tags.join(", ")}`);
      fields.delete(tag);
      return withTag(i, bodies[i]!.fromTla({ kind: "record", fields: [...fields] }));
    },
    permute(value, perm) {
      const i = variantOf(value);
      return withTag(i, bodies[i]!.permute(bodyOf(value), perm));
    },
    idSets: mergeIdSets(bodies),
    ...optionalFinite(finite),
  };
}

function finiteOf<K>(schema: Schema<K>, role: string): Finite<K> {
  if (schema.finite === undefined) throw new SchemaError(`${role} ${schema.description} is not finite: use int, bool, enumOf, ids, or records of them`);
  return schema.finite;
}

/**
 * A function from a finite domain, as an array indexed by the number of
 * the key in the domain: for `ids` the id itself, for `int(lo, hi)` the key
 * minus `lo`, for `enumOf` the name's position. In TLA+, `[k \in D |-> ...]`.
 */
export function func<K, V>(domain: Schema<K>, value: Schema<V>): Schema<readonly V[]> {
  const keys = finiteOf(domain, "the domain");
  const n = keys.size;
  const checkLength = (f: readonly V[]): void => {
    if (!Array.isArray(f) || f.length !== n) throw new SchemaError(`expected an array of ${n} (one per element of ${domain.description}), got ${Array.isArray(f) ? `${f.length}` : String(f)}`);
  };
  return {
    description: `[${domain.description} -> ${value.description}]`,
    maxWords: n * value.maxWords,
    write(f, out, at) {
      checkLength(f);
      let i = 0;
      try {
        for (; i < n; i++) at = value.write(f[i]!, out, at);
      } catch (e) {
        throw renamed(e, `at ${i}`);
      }
      return at;
    },
    read(reader) {
      const f: V[] = new Array(n);
      for (let i = 0; i < n; i++) f[i] = value.read(reader);
      return f;
    },
    toTla(f) {
      checkLength(f);
      return tlaFunction(f.map((v, i) => [domain.toTla(keys.valueAt(i)), value.toTla(v)] as const));
    },
    fromTla(tla) {
      const f: V[] = new Array(n);
      const entries = asFunction(tla);
      if (entries.length !== n) throw new TlaShapeError(`expected a function on ${domain.description}, got ${entries.length} entries`);
      for (const [k, v] of entries) f[keys.indexOf(domain.fromTla(k))] = value.fromTla(v);
      return f;
    },
    permute(f, perm) {
      const permuted: V[] = new Array(n);
      for (let i = 0; i < n; i++) permuted[keys.indexOf(domain.permute(keys.valueAt(i), perm))] = value.permute(f[i]!, perm);
      return permuted;
    },
    idSets: mergeIdSets([domain, value]),
  };
}

/** Sets of at most this many possible elements are stored as a bit mask. */
const maskLimit = 1024;

/** Encodes each element in a scratch buffer and returns the encodings, sorted. */
function sortedEncodings<E>(elements: readonly E[], schema: Schema<E>): Int32Array[] {
  const scratch = new Int32Array(Math.max(1, elements.length * schema.maxWords));
  const encodings: Int32Array[] = [];
  let at = 0;
  for (const element of elements) {
    const end = schema.write(element, scratch, at);
    encodings.push(scratch.subarray(at, end));
    at = end;
  }
  return encodings.sort(compareWords);
}

function compareWords(a: Int32Array, b: Int32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function checkArray(value: unknown, what: string): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw new SchemaError(`${what} must be given as an array, got ${String(value)}`);
}

function repeated<E>(element: Schema<E>, value: E): SchemaError {
  return new SchemaError(`a set holds ${formatTla(element.toTla(value))} twice (a set is an array without repeats; add with \`set.includes(x) ? set : [...set, x]\`)`);
}

/**
 * Subsets of the element schema's values, as arrays without repeats, in
 * any order (the encoding is canonical). A repeat is an error, not merged:
 * invariants and steps read the array as it is. Elements of a small finite
 * schema are stored as a bit mask; any other element schema needs `maxSize`.
 */
export function setOf<E>(element: Schema<E>, maxSize?: number): Schema<readonly E[]> {
  const description = `SUBSET ${element.description}`;
  const shared = {
    description,
    toTla: (set: readonly E[]) => tlaSet(set.map((e) => element.toTla(e))),
    fromTla: (tla: TlaValue) => asSet(tla).map((e) => element.fromTla(e)),
    permute: (set: readonly E[], perm: Parameters<Schema<E>["permute"]>[1]) => set.map((e) => element.permute(e, perm)),
    idSets: element.idSets,
  };
  const finite = element.finite;
  if (finite !== undefined && finite.size <= maskLimit) {
    const words = Math.ceil(finite.size / 32);
    // Every possible element, made once: reading a set hands out these same objects, and writing
    // one finds their numbers by identity, so a message that stays in a set is never numbered again.
    const universe = Array.from({ length: finite.size }, (_, i) => finite.valueAt(i));
    const numbers = new Map<unknown, number>(universe.map((value, i) => [value, i]));
    return {
      ...shared,
      maxWords: words,
      write(set, out, at) {
        checkArray(set, "a set");
        out.fill(0, at, at + words);
        for (const e of set) {
          const i = typeof e === "object" ? (numbers.get(e) ?? finite.indexOf(e)) : finite.indexOf(e);
          const bit = 1 << (i & 31);
          // A repeat is refused rather than merged: invariants and steps read the array, and would count it twice.
          if ((out[at + (i >>> 5)]! & bit) !== 0) throw repeated(element, e);
          out[at + (i >>> 5)]! |= bit;
        }
        return at + words;
      },
      read(reader) {
        const set: E[] = [];
        for (let w = 0; w < words; w++) {
          const bits = reader.words[reader.at + w]!;
          for (let b = 0; b < 32; b++) if ((bits >>> b) & 1) set.push(universe[w * 32 + b]!);
        }
        reader.at += words;
        return set;
      },
    };
  }
  if (maxSize === undefined) throw new SchemaError(`setOf(${element.description}) needs a maxSize: the element schema has too many values for a bit mask`);
  return {
    ...shared,
    maxWords: 1 + maxSize * element.maxWords,
    write(set, out, at) {
      checkArray(set, "a set");
      const encodings = sortedEncodings(set, element);
      const twice = encodings.findIndex((e, i) => i > 0 && compareWords(encodings[i - 1]!, e) === 0);
      if (twice >= 0) throw repeated(element, element.read({ words: encodings[twice]!, at: 0 }));
      if (encodings.length > maxSize) throw new SchemaError(`a set of ${encodings.length} elements is larger than its maxSize ${maxSize}`);
      out[at++] = encodings.length;
      for (const e of encodings) {
        out.set(e, at);
        at += e.length;
      }
      return at;
    },
    read(reader) {
      const n = reader.words[reader.at++]!;
      const set: E[] = [];
      for (let i = 0; i < n; i++) set.push(element.read(reader));
      return set;
    },
  };
}

/** Sequences of at most `maxLength` elements, as arrays; in TLA+, `<<e1, e2, ...>>`. */
export function seqOf<E>(element: Schema<E>, maxLength: number): Schema<readonly E[]> {
  return {
    description: `Seq(${element.description}) of length <= ${maxLength}`,
    maxWords: 1 + maxLength * element.maxWords,
    write(seq, out, at) {
      checkArray(seq, "a sequence");
      if (seq.length > maxLength) throw new SchemaError(`a sequence of ${seq.length} elements is longer than its maxLength ${maxLength}`);
      out[at++] = seq.length;
      let i = 0;
      try {
        for (; i < seq.length; i++) at = element.write(seq[i]!, out, at);
      } catch (e) {
        throw renamed(e, `at ${i}`);
      }
      return at;
    },
    read(reader) {
      const n = reader.words[reader.at++]!;
      const seq: E[] = [];
      for (let i = 0; i < n; i++) seq.push(element.read(reader));
      return seq;
    },
    toTla: (seq) => tlaSeq(seq.map((e) => element.toTla(e))),
    fromTla: (tla) => asSeq(tla).map((e) => element.fromTla(e)),
    permute: (seq, perm) => seq.map((e) => element.permute(e, perm)),
    idSets: element.idSets,
  };
}

/**
 * Multisets (a network of messages in flight) of at most `maxDistinct`
 * distinct elements, as arrays in which an element appears as many times as
 * it is in the bag. In TLA+, a function from elements to counts (the
 * standard Bags module).
 */
export function bagOf<E>(element: Schema<E>, maxDistinct: number): Schema<readonly E[]> {
  return {
    description: `bags of ${element.description}`,
    maxWords: 1 + maxDistinct * (1 + element.maxWords),
    write(bag, out, at) {
      checkArray(bag, "a bag");
      const encodings = sortedEncodings(bag, element);
      const start = at++;
      let distinct = 0;
      for (let i = 0; i < encodings.length; ) {
        let j = i + 1;
        while (j < encodings.length && compareWords(encodings[i]!, encodings[j]!) === 0) j++;
        if (++distinct > maxDistinct) throw new SchemaError(`a bag of more than ${maxDistinct} distinct elements (its maxDistinct)`);
        out[at++] = j - i;
        out.set(encodings[i]!, at);
        at += encodings[i]!.length;
        i = j;
      }
      out[start] = distinct;
      return at;
    },
    read(reader) {
      const distinct = reader.words[reader.at++]!;
      const bag: E[] = [];
      for (let i = 0; i < distinct; i++) {
        const copies = reader.words[reader.at++]!;
        const e = element.read(reader);
        for (let c = 0; c < copies; c++) bag.push(e);
      }
      return bag;
    },
    toTla(bag) {
      const counts = new Map<string, [TlaValue, number]>();
      for (const e of bag) {
        const tla = element.toTla(e);
        const key = JSON.stringify(tla);
        const seen = counts.get(key);
        counts.set(key, [tla, (seen?.[1] ?? 0) + 1]);
      }
      return tlaFunction([...counts.values()].map(([e, n]) => [e, tlaInt(n)] as const));
    },
    fromTla(tla) {
      const bag: E[] = [];
      for (const [e, n] of asFunction(tla)) {
        const value = element.fromTla(e);
        for (let c = asInt(n); c > 0; c--) bag.push(value);
      }
      return bag;
    },
    permute: (bag, perm) => bag.map((e) => element.permute(e, perm)),
    idSets: element.idSets,
  };
}
