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
import { Fingerprinter } from "../fingerprint.js";
import { type Key64, KeyList, type SortedKeys, edgeKey, labelText, sha256Key, stateKey } from "./digest.js";
import type { StopReason, StopSignal } from "../stop.js";
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

/** What the exploration records. */
export interface ExploreOptions {
  /** Record transitions (for (c)); states alone otherwise. */
  readonly edges: boolean;
  readonly hooks?: ExploreHooks;
}

/**
 * Bounds of an exploration: it stops, unfinished, past `maxStates` distinct
 * states, at `deadline` (a `Date.now()` time), or when `stop` asks. They are
 * read between chunks of {@link chunkStates} expanded states.
 */
export interface ExploreBounds {
  readonly maxStates?: number;
  readonly deadline?: number;
  readonly stop?: StopSignal;
}

/** A bounded exploration's end: the whole graph, or the bound that stopped it and how far it got. */
export type BoundedExploration =
  | { readonly summary: GraphSummary; readonly stoppedBy: null }
  | { readonly summary: undefined; readonly stoppedBy: StopReason; readonly distinctStates: number };

/** States expanded between two looks at the bounds (and, when asynchronous, two turns of the event loop). */
export const chunkStates = 2048;

/** Explores the whole reachable graph of `model`, unbounded. */
export function exploreTwinGraph(model: AnyModel, options: ExploreOptions): GraphSummary {
  const steps = graphExploration(model, options, {});
  for (;;) {
    const next = steps.next();
    if (next.done) {
      if (next.value.stoppedBy !== null) throw new Error(`an unbounded exploration stopped (${next.value.stoppedBy})`);
      return next.value.summary;
    }
  }
}

/**
 * Explores the reachable graph of `model` within `bounds`, giving the event
 * loop a turn after every chunk, so that signal handlers and timers run
 * while it works (a stop request from a SIGINT handler is seen at the next
 * chunk).
 */
export async function exploreTwinGraphBounded(model: AnyModel, options: ExploreOptions, bounds: ExploreBounds): Promise<BoundedExploration> {
  const steps = graphExploration(model, options, bounds);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * The breadth-first exploration itself, as a generator that yields after
 * every chunk of expanded states: one loop for the synchronous and the
 * asynchronous driver above.
 */
function* graphExploration(model: AnyModel, options: ExploreOptions, bounds: ExploreBounds): Generator<void, BoundedExploration> {
  const { codec, constraint } = model;
  const hooks = options.hooks ?? {};
  const maxStates = bounds.maxStates ?? Number.POSITIVE_INFINITY;
  const index = new FingerprintIndex();
  const scratch = new Int32Array(codec.maxWords);
  const fingerprinter = new Fingerprinter(codec.maxWords);
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
    fingerprinter.of(scratch, 0, length);
    const { id, added } = index.idOf(fingerprinter.lo, fingerprinter.hi);
    if (added) {
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
  const stoppedBy = (): StopReason | null => {
    if (bounds.stop?.reason != null) return bounds.stop.reason;
    if (bounds.deadline !== undefined && Date.now() >= bounds.deadline) return "time";
    return null;
  };

  for (const state of model.initialStates()) {
    generated++;
    if (inModel(state)) admit(state);
  }
  let expanded = 0;
  while (nextFrontier.length > 0) {
    levels.push(levelKeys.sorted());
    levelKeys = new KeyList();
    frontier = nextFrontier;
    nextFrontier = [];
    for (const state of frontier) {
      // Past the bound the graph is not the whole graph any more: stop before expanding further.
      if (index.size > maxStates) return { summary: undefined, stoppedBy: "max-states", distinctStates: index.size };
      if (++expanded % chunkStates === 0) {
        const reason = stoppedBy();
        if (reason !== null) return { summary: undefined, stoppedBy: reason, distinctStates: index.size };
        yield;
      }
      const length = codec.encode(state, scratch, 0);
      fingerprinter.of(scratch, 0, length);
      const fromId = index.idOf(fingerprinter.lo, fingerprinter.hi).id;
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
  if (index.size > maxStates) return { summary: undefined, stoppedBy: "max-states", distinctStates: index.size };
  return { summary: { counts: { distinctStates: index.size, statesGenerated: generated, depth: levels.length }, levels, edges }, stoppedBy: null };
}
