/**
 * `spec/manifest.json`: for every shipped config, its TLA+ model and the
 * counts TLC reported for it. Tests and `tla-twin check --all` compare the
 * twin checker against these figures; `npm run tlc:golden` rewrites them from
 * fresh TLC runs, so no figure in it is typed in by hand.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { specDir } from "./project-root.js";

/** The counts TLC prints at the end of a complete run. */
export interface TlcCounts {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
}

/** One shipped config and what TLC found for it. */
export interface ManifestEntry {
  /** CLI protocol name, e.g. `twophase`. */
  readonly protocol: string;
  /** Preset name, e.g. `rm3`. */
  readonly preset: string;
  /** The CLI options of the preset. */
  readonly options: Readonly<Record<string, number>>;
  /** The TLA+ module TLC checks, e.g. `TwoPhase`. */
  readonly module: string;
  /** The TLC config file, relative to `spec/`. */
  readonly cfg: string;
  /** TLC's counts for that module and config. */
  readonly tlc: TlcCounts;
  /**
   * For each witness goal of the preset, the steps of the counterexample TLC
   * reported when checking the goal's negation (`~G` as an invariant, or
   * `[][~G]_vars` for a step goal) on the same config: the shortest
   * behaviour that reaches the goal.
   */
  readonly witnesses?: Readonly<Record<string, number>>;
  /** SHA-256 of each spec file TLC read for these figures (modules and config), by name in `spec/`. */
  readonly sources?: Readonly<Record<string, string>>;
}

/** The whole manifest. */
export interface Manifest {
  /** The TLC version line that produced the counts. */
  readonly tlcVersion: string;
  /** The command that regenerates the manifest. */
  readonly generatedBy: string;
  readonly models: readonly ManifestEntry[];
}

/** Reads `spec/manifest.json`. */
export function readManifest(path: string = join(specDir(), "manifest.json")): Manifest {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ManifestError(`${path} cannot be read (${(e as Error).message}); restore it from git or remake it with npm run tlc:golden`);
  }
  if (typeof manifest !== "object" || manifest === null || !Array.isArray((manifest as Manifest).models)) {
    throw new ManifestError(`${path} has no "models" list; restore it from git or remake it with npm run tlc:golden`);
  }
  return manifest as Manifest;
}

/** The manifest of TLC's figures is missing or damaged: nothing can be compared with TLC. */
export class ManifestError extends Error {
  override readonly name = "ManifestError";
}

/**
 * Where the twin's witnesses differ from TLC's recorded ones, one line each
 * (none when TLC recorded none): a goal TLC reached in another number of
 * steps, or one that TLC reached and the twin did not.
 */
export function witnessDifferences(
  tlc: Readonly<Record<string, number>> | undefined,
  twin: readonly { readonly name: string; readonly steps: number | null }[],
): string[] {
  if (tlc === undefined) return [];
  const lines: string[] = [];
  for (const [name, steps] of Object.entries(tlc)) {
    const mine = twin.find((w) => w.name === name);
    if (mine === undefined) lines.push(`${name}: TLC reached it in ${steps} steps; the model declares no such goal`);
    else if (mine.steps !== steps) lines.push(`${name}: TLC ${steps} steps, twin ${mine.steps ?? "not reached"}`);
  }
  return lines;
}

/** The manifest entry for a protocol's preset, if TLC results were recorded for it. */
export function manifestEntry(manifest: Manifest, protocol: string, preset: string): ManifestEntry | undefined {
  return manifest.models.find((m) => m.protocol === protocol && m.preset === preset);
}
