/**
 * The comparisons (a) to (d) between TLC's side, read from a live run or from
 * golden files, and the twin's. Each returns a {@link CheckOutcome}: what was
 * compared on each side, whether they agree, and when they do not, the first
 * differences in TLA+ syntax (or, where only digests are at hand, the
 * command that shows them).
 *
 * @module
 */
import type { AnyModel } from "../../src/protocol.js";
import { type TlaValue, field, formatTla } from "../../src/tla/value.js";
import { formatCount } from "../format.js";
import type { StopReason } from "../stop.js";
import { type Key64, SortedKeys, keyHex, stateKey } from "./digest.js";
import { type GraphCounts, type GraphSummary, type LabelInfo, exploreTwinGraph, twinLabeler } from "./twin-graph.js";

/** The outcome of one cross-check. */
export interface CheckOutcome {
  /** `sany`, `a` ... `e`, or `sources` for the golden files' freshness. */
  readonly id: string;
  readonly title: string;
  /** What TLC's side amounted to, in a few words. */
  readonly tlc: string;
  /** What the twin's side amounted to. */
  readonly twin: string;
  readonly ok: boolean;
  /** The differences, or why the check could not run. */
  readonly details: readonly string[];
  /**
   * Set when the check was not decided because a bound (`--timeout`,
   * `--max-states`) or a signal stopped the cross-check first: incomplete,
   * not failed.
   */
  readonly stoppedBy?: StopReason;
  /**
   * Set when the check was not decided because TLC or Java failed (did not
   * start, crashed, printed what the bridge cannot read, left files it
   * cannot read): an environment error, not a disagreement.
   */
  readonly toolFailed?: boolean;
}

/** A set of keys from TLC's side: always its size and digest, the keys themselves when at hand. */
export interface KeySetRef {
  readonly count: number;
  readonly digest: string;
  readonly keys: SortedKeys | undefined;
}

/** A key set with its keys. */
export function keySetOf(keys: SortedKeys): KeySetRef {
  return { count: keys.length, digest: keys.digest(), keys };
}

/** A transition in TLA+ text. */
export interface EdgeText {
  readonly from: string;
  readonly label: string;
  readonly to: string;
}

/** Turns keys back into TLA+ text on each side, for messages; a side may know nothing. */
export interface Explainer {
  twinStates(keys: ReadonlySet<string>): ReadonlyMap<string, string>;
  tlcStates(keys: ReadonlySet<string>): ReadonlyMap<string, string>;
  twinEdges(keys: ReadonlySet<string>): ReadonlyMap<string, EdgeText>;
  tlcEdges(keys: ReadonlySet<string>): ReadonlyMap<string, EdgeText>;
  /** The command that shows the differences when this side cannot (e.g. a live cross-check). */
  readonly rerun: string | undefined;
}

/** How many differing states or transitions a message lists per side. */
export const shownDifferences = 3;

/** A state (the record of its variables) as TLC prints it: one `/\ var = value` line per variable. */
export function formatState(state: TlaValue, variables?: readonly string[]): string {
  if (state.kind !== "record") return formatTla(state);
  const names = variables ?? state.fields.map(([k]) => k);
  return names.map((name) => `/\\ ${name} = ${formatTla(field(state, name))}`).join("\n");
}

function indent(text: string, by = "      "): string {
  return text
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}

/** An explainer for the twin's side: re-explores the graph to find the states and transitions behind keys. */
export function twinExplainer(model: AnyModel): Pick<Explainer, "twinStates" | "twinEdges"> {
  const text = (s: unknown) => formatState(model.toTla(s), model.tlaVariables);
  return {
    twinStates(keys) {
      const found = new Map<string, string>();
      exploreTwinGraph(model, {
        edges: false,
        hooks: {
          state(key, state) {
            const hex = keyHex(key);
            if (keys.has(hex) && !found.has(hex)) found.set(hex, text(state));
          },
        },
      });
      return found;
    },
    twinEdges(keys) {
      const found = new Map<string, EdgeText>();
      exploreTwinGraph(model, {
        edges: true,
        hooks: {
          edge(key, from, label, to) {
            const hex = keyHex(key);
            if (keys.has(hex) && !found.has(hex)) found.set(hex, { from: text(from), label: label.text, to: text(to) });
          },
        },
      });
      return found;
    },
  };
}

// ---------------------------------------------------------------------------
// (a) counts.

/** (a) Distinct states, states generated and depth. */
export function compareCounts(tlc: GraphCounts, twin: GraphCounts): CheckOutcome {
  const show = (c: GraphCounts) => `${formatCount(c.distinctStates)} / ${formatCount(c.statesGenerated)} / ${c.depth}`;
  const ok = tlc.distinctStates === twin.distinctStates && tlc.statesGenerated === twin.statesGenerated && tlc.depth === twin.depth;
  const details: string[] = [];
  if (tlc.distinctStates !== twin.distinctStates) details.push(`distinct states: TLC ${tlc.distinctStates}, twin ${twin.distinctStates}`);
  if (tlc.statesGenerated !== twin.statesGenerated) details.push(`states generated: TLC ${tlc.statesGenerated}, twin ${twin.statesGenerated}`);
  if (tlc.depth !== twin.depth) details.push(`depth: TLC ${tlc.depth}, twin ${twin.depth}`);
  return { id: "a", title: "counts (distinct / generated / depth)", tlc: show(tlc), twin: show(twin), ok, details };
}

// ---------------------------------------------------------------------------
// (b) states.

function mergeLevels(levels: readonly SortedKeys[]): SortedKeys {
  const all = new BigUint64Array(levels.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const level of levels) {
    all.set(level.values, at);
    at += level.length;
  }
  all.sort();
  return new SortedKeys(all);
}

/** All the twin's reachable states as one sorted key list. */
export function allStates(summary: GraphSummary): SortedKeys {
  return mergeLevels(summary.levels);
}

/** Lists states only one side has, in TLA+ syntax where that side can say. */
function stateDifferences(
  onlyTlc: readonly Key64[],
  onlyTlcCount: number,
  onlyTwin: readonly Key64[],
  onlyTwinCount: number,
  explain: Explainer,
): string[] {
  const details: string[] = [];
  const tlcKeys = new Set(onlyTlc.map(keyHex));
  const twinKeys = new Set(onlyTwin.map(keyHex));
  if (onlyTlcCount > 0) {
    details.push(`${onlyTlcCount} state(s) reached by TLC but not by the twin${onlyTlcCount > onlyTlc.length ? `, e.g.` : ":"}`);
    const texts = explain.tlcStates(tlcKeys);
    for (const k of tlcKeys) details.push(texts.has(k) ? indent(texts.get(k)!) : `      (state key ${k})`);
  }
  if (onlyTwinCount > 0) {
    details.push(`${onlyTwinCount} state(s) reached by the twin but not by TLC${onlyTwinCount > onlyTwin.length ? `, e.g.` : ":"}`);
    const texts = explain.twinStates(twinKeys);
    for (const k of twinKeys) details.push(texts.has(k) ? indent(texts.get(k)!) : `      (state key ${k})`);
  }
  return details;
}

/** (b) The reachable states, as a whole and level by level. */
export function compareStates(tlc: { all: KeySetRef; levels: readonly KeySetRef[] | undefined }, twin: GraphSummary, explain: Explainer): CheckOutcome {
  const twinAll = allStates(twin);
  const title = "reachable states (same set, same BFS levels)";
  const summary = (n: number, levels: number | undefined) => `${formatCount(n)} states${levels === undefined ? "" : ` on ${levels} levels`}`;
  const details: string[] = [];
  if (tlc.all.keys !== undefined) {
    const d = tlc.all.keys.difference(twinAll, shownDifferences);
    details.push(...stateDifferences(d.onlyHere, d.onlyHereCount, d.onlyThere, d.onlyThereCount, explain));
  } else if (tlc.all.count !== twinAll.length || tlc.all.digest !== twinAll.digest()) {
    details.push(
      `the twin's ${twinAll.length} states differ from TLC's ${tlc.all.count} (digest ${twinAll.digest().slice(0, 12)} vs ${tlc.all.digest.slice(0, 12)})`,
    );
  }
  if (details.length === 0 && tlc.levels !== undefined) {
    // Same set: the levels can still differ only if the graphs do; say which level first.
    const levels = Math.max(tlc.levels.length, twin.levels.length);
    for (let i = 0; i < levels; i++) {
      const a = tlc.levels[i];
      const b = twin.levels[i];
      if (a === undefined || b === undefined || a.count !== b.length || a.digest !== b.digest()) {
        details.push(`BFS level ${i + 1}: TLC has ${a?.count ?? 0} states, the twin ${b?.length ?? 0}${a?.count === b?.length ? " (different ones)" : ""}`);
        break;
      }
    }
  }
  if (details.length > 0 && tlc.all.keys === undefined && explain.rerun !== undefined) details.push(`see the states themselves with: ${explain.rerun}`);
  return { id: "b", title, tlc: summary(tlc.all.count, tlc.levels?.length), twin: summary(twinAll.length, twin.levels.length), ok: details.length === 0, details };
}

// ---------------------------------------------------------------------------
// (c) transitions.

/** (c) The transitions as multisets of (state, label, state), action by action. */
export function compareEdges(tlc: ReadonlyMap<string, KeySetRef>, twin: GraphSummary, explain: Explainer): CheckOutcome {
  const names = [...new Set([...tlc.keys(), ...twin.edges.keys()])].sort();
  const tlcTotal = [...tlc.values()].reduce((n, r) => n + r.count, 0);
  const twinTotal = [...twin.edges.values()].reduce((n, k) => n + k.length, 0);
  const details: string[] = [];
  const differing: { size: number; onlyTlc: readonly Key64[]; onlyTwin: readonly Key64[] }[] = [];
  for (const name of names) {
    const a = tlc.get(name);
    const b = twin.edges.get(name);
    if (a === undefined || b === undefined) {
      details.push(`${name}: ${a === undefined ? "only the twin" : "only TLC"} has transitions of this action (${a?.count ?? b?.length})`);
      continue;
    }
    if (a.keys !== undefined) {
      const d = a.keys.difference(b, shownDifferences);
      if (d.onlyHereCount + d.onlyThereCount > 0) {
        details.push(`${name}: ${d.onlyHereCount} transition(s) only in TLC's graph, ${d.onlyThereCount} only in the twin's (TLC ${a.count}, twin ${b.length})`);
        differing.push({ size: d.onlyHereCount + d.onlyThereCount, onlyTlc: d.onlyHere, onlyTwin: d.onlyThere });
      }
    } else if (a.count !== b.length || a.digest !== b.digest()) {
      details.push(`${name}: TLC has ${a.count} transitions, the twin ${b.length}${a.count === b.length ? " (different ones)" : ""}`);
    }
  }
  // Examples come first from the action with the fewest differences: a transition that went
  // astray shows there, before the knock-on differences of the states it made (un)reachable.
  differing.sort((a, b) => a.size - b.size);
  const onlyTlc = differing.flatMap((d) => d.onlyTlc).slice(0, shownDifferences);
  const onlyTwin = differing.flatMap((d) => d.onlyTwin).slice(0, shownDifferences);
  const show = (keys: Key64[], texts: ReadonlyMap<string, EdgeText>, side: string) => {
    for (const k of keys.map(keyHex)) {
      const e = texts.get(k);
      if (e === undefined) details.push(`  ${side}: (transition key ${k})`);
      else details.push(`  only ${side}: ${e.label}\n    from\n${indent(e.from)}\n    to\n${indent(e.to)}`);
    }
  };
  if (onlyTlc.length > 0) show(onlyTlc, explain.tlcEdges(new Set(onlyTlc.map(keyHex))), "in TLC's graph");
  if (onlyTwin.length > 0) show(onlyTwin, explain.twinEdges(new Set(onlyTwin.map(keyHex))), "in the twin's graph");
  const digestsOnly = [...tlc.values()].some((r) => r.keys === undefined);
  if (details.length > 0 && digestsOnly && explain.rerun !== undefined) details.push(`see the transitions themselves with: ${explain.rerun}`);
  return {
    id: "c",
    title: "transitions (multiset of state, action, state)",
    tlc: `${formatCount(tlcTotal)} transitions`,
    twin: `${formatCount(twinTotal)} transitions`,
    ok: details.length === 0,
    details,
  };
}

// ---------------------------------------------------------------------------
// (d) TLC's behaviours replayed through the twin.

/** A behaviour from TLC: each state's key (and text, when known) with the canonical label of the step into it. */
export interface ReferenceTrace {
  /** Where it came from, for messages (a file name or an index). */
  readonly name: string;
  readonly states: readonly { readonly label: string | null; readonly key: Key64; readonly text?: string }[];
}

/**
 * (d) Every step of every TLC behaviour must be a twin step with the same
 * label (name and parameters; any witnesses) to the same state.
 */
export function replayTraces(model: AnyModel, traces: readonly ReferenceTrace[], rerun: string | undefined): CheckOutcome {
  const labelOf = twinLabeler(model);
  const keyOf = (s: unknown) => keyHex(stateKey(model.toTla(s)));
  const text = (s: unknown) => formatState(model.toTla(s), model.tlaVariables);
  const initial = model.initialStates().map((s) => ({ s, key: keyOf(s) }));
  const failures: string[] = [];
  let failed = 0;
  let steps = 0;
  for (const trace of traces) {
    const first = trace.states[0];
    if (first === undefined) continue;
    const start = initial.find((i) => i.key === keyHex(first.key));
    const fail = (message: string) => {
      failed++;
      if (failures.length < shownDifferences) failures.push(message);
    };
    if (start === undefined) {
      fail(`${trace.name}: TLC's initial state is not an initial state of the twin${first.text ? `:\n${indent(first.text)}` : ""}`);
      continue;
    }
    let current: unknown = start.s;
    for (let i = 1; i < trace.states.length; i++) {
      const step = trace.states[i]!;
      const wantKey = keyHex(step.key);
      const sameLabel: { label: LabelInfo; next: unknown }[] = [];
      let next: unknown;
      model.forEachSuccessor(current, (action, successor) => {
        if (next !== undefined) return;
        const label = labelOf(action);
        if (label.text !== step.label) return;
        if (keyOf(successor) === wantKey) next = successor;
        else sameLabel.push({ label, next: successor });
      });
      steps++;
      if (next === undefined) {
        const tlcState = step.text === undefined ? `a state with key ${wantKey}` : `\n${indent(step.text)}`;
        const twinSide =
          sameLabel.length === 0
            ? `the twin has no ${step.label} step there`
            : `the twin's ${step.label} step(s) lead elsewhere, e.g.\n${indent(text(sameLabel[0]!.next))}`;
        fail(`${trace.name}, step ${i}: TLC takes ${step.label} from\n${indent(text(current))}\n    to ${tlcState}\n    but ${twinSide}`);
        break;
      }
      current = next;
    }
  }
  const details = failed === 0 ? [] : [`${failed} of ${traces.length} behaviours do not replay:`, ...failures];
  if (failed > 0 && traces.some((t) => t.states.some((s) => s.text === undefined)) && rerun !== undefined) details.push(`see TLC's states with: ${rerun}`);
  return {
    id: "d",
    title: "TLC's random behaviours replay in the twin",
    tlc: `${traces.length} behaviours, ${formatCount(traces.reduce((n, t) => n + t.states.length - 1, 0))} steps`,
    twin: failed === 0 ? `all ${formatCount(steps)} steps replayed` : `${failed} behaviour(s) fail`,
    ok: failed === 0,
    details,
  };
}
