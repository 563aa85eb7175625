/**
 * The readers of TLC's output and files, on files TLC itself wrote (see
 * fixtures/: TwoPhase.tla with RM = {r1, r2}, and the small Counter.tla),
 * and a cross-check of the 2PC twin with two RMs against that recorded run:
 * every expected figure below is TLC's, read from those files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatTla } from "../../../src/tla/value.js";
import { twoPhase } from "../../../src/twophase/index.js";
import { type Explainer, compareCounts, compareEdges, compareStates, keySetOf, replayTraces } from "../../../model-check/tlc/compare.js";
import { stateKey } from "../../../model-check/tlc/digest.js";
import { TlcFileError, parseTraceModule, readSimulationTraces, readStateDump, readStateGraph } from "../../../model-check/tlc/tlc-files.js";
import { summarizeStateDump, summarizeStateGraph, tlcLabeler } from "../../../model-check/tlc/tlc-graph.js";
import { readTlcOutput } from "../../../model-check/tlc/tlc-output.js";
import { exploreTwinGraph } from "../../../model-check/tlc/twin-graph.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string) => readFileSync(join(fixtures, name), "utf8");
const noExplainer: Explainer = { twinStates: () => new Map(), tlcStates: () => new Map(), twinEdges: () => new Map(), tlcEdges: () => new Map(), rerun: undefined };

describe("readTlcOutput (-tool mode)", () => {
  it("reads the version, the parsed files, the counts and the depth of a complete run", () => {
    const report = readTlcOutput(fixture("twophase-rm2.graph-run.out"));
    expect(report.problems).toEqual([]);
    expect(report.version).toMatch(/^TLC2 Version /);
    expect(report.parsedFiles).toEqual(["/work/spec/TwoPhase.tla", "/work/spec/TCommit.tla"]);
    // The expected figures are the ones TLC printed in that file, read from its text.
    const text = fixture("twophase-rm2.graph-run.out");
    const [, generated, distinct] = /(\d+) states generated, (\d+) distinct states found, 0 states left/.exec(text)!;
    const [, depth] = /The depth of the complete state graph search is (\d+)\./.exec(text)!;
    expect(report.counts).toEqual({ statesGenerated: Number(generated), distinctStates: Number(distinct), left: 0 });
    expect(report.depth).toBe(Number(depth));
    expect(report.noErrorFound).toBe(true);
    expect(report.finished).toBe(true);
    expect(report.violation).toBeUndefined();
  });

  it("reads an invariant violation with its behaviour, labels without source locations", () => {
    const report = readTlcOutput(fixture("counter-inv.out"));
    expect(report.violation?.kind).toBe("invariant");
    expect(report.violation?.name).toBe("Small");
    expect(report.violation?.trace.map((s) => s.label)).toEqual([null, "Add(1)", "Add(2)"]);
    expect(formatTla(report.violation!.trace[2]!.state)).toBe("[x |-> 3, y |-> [a |-> 1]]");
  });

  it("reads a deadlock and a violation by an initial state", () => {
    expect(readTlcOutput(fixture("counter-dl.out")).violation?.kind).toBe("deadlock");
    const init = readTlcOutput(fixture("counter-init.out")).violation;
    expect(init).toMatchObject({ kind: "invariant", name: "Positive" });
    expect(init?.trace.map((s) => formatTla(s.state))).toEqual(["[x |-> 0, y |-> [a |-> 1]]"]);
  });

  it("records every line and message it does not understand as a problem", () => {
    const report = readTlcOutput(
      fixture("twophase-rm2.graph-run.out") + "Something unexpected\n@!@!@STARTMSG 9999:0 @!@!@\nNew message\n@!@!@ENDMSG 9999 @!@!@\n",
    );
    expect(report.problems).toEqual([
      "TLC printed a line the bridge does not understand: Something unexpected",
      "TLC printed a message (code 9999) the bridge does not understand: New message",
    ]);
  });
});

describe("TLC's files for 2PC with 2 RMs compared with the twin", () => {
  const model = twoPhase.model({ rm: 2 });
  const twin = exploreTwinGraph(model, { edges: true });
  const run = readTlcOutput(fixture("twophase-rm2.graph-run.out"));

  it("(a) counts equal TLC's", () => {
    const outcome = compareCounts({ distinctStates: run.counts!.distinctStates, statesGenerated: run.counts!.statesGenerated, depth: run.depth! }, twin.counts);
    expect(outcome.details).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it("(b) the dump's states, and the graph's levels, are the twin's", () => {
    const roundTrips: boolean[] = [];
    const dump = summarizeStateDump(join(fixtures, "twophase-rm2.dump"), (v) => roundTrips.push(formatTla(model.toTla(model.fromTla(v))) === formatTla(v)));
    expect(dump.count).toBe(run.counts!.distinctStates);
    expect(roundTrips.every(Boolean)).toBe(true);
    const graph = summarizeStateGraph(join(fixtures, "twophase-rm2.dot"));
    const outcome = compareStates({ all: keySetOf(dump.keys), levels: graph.levels.map(keySetOf) }, twin, noExplainer);
    expect(outcome.details).toEqual([]);
  });

  it("(c) the graph's transitions are the twin's, one per generated successor", () => {
    const graph = summarizeStateGraph(join(fixtures, "twophase-rm2.dot"));
    expect(graph.edgeCount).toBe(run.counts!.statesGenerated - graph.initialCount);
    const outcome = compareEdges(new Map([...graph.edges].map(([k, v]) => [k, keySetOf(v)])), twin, noExplainer);
    expect(outcome.details).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it("(d) TLC's simulation traces replay in the twin", () => {
    const labelOf = tlcLabeler();
    const traces = readSimulationTraces(join(fixtures, "sim")).map((t) => ({
      name: t.file,
      states: t.states.map((s) => ({ label: s.label === null ? null : labelOf(s.label).text, key: stateKey(s.state) })),
    }));
    expect(traces).toHaveLength(4);
    const outcome = replayTraces(model, traces, undefined);
    expect(outcome.details).toEqual([]);
    expect(outcome.ok).toBe(true);
  });

  it("a twin that differs from TLC's graph is caught by (c) and (b)", () => {
    const fewer = exploreTwinGraph(twoPhase.model({ rm: 1 }), { edges: true });
    const graph = summarizeStateGraph(join(fixtures, "twophase-rm2.dot"));
    expect(compareEdges(new Map([...graph.edges].map(([k, v]) => [k, keySetOf(v)])), fewer, noExplainer).ok).toBe(false);
    const dump = summarizeStateDump(join(fixtures, "twophase-rm2.dump"), () => {});
    expect(compareStates({ all: keySetOf(dump.keys), levels: undefined }, fewer, noExplainer).ok).toBe(false);
  });
});

describe("the readers reject what they do not understand, naming file and line", () => {
  const dir = mkdtempSync(join(tmpdir(), "tla-twin-test-"));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("state graph: an unknown line", () => {
    const text = fixture("twophase-rm2.dot").replace("nodesep=0.35;", "nodesep=0.35;\nrankdir=LR;");
    const path = write("bad.dot", text);
    expect(() => readStateGraph(path, { node() {}, edge() {}, rank() {} })).toThrow(TlcFileError);
    expect(() => readStateGraph(path, { node() {}, edge() {}, rank() {} })).toThrow(/bad\.dot, line 4: not understood: "rankdir=LR;"/);
  });

  it("state dump: a state that is not a TLA+ value", () => {
    const path = write("bad.dump", "State 1:\n/\\ x = {1, 2\n\nState 2:\n/\\ x = 1\n");
    expect(() => readStateDump(path, () => {})).toThrow(/bad\.dump, line 1: expected , or } after a set element, found the end of the text at line 1, column 13/);
  });

  it("state dump: states out of order", () => {
    const path = write("gap.dump", "State 1:\n/\\ x = 1\n\nState 3:\n/\\ x = 2\n");
    expect(() => readStateDump(path, () => {})).toThrow(/gap\.dump, line 4: expected State 2, found State 3/);
  });

  it("simulation trace: a state without the action that led to it", () => {
    expect(() => parseTraceModule("STATE_1 ==\n/\\ x = 1\n\nSTATE_2 ==\n/\\ x = 2\n", "t")).toThrow(/t, line 4: STATE_2 has no action comment/);
  });
});
