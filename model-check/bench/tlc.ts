/**
 * Running TLC for the benchmark: finding the jar (as the TLC bridge does:
 * `TLA2TOOLS_JAR`, then `~/.cache/tla-twin/tla2tools.jar`), checking a model's
 * `tlcModel()` in a temporary copy of `spec/`, and reading TLC's counts.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import type { TlcModel } from "../../src/protocol.js";
import { specDir } from "../project-root.js";
import { type MeasuredRun, measure } from "./measure.js";

/** Where the jar is, or why there is none. */
export type JarLookup = { readonly jar: string } | { readonly missing: string };

/** Finds tla2tools.jar: `$TLA2TOOLS_JAR`, else `~/.cache/tla-twin/tla2tools.jar`. */
export function findTlcJar(env: NodeJS.ProcessEnv = process.env): JarLookup {
  const fromEnv = env["TLA2TOOLS_JAR"];
  if (fromEnv !== undefined && fromEnv !== "") {
    return existsSync(fromEnv) ? { jar: fromEnv } : { missing: `TLA2TOOLS_JAR is ${fromEnv}, which does not exist` };
  }
  const cached = join(homedir(), ".cache", "tla-twin", "tla2tools.jar");
  if (existsSync(cached)) return { jar: cached };
  return { missing: `no TLC jar: set TLA2TOOLS_JAR or put tla2tools.jar at ${cached}` };
}

/** The counts at the end of a TLC run. */
export interface TlcCounts {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
}

/** Reads TLC's final counts from its output, or undefined when they are not there. */
export function parseTlcCounts(output: string): TlcCounts | undefined {
  const states = /([\d,]+) states generated, ([\d,]+) distinct states found, 0 states left on queue/.exec(output);
  const depth = /The depth of the complete state graph search is (\d+)/.exec(output);
  if (states === null || depth === null) return undefined;
  const num = (text: string) => Number(text.replace(/,/g, ""));
  return { statesGenerated: num(states[1]!), distinctStates: num(states[2]!), depth: num(depth[1]!) };
}

/** TLC's version line, e.g. `TLC2 Version 2026.11.23.013500 (rev: cc6b616)`, or undefined. */
export function tlcVersion(jar: string): string | undefined {
  const r = spawnSync("java", ["-cp", jar, "tlc2.TLC", "-version"], { encoding: "utf8" });
  return /TLC2 Version[^\n]*/.exec(`${r.stdout}${r.stderr}`)?.[0]?.trim();
}

/** The JVM heap to give TLC: half the machine's memory, at most 32 GiB. */
export function tlcHeapMiB(): number {
  return Math.min(32 * 1024, Math.floor(totalmem() / 2 / 2 ** 20));
}

/** TLC's counts at one of its progress reports, and when the report came. */
export interface TlcProgress {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
  /** Milliseconds from TLC's start (JVM start-up included) to the report. */
  readonly elapsedMs: number;
}

/** Reads one of TLC's progress lines, e.g. `Progress(12) at ...: 1,234 states generated (...), 567 distinct states found, ...`. */
export function parseTlcProgress(line: string, elapsedMs: number): TlcProgress | undefined {
  const match = /^Progress\((\d+)\) at .*?: ([\d,]+) states generated(?: \([^)]*\))?, ([\d,]+) distinct states found/.exec(line);
  if (match === null) return undefined;
  const num = (text: string) => Number(text.replace(/,/g, ""));
  return { depth: num(match[1]!), statesGenerated: num(match[2]!), distinctStates: num(match[3]!), elapsedMs };
}

/** A TLC run: its measurements, its final counts (undefined when TLC did not finish normally), and its last progress report. */
export interface TlcRun extends MeasuredRun {
  readonly counts: TlcCounts | undefined;
  readonly lastProgress: TlcProgress | undefined;
}

/**
 * Checks `model` with TLC on `workers` workers, in a temporary copy of
 * `spec/` (TLC writes next to its spec), extra modules included.
 */
export async function runTlc(
  jar: string,
  model: TlcModel,
  workers: number,
  timeoutMs: number | undefined,
  extraModules: Readonly<Record<string, string>> = {},
): Promise<TlcRun> {
  const dir = mkdtempSync(join(tmpdir(), "tla-twin-bench-"));
  try {
    cpSync(specDir(), dir, { recursive: true });
    for (const [name, text] of Object.entries(extraModules)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, "Bench.cfg"), model.cfg);
    const args = [
      "-XX:+UseParallelGC",
      `-Xmx${tlcHeapMiB()}m`,
      "-cp",
      jar,
      "tlc2.TLC",
      "-workers",
      String(workers),
      "-noGenerateSpecTE",
      "-metadir",
      join(dir, "meta"),
      "-config",
      "Bench.cfg",
      `${model.module}.tla`,
    ];
    let lastProgress: TlcProgress | undefined;
    const onLine = (line: string, elapsedMs: number) => {
      lastProgress = parseTlcProgress(line, elapsedMs) ?? lastProgress;
    };
    const run = await measure("java", args, dir, timeoutMs === undefined ? { onLine } : { onLine, timeoutMs });
    return { ...run, counts: run.exitCode === 0 ? parseTlcCounts(run.stdout) : undefined, lastProgress };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
