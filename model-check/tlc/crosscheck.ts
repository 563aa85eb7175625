/**
 * A live cross-check of one twin config against TLC: three TLC runs on the
 * spec (state graph with counts, state dump, random simulation), the twin's
 * own exploration, and the comparisons (a) to (e).
 *
 * Every TLC run happens in a private copy of `spec/`, removed afterwards,
 * whatever the way out (a result, an error, a stop request).
 *
 * A cross-check can be stopped ({@link CrossCheckControl.stop}): the TLC run
 * going on is ended, the twin's exploration stops at its next chunk, and
 * nothing further starts; so does the first bound reached (a TLC run past
 * `--timeout`, the twin's graph past `--timeout` or `--max-states`). The
 * report then says which checks were not decided and why
 * ({@link CrossCheckReport.stoppedBy}): incomplete, never a pass.
 *
 * The TLC runs are asynchronous (see java.ts) and the twin's exploration
 * yields to the event loop between chunks, so the thread that runs a
 * cross-check stays able to receive signals; the few synchronous parts left
 * (reading TLC's dump files, comparing key lists, the random behaviours)
 * take seconds at most, and a stop request is seen right after them.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { parseTlaState } from "../../src/tla/parse.js";
import { basename, join } from "node:path";
import type { AnyModel, AnyProtocol } from "../../src/protocol.js";
import { specDir } from "../project-root.js";
import { formatCount } from "../format.js";
import type { StopReason, StopSignal } from "../stop.js";
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
import { type TlcJob, type TlcOutcome, runTlc } from "./tlc-run.js";
import type { TlcTools } from "./tools.js";
import { checkTwinBehaviours } from "./trace-check.js";
import { randomTwinBehaviours } from "./twin-behaviours.js";
import { type GraphCounts, exploreTwinGraphBounded } from "./twin-graph.js";
import { SpecWorkdir } from "./workdir.js";
import { presetOptions, tlcModelOf } from "../../src/protocol.js";

/** Settings of a cross-check; {@link defaultCrossCheckSettings} are what tests and golden files use. */
export interface CrossCheckSettings {
  /**
   * TLC workers for the state dump and the trace checks. The counting run uses
   * 1 (so the depth is breadth-first), and so does the simulation (so that a
   * seed gives the same behaviours).
   */
  readonly workers: number;
  /** Limit for each TLC run, and for the twin's state-graph exploration, in milliseconds. */
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
  /**
   * The most distinct states the twin's state graph may hold; a larger graph
   * is not explored further and the cross-check is incomplete. Undefined: no
   * bound but the time limit ({@link timeoutMs}, which bounds the twin's
   * exploration as it bounds each TLC run).
   */
  readonly twinMaxStates?: number;
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
  /** Every check ran and passed. */
  readonly ok: boolean;
  /** Every check was decided: nothing was stopped by a bound or a signal. */
  readonly complete: boolean;
  /** The first bound or request that stopped the cross-check, or null. */
  readonly stoppedBy: StopReason | null;
  /** Wall-clock time of each TLC run and of the twin's side, in milliseconds. */
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** What a caller can do to a running cross-check. */
export interface CrossCheckControl {
  /**
   * A request to stop: the TLC run going on is ended (its whole process
   * group), the twin's exploration stops at its next chunk, and no further
   * run starts.
   */
  readonly stop?: StopSignal;
  /** Told, in one line, each time a TLC run or the twin's exploration starts. */
  readonly onProgress?: (line: string) => void;
}

/** What stopped a cross-check, in words. */
export function describeStop(reason: StopReason, settings: Pick<CrossCheckSettings, "timeoutMs" | "twinMaxStates">): string {
  switch (reason) {
    case "time":
      return `the time limit of ${Math.round(settings.timeoutMs / 1000)} s ran out (--timeout)`;
    case "max-states":
      return `the twin's state graph reached the bound of ${formatCount(settings.twinMaxStates ?? 0)} distinct states (--max-states)`;
    case "signal":
      return "a signal (SIGINT or SIGTERM) asked it to stop";
    case "memory":
      return "the memory limit was reached";
    case "depth":
      return "a depth bound was reached";
  }
}

/** What a cross-check found, for an exit code: first a disagreement, then a tool that failed, then a stop. */
export type CrossCheckVerdict = "passed" | "failed" | "tool-failed" | "incomplete";

/** The verdict of a report: `failed` when some check found a difference, whatever else happened. */
export function crossCheckVerdict(report: Pick<CrossCheckReport, "checks">): CrossCheckVerdict {
  const undecided = (c: CheckOutcome) => c.stoppedBy !== undefined || c.toolFailed === true;
  if (report.checks.some((c) => !c.ok && !undecided(c))) return "failed";
  if (report.checks.some((c) => !c.ok && c.toolFailed === true)) return "tool-failed";
  if (report.checks.some((c) => !c.ok)) return "incomplete";
  return "passed";
}

/**
 * The shipped config file of a preset: the one its manifest entry names, else
 * `<module>_<preset>.cfg`; undefined when spec/ has neither.
 */
export function presetCfgFile(protocol: AnyProtocol, preset: string): string | undefined {
  const entry = readManifest().models.find((m) => m.protocol === protocol.name && m.preset === preset);
  const candidates = [entry?.cfg, `${tlcModelOf(protocol.model(presetOptions(protocol, preset))).module}_${preset}.cfg`];
  return candidates.find((c): c is string => c !== undefined && existsSync(join(specDir(), c)));
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
  const tlc = tlcModelOf(model);
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

/**
 * Why a TLC run gave nothing to compare: a bound or a signal ended it (or it
 * never started because the cross-check had stopped), TLC or Java failed,
 * or TLC found the spec itself violated (a finding, not a failure of the tool).
 */
export interface TlcRunFailure {
  readonly message: string;
  readonly stoppedBy?: StopReason;
  readonly toolFailed: boolean;
}

/** Failures of TLC's runs, by the check that needed the run. */
export interface TlcSideFailures {
  readonly graph?: TlcRunFailure;
  readonly dump?: TlcRunFailure;
  readonly simulation?: TlcRunFailure;
}

/** TLC's side, or why it is missing, and what stopped it (null when nothing did). */
export interface TlcSideOutcome {
  readonly side: TlcSide | undefined;
  readonly failures: TlcSideFailures;
  readonly stoppedBy: StopReason | null;
}

/** The failure of a run that ended on its own: TLC's own failure, a reported violation, or what `more` finds missing. */
function judgeRun(outcome: TlcOutcome, more: (o: TlcOutcome) => string | undefined = () => undefined): TlcRunFailure | undefined {
  if (outcome.failure !== undefined) {
    return outcome.stoppedBy !== null ? { message: outcome.failure, stoppedBy: outcome.stoppedBy, toolFailed: false } : { message: outcome.failure, toolFailed: true };
  }
  const violation = outcome.report.violation;
  if (violation !== undefined) {
    return { message: `TLC reports ${violation.kind === "deadlock" ? "a deadlock" : `${violation.kind} ${violation.name} violated`}`, toolFailed: false };
  }
  const missing = more(outcome);
  return missing === undefined ? undefined : { message: missing, toolFailed: true };
}

/**
 * Runs TLC three times and reads what the comparisons need. After a run
 * that a bound or a stop request ended, the later runs do not start.
 */
export async function collectTlcSide(
  tools: TlcTools,
  workdir: SpecWorkdir,
  model: AnyModel,
  cfg: string,
  settings: CrossCheckSettings,
  timings: Record<string, number>,
  control: CrossCheckControl = {},
): Promise<TlcSideOutcome> {
  const module = tlcModelOf(model).module;
  let stoppedBy: StopReason | null = null;
  const notRun = (): TlcRunFailure => ({ message: `not run: the cross-check had stopped (${describeStop(stoppedBy!, settings)})`, stoppedBy: stoppedBy!, toolFailed: false });
  const run = async (what: string, job: Pick<TlcJob, "workers" | "extraArgs">): Promise<TlcOutcome | undefined> => {
    stoppedBy ??= control.stop?.reason ?? null;
    if (stoppedBy !== null) return undefined;
    const outcome = await runTlc(tools, workdir, {
      module,
      cfg,
      timeoutMs: settings.timeoutMs,
      ...job,
      stop: control.stop,
      onStart: (pid) => control.onProgress?.(`TLC ${what} started (pid ${pid}, work folder ${workdir.path})`),
    });
    timings[`tlc: ${what}`] = outcome.run.durationMs;
    stoppedBy ??= outcome.stoppedBy;
    return outcome;
  };

  const graphFile = join(workdir.path, "graph");
  const graphRun = await run("state graph (-workers 1)", { workers: 1, extraArgs: ["-dump", "dot,actionlabels", graphFile] });
  const dumpFile = join(workdir.path, "states");
  const dumpRun = await run("state dump", { workers: settings.workers, extraArgs: ["-dump", dumpFile] });
  const simDir = workdir.freshDir("simulation");
  const simRun = await run("simulation", {
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

  const failures: { graph?: TlcRunFailure; dump?: TlcRunFailure; simulation?: TlcRunFailure } = {};
  const graphFailure =
    graphRun === undefined
      ? notRun()
      : judgeRun(graphRun, (r) => (r.report.counts === undefined || r.report.depth === undefined ? "TLC printed no final counts" : undefined));
  if (graphFailure !== undefined) failures.graph = graphFailure;
  const dumpFailure = dumpRun === undefined ? notRun() : judgeRun(dumpRun);
  if (dumpFailure !== undefined) failures.dump = dumpFailure;
  const simFailure = simRun === undefined ? notRun() : judgeRun(simRun, (r) => (r.report.simulatedStates === undefined ? "TLC printed no simulation summary" : undefined));
  if (simFailure !== undefined) failures.simulation = simFailure;
  if (graphRun === undefined || dumpRun === undefined || simRun === undefined || Object.keys(failures).length > 0) return { side: undefined, failures, stoppedBy };

  const started = Date.now();
  let graph: ReturnType<typeof summarizeStateGraph>;
  try {
    graph = summarizeStateGraph(`${graphFile}.dot`);
  } catch (e) {
    return { side: undefined, failures: { graph: { message: `TLC's state graph could not be read: ${(e as Error).message}`, toolFailed: true } }, stoppedBy };
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
    return { side: undefined, failures: { dump: { message: `TLC's state dump could not be read: ${(e as Error).message}`, toolFailed: true } }, stoppedBy };
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
    return { side: undefined, failures: { simulation: { message: `TLC's simulation traces could not be read: ${(e as Error).message}`, toolFailed: true } }, stoppedBy };
  }
  timings["reading TLC's files"] = Date.now() - started;
  const counts = graphRun.report.counts!;
  return {
    side: {
      version: graphRun.report.version ?? null,
      sources: [...new Set(graphRun.report.parsedFiles.filter((f) => workdir.holds(f)).map((f) => basename(f)))].sort(),
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
    stoppedBy,
  };
}

/** A check that could not run, and why: a failure or a stop of TLC's side (or, with `side` "twin", of the twin's), or a finding. */
function unavailable(id: string, title: string, why: TlcRunFailure | string, side: "tlc" | "twin" = "tlc"): CheckOutcome {
  const failure = typeof why === "string" ? { message: why, toolFailed: false } : why;
  const state = failure.stoppedBy !== undefined ? "(stopped)" : "(failed)";
  return {
    id,
    title,
    tlc: side === "tlc" ? state : "",
    twin: side === "twin" ? state : "",
    ok: false,
    details: [failure.message],
    ...(failure.stoppedBy !== undefined ? { stoppedBy: failure.stoppedBy } : {}),
    ...(failure.toolFailed ? { toolFailed: true } : {}),
  };
}

const titles = {
  a: "counts (distinct / generated / depth)",
  b: "reachable states",
  c: "transitions",
  d: "TLC's random behaviours replay in the twin",
  e: "twin's random behaviours are behaviours of the spec (TLC)",
} as const;

/** The command that re-runs a live cross-check of this target. */
export function crossCheckCommand(target: Pick<CrossCheckTarget, "protocol" | "options" | "preset">): string {
  const config = target.preset !== undefined ? `--preset ${target.preset}` : Object.entries(target.options).map(([k, v]) => `--${k} ${v}`).join(" ");
  return `tla-twin crosscheck ${target.protocol.name} ${config}`.trim();
}

/**
 * Runs the live cross-checks (a) to (e) for one config. A stop request, or
 * the first bound reached, ends it early with a report that says which
 * checks were not decided and why; its work folder is removed in every case.
 */
export async function crossCheck(
  tools: TlcTools,
  target: CrossCheckTarget,
  settings: CrossCheckSettings = defaultCrossCheckSettings,
  control: CrossCheckControl = {},
): Promise<CrossCheckReport> {
  const { model } = target;
  const tlcModel = tlcModelOf(model);
  const timings: Record<string, number> = {};
  const workdir = new SpecWorkdir(tlcModel.specDir);
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

    const collected = await collectTlcSide(tools, workdir, model, cfg, settings, timings, control);
    const { side, failures } = collected;
    let stoppedBy: StopReason | null = collected.stoppedBy;
    // The first bound reached, or a stop request seen now.
    const stopped = (): StopReason | null => (stoppedBy ??= control.stop?.reason ?? null);
    const notRun = (): TlcRunFailure => ({ message: `not run: the cross-check had stopped (${describeStop(stoppedBy!, settings)})`, stoppedBy: stoppedBy!, toolFailed: false });

    if (side === undefined) {
      // Without TLC's side there is nothing to compare the twin's graph with: it is not explored.
      const other = stopped() !== null ? notRun() : "not compared: another TLC run failed";
      checks.push(
        unavailable("a", titles.a, failures.graph ?? other),
        unavailable("b", titles.b, failures.dump ?? failures.graph ?? other),
        unavailable("c", titles.c, failures.graph ?? other),
        unavailable("d", titles.d, failures.simulation ?? other),
      );
    } else if (stopped() !== null) {
      checks.push(...(["a", "b", "c", "d"] as const).map((id) => unavailable(id, titles[id], notRun())));
    } else {
      const twinStarted = Date.now();
      control.onProgress?.("twin: exploring the state graph");
      const explored = await exploreTwinGraphBounded(model, { edges: true }, { maxStates: settings.twinMaxStates, deadline: twinStarted + settings.timeoutMs, stop: control.stop });
      timings["twin: state graph"] = Date.now() - twinStarted;
      if (explored.stoppedBy !== null) {
        stoppedBy ??= explored.stoppedBy;
        const why: TlcRunFailure = {
          message: `the twin's state graph was not finished (${formatCount(explored.distinctStates)} distinct states so far): ${describeStop(explored.stoppedBy, settings)}`,
          stoppedBy: explored.stoppedBy,
          toolFailed: false,
        };
        checks.push(...(["a", "b", "c"] as const).map((id) => unavailable(id, titles[id], why, "twin")), unavailable("d", titles.d, notRun(), "twin"));
      } else {
        const twin = explored.summary;
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
    }

    if (stopped() !== null) {
      checks.push(unavailable("e", titles.e, notRun()));
    } else {
      const behaviours = randomTwinBehaviours(model, {
        count: settings.twinBehaviours,
        depth: settings.twinBehaviourDepth,
        seed: settings.twinBehaviourSeed,
      });
      const reverseStarted = Date.now();
      const reverse = await checkTwinBehaviours(tools, workdir, model, behaviours, {
        workers: settings.workers,
        timeoutMs: settings.timeoutMs,
        batchSize: settings.twinBehaviourBatch,
        stop: control.stop,
        onStart: (pid) => control.onProgress?.(`TLC checking the twin's behaviours started (pid ${pid}, work folder ${workdir.path})`),
      });
      checks.push(reverse);
      if (reverse.stoppedBy !== undefined) stoppedBy ??= reverse.stoppedBy;
      timings["tlc: checking twin behaviours"] = Date.now() - reverseStarted;
    }
    return {
      protocol: target.protocol.name,
      preset: target.preset ?? null,
      config: model.configLabel,
      module: tlcModel.module,
      cfg: shipped !== undefined ? `spec/${shipped}` : "(written from the twin's tlcModel())",
      tlcVersion: side?.version ?? null,
      checks,
      ok: checks.every((c) => c.ok),
      complete: stoppedBy === null,
      stoppedBy,
      timingsMs: timings,
    };
  } finally {
    workdir.remove();
  }
}
