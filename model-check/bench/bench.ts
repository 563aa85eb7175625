/**
 * `npm run bench`: the twin checker against TLC on the benchmark configs
 * ({@link benchConfigs}), one run after the other on the same machine: the
 * twin with one thread, TLC with one worker, the twin on all cores, TLC on
 * all cores. Each run is a process of its own, measured from outside (wall
 * time including start-up, peak resident memory). Prints a table, the
 * targets met or missed, and writes everything as JSON.
 *
 * A row whose counts differ between the two tools is aborted: a speed
 * comparison of two different state spaces means nothing.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ConfigError, presetOptions, resolveOptions, tlcModelOf } from "../../src/protocol.js";
import { findProtocol } from "../../src/registry.js";
import { loadProtocol } from "../model-source.js";
import { type FlagSpec, describeFlags, parseArgs } from "../cli/args.js";
import { UsageError } from "../cli/usage-error.js";
import { formatCount } from "../format.js";
import { projectRoot } from "../project-root.js";
import { type BenchConfig, benchConfigs, selected } from "./configs.js";
import { measure } from "./measure.js";
import { findTlcJar, runTlc, tlcHeapMiB, tlcVersion } from "./tlc.js";
import type { TwinJob, TwinOutcome } from "./twin-child.js";

/** The targets the benchmark checks. */
export const targets = {
  /** Twin distinct states/s over TLC's, one worker each, on every config. */
  oneWorkerRatio: 10,
  /** Twin over TLC with all cores on both sides, on the configs marked for it. */
  allCoresRatio: 15,
  /** Bytes of visited set per distinct state. */
  visitedBytesPerState: 16,
  /** Twin speed-up from 1 to 2 threads (on a 2-core machine). */
  twoThreadSpeedup: 1.7,
} as const;

/** One measured run. */
export interface BenchRun {
  readonly tool: "twin" | "tlc";
  readonly workers: number;
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
  /** Wall time of the whole process, start-up included. */
  readonly wallMs: number;
  /** Distinct states per second of wall time. */
  readonly distinctPerSecond: number;
  readonly peakRssBytes: number | null;
  /** The load average (1 min) when the run started: other work on the machine skews timings. */
  readonly loadBefore: number;
  /**
   * False when TLC was stopped at `--tlc-timeout`: its counts and speed are
   * then those of its last progress report, so the speed is that of the
   * first part of the search only.
   */
  readonly complete: boolean;
  /** Twin only: the search's own time, and its data structures' sizes. */
  readonly twin?: TwinOutcome;
}

/** One config's outcome. */
export interface BenchRow {
  readonly label: string;
  readonly protocol: string;
  readonly options: Readonly<Record<string, number>> | null;
  readonly status: "ok" | "skipped" | "aborted" | "failed";
  readonly reason: string | null;
  readonly runs: BenchRun[];
}

const flags: readonly FlagSpec[] = [
  { name: "only", kind: "string", description: "run only these configs: comma-separated protocol names or parts of labels", placeholder: "filters" },
  { name: "twin-only", kind: "boolean", description: "do not run TLC (no Java needed)" },
  { name: "workers", kind: "int", description: "threads and TLC workers for the all-cores runs (default: every core)", min: 1, max: 64 },
  { name: "out", kind: "string", description: "where to write the JSON (default bench-results/bench-<time>.json)", placeholder: "file" },
  { name: "tlc-timeout", kind: "int", description: "stop a TLC run after this many seconds and take its speed from its last progress report (default: no limit)", min: 60, max: 604800 },
  { name: "markdown", kind: "boolean", description: "print the final table as Markdown too (for docs/performance.md)" },
  { name: "list", kind: "boolean", description: "list the configs and exit" },
];

function help(): string {
  return ["Usage: npm run bench -- [options]", "", describeFlags(flags)].join("\n");
}

/** Runs the benchmark with the command-line arguments `argv`; returns the exit code. */
export async function runBench(argv: readonly string[]): Promise<number> {
  if (argv.includes("--help")) {
    console.log(help());
    return 0;
  }
  const parsed = parseArgs(argv, flags);
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  const only = (parsed.flags.text("only") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  const configs = benchConfigs.filter((c) => selected(c, only));
  if (parsed.flags.on("list")) {
    for (const c of benchConfigs) console.log(`${c.label.padEnd(14)} ${c.protocol} ${JSON.stringify(c.preset ?? c.options)}${c.extended ? " (extended: twin only, only when named)" : ""}`);
    return 0;
  }
  if (configs.length === 0) throw new UsageError(`--only ${only.join(",")} selects no config (see --list)`);
  const allCores = parsed.flags.int("workers") ?? availableParallelism();
  const twinOnly = parsed.flags.on("twin-only");
  const jarLookup = findTlcJar();
  const jar = twinOnly ? undefined : "jar" in jarLookup ? jarLookup.jar : undefined;

  const machine = describeMachine(jar);
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}`);
  console.log(jar === undefined ? `TLC: not run (${twinOnly ? "--twin-only" : "missing" in jarLookup ? jarLookup.missing : ""})` : `TLC: ${machine.tlc} (${jar}), JVM heap ${tlcHeapMiB()} MiB, ${machine.java}`);
  console.log(`All-cores runs use ${allCores} threads/workers.\n`);

  const rows: BenchRow[] = [];
  const tlcTimeoutSeconds = parsed.flags.int("tlc-timeout");
  const tlcTimeoutMs = tlcTimeoutSeconds === undefined ? undefined : tlcTimeoutSeconds * 1000;
  for (const config of configs) rows.push(await benchConfig(config, jar, allCores, tlcTimeoutMs));

  console.log(`\n${formatTable(rows)}\n`);
  for (const line of targetLines(rows, allCores)) console.log(line);
  if (parsed.flags.on("markdown")) console.log(`\n${formatMarkdown(rows)}`);

  const out = parsed.flags.text("out") ?? join(projectRoot(), "bench-results", `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  mkdirSync(join(out, ".."), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, allCores, targets, rows }, null, 2)}\n`);
  console.log(`\nJSON: ${out}`);
  return rows.some((r) => r.status === "aborted" || r.status === "failed") ? 1 : 0;
}

/** The machine, for the record. */
function describeMachine(jar: string | undefined) {
  const java = jar === undefined ? null : (/version "[^"]+"/.exec(spawnSync("java", ["-version"], { encoding: "utf8" }).stderr)?.[0] ?? null);
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    java: java === null ? null : `Java ${java.replace(/^version /, "")}`,
    tlc: jar === undefined ? null : (tlcVersion(jar) ?? "unknown TLC version"),
  };
}

async function benchConfig(config: BenchConfig, jar: string | undefined, allCores: number, tlcTimeoutMs: number | undefined): Promise<BenchRow> {
  const base = { label: config.label, protocol: config.protocol };
  const skip = (reason: string): BenchRow => {
    console.log(`${config.label}: skipped, ${reason}`);
    return { ...base, options: null, status: "skipped", reason, runs: [] };
  };
  const origin = config.module === undefined ? {} : { module: pathToFileURL(join(projectRoot(), config.module)).href };
  const protocol = config.module === undefined ? findProtocol(config.protocol) : (await loadProtocol({ protocol: config.protocol, ...origin })).protocol;
  if (protocol === undefined) return skip(`protocol "${config.protocol}" is not registered`);
  let options: Record<string, number>;
  try {
    options = config.preset === undefined ? resolveOptions(protocol, config.options ?? {}) : presetOptions(protocol, config.preset);
  } catch (e) {
    if (e instanceof ConfigError) return skip(e.message);
    throw e;
  }
  const tlcModel = tlcModelOf(protocol.model(options));
  const checkDeadlock = !/CHECK_DEADLOCK\s+FALSE/i.test(tlcModel.cfg);
  const row = { ...base, options, runs: [] as BenchRun[] };
  const fail = (status: "aborted" | "failed", reason: string): BenchRow => {
    console.log(`${config.label}: ${status.toUpperCase()}, ${reason}`);
    return { ...row, status, reason };
  };

  const twin = async (workers: number): Promise<BenchRun | string> => {
    const job: TwinJob = { source: { protocol: config.protocol, options, ...origin }, workers, checkDeadlock, symmetry: false };
    const loadBefore = loadavg()[0]!;
    const child = join(projectRoot(), "dist", "model-check", "bench", "twin-child.js");
    const run = await measure(process.execPath, [child, JSON.stringify(job)], projectRoot());
    if (run.exitCode !== 0) return `the twin checker failed (exit ${run.exitCode}): ${run.stderr.trim().split("\n").slice(-3).join(" ")}`;
    const outcome = JSON.parse(run.stdout) as TwinOutcome;
    if (!outcome.complete || outcome.violation !== null) return `the twin checker did not complete without violation (${outcome.violation ?? "incomplete"})`;
    return { tool: "twin", workers, ...counts(outcome), wallMs: run.wallMs, distinctPerSecond: rate(outcome.distinctStates, run.wallMs), peakRssBytes: run.peakRssBytes, loadBefore, complete: true, twin: outcome };
  };
  const tlc = async (workers: number): Promise<BenchRun | string> => {
    const loadBefore = loadavg()[0]!;
    const run = await runTlc(jar!, tlcModel, workers, tlcTimeoutMs);
    if (run.timedOut) {
      const last = run.lastProgress;
      if (last === undefined) return `TLC was stopped at ${(run.wallMs / 1000).toFixed(0)} s before its first progress report`;
      return { tool: "tlc", workers, distinctStates: last.distinctStates, statesGenerated: last.statesGenerated, depth: last.depth, wallMs: last.elapsedMs, distinctPerSecond: rate(last.distinctStates, last.elapsedMs), peakRssBytes: run.peakRssBytes, loadBefore, complete: false };
    }
    if (run.counts === undefined) return `TLC failed (exit ${run.exitCode}): ${`${run.stdout}\n${run.stderr}`.trim().split("\n").slice(-3).join(" ")}`;
    return { tool: "tlc", workers, ...run.counts, wallMs: run.wallMs, distinctPerSecond: rate(run.counts.distinctStates, run.wallMs), peakRssBytes: run.peakRssBytes, loadBefore, complete: true };
  };
  const plan: (() => Promise<BenchRun | string>)[] = [() => twin(1)];
  if (jar !== undefined && config.extended !== true) plan.push(() => tlc(1));
  if (allCores > 1) plan.push(() => twin(allCores));
  if (jar !== undefined && config.extended !== true && allCores > 1) plan.push(() => tlc(allCores));

  for (const step of plan) {
    const run = await step();
    if (typeof run === "string") return fail("failed", run);
    console.log(runLine(config.label, run));
    const first = row.runs[0];
    row.runs.push(run);
    if (first !== undefined && run.complete && !sameCounts(first, run)) {
      return fail("aborted", `counts differ: ${first.tool} ×${first.workers} ${countsText(first)}, ${run.tool} ×${run.workers} ${countsText(run)}`);
    }
  }
  return { ...row, status: "ok", reason: null };
}

function counts(r: { distinctStates: number; statesGenerated: number; depth: number }) {
  return { distinctStates: r.distinctStates, statesGenerated: r.statesGenerated, depth: r.depth };
}

function sameCounts(a: BenchRun, b: BenchRun): boolean {
  return a.distinctStates === b.distinctStates && a.statesGenerated === b.statesGenerated && a.depth === b.depth;
}

function countsText(r: BenchRun): string {
  return `${r.distinctStates} distinct / ${r.statesGenerated} generated / depth ${r.depth}`;
}

function rate(distinct: number, wallMs: number): number {
  return wallMs > 0 ? (distinct * 1000) / wallMs : 0;
}

function mib(bytes: number | null): string {
  return bytes === null ? "n/a" : formatCount(Math.round(bytes / 2 ** 20));
}

function runLine(label: string, run: BenchRun): string {
  const memory = run.twin === undefined ? "" : `, visited set ${(run.twin.visitedSetBytes / run.distinctStates).toFixed(1)} B/state`;
  const stopped = run.complete ? "" : " (stopped: counts and time of its last progress report)";
  return (
    `${label}: ${run.tool} ×${run.workers}${stopped}: ${countsText(run)}, ${(run.wallMs / 1000).toFixed(1)} s, ` +
    `${formatCount(Math.round(run.distinctPerSecond))} distinct/s, peak RSS ${mib(run.peakRssBytes)} MiB${memory} (load ${run.loadBefore.toFixed(1)})`
  );
}

function findRun(row: BenchRow, tool: "twin" | "tlc", multi: boolean): BenchRun | undefined {
  return row.runs.find((r) => r.tool === tool && (multi ? r.workers > 1 : r.workers === 1));
}

/** Twin over TLC distinct states/s, one worker or all cores, when both ran. */
export function ratio(row: BenchRow, multi: boolean): number | undefined {
  const twin = findRun(row, "twin", multi);
  const tlc = findRun(row, "tlc", multi);
  return twin === undefined || tlc === undefined ? undefined : twin.distinctPerSecond / tlc.distinctPerSecond;
}

type Cell = string;
function tableRows(rows: readonly BenchRow[]): Cell[][] {
  const header = ["config", "tool", "workers", "distinct", "generated", "depth", "wall s", "distinct/s", "peak RSS MiB", "visited B/state", "twin/TLC"];
  const body: Cell[][] = [];
  for (const row of rows) {
    if (row.status === "skipped") {
      body.push([row.label, `skipped: ${row.reason}`, "", "", "", "", "", "", "", "", ""]);
      continue;
    }
    for (const run of row.runs) {
      const r = run.tool === "twin" ? ratio(row, run.workers > 1) : undefined;
      body.push([
        row.label,
        run.tool === "twin" ? "twin" : "TLC",
        String(run.workers),
        formatCount(run.distinctStates),
        formatCount(run.statesGenerated),
        String(run.depth),
        `${(run.wallMs / 1000).toFixed(1)}${run.complete ? "" : " (stopped)"}`,
        formatCount(Math.round(run.distinctPerSecond)),
        mib(run.peakRssBytes),
        run.twin === undefined ? "" : (run.twin.visitedSetBytes / run.distinctStates).toFixed(1),
        r === undefined ? "" : `${r.toFixed(1)}×`,
      ]);
    }
    if (row.status !== "ok") body.push([row.label, `${row.status.toUpperCase()}: ${row.reason}`, "", "", "", "", "", "", "", "", ""]);
  }
  return [header, ...body];
}

/** The results as an aligned text table. */
export function formatTable(rows: readonly BenchRow[]): string {
  const cells = tableRows(rows);
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i]!.length > 40 ? 0 : r[i]!.length))));
  return cells
    .map((r) => r.map((c, i) => (i >= 2 && i <= 10 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd())
    .join("\n");
}

/** The results as a Markdown table. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const [header, ...body] = tableRows(rows);
  const line = (cells: Cell[]) => `| ${cells.join(" | ")} |`;
  return [line(header!), line(header!.map((_, i) => (i >= 2 ? "---:" : "---"))), ...body.map(line)].join("\n");
}

/** One line per target and row: met or missed, and by how much. */
export function targetLines(rows: readonly BenchRow[], allCores: number): string[] {
  const lines: string[] = ["Targets:"];
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  for (const row of rows.filter((r) => r.status === "ok")) {
    const one = ratio(row, false);
    const partial = (multi: boolean) => (findRun(row, "tlc", multi)?.complete === false ? " [TLC stopped early: its speed over the first part of the search]" : "");
    if (one !== undefined) lines.push(`  ${row.label}: 1 worker, twin ${one.toFixed(1)}× TLC (target ≥ ${targets.oneWorkerRatio}×): ${verdict(one >= targets.oneWorkerRatio)}${partial(false)}`);
    const multi = ratio(row, true);
    const config = benchConfigs.find((c) => c.label === row.label);
    if (multi !== undefined) {
      const goal = config?.multiCoreTarget === true ? ` (target ≥ ${targets.allCoresRatio}×): ${verdict(multi >= targets.allCoresRatio)}` : "";
      lines.push(`  ${row.label}: ${allCores} workers each, twin ${multi.toFixed(1)}× TLC${goal}${partial(true)}`);
    }
    const single = findRun(row, "twin", false);
    const parallel = findRun(row, "twin", true);
    if (single !== undefined && parallel !== undefined) {
      const speedup = parallel.distinctPerSecond / single.distinctPerSecond;
      const goal = allCores === 2 ? ` (target ≥ ${targets.twoThreadSpeedup}× on 2 cores): ${verdict(speedup >= targets.twoThreadSpeedup)}` : "";
      lines.push(`  ${row.label}: twin on ${allCores} threads ${speedup.toFixed(2)}× its single-thread speed${goal}`);
    }
    if (single?.twin !== undefined) {
      const perState = single.twin.visitedSetBytes / single.distinctStates;
      lines.push(`  ${row.label}: visited set ${perState.toFixed(1)} B/state (target ≤ ${targets.visitedBytesPerState}): ${verdict(perState <= targets.visitedBytesPerState)}`);
    }
  }
  return lines;
}
