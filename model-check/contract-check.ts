/**
 * The model contract, checked on a sample before a search trusts it.
 *
 * The checker believes what a model tells it: a state's encoding is its
 * identity, and `forEachSuccessor` is its next-state relation. A codec that
 * drops a field merges distinct states and the search reports wrong counts
 * (or a violation of a correct protocol) without a word; a step that
 * mutates its input corrupts states already stored. So before a search, the
 * first few thousand states reached breadth-first (within the constraint,
 * as the checker explores them) are checked against the contract, and the
 * first breach is reported with an example state:
 *
 * - the codec: an encoding fits `maxWords` and decodes to the state; equal
 *   states (equal TLA+ values) have equal encodings, and different states
 *   different ones;
 * - the TLA+ binding: `fromTla(toTla(s))` is `s`;
 * - `step(s, a)` is the successor that enumeration yields for `a`;
 * - neither enumeration nor `step` changes the state it is given;
 * - a symmetry representative is its own representative.
 *
 * A sample is no proof (a codec may fail only deeper), but it catches the
 * usual mistakes within a fraction of a second. Users can call
 * {@link checkContract} from their own test suites.
 *
 * @module
 */
import type { Model, TwinAction } from "../src/protocol.js";
import { formatTla } from "../src/tla/value.js";

/** A breach of the contract: which rule, what happened, and a state that shows it (in TLA+ syntax). */
export interface ContractBreach {
  readonly rule: "codec" | "canonical encoding" | "TLA+ round trip" | "step" | "mutation" | "symmetry" | "exception";
  readonly message: string;
  readonly example: string;
}

/** Options of {@link checkContract}. */
export interface ContractCheckOptions {
  /** States to sample, breadth-first from the initial states (default {@link defaultContractSample}). */
  readonly maxStates?: number;
  /**
   * Check the model's symmetry too (default true): a search without
   * symmetry reduction leaves it out, as it never asks for a representative.
   */
  readonly symmetry?: boolean;
}

/** States sampled before each search unless told otherwise. */
export const defaultContractSample = 1000;

/** Checks the model's contract on the first states reached breadth-first; the first breach, or null. */
export function checkContract<S, A extends TwinAction>(model: Model<S, A>, options: ContractCheckOptions = {}): ContractBreach | null {
  const maxStates = options.maxStates ?? defaultContractSample;
  const keyOf = (s: S): string => formatTla(model.toTla(s));
  const byKey = new Map<string, string>();
  const byEncoding = new Map<string, string>();
  const queue: S[] = [];
  let current: S | undefined;
  try {
    // Like the checker, only states within the constraint are encoded and explored (a codec may size itself by it).
    const inModel = (s: S): boolean => model.constraint === undefined || model.constraint.holds(s);
    for (const s of model.initialStates()) {
      if (!inModel(s)) continue;
      const key = keyOf(s);
      if (!byKey.has(key)) {
        byKey.set(key, "");
        queue.push(s);
      }
    }
    for (let at = 0; at < queue.length && at < maxStates; at++) {
      const s = queue[at]!;
      current = s;
      const key = keyOf(s);
      const breach = checkState(model, s, key, byKey, byEncoding, options.symmetry !== false);
      if (breach !== null) return breach;
      model.forEachSuccessor(s, (_a, t) => {
        // Once the sample is full, successors are no longer named: naming (toTla, formatTla) is most of the cost.
        if (byKey.size >= maxStates || !inModel(t)) return;
        const tKey = keyOf(t);
        if (!byKey.has(tKey)) {
          byKey.set(tKey, "");
          queue.push(t);
        }
      });
    }
  } catch (e) {
    return { rule: "exception", message: `the model threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, example: describe(model, current) };
  }
  return null;
}

/** One state's checks; `byKey` and `byEncoding` remember what earlier states encoded to. */
function checkState<S, A extends TwinAction>(
  model: Model<S, A>,
  s: S,
  key: string,
  byKey: Map<string, string>,
  byEncoding: Map<string, string>,
  symmetry: boolean,
): ContractBreach | null {
  const example = key;
  const out = new Int32Array(model.codec.maxWords + 64);
  const length = model.codec.encode(s, out, 0);
  if (!Number.isInteger(length) || length < 0 || length > model.codec.maxWords) {
    return { rule: "codec", message: `encode wrote ${length} words, more than maxWords (${model.codec.maxWords}) or not a count`, example };
  }
  const decoded = model.codec.decode(out, 0, length);
  if (!sameState(model, decoded, s)) return { rule: "codec", message: "decode(encode(s)) differs from s", example };
  const words = Array.from(out.subarray(0, length)).join(",");
  const sameWords = byEncoding.get(words);
  if (sameWords !== undefined && sameWords !== key) {
    return { rule: "canonical encoding", message: `two different states have one encoding; the other is ${sameWords}`, example };
  }
  const earlier = byKey.get(key);
  if (earlier !== undefined && earlier !== "" && earlier !== words) {
    return { rule: "canonical encoding", message: "one state has two encodings", example };
  }
  byEncoding.set(words, key);
  byKey.set(key, words);
  if (!sameState(model, model.fromTla(model.toTla(s)), s)) return { rule: "TLA+ round trip", message: "fromTla(toTla(s)) differs from s", example };

  const before = structuredClone(s);
  const successors: [TwinAction, S][] = [];
  model.forEachSuccessor(s, (a, t) => successors.push([a, t]));
  // A changed input is reported as such before anything it could have thrown off.
  if (!deepEqual(s, before)) return { rule: "mutation", message: "enumerating successors changed the state it was given", example: formatTla(model.toTla(before)) };
  for (const [a, t] of successors) {
    try {
      model.toTla(t);
    } catch (e) {
      return { rule: "exception", message: `the state ${JSON.stringify(a)} leads to is not a state of the model: ${e instanceof Error ? e.message : String(e)}`, example };
    }
    const stepped = model.step(s, a as A);
    if (!deepEqual(s, before)) return { rule: "mutation", message: `step(s, ${JSON.stringify(a)}) changed the state it was given`, example: formatTla(model.toTla(before)) };
    if (stepped === undefined || !sameState(model, stepped, t)) {
      return { rule: "step", message: `step(s, ${JSON.stringify(a)}) differs from the successor enumeration yields for it`, example };
    }
  }
  if (symmetry && model.symmetry !== undefined) {
    const representative = model.symmetry.representative(s);
    if (!sameState(model, model.symmetry.representative(representative), representative)) {
      return { rule: "symmetry", message: "the representative of a representative is another state", example };
    }
  }
  return null;
}

/**
 * Whether two states are the same state: equal as data, or equal as the
 * TLA+ values they stand for (a set kept as an array may come back from
 * the codec in another order, and is still the same set).
 */
function sameState<S, A extends TwinAction>(model: Model<S, A>, a: S, b: S): boolean {
  return deepEqual(a, b) || formatTla(model.toTla(a)) === formatTla(model.toTla(b));
}

/** A state in TLA+ syntax for a message, or a note when there is none or it cannot be written. */
function describe<S, A extends TwinAction>(model: Model<S, A>, s: S | undefined): string {
  if (s === undefined) return "(an initial state)";
  try {
    return formatTla(model.toTla(s));
  } catch {
    return "(a state toTla cannot write)";
  }
}

/** Structural equality of plain data: primitives, arrays, plain objects, Maps and Sets. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
