/**
 * Readers for the files TLC writes: the state dump (`-dump`), the state
 * graph (`-dump dot,actionlabels`) and simulation traces (`-simulate
 * file=...`). Each reads line by line and throws {@link TlcFileError}, naming
 * the file and line, on anything it does not understand.
 *
 * @module
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseTlaState } from "../../src/tla/parse.js";
import type { TlaValue } from "../../src/tla/value.js";
import { forEachLine } from "./line-reader.js";
import { stripLocation } from "./tlc-output.js";

/** A TLC file that does not have the expected form. */
export class TlcFileError extends Error {
  override readonly name = "TlcFileError";
}

function wrap<T>(file: string, line: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof TlcFileError) throw e;
    throw new TlcFileError(`${file}, line ${line}: ${(e as Error).message}`);
  }
}

/**
 * Reads a `-dump` file (`State 1:` then `/\ var = value` lines, a blank line
 * between states) and calls `visit` with each state's record, in TLC's order.
 * Returns how many states it read.
 */
export function readStateDump(path: string, visit: (state: TlaValue, index: number) => void): number {
  let count = 0;
  let header = 0;
  let lines: string[] = [];
  const flush = () => {
    if (header === 0) return;
    const text = lines.join("\n");
    wrap(path, header, () => visit(parseTlaState(text), count));
    lines = [];
    header = 0;
  };
  forEachLine(path, (line, n) => {
    const match = /^State (\d+):$/.exec(line);
    if (match !== null) {
      flush();
      if (Number(match[1]) !== count + 1) throw new TlcFileError(`${path}, line ${n}: expected State ${count + 1}, found ${line}`);
      count++;
      header = n;
      return;
    }
    if (header === 0) {
      if (line.trim() !== "") throw new TlcFileError(`${path}, line ${n}: expected "State N:", found ${JSON.stringify(line.slice(0, 60))}`);
      return;
    }
    if (line.trim() === "") flush();
    else lines.push(line);
  });
  flush();
  return count;
}

/** One transition of TLC's state graph, its ends given by node id. */
export interface DotEdge {
  readonly from: string;
  readonly to: string;
  /** The action label as TLC printed it, e.g. `RMPrepare(r1)`. */
  readonly label: string;
}

/** What the state-graph reader reports. */
export interface DotVisitor {
  /**
   * A node (a distinct state), the first time it appears; `initial` for TLC's
   * initial states. `stateText` is the node's label, the state as TLC prints it
   * (parse it with `parseTlaState`; it is left unparsed for visitors that only
   * need some nodes).
   */
  node(id: string, stateText: string, initial: boolean): void;
  /** A transition, in the order TLC wrote it. */
  edge(edge: DotEdge): void;
  /** TLC's breadth-first levels, from `{rank = same; ...}` lines: level `level` (from 0) holds these node ids. */
  rank(level: number, ids: readonly string[]): void;
}

/** Reads a DOT string literal starting at `text[at]` (a `"`); returns its contents and the index after it. */
function dotString(text: string, at: number): { value: string; next: number } {
  if (text[at] !== '"') throw new Error(`expected a quoted string at column ${at + 1}`);
  let value = "";
  let i = at + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) throw new Error("unterminated string");
    if (c === '"') return { value, next: i + 1 };
    if (c === "\\") {
      const e = text[i + 1];
      if (e === "n") value += "\n";
      else if (e === '"' || e === "\\") value += e;
      else throw new Error(`unknown escape \\${e ?? ""} in a string`);
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
}

const nodeId = "-?[0-9]+";
const edgeLine = new RegExp(`^(${nodeId}) -> (${nodeId}) \\[label=`);
const nodeLine = new RegExp(`^(${nodeId}) \\[label=`);
const structureLines = new Set(["strict digraph DiskGraph {", "node [shape=box,style=rounded]", "nodesep=0.35;", "subgraph cluster_graph {", 'color="white";', "}"]);

/**
 * Reads a state graph written by `-dump dot,actionlabels`. Node ids are
 * TLC's fingerprints; node labels hold the states; edge labels the actions.
 */
export function readStateGraph(path: string, visitor: DotVisitor): void {
  let level = 0;
  forEachLine(path, (line, n) => {
    wrap(path, n, () => {
      const edge = edgeLine.exec(line);
      if (edge !== null) {
        const label = dotString(line, edge[0].length);
        if (!/^(,[a-z]+="[^"]*")*\];$/.test(line.slice(label.next))) throw new Error(`unexpected edge attributes: ${line.slice(label.next)}`);
        visitor.edge({ from: edge[1]!, to: edge[2]!, label: label.value });
        return;
      }
      const node = nodeLine.exec(line);
      if (node !== null) {
        const label = dotString(line, node[0].length);
        const rest = line.slice(label.next);
        let initial: boolean;
        if (rest === ",style = filled]" || rest === ",style = filled];") initial = true;
        else if (rest.startsWith(",tooltip=")) {
          const tooltip = dotString(rest, ",tooltip=".length);
          if (rest.slice(tooltip.next) !== "]" && rest.slice(tooltip.next) !== "];") throw new Error(`unexpected node attributes: ${rest.slice(tooltip.next)}`);
          initial = false;
        } else throw new Error(`unexpected node attributes: ${rest}`);
        visitor.node(node[1]!, label.value, initial);
        return;
      }
      const rank = /^\{rank = same; ((?:-?[0-9]+;)*)\}$/.exec(line);
      if (rank !== null) {
        visitor.rank(level++, rank[1]!.split(";").filter((s) => s !== ""));
        return;
      }
      if (!structureLines.has(line.trim()) && line.trim() !== "") throw new Error(`not understood: ${JSON.stringify(line.slice(0, 80))}`);
    });
  });
}

/** A behaviour from a simulation trace file: each state with the label of the step into it. */
export interface TlcTrace {
  /** The file it came from. */
  readonly file: string;
  /** `label` is null for the initial state. */
  readonly states: readonly { readonly label: string | null; readonly state: TlaValue }[];
}

/**
 * Reads one trace in the layout of TLC's `-simulate file=...` output (and of
 * tla-twin's own TLA+ trace writer): an optional module header, optional
 * EXTENDS/CONSTANTS/VARIABLES declarations, then for each state a comment
 * `\* <Action(args) ...>` and a definition `STATE_k == /\ var = value ...`.
 */
export function parseTraceModule(text: string, file: string): TlcTrace {
  const states: { label: string | null; state: TlaValue }[] = [];
  const lines = text.split(/\r?\n/);
  let label: string | null | undefined;
  let body: string[] | undefined;
  let bodyStart = 0;
  const flush = () => {
    if (body === undefined) return;
    const stateText = body.join("\n");
    const state = wrap(file, bodyStart, () => parseTlaState(stateText));
    states.push({ label: states.length === 0 ? null : label ?? null, state });
    body = undefined;
    label = undefined;
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    const trimmed = line.trim();
    const comment = /^\\\* <(.*)>(?: .*)?$/.exec(trimmed);
    if (comment !== null) {
      flush();
      label = stripLocation(comment[1]!);
      return;
    }
    const definition = /^STATE_(\d+) ==(.*)$/.exec(trimmed);
    if (definition !== null) {
      flush();
      if (Number(definition[1]) !== states.length + 1) throw new TlcFileError(`${file}, line ${n}: expected STATE_${states.length + 1}`);
      if (states.length > 0 && label === undefined) throw new TlcFileError(`${file}, line ${n}: STATE_${definition[1]} has no action comment before it`);
      body = [definition[2]!];
      bodyStart = n;
      return;
    }
    if (/^-{4,} MODULE .* -{4,}$/.test(trimmed) || /^={4,}$/.test(trimmed)) {
      flush();
      return;
    }
    if (body !== undefined) {
      body.push(line);
      return;
    }
    if (trimmed === "" || trimmed.startsWith("\\*") || /^(EXTENDS|CONSTANTS?|VARIABLES?) /.test(trimmed) || /^\(\*.*\*\)$/.test(trimmed)) return;
    throw new TlcFileError(`${file}, line ${n}: not understood: ${JSON.stringify(trimmed.slice(0, 60))}`);
  });
  flush();
  if (states.length === 0) throw new TlcFileError(`${file}: no states`);
  return { file, states };
}

/** Reads every trace file TLC wrote into `dir`, in name order (`trace_<worker>_<n>`, n numerically). */
export function readSimulationTraces(dir: string): TlcTrace[] {
  const names = readdirSync(dir).sort((a, b) => {
    const na = a.split(/[_.]/).map(Number);
    const nb = b.split(/[_.]/).map(Number);
    for (let i = 0; i < Math.max(na.length, nb.length); i++) {
      const d = (na[i] ?? 0) - (nb[i] ?? 0);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.map((name) => parseTraceModule(readFileSync(join(dir, name), "utf8"), name));
}
