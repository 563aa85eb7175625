/**
 * Keys that identify states, action labels and transitions independently of
 * any twin's codec and of the checker's fingerprint function, so that golden
 * results made from TLC stay valid when a twin's internals change.
 *
 * - A state's key is the first 8 bytes of the SHA-256 of its canonical TLA+
 *   text ({@link canonicalText} of the record of its variables).
 * - A label's key is the same for the canonical text of the action label,
 *   `Name(arg1,arg2)`.
 * - A transition's key mixes the keys of its source, label and target with
 *   MurmurHash3 (x86, 32-bit) under two seeds: cheap enough for the 18 million
 *   transitions of the largest 2PC config.
 *
 * Multisets of keys are compared as sorted lists; a list's digest is the
 * SHA-256 of its keys written big-endian in ascending order.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { endianness } from "node:os";
import { type TlaInt, type TlaString, type TlaValue, TlaShapeError, functionGraph } from "../../src/tla/value.js";

if (endianness() !== "LE") {
  // KeyList packs (hi, lo) words into a BigUint64Array through a Uint32Array view.
  throw new Error("tla-twin's TLC bridge assumes a little-endian machine");
}

/**
 * A canonical text of a value: written without spaces, with set elements
 * (without duplicates) and function entries sorted by their own canonical
 * text and record fields by name, and every function written as a tuple when
 * its domain is `1..n`, as a record when its domain is a set of strings, else
 * with `:>` and `@@` (the normal form of `normalize`). Equal values, equal
 * texts. It does its own ordering rather than call `normalize`: this runs for
 * every state of every comparison.
 */
export function canonicalText(value: TlaValue): string {
  return canonical(value);
}

function canonical(v: TlaValue): string {
  switch (v.kind) {
    case "bool":
      return v.value ? "TRUE" : "FALSE";
    case "int":
      return String(v.value);
    case "string":
      return JSON.stringify(v.value);
    case "modelValue":
      return v.name;
    case "set": {
      const texts = sortedTexts(v.elements.map(canonical));
      return `{${texts.filter((t, i) => i === 0 || texts[i - 1] !== t).join(",")}}`;
    }
    case "seq":
      return `<<${v.elements.map(canonical).join(",")}>>`;
    case "record": {
      const names = v.fields.map(([k]) => k).sort();
      checkDistinct(names);
      return `[${sortedTexts(v.fields.map(([k, e]) => `${k}|->${canonical(e)}`)).join(",")}]`;
    }
    case "function":
      return canonicalFunction(functionGraph(v));
  }
}

function canonicalFunction(graph: readonly (readonly [TlaValue, TlaValue])[]): string {
  if (graph.every(([k]) => k.kind === "int")) {
    const byIndex = [...graph].sort(([a], [b]) => (a as TlaInt).value - (b as TlaInt).value);
    if (byIndex.every(([k], i) => (k as TlaInt).value === i + 1)) return `<<${byIndex.map(([, e]) => canonical(e)).join(",")}>>`;
  }
  if (graph.length > 0 && graph.every(([k]) => k.kind === "string")) {
    const fields = sortedTexts(graph.map(([k, e]) => `${(k as TlaString).value}|->${canonical(e)}`));
    checkDistinct(graph.map(([k]) => (k as TlaString).value));
    return `[${fields.join(",")}]`;
  }
  const keys = graph.map(([k]) => canonical(k));
  checkDistinct(keys);
  return `(${sortedTexts(graph.map(([, e], i) => `${keys[i]}:>${canonical(e)}`)).join("@@")})`;
}

function checkDistinct(keys: readonly string[]): void {
  const sorted = keys.length < 2 ? keys : [...keys].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) throw new TlaShapeError("a function has the same key twice");
  }
}

function sortedTexts(texts: string[]): string[] {
  return texts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A 64-bit key as its high and low 32-bit words (unsigned). */
export interface Key64 {
  readonly hi: number;
  readonly lo: number;
}

/** The first 8 bytes of the SHA-256 of `text` (UTF-8). */
export function sha256Key(text: string): Key64 {
  const digest = createHash("sha256").update(text, "utf8").digest();
  return { hi: digest.readUInt32BE(0), lo: digest.readUInt32BE(4) };
}

/** The key of a state given as the record of its variables. */
export function stateKey(state: TlaValue): Key64 {
  return sha256Key(canonicalText(state));
}

/** The canonical text of an action label, `Name` or `Name(arg1,arg2)`. */
export function labelText(name: string, args: readonly TlaValue[]): string {
  return args.length === 0 ? name : `${name}(${args.map(canonicalText).join(",")})`;
}

/** 16 hex digits, high word first. */
export function keyHex(key: Key64): string {
  return key.hi.toString(16).padStart(8, "0") + key.lo.toString(16).padStart(8, "0");
}

/** The inverse of {@link keyHex}. */
export function keyFromHex(hex: string): Key64 {
  if (!/^[0-9a-f]{16}$/.test(hex)) throw new Error(`not a 64-bit key in hex: ${hex}`);
  return { hi: parseInt(hex.slice(0, 8), 16), lo: parseInt(hex.slice(8), 16) };
}

// ---------------------------------------------------------------------------
// MurmurHash3_x86_32 over whole 32-bit words (little-endian bytes).

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** MurmurHash3 (x86, 32-bit) of the little-endian bytes of `words`, unsigned. */
export function murmur3Words(words: ArrayLike<number>, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < words.length; i++) {
    let k = Math.imul(words[i]! | 0, 0xcc9e2d51);
    k = rotl(k, 15);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= words.length * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const edgeWords = new Uint32Array(6);

/**
 * The key of a transition: MurmurHash3 with seed 0 (high word) and seed 1
 * (low word) of the six words `from.hi, from.lo, label.hi, label.lo, to.hi, to.lo`.
 */
export function edgeKey(from: Key64, label: Key64, to: Key64): Key64 {
  edgeWords[0] = from.hi;
  edgeWords[1] = from.lo;
  edgeWords[2] = label.hi;
  edgeWords[3] = label.lo;
  edgeWords[4] = to.hi;
  edgeWords[5] = to.lo;
  return { hi: murmur3Words(edgeWords, 0), lo: murmur3Words(edgeWords, 1) };
}

// ---------------------------------------------------------------------------
// Lists of keys.

/** A growable list of 64-bit keys, packed two words a key. */
export class KeyList {
  private words: Uint32Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.words = new Uint32Array(2 * Math.max(1, capacity));
  }

  get length(): number {
    return this.count;
  }

  push(key: Key64): void {
    if (2 * this.count === this.words.length) {
      const bigger = new Uint32Array(this.words.length * 2);
      bigger.set(this.words);
      this.words = bigger;
    }
    // Little-endian: the low word first makes the BigUint64 value hi * 2^32 + lo.
    this.words[2 * this.count] = key.lo;
    this.words[2 * this.count + 1] = key.hi;
    this.count++;
  }

  /** The keys in ascending order, as a new array. */
  sorted(): SortedKeys {
    const copy = new Uint32Array(this.words.subarray(0, 2 * this.count));
    const values = new BigUint64Array(copy.buffer, 0, this.count);
    values.sort();
    return new SortedKeys(values);
  }
}

/** Keys in ascending order: compared, digested, stored. */
export class SortedKeys {
  constructor(readonly values: BigUint64Array) {}

  get length(): number {
    return this.values.length;
  }

  /** The keys as 8 bytes each, big-endian, in order: the form that golden files store and digests hash. */
  toBytes(): Buffer {
    const bytes = Buffer.alloc(8 * this.values.length);
    this.values.forEach((v, i) => bytes.writeBigUInt64BE(v, 8 * i));
    return bytes;
  }

  /** Reads keys written by {@link SortedKeys.toBytes}; throws when they are not in ascending order. */
  static fromBytes(bytes: Uint8Array): SortedKeys {
    if (bytes.length % 8 !== 0) throw new Error(`a key list has ${bytes.length} bytes, not a multiple of 8`);
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const values = new BigUint64Array(bytes.length / 8);
    for (let i = 0; i < values.length; i++) {
      values[i] = buffer.readBigUInt64BE(8 * i);
      if (i > 0 && values[i]! < values[i - 1]!) throw new Error("a stored key list is not sorted");
    }
    return new SortedKeys(values);
  }

  /** SHA-256 (hex) of {@link SortedKeys.toBytes}. */
  digest(): string {
    const hash = createHash("sha256");
    const chunk = Buffer.alloc(8 * 65536);
    for (let start = 0; start < this.values.length; start += 65536) {
      const end = Math.min(this.values.length, start + 65536);
      for (let i = start; i < end; i++) chunk.writeBigUInt64BE(this.values[i]!, 8 * (i - start));
      hash.update(chunk.subarray(0, 8 * (end - start)));
    }
    return hash.digest("hex");
  }

  /**
   * The keys only one side has, counting multiplicity (a key twice here and
   * once there is once in `onlyHere`), at most `limit` of each kind listed.
   */
  difference(other: SortedKeys, limit: number): KeyDifference {
    const a = this.values;
    const b = other.values;
    const onlyHere: Key64[] = [];
    const onlyThere: Key64[] = [];
    let onlyHereCount = 0;
    let onlyThereCount = 0;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
        if (onlyHere.length < limit) onlyHere.push(fromBig(a[i]!));
        onlyHereCount++;
        i++;
      } else if (i >= a.length || b[j]! < a[i]!) {
        if (onlyThere.length < limit) onlyThere.push(fromBig(b[j]!));
        onlyThereCount++;
        j++;
      } else {
        i++;
        j++;
      }
    }
    return { onlyHere, onlyThere, onlyHereCount, onlyThereCount };
  }
}

/** What {@link SortedKeys.difference} finds. */
export interface KeyDifference {
  readonly onlyHere: readonly Key64[];
  readonly onlyThere: readonly Key64[];
  readonly onlyHereCount: number;
  readonly onlyThereCount: number;
}

function fromBig(v: bigint): Key64 {
  return { hi: Number(v >> 32n), lo: Number(v & 0xffffffffn) };
}
