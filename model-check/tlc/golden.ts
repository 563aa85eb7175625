/**
 * Golden results: TLC's side of the cross-checks (a) to (d), made once with
 * TLC by `npm run tlc:golden` and committed under `golden/`, so that machines
 * without Java or TLC still compare every twin with its spec.
 *
 * Per protocol preset, `golden/<protocol>/<preset>.json` holds TLC's counts,
 * the number and digest of its reachable states (in all and per BFS level),
 * the number and digest of its transitions per action, the SHA-256 of every
 * spec file and of the config TLC read, and TLC's version. Beside it:
 * `<preset>.states.gz`, the sorted state keys themselves when there are at
 * most {@link fullStateListLimit} (so a difference names the twin's extra
 * states), and `<preset>.traces.json.gz`, TLC's simulation behaviours as
 * labels and state keys.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { AnyModel } from "../../src/protocol.js";
import { projectRoot, specDir } from "../project-root.js";
import { type CheckOutcome, type Explainer, type KeySetRef, type ReferenceTrace, compareCounts, compareEdges, compareStates, replayTraces, twinExplainer } from "./compare.js";
import { SortedKeys, keyFromHex, keyHex } from "./digest.js";
import type { CrossCheckSettings, TlcSide } from "./crosscheck.js";
import { type GraphCounts, type GraphSummary, exploreTwinGraph } from "./twin-graph.js";

/** Reachable-state lists up to this size are stored whole (8 bytes a state); larger ones as digests. */
export const fullStateListLimit = 65_536;

/** The command that regenerates golden results. */
export const goldenCommand = "npm run tlc:golden";

/** The folder of golden results. */
export function goldenDir(): string {
  return join(projectRoot(), "golden");
}

/** `golden/<protocol>/<preset>.json`. */
export interface GoldenFile {
  readonly format: "tla-twin golden results, version 1";
  readonly generatedBy: string;
  readonly tlcVersion: string | null;
  readonly protocol: string;
  readonly preset: string;
  readonly options: Readonly<Record<string, number>>;
  readonly module: string;
  readonly cfg: string;
  /** SHA-256 of each file of `spec/` TLC read (the modules and the config). */
  readonly sources: Readonly<Record<string, string>>;
  readonly counts: GraphCounts;
  readonly states: {
    readonly count: number;
    readonly digest: string;
    readonly levels: readonly { readonly count: number; readonly digest: string }[];
    /** The gzipped sorted key list beside this file, or null when only digests are kept. */
    readonly keysFile: string | null;
  };
  readonly edges: {
    readonly count: number;
    readonly byAction: Readonly<Record<string, { readonly count: number; readonly digest: string }>>;
  };
  readonly simulation: {
    readonly seed: number;
    readonly traces: number;
    readonly depth: number;
    /** Gzipped JSON beside this file: per behaviour, `[label, stateKey]` per state (label null first). */
    readonly file: string;
  };
}

/** SHA-256 (hex) of a file of `spec/`. */
export function specFileSha256(name: string): string {
  return createHash("sha256").update(readFileSync(join(specDir(), name))).digest("hex");
}

function mergeAll(levels: readonly SortedKeys[]): SortedKeys {
  const all = new BigUint64Array(levels.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const l of levels) {
    all.set(l.values, at);
    at += l.length;
  }
  return new SortedKeys(all.sort());
}

/** Writes the golden files of one preset; returns the paths written and their sizes in bytes. */
export function writeGolden(
  target: { protocol: string; preset: string; options: Readonly<Record<string, number>>; module: string },
  side: TlcSide,
  settings: CrossCheckSettings,
): { path: string; bytes: number }[] {
  const dir = join(goldenDir(), target.protocol);
  mkdirSync(dir, { recursive: true });
  const written: { path: string; bytes: number }[] = [];
  const write = (name: string, data: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    written.push({ path, bytes: Buffer.byteLength(data) });
  };
  const all = mergeAll(side.levels);
  if (all.digest() !== side.states.digest()) throw new Error("TLC's state dump and state graph hold different states");
  let keysFile: string | null = null;
  if (side.states.length <= fullStateListLimit) {
    keysFile = `${target.preset}.states.gz`;
    write(keysFile, gzipSync(side.states.toBytes(), { level: 9 }));
  }
  const tracesFile = `${target.preset}.traces.json.gz`;
  const traces = side.traces.map((t) => t.states.map((s) => [s.label, keyHex(s.key)]));
  write(tracesFile, gzipSync(JSON.stringify(traces), { level: 9 }));
  const byAction: Record<string, { count: number; digest: string }> = {};
  for (const [name, keys] of side.edges) byAction[name] = { count: keys.length, digest: keys.digest() };
  const golden: GoldenFile = {
    format: "tla-twin golden results, version 1",
    generatedBy: goldenCommand,
    tlcVersion: side.version,
    protocol: target.protocol,
    preset: target.preset,
    options: target.options,
    module: target.module,
    cfg: side.cfg,
    sources: Object.fromEntries([...side.sources, side.cfg].sort().map((f) => [f, specFileSha256(f)])),
    counts: side.counts,
    states: {
      count: side.states.length,
      digest: side.states.digest(),
      levels: side.levels.map((l) => ({ count: l.length, digest: l.digest() })),
      keysFile,
    },
    edges: { count: [...side.edges.values()].reduce((n, k) => n + k.length, 0), byAction },
    simulation: { seed: settings.simulationSeed, traces: side.traces.length, depth: settings.simulationDepth, file: tracesFile },
  };
  write(`${target.preset}.json`, JSON.stringify(golden, null, 2) + "\n");
  return written;
}

/** The golden results of a preset, or undefined when there are none. */
export function readGolden(protocol: string, preset: string): GoldenFile | undefined {
  const path = join(goldenDir(), protocol, `${preset}.json`);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as GoldenFile;
}

/** (sources) The spec files and config must be those the golden results were made from. */
export function checkGoldenSources(golden: GoldenFile): CheckOutcome {
  const changed: string[] = [];
  for (const [file, sha] of Object.entries(golden.sources)) {
    if (!existsSync(join(specDir(), file))) changed.push(`spec/${file} no longer exists`);
    else if (specFileSha256(file) !== sha) changed.push(`spec/${file} changed after its golden results were made`);
  }
  const details =
    changed.length === 0
      ? []
      : [...changed, `regenerate golden/${golden.protocol}/${golden.preset}.json (and spec/manifest.json) with ${goldenCommand}, which needs TLC`];
  return {
    id: "sources",
    title: "spec files unchanged since the golden results",
    tlc: `${Object.keys(golden.sources).length} files`,
    twin: "",
    ok: changed.length === 0,
    details,
  };
}

function goldenTraces(golden: GoldenFile): ReferenceTrace[] {
  const raw = JSON.parse(gunzipSync(readFileSync(join(goldenDir(), golden.protocol, golden.simulation.file))).toString("utf8")) as [string | null, string][][];
  return raw.map((states, i) => ({ name: `TLC behaviour ${i + 1} of ${golden.simulation.file}`, states: states.map(([label, key]) => ({ label, key: keyFromHex(key) })) }));
}

/**
 * Compares a twin with golden results: counts (a), states (b), transitions
 * (c) and TLC's behaviours (d). `rerun` is the live command that shows
 * differences the digests cannot.
 */
export function compareWithGolden(model: AnyModel, golden: GoldenFile, rerun: string, twin?: GraphSummary): CheckOutcome[] {
  const summary = twin ?? exploreTwinGraph(model, { edges: true });
  const keys =
    golden.states.keysFile === null
      ? undefined
      : SortedKeys.fromBytes(gunzipSync(readFileSync(join(goldenDir(), golden.protocol, golden.states.keysFile))));
  const explain: Explainer = {
    ...twinExplainer(model),
    tlcStates: () => new Map(),
    tlcEdges: () => new Map(),
    rerun,
  };
  const all: KeySetRef = { count: golden.states.count, digest: golden.states.digest, keys };
  const levels: KeySetRef[] = golden.states.levels.map((l) => ({ count: l.count, digest: l.digest, keys: undefined }));
  const edges = new Map<string, KeySetRef>(Object.entries(golden.edges.byAction).map(([name, e]) => [name, { count: e.count, digest: e.digest, keys: undefined }]));
  return [
    compareCounts(golden.counts, summary.counts),
    compareStates({ all, levels }, summary, explain),
    compareEdges(edges, summary, explain),
    replayTraces(model, goldenTraces(golden), rerun),
  ];
}
