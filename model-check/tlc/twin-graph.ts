/**
 * The bridge's own explorer of a twin's whole state graph, independent of
 * the checker in `bfs.ts`: breadth-first, with TLC's counting rules, keeping
 * for every level the keys of its states and, for every action name, the keys
 * of its transitions, exactly the things TLC's dumps can be compared with.
 *
 * States are told apart by the twin's codec and 64-bit fingerprints of its
 * encodings; each distinct state then gets the codec-independent key of its
 * TLA+ value ({@link stateKey}). As in TLC's state graph, a transition is
 * recorded only when its target satisfies the model's constraint.
 *
 * @module
 */
import type { AnyModel, TwinAction } from "../../src/protocol.js";
import { fingerprint, fingerprintOut } from "../fingerprint.js";
import { type Key64, KeyList, type SortedKeys, edgeKey, labelText, sha256Key, stateKey } from "./digest.js";
import { FingerprintIndex } from "./fingerprint-index.js";

/** TLC's three figures. */
export interface GraphCounts {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
}

/** A state graph reduced to what the cross-checks compare. */
export interface GraphSummary {
  readonly counts: GraphCounts;
  /** The keys of the states first reached at each breadth-first level (level 0 = initial states). */
  readonly levels: readonly SortedKeys[];
  /** The keys of the transitions, by action name (a multiset: one key per transition). */
  readonly edges: ReadonlyMap<string, SortedKeys>;
}

/** An action's label as the bridge compares it: name, canonical text and key. */
export interface LabelInfo {
  readonly name: string;
  readonly text: string;
  readonly key: Key64;
}

const labelKeys = new Map<string, Key64>();

/** The key of a label's canonical text (memoized: a config has few distinct labels). */
export function labelKeyOf(text: string): Key64 {
  let key = labelKeys.get(text);
  if (key === undefined) {
    key = sha256Key(text);
    labelKeys.set(text, key);
  }
  return key;
}

/** Labels of a model's actions, memoized per action object (2PC reuses its action objects). */
export function twinLabeler(model: AnyModel): (action: TwinAction) => LabelInfo {
  const cache = new WeakMap<TwinAction, LabelInfo>();
  return (action) => {
    let info = cache.get(action);
    if (info === undefined) {
      const label = model.actionLabel(action);
      const text = labelText(label.name, label.params.map(([, v]) => v));
      info = { name: label.name, text, key: labelKeyOf(text) };
      cache.set(action, info);
    }
    return info;
  };
}

/** Optional callbacks, used to find the states and transitions behind a key when a comparison fails. */
export interface ExploreHooks {
  state?(key: Key64, state: unknown, level: number): void;
  edge?(key: Key64, from: unknown, label: LabelInfo, to: unknown): void;
}

/** Explores the whole reachable graph of `model`; throws past `maxStates` distinct states. */
export function exploreTwinGraph(model: AnyModel, options: { edges: boolean; maxStates?: number; hooks?: ExploreHooks }): GraphSummary {
  const { codec, constraint } = model;
  const hooks = options.hooks ?? {};
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const index = new FingerprintIndex();
  const scratch = new Int32Array(codec.maxWords);
  const labelOf = twinLabeler(model);
  let keyHi = new Uint32Array(1 << 12);
  let keyLo = new Uint32Array(1 << 12);
  const levels: SortedKeys[] = [];
  const edgeLists = new Map<string, KeyList>();
  let generated = 0;

  const inModel = (s: unknown) => constraint === undefined || constraint.holds(s);
  let levelKeys = new KeyList();
  let frontier: unknown[] = [];
  let nextFrontier: unknown[] = [];

  // The id of a state that satisfies the constraint, storing it when it is new.
  const admit = (state: unknown): number => {
    const length = codec.encode(state, scratch, 0);
    fingerprint(scratch, 0, length);
    const { id, added } = index.idOf(fingerprintOut[0]!, fingerprintOut[1]!);
    if (added) {
      if (id >= maxStates) throw new Error(`the twin has more than ${maxStates} states`);
      if (id >= keyHi.length) {
        const hi = new Uint32Array(keyHi.length * 2);
        const lo = new Uint32Array(keyLo.length * 2);
        hi.set(keyHi);
        lo.set(keyLo);
        keyHi = hi;
        keyLo = lo;
      }
      const key = stateKey(model.toTla(state));
      keyHi[id] = key.hi;
      keyLo[id] = key.lo;
      levelKeys.push(key);
      nextFrontier.push(state);
      hooks.state?.(key, state, levels.length);
    }
    return id;
  };

  for (const state of model.initialStates()) {
    generated++;
    if (inModel(state)) admit(state);
  }
  while (nextFrontier.length > 0) {
    levels.push(levelKeys.sorted());
    levelKeys = new KeyList();
    frontier = nextFrontier;
    nextFrontier = [];
    for (const state of frontier) {
      const length = codec.encode(state, scratch, 0);
      fingerprint(scratch, 0, length);
      const fromId = index.idOf(fingerprintOut[0]!, fingerprintOut[1]!).id;
      const from: Key64 = { hi: keyHi[fromId]!, lo: keyLo[fromId]! };
      model.forEachSuccessor(state, (action, next) => {
        generated++;
        if (!inModel(next)) return;
        const toId = admit(next);
        if (!options.edges) return;
        const label = labelOf(action);
        const key = edgeKey(from, label.key, { hi: keyHi[toId]!, lo: keyLo[toId]! });
        let list = edgeLists.get(label.name);
        if (list === undefined) edgeLists.set(label.name, (list = new KeyList()));
        list.push(key);
        hooks.edge?.(key, state, label, next);
      });
    }
  }
  const edges = new Map<string, SortedKeys>();
  for (const name of [...edgeLists.keys()].sort()) edges.set(name, edgeLists.get(name)!.sorted());
  return { counts: { distinctStates: index.size, statesGenerated: generated, depth: levels.length }, levels, edges };
}
