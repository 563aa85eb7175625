/**
 * The state codec and symmetry of a model, derived from its state schema.
 *
 * @module
 */
import type { StateCodec, Symmetry } from "../protocol.js";
import { type Permutation, type Reader, type Schema, SchemaError } from "./schema.js";

/** The codec of a state schema: canonical because the schema's encoding is. */
export function codecOf<S>(schema: Schema<S>): StateCodec<S> {
  const reader: Reader = { words: new Int32Array(0), at: 0 };
  return {
    maxWords: schema.maxWords,
    encode: (state, out, offset) => schema.write(state, out, offset) - offset,
    decode(words, offset) {
      reader.words = words;
      reader.at = offset;
      return schema.read(reader);
    },
  };
}

/** Every permutation of `0 .. n-1`, the identity first. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const result: number[][] = [];
  for (const rest of permutations(n - 1)) {
    for (let at = rest.length; at >= 0; at--) result.push([...rest.slice(0, at), n - 1, ...rest.slice(at)]);
  }
  return result;
}

/** Elements of the symmetry group beyond this are refused: each state would cost that many encodings. */
const maxGroupSize = 40_320;

/**
 * Symmetry under every permutation of the named interchangeable sets (the
 * product of their symmetric groups): the representative of a state is
 * the permutation of it whose encoding is least, so two states have the
 * same representative exactly when one is a permutation of the other.
 */
export function symmetryOf<S>(schema: Schema<S>, sets: readonly string[]): Symmetry<S> {
  const sizes = sets.map((name) => {
    const size = schema.idSets.get(name)?.length;
    if (size === undefined) {
      const known = [...schema.idSets.keys()].join(", ") || "none";
      throw new SchemaError(`symmetry names ${name}, which is not an ids set of the state (its ids sets: ${known})`);
    }
    return size;
  });
  // The group is built when a search first asks for a representative: a model is often built without
  // symmetry in use, with sets too large to permute by brute force.
  let others: Permutation[] | undefined;
  const groupOthers = (): Permutation[] => {
    let order = 1;
    for (const size of sizes) for (let k = 2; k <= size; k++) order *= k;
    if (order > maxGroupSize) {
      throw new SchemaError(`symmetry over ${sets.join(", ")} has ${order} permutations, more than the ${maxGroupSize} this brute-force reduction tries per state (give fewer elements, or search without symmetry)`);
    }
    let group: Permutation[] = [new Map()];
    sets.forEach((name, i) => (group = group.flatMap((perm) => permutations(sizes[i]!).map((p) => new Map([...perm, [name, p]])))));
    return group.slice(1);
  };
  const best = new Int32Array(schema.maxWords);
  const candidate = new Int32Array(schema.maxWords);
  return {
    sets,
    representative(state) {
      others ??= groupOthers();
      let least = state;
      let leastLength = schema.write(state, best, 0);
      for (const perm of others) {
        const permuted = schema.permute(state, perm);
        const length = schema.write(permuted, candidate, 0);
        if (lessThan(candidate, length, best, leastLength)) {
          least = permuted;
          best.set(candidate.subarray(0, length));
          leastLength = length;
        }
      }
      return least;
    },
  };
}

function lessThan(a: Int32Array, aLength: number, b: Int32Array, bLength: number): boolean {
  const n = Math.min(aLength, bLength);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return aLength < bLength;
}
