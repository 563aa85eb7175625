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
export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(specDir(), "manifest.json"), "utf8")) as Manifest;
}

/** The manifest entry for a protocol's preset, if TLC results were recorded for it. */
export function manifestEntry(manifest: Manifest, protocol: string, preset: string): ManifestEntry | undefined {
  return manifest.models.find((m) => m.protocol === protocol && m.preset === preset);
}
