/**
 * TLC's side of the comparisons: its state dump and state graph reduced to
 * the same keys as the twin's ({@link GraphSummary}), and the look-ups that
 * turn keys back into TLA+ text when a comparison fails.
 *
 * @module
 */
import { type ParsedActionLabel, parseActionLabel, parseTlaState } from "../../src/tla/parse.js";
import type { TlaValue } from "../../src/tla/value.js";
import { type Key64, KeyList, type SortedKeys, edgeKey, keyHex, labelText, stateKey } from "./digest.js";
import { readStateDump, readStateGraph } from "./tlc-files.js";
import { type LabelInfo, labelKeyOf } from "./twin-graph.js";

/** The label of a TLC action label text, memoized. */
export function tlcLabeler(): (printed: string) => LabelInfo {
  const cache = new Map<string, LabelInfo>();
  return (printed) => {
    let info = cache.get(printed);
    if (info === undefined) {
      const parsed: ParsedActionLabel = parseActionLabel(printed);
      const text = labelText(parsed.name, parsed.args);
      info = { name: parsed.name, text, key: labelKeyOf(text) };
      cache.set(printed, info);
    }
    return info;
  };
}

/** TLC's state graph, reduced. */
export interface TlcGraph {
  /** Keys of the states by TLC's breadth-first level (from its rank lines). */
  readonly levels: readonly SortedKeys[];
  /** Transition keys by action name. */
  readonly edges: ReadonlyMap<string, SortedKeys>;
  readonly nodeCount: number;
  readonly initialCount: number;
  readonly edgeCount: number;
}

/** Reads TLC's `-dump dot,actionlabels` file into keys. */
export function summarizeStateGraph(path: string): TlcGraph {
  const nodes = new Map<string, Key64>();
  const pending = new Map<string, { from: string; label: LabelInfo }[]>();
  const edgeLists = new Map<string, KeyList>();
  const levelLists: KeyList[] = [];
  const labelOf = tlcLabeler();
  let initialCount = 0;
  let edgeCount = 0;
  const record = (from: Key64, label: LabelInfo, to: Key64) => {
    let list = edgeLists.get(label.name);
    if (list === undefined) edgeLists.set(label.name, (list = new KeyList()));
    list.push(edgeKey(from, label.key, to));
  };
  readStateGraph(path, {
    node(id, stateText, initial) {
      if (nodes.has(id)) throw new Error(`node ${id} appears twice`);
      const key = stateKey(parseTlaState(stateText));
      nodes.set(id, key);
      if (initial) initialCount++;
      const waiting = pending.get(id);
      if (waiting !== undefined) {
        pending.delete(id);
        for (const w of waiting) {
          const from = nodes.get(w.from);
          if (from === undefined) throw new Error(`an edge leaves node ${w.from}, which has no label`);
          record(from, w.label, key);
        }
      }
    },
    edge({ from, to, label }) {
      edgeCount++;
      const info = labelOf(label);
      const fromKey = nodes.get(from);
      const toKey = nodes.get(to);
      if (fromKey === undefined || toKey === undefined) {
        // TLC writes a new state's node line right after the edge that found it.
        const waitFor = toKey === undefined ? to : from;
        let list = pending.get(waitFor);
        if (list === undefined) pending.set(waitFor, (list = []));
        list.push({ from, label: info });
        if (fromKey === undefined && toKey !== undefined) throw new Error(`an edge leaves node ${from} before it was labelled`);
        return;
      }
      record(fromKey, info, toKey);
    },
    rank(level, ids) {
      const list = new KeyList(ids.length);
      for (const id of ids) {
        const key = nodes.get(id);
        if (key === undefined) throw new Error(`rank line ${level + 1} names node ${id}, which has no label`);
        list.push(key);
      }
      levelLists.push(list);
    },
  });
  if (pending.size > 0) throw new Error(`${pending.size} edge target(s) never got a node line, e.g. ${[...pending.keys()][0]}`);
  const ranked = levelLists.reduce((n, l) => n + l.length, 0);
  if (ranked !== nodes.size) throw new Error(`the rank lines name ${ranked} nodes, the graph has ${nodes.size}`);
  const edges = new Map<string, SortedKeys>();
  for (const name of [...edgeLists.keys()].sort()) edges.set(name, edgeLists.get(name)!.sorted());
  return { levels: levelLists.map((l) => l.sorted()), edges, nodeCount: nodes.size, initialCount, edgeCount };
}

/** A transition of TLC's graph in TLA+ text, for messages. */
export interface TlcEdgeText {
  readonly from: string;
  readonly label: string;
  readonly to: string;
}

/** Finds the transitions with the given keys (hex) in TLC's graph; three more passes over the file. */
export function findTlcEdges(path: string, wanted: ReadonlySet<string>): Map<string, TlcEdgeText> {
  const nodeKeys = new Map<string, Key64>();
  const labelOf = tlcLabeler();
  const hits = new Map<string, { from: string; to: string; label: string }>();
  readStateGraph(path, {
    node(id, stateText) {
      nodeKeys.set(id, stateKey(parseTlaState(stateText)));
    },
    edge() {},
    rank() {},
  });
  readStateGraph(path, {
    node() {},
    edge(edge) {
      const key = keyHex(edgeKey(nodeKeys.get(edge.from)!, labelOf(edge.label).key, nodeKeys.get(edge.to)!));
      if (wanted.has(key) && !hits.has(key)) hits.set(key, edge);
    },
    rank() {},
  });
  const neededNodes = new Set([...hits.values()].flatMap((e) => [e.from, e.to]));
  const texts = new Map<string, string>();
  readStateGraph(path, {
    node(id, stateText) {
      if (neededNodes.has(id)) texts.set(id, stateText);
    },
    edge() {},
    rank() {},
  });
  const result = new Map<string, TlcEdgeText>();
  for (const [key, e] of hits) result.set(key, { from: texts.get(e.from)!, label: e.label, to: texts.get(e.to)! });
  return result;
}

/** TLC's reachable states from its `-dump` file. */
export interface TlcStates {
  readonly keys: SortedKeys;
  readonly count: number;
}

/**
 * Reads TLC's `-dump` file into sorted keys, calling `check` on every state
 * (the bridge passes the model's `fromTla` round trip there).
 */
export function summarizeStateDump(path: string, check: (state: TlaValue, index: number) => void): TlcStates {
  const keys = new KeyList();
  const count = readStateDump(path, (state, index) => {
    check(state, index);
    keys.push(stateKey(state));
  });
  return { keys: keys.sorted(), count };
}

/** Finds the states with the given keys (hex) in TLC's `-dump` file. */
export function findTlcStates(path: string, wanted: ReadonlySet<string>): Map<string, TlaValue> {
  const found = new Map<string, TlaValue>();
  readStateDump(path, (state) => {
    const key = keyHex(stateKey(state));
    if (wanted.has(key)) found.set(key, state);
  });
  return found;
}
