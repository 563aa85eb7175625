/**
 * A live cross-check of one twin config against TLC: three TLC runs on the
 * spec (state graph with counts, state dump, random simulation), the twin's
 * own exploration, and the comparisons (a) to (e).
 *
 * Every TLC run happens in a private copy of `spec/`, removed afterwards.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { parseTlaState } from "../../src/tla/parse.js";
import { basename, dirname, join } from "node:path";
import type { AnyModel, AnyProtocol } from "../../src/protocol.js";
import { specDir } from "../project-root.js";
import { readManifest } from "../manifest.js";
import { normalizedCfg } from "./cfg.js";
import {
  type CheckOutcome,
  type Explainer,
  type KeySetRef,
  type ReferenceTrace,
  compareCounts,
  compareEdges,
  compareStates,
  formatState,
  keySetOf,
  replayTraces,
  twinExplainer,
} from "./compare.js";
import { type SortedKeys, canonicalText, stateKey } from "./digest.js";
import { readSimulationTraces } from "./tlc-files.js";
import { findTlcEdges, findTlcStates, summarizeStateDump, summarizeStateGraph, tlcLabeler } from "./tlc-graph.js";
import { runTlc } from "./tlc-run.js";
import type { TlcTools } from "./tools.js";
import { checkTwinBehaviours } from "./trace-check.js";
import { randomTwinBehaviours } from "./twin-behaviours.js";
import { type GraphCounts, type GraphSummary, exploreTwinGraph } from "./twin-graph.js";
import { SpecWorkdir } from "./workdir.js";

/** Settings of a cross-check; {@link defaultCrossCheckSettings} are what tests and golden files use. */
export interface CrossCheckSettings {
  /**
   * TLC workers for the state dump and the trace checks. The counting run uses
   * 1 (so the depth is breadth-first), and so does the simulation (so that a
   * seed gives the same behaviours).
   */
  readonly workers: number;
  /** Limit for each TLC run, in milliseconds. */
  readonly timeoutMs: number;
  /** TLC simulation: how many behaviours, how many steps at most, which seed. */
  readonly simulationTraces: number;
  readonly simulationDepth: number;
  readonly simulationSeed: number;
  /** Twin behaviours checked by TLC: how many, how long, which seed, how many per TLC run. */
  readonly twinBehaviours: number;
  readonly twinBehaviourDepth: number;
  readonly twinBehaviourSeed: number;
  readonly twinBehaviourBatch: number;
}

/** The settings used unless the command line says otherwise. */
export const defaultCrossCheckSettings: CrossCheckSettings = {
  workers: 1,
  timeoutMs: 1_800_000,
  simulationTraces: 300,
  simulationDepth: 30,
  simulationSeed: 20261123,
  twinBehaviours: 200,
  twinBehaviourDepth: 30,
  twinBehaviourSeed: 20261123,
  twinBehaviourBatch: 200,
};

/** A twin config to cross-check. */
export interface CrossCheckTarget {
  readonly protocol: AnyProtocol;
  readonly options: Readonly<Record<string, number>>;
  /** The preset's name, when it is one. */
  readonly preset: string | undefined;
  readonly model: AnyModel;
}

/** The result of a cross-check. */
export interface CrossCheckReport {
  readonly protocol: string;
  readonly preset: string | null;
  readonly config: string;
  readonly module: string;
  /** The config file TLC read: a shipped `spec/*.cfg`, or one written from the model's `tlcModel()`. */
  readonly cfg: string;
  readonly tlcVersion: string | null;
  readonly checks: readonly CheckOutcome[];
  readonly ok: boolean;
  /** Wall-clock time of each TLC run and of the twin's side, in milliseconds. */
  readonly timingsMs: Readonly<Record<string, number>>;
}

/**
 * The shipped config file of a preset: the one its manifest entry names, else
 * `<module>_<preset>.cfg`; undefined when spec/ has neither.
 */
export function presetCfgFile(protocol: AnyProtocol, preset: string): string | undefined {
  const entry = readManifest().models.find((m) => m.protocol === protocol.name && m.preset === preset);
  const candidates = [entry?.cfg, `${protocol.model(resolvedPresetOptions(protocol, preset)).tlcModel().module}_${preset}.cfg`];
  return candidates.find((c): c is string => c !== undefined && existsSync(join(specDir(), c)));
}

function resolvedPresetOptions(protocol: AnyProtocol, preset: string): Record<string, number> {
  const found = protocol.presets.find((p) => p.name === preset);
  if (found === undefined) throw new Error(`${protocol.name} has no preset ${preset}`);
  const options: Record<string, number> = {};
  for (const o of protocol.options) options[o.flag] = found.options[o.flag] ?? o.default;
  return options;
}

/**
 * Says whether a shipped config file describes the same model as the twin's
 * `tlcModel()` (comments and layout aside); a cross-check against any other
 * config would prove nothing.
 */
export function cfgMismatch(model: AnyModel, cfgFile: string, symmetric = false): string | undefined {
  const shipped = readFileSync(join(specDir(), cfgFile), "utf8");
  const expected = tlcCfg(model, symmetric);
  if (normalizedCfg(shipped) === normalizedCfg(expected)) return undefined;
  return `spec/${cfgFile} is not the config the twin gives TLC (tlcModel()${symmetric ? " with its symmetry" : ""}): ${JSON.stringify(normalizedCfg(expected))}`;
}

/**
 * The config text TLC checks for the model: its TLC model's, with `SYMMETRY`
 * and the model's symmetry definition added for a preset searched with
 * symmetry reduction.
 */
export function tlcCfg(model: AnyModel, symmetric: boolean): string {
  const tlc = model.tlcModel();
  if (!symmetric) return tlc.cfg;
  if (tlc.symmetry === undefined) throw new Error(`${model.protocol}'s TLC model names no symmetry definition for TLC's SYMMETRY`);
  return `${tlc.cfg}SYMMETRY ${tlc.symmetry}\n`;
}

/** TLC's side of (a)-(d), as collected from live runs. */
export interface TlcSide {
  readonly version: string | null;
  /** The spec files TLC parsed (names inside spec/), and the config. */
  readonly sources: readonly string[];
  readonly cfg: string;
  readonly counts: GraphCounts;
  readonly levels: readonly SortedKeys[];
  readonly edges: ReadonlyMap<string, SortedKeys>;
  readonly states: SortedKeys;
  /** States of the dump whose `fromTla`/`toTla` round trip fails (messages). */
  readonly conversionProblems: readonly string[];
  readonly traces: readonly ReferenceTrace[];
  /** Where the dumps lie while the work folder exists. */
  readonly graphFile: string;
  readonly dumpFile: string;
}

/** Failures of TLC's runs, by the check that needed the run. */
export interface TlcSideFailures {
  readonly graph?: string;
  readonly dump?: string;
  readonly simulation?: string;
}

/** Runs TLC three times and reads what the comparisons need. */
export function collectTlcSide(
  tools: TlcTools,
  workdir: SpecWorkdir,
  model: AnyModel,
  cfg: string,
  settings: CrossCheckSettings,
  timings: Record<string, number>,
): { side: TlcSide | undefined; failures: TlcSideFailures } {
  const module = model.tlcModel().module;
  const failures: { graph?: string; dump?: string; simulation?: string } = {};
  const base = { module, cfg, timeoutMs: settings.timeoutMs };

  const graphFile = join(workdir.path, "graph");
  const graphRun = runTlc(tools, workdir, { ...base, workers: 1, extraArgs: ["-dump", "dot,actionlabels", graphFile] });
  timings["tlc: state graph (-workers 1)"] = graphRun.run.durationMs;
  const dumpFile = join(workdir.path, "states");
  const dumpRun = runTlc(tools, workdir, { ...base, workers: settings.workers, extraArgs: ["-dump", dumpFile] });
  timings["tlc: state dump"] = dumpRun.run.durationMs;
  const simDir = workdir.freshDir("simulation");
  const simRun = runTlc(tools, workdir, {
    ...base,
    workers: 1,
    extraArgs: [
      // Deadlocks are the exhaustive runs' to find: a simulated behaviour that reaches a state
      // whose successors all lie outside the constraint just ends there.
      "-deadlock",
      "-simulate",
      `num=${settings.simulationTraces},file=${join(simDir, "trace")}`,
      "-depth",
      String(settings.simulationDepth),
      "-seed",
      String(settings.simulationSeed),
    ],
  });
  timings["tlc: simulation"] = simRun.run.durationMs;

  const complete = (r: typeof graphRun) =>
    r.failure ??
    (r.report.violation !== undefined
      ? `TLC reports ${r.report.violation.kind === "deadlock" ? "a deadlock" : `${r.report.violation.kind} ${r.report.violation.name} violated`}`
      : undefined);
  const graphFailure = complete(graphRun) ?? (graphRun.report.counts === undefined || graphRun.report.depth === undefined ? "TLC printed no final counts" : undefined);
  if (graphFailure !== undefined) failures.graph = graphFailure;
  const dumpFailure = complete(dumpRun);
  if (dumpFailure !== undefined) failures.dump = dumpFailure;
  const simFailure = complete(simRun) ?? (simRun.report.simulatedStates === undefined ? "TLC printed no simulation summary" : undefined);
  if (simFailure !== undefined) failures.simulation = simFailure;
  if (failures.graph !== undefined || failures.dump !== undefined || failures.simulation !== undefined) return { side: undefined, failures };

  const started = Date.now();
  let graph: ReturnType<typeof summarizeStateGraph>;
  try {
    graph = summarizeStateGraph(`${graphFile}.dot`);
  } catch (e) {
    return { side: undefined, failures: { graph: `TLC's state graph could not be read: ${(e as Error).message}` } };
  }
  const conversionProblems: string[] = [];
  let states: SortedKeys;
  try {
    states = summarizeStateDump(`${dumpFile}.dump`, (value) => {
      if (conversionProblems.length >= 3) return;
      try {
        const back = canonicalText(model.toTla(model.fromTla(value)));
        if (back !== canonicalText(value)) conversionProblems.push(`toTla(fromTla(s)) differs from TLC's state s:\n${formatState(value)}`);
      } catch (e) {
        conversionProblems.push(`fromTla rejects a state TLC reached (${(e as Error).message}):\n${formatState(value)}`);
      }
    }).keys;
  } catch (e) {
    return { side: undefined, failures: { dump: `TLC's state dump could not be read: ${(e as Error).message}` } };
  }
  let traces: ReferenceTrace[];
  try {
    const labelOf = tlcLabeler();
    traces = readSimulationTraces(simDir).map((t) => ({
      name: `TLC trace ${t.file}`,
      states: t.states.map((s, i) => ({
        label: i === 0 || s.label === null ? null : labelOf(s.label).text,
        key: stateKey(s.state),
        text: formatState(s.state, model.tlaVariables),
      })),
    }));
  } catch (e) {
    return { side: undefined, failures: { simulation: `TLC's simulation traces could not be read: ${(e as Error).message}` } };
  }
  timings["reading TLC's files"] = Date.now() - started;
  const counts = graphRun.report.counts!;
  const inSpec = (file: string) => dirname(file) === workdir.path;
  return {
    side: {
      version: graphRun.report.version ?? null,
      sources: [...new Set(graphRun.report.parsedFiles.filter(inSpec).map((f) => basename(f)))].sort(),
      cfg,
      counts: { distinctStates: counts.distinctStates, statesGenerated: counts.statesGenerated, depth: graphRun.report.depth! },
      levels: graph.levels,
      edges: graph.edges,
      states,
      conversionProblems,
      traces,
      graphFile: `${graphFile}.dot`,
      dumpFile: `${dumpFile}.dump`,
    },
    failures,
  };
}

function unavailable(id: string, title: string, why: string): CheckOutcome {
  return { id, title, tlc: "(failed)", twin: "", ok: false, details: [why] };
}

/** The command that re-runs a live cross-check of this target. */
export function crossCheckCommand(target: Pick<CrossCheckTarget, "protocol" | "options" | "preset">): string {
  const config = target.preset !== undefined ? `--preset ${target.preset}` : Object.entries(target.options).map(([k, v]) => `--${k} ${v}`).join(" ");
  return `tla-twin crosscheck ${target.protocol.name} ${config}`.trim();
}

/** Runs the live cross-checks (a) to (e) for one config. */
export function crossCheck(tools: TlcTools, target: CrossCheckTarget, settings: CrossCheckSettings = defaultCrossCheckSettings): CrossCheckReport {
  const { model } = target;
  const tlcModel = model.tlcModel();
  const timings: Record<string, number> = {};
  const workdir = new SpecWorkdir();
  try {
    const shipped = target.preset === undefined ? undefined : presetCfgFile(target.protocol, target.preset);
    const checks: CheckOutcome[] = [];
    let cfg: string;
    if (shipped !== undefined) {
      cfg = shipped;
      const mismatch = cfgMismatch(model, shipped);
      if (mismatch !== undefined) checks.push(unavailable("cfg", "shipped config = the twin's TLC config", mismatch));
    } else {
      cfg = workdir.write(`tla_twin_${target.protocol.name}.cfg`, tlcModel.cfg);
    }

    const { side, failures } = collectTlcSide(tools, workdir, model, cfg, settings, timings);
    const twinStarted = Date.now();
    const twin: GraphSummary = exploreTwinGraph(model, { edges: true });
    timings["twin: state graph"] = Date.now() - twinStarted;

    if (side === undefined) {
      checks.push(
        unavailable("a", "counts (distinct / generated / depth)", failures.graph ?? "not compared: another TLC run failed"),
        unavailable("b", "reachable states", failures.dump ?? failures.graph ?? "TLC's side could not be collected"),
        unavailable("c", "transitions", failures.graph ?? "TLC's side could not be collected"),
        unavailable("d", "TLC's random behaviours replay in the twin", failures.simulation ?? "TLC's side could not be collected"),
      );
    } else {
      const inSpecOrder = (stateText: string) => formatState(parseTlaState(stateText), model.tlaVariables);
      const explain: Explainer = {
        ...twinExplainer(model),
        tlcStates: (keys) => new Map([...findTlcStates(side.dumpFile, keys)].map(([k, v]) => [k, formatState(v, model.tlaVariables)])),
        tlcEdges: (keys) =>
          new Map(
            [...findTlcEdges(side.graphFile, keys)].map(([k, e]) => [
              k,
              { from: inSpecOrder(e.from), label: e.label, to: inSpecOrder(e.to) },
            ]),
          ),
        rerun: undefined,
      };
      checks.push(compareCounts(side.counts, twin.counts));
      const states = compareStates({ all: keySetOf(side.states), levels: side.levels.map(keySetOf) }, twin, explain);
      const dumpCount = side.states.length === side.counts.distinctStates ? [] : [`TLC's dump holds ${side.states.length} states, its count says ${side.counts.distinctStates}`];
      checks.push({ ...states, ok: states.ok && side.conversionProblems.length === 0 && dumpCount.length === 0, details: [...states.details, ...dumpCount, ...side.conversionProblems] });
      const edges = new Map<string, KeySetRef>([...side.edges].map(([name, keys]) => [name, keySetOf(keys)]));
      checks.push(compareEdges(edges, twin, explain));
      const replayStarted = Date.now();
      checks.push(replayTraces(model, side.traces, undefined));
      timings["twin: replaying TLC's traces"] = Date.now() - replayStarted;
    }

    const behaviours = randomTwinBehaviours(model, {
      count: settings.twinBehaviours,
      depth: settings.twinBehaviourDepth,
      seed: settings.twinBehaviourSeed,
    });
    const reverseStarted = Date.now();
    checks.push(
      checkTwinBehaviours(tools, workdir, model, behaviours, {
        workers: settings.workers,
        timeoutMs: settings.timeoutMs,
        batchSize: settings.twinBehaviourBatch,
      }),
    );
    timings["tlc: checking twin behaviours"] = Date.now() - reverseStarted;
    return {
      protocol: target.protocol.name,
      preset: target.preset ?? null,
      config: model.configLabel,
      module: tlcModel.module,
      cfg: shipped !== undefined ? `spec/${shipped}` : "(written from the twin's tlcModel())",
      tlcVersion: side?.version ?? null,
      checks,
      ok: checks.every((c) => c.ok),
      timingsMs: timings,
    };
  } finally {
    workdir.remove();
  }
}
