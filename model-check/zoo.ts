/**
 * The bug zoo as one check: every variant of every protocol, searched
 * breadth-first under the quick presets of its protocol (each with its own
 * symmetry setting), must be caught, and caught on the invariant or
 * property its definition names (`breaks`). `tla-twin zoo` renders the rows
 * this module returns; tests read them directly.
 *
 * Each search stops at its first violation, and a variant runs under one
 * preset after another, in the protocol's order, only until one catches it
 * (all of them with `allPresets`). A variant that no quick preset catches
 * fails the check unless its definition says why (`uncaughtInCi`) and
 * where it does show (`exhibitedWith`).
 *
 * Beside the twin's verdict each row carries TLC's, as `npm run tlc:zoo`
 * recorded it in `golden/zoo.json` for the variant's TLA+ version
 * (`tlaVariant`) under the preset that catches it; a recorded verdict that
 * differs from the twin's, or was made from spec files that have changed
 * since, fails the row too. Reading the file needs no Java.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AnyProtocol, type Preset, type VariantInfo, resolveOptions } from "../src/protocol.js";
import { protocols as allProtocols } from "../src/registry.js";
import { bfs } from "./bfs.js";
import { projectRoot } from "./project-root.js";
import type { Violation } from "./result.js";
import { staleSources } from "./shipped-check.js";
import type { TwinAction } from "../src/protocol.js";

/** What a search stopped at: the kind and name of what broke, and the steps of the (shortest) behaviour. */
export interface ZooViolation {
  readonly kind: "invariant" | "action-property" | "deadlock";
  /** The invariant's or property's name; null for a deadlock. */
  readonly name: string | null;
  readonly steps: number;
}

/** One search of a variant under one preset. */
export interface ZooPresetRun {
  readonly preset: string;
  readonly symmetry: boolean;
  /** The first violation, or null when the preset's whole state space holds none. */
  readonly violation: ZooViolation | null;
  readonly distinctStates: number;
  readonly durationMs: number;
}

/**
 * - `caught`: some preset catches it, every violation found names `breaks`;
 * - `wrong-property`: a preset stops at something other than `breaks`;
 * - `uncaught`: no quick preset catches it, and the definition does not say why;
 * - `known-uncaught`: the same, with the reason in `uncaughtInCi`.
 */
export type ZooVerdict = "caught" | "wrong-property" | "uncaught" | "known-uncaught";

/** TLC's verdict on a variant, as recorded in `golden/zoo.json`. */
export interface ZooTlcEntry {
  readonly protocol: string;
  readonly variant: string;
  /** The preset TLC ran under: the first that catches the variant in the twin; null when TLC was not run. */
  readonly preset: string | null;
  readonly module: string | null;
  readonly overrides: readonly string[];
  /** The preset's config file in spec/ that the zoo config was made from (or how it was written); null when TLC was not run. */
  readonly cfg: string | null;
  /** TLC was run (else `note` says why not). */
  readonly ran: boolean;
  /** The twin's first violation under that preset, when TLC was run. */
  readonly twin: ZooViolation | null;
  /**
   * What TLC stopped at (`steps` is the length of its trace minus one), with
   * its counts at that point; null when it was not run or found no violation.
   */
  readonly tlc: (ZooViolation & { readonly distinctStates: number | null; readonly statesGenerated: number | null }) | null;
  /** TLC reported the same kind, name and number of steps as the twin. */
  readonly agrees: boolean;
  /** Why TLC was not run, or what to know about its verdict; null when there is nothing to say. */
  readonly note: string | null;
  /** SHA-256 of the config TLC read (written by the bridge, not a file of spec/). */
  readonly cfgSha256: string | null;
  /** SHA-256 of each file of spec/ that TLC read, by name. */
  readonly sources: Readonly<Record<string, string>>;
}

/** `golden/zoo.json`. */
export interface ZooGolden {
  readonly format: "tla-twin bug-zoo TLC results, version 1";
  readonly generatedBy: string;
  readonly tlcVersion: string | null;
  readonly variants: readonly ZooTlcEntry[];
}

/** The command that writes `golden/zoo.json`. */
export const zooGoldenCommand = "npm run tlc:zoo";

/** Where the zoo's TLC results live. */
export function zooGoldenPath(): string {
  return join(projectRoot(), "golden", "zoo.json");
}

/** The recorded TLC results, or undefined when the file does not exist. */
export function readZooGolden(path: string = zooGoldenPath()): ZooGolden | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as ZooGolden;
}

/** A variant's TLA+ version: its zoo module and the definition overrides that select it. */
export type TlaVariant = NonNullable<VariantInfo["tlaVariant"]>;

/** The variant's TLA+ version (its `tlaVariant`), or undefined. */
export function tlaVariantOf(_protocol: string, variant: VariantInfo): TlaVariant | undefined {
  return variant.tlaVariant;
}

/** One variant: what each preset run found, the verdict, and TLC's recorded figure. */
export interface ZooRow {
  readonly protocol: string;
  readonly variant: string;
  /** The invariant or property the variant must break. */
  readonly breaks: string;
  /** The runs made, in preset order. */
  readonly runs: readonly ZooPresetRun[];
  /** The first preset that catches the variant on `breaks`, or null. */
  readonly caughtBy: string | null;
  readonly verdict: ZooVerdict;
  /** The variant's `uncaughtInCi`, or null. */
  readonly uncaughtReason: string | null;
  /** A command that shows the variant: its catching preset, else its `exhibitedWith` bounds. */
  readonly command: string;
  /** TLC's recorded verdict for the variant, or null when none is recorded. */
  readonly tlc: ZooTlcEntry | null;
  /**
   * TLC's recorded violation is the one the twin finds now, under the same
   * preset (the spec files unchanged since); null when TLC's verdict was not
   * recorded or TLC was not run.
   */
  readonly tlcAgrees: boolean | null;
  /** What fails the row, one line each; empty when it passes. */
  readonly problems: readonly string[];
  /** What to know that does not fail the row (no TLC figure yet, for instance). */
  readonly notes: readonly string[];
  readonly ok: boolean;
}

/** What to run. */
export interface ZooOptions {
  /** The protocols whose variants to run; all of them by default. */
  readonly protocols?: readonly AnyProtocol[];
  /** Only the variants of these names (of any protocol run); all of them when left out. */
  readonly variants?: readonly string[];
  /** Run every quick preset, not only until the first catches the variant. */
  readonly allPresets?: boolean;
  /** TLC's recorded results; read from golden/zoo.json when left out, none when null. */
  readonly golden?: ZooGolden | null;
  /** Called before each search (for progress lines). */
  readonly onRun?: (protocol: string, variant: string, preset: string) => void;
}

/** A violation as the zoo records it. */
export function zooViolation(violation: Violation<unknown, TwinAction>): ZooViolation {
  return {
    kind: violation.kind,
    name: violation.kind === "deadlock" ? null : violation.name,
    steps: violation.trace.steps.length,
  };
}

/** `Invariant Msg2aSafe, 9 steps`, `deadlock, 4 steps`. */
export function describeZooViolation(v: ZooViolation): string {
  const what = v.kind === "deadlock" ? "deadlock" : `${v.kind === "invariant" ? "invariant" : "action property"} ${v.name}`;
  return `${what}, ${v.steps} step${v.steps === 1 ? "" : "s"}`;
}

function sameViolation(a: ZooViolation, b: ZooViolation): boolean {
  return a.kind === b.kind && a.name === b.name && a.steps === b.steps;
}

/** Searches one variant under one preset, breadth-first, to its first violation. */
export function runVariantUnderPreset(protocol: AnyProtocol, variant: VariantInfo, preset: Preset): ZooPresetRun {
  const model = protocol.model(resolveOptions(protocol, preset.options), variant.name);
  const symmetry = preset.symmetry === true;
  // A variant that breaks the model's refinement claim is searched with the claim checked (as npm run check does);
  // the others as the preset's TLC config checks them, invariants and action properties only.
  const refinement = model.refinement !== undefined && variant.breaks === model.refinement.name;
  const result = bfs(model, { checkDeadlock: true, symmetry, refinement });
  return {
    preset: preset.name,
    symmetry,
    violation: result.violation === null ? null : zooViolation(result.violation),
    distinctStates: result.distinctStates,
    durationMs: result.durationMs,
  };
}

function flagText(options: Readonly<Record<string, number>>): string {
  return Object.entries(options)
    .map(([flag, value]) => ` --${flag} ${value}`)
    .join("");
}

/**
 * Search flags a variant recommends for its bounds. Only Raft's variants
 * have them today (`RaftVariant.searchWith`); they keep the search
 * breadth-first, so its trace is still a shortest one.
 */
function searchFlagsOf(variant: VariantInfo): string {
  const searchWith = (variant as { readonly searchWith?: { readonly symmetry?: boolean; readonly workers?: number } }).searchWith;
  if (searchWith === undefined) return "";
  return `${searchWith.symmetry === true ? " --symmetry" : ""}${searchWith.workers === undefined ? "" : ` --workers ${searchWith.workers}`}`;
}

/** The command that shows a variant: under the preset that catches it, or with its own bounds. */
export function variantCommand(protocol: AnyProtocol, variant: VariantInfo, caughtBy: Preset | undefined): string {
  const base = `tla-twin check ${protocol.name} --variant ${variant.name}`;
  if (caughtBy !== undefined) return `${base} --preset ${caughtBy.name}${caughtBy.symmetry === true ? " --symmetry" : ""}`;
  return `${base}${flagText(variant.exhibitedWith ?? {})}${searchFlagsOf(variant)}`;
}

/** Why TLC's recorded figure for a row does not stand, one line each. */
function tlcProblems(tla: TlaVariant | undefined, caught: ZooPresetRun | undefined, entry: ZooTlcEntry): string[] {
  const problems: string[] = [];
  const rerun = `run ${zooGoldenCommand}`;
  if (!entry.ran) return problems;
  if (caught === undefined || caught.violation === null) {
    problems.push(`golden/zoo.json has TLC's verdict under ${entry.preset}, but no quick preset catches the variant in the twin now: ${rerun}`);
    return problems;
  }
  if (entry.preset !== caught.preset) {
    problems.push(`TLC's verdict is recorded under ${entry.preset}, the twin now first catches it under ${caught.preset}: ${rerun}`);
  }
  if (tla === undefined || tla.module !== entry.module || tla.overrides.join("\n") !== entry.overrides.join("\n")) {
    problems.push(`TLC's verdict was recorded for other overrides than the variant's tlaVariant: ${rerun}`);
  }
  if (entry.tlc === null || !sameViolation(entry.tlc, caught.violation)) {
    problems.push(
      `TLC reports ${entry.tlc === null ? "no violation" : describeZooViolation(entry.tlc)} under ${entry.preset}, ` +
        `the twin ${describeZooViolation(caught.violation)}` +
        (entry.note === null ? "" : ` (${entry.note})`),
    );
  }
  for (const line of staleSources(entry.sources)) problems.push(`${line} since TLC's verdict was recorded: ${rerun}`);
  return problems;
}

/** Runs one variant under its protocol's quick presets and judges it. */
export function zooRow(protocol: AnyProtocol, variant: VariantInfo, options: ZooOptions = {}, golden?: ZooGolden): ZooRow {
  const quick = protocol.presets.filter((p) => p.quick);
  const runs: ZooPresetRun[] = [];
  for (const preset of quick) {
    options.onRun?.(protocol.name, variant.name, preset.name);
    const run = runVariantUnderPreset(protocol, variant, preset);
    runs.push(run);
    if (run.violation !== null && options.allPresets !== true) break;
  }
  const violating = runs.filter((r) => r.violation !== null);
  const wrong = violating.filter((r) => r.violation!.kind === "deadlock" || r.violation!.name !== variant.breaks);
  const catching = violating.find((r) => r.violation!.kind !== "deadlock" && r.violation!.name === variant.breaks);
  const known = variant.uncaughtInCi ?? null;
  const verdict: ZooVerdict =
    wrong.length > 0 ? "wrong-property" : catching !== undefined ? "caught" : known !== null ? "known-uncaught" : "uncaught";

  const problems: string[] = [];
  const notes: string[] = [];
  for (const run of wrong) {
    problems.push(`${run.preset} stops at ${describeZooViolation(run.violation!)}, not at ${variant.breaks}`);
  }
  if (verdict === "uncaught") {
    problems.push(`no quick preset catches it (${quick.map((p) => p.name).join(", ")}), and its definition gives no uncaughtInCi reason`);
  }
  if (known !== null && violating.length > 0) {
    problems.push(`its definition says no quick preset catches it (uncaughtInCi), but ${violating[0]!.preset} does: drop uncaughtInCi`);
  }

  // A variant that breaks the refinement claim is confirmed by TLC with the refinement as its PROPERTY
  // (test/refinement/tlc.test.ts); the zoo's TLC runs use the presets' configs, which name no refinement.
  const breaksRefinement = variant.breaks === protocol.model(resolveOptions(protocol, {})).refinement?.name;
  const entry = breaksRefinement ? null : (golden?.variants.find((e) => e.protocol === protocol.name && e.variant === variant.name) ?? null);
  // TLC ran under the twin's first violating preset, whatever it stopped at.
  const first = violating[0];
  const tla = tlaVariantOf(protocol.name, variant);
  const fromTlc = entry === null ? [] : tlcProblems(tla, first, entry);
  problems.push(...fromTlc);
  if (breaksRefinement) {
    notes.push(`TLC confirms it with ${variant.breaks} as a PROPERTY in test/refinement/tlc.test.ts, not in golden/zoo.json`);
  } else if (first !== undefined && (entry === null || !entry.ran)) {
    notes.push(
      tla === undefined
        ? "no TLA+ version of this variant (tlaVariant) yet, so no TLC verdict"
        : `no TLC verdict recorded: run ${zooGoldenCommand}`,
    );
  }

  const caughtBy = catching === undefined ? undefined : quick.find((p) => p.name === catching.preset);
  return {
    protocol: protocol.name,
    variant: variant.name,
    breaks: variant.breaks,
    runs,
    caughtBy: caughtBy?.name ?? null,
    verdict,
    uncaughtReason: known,
    command: variantCommand(protocol, variant, caughtBy ?? quick.find((p) => p.name === first?.preset)),
    tlc: entry,
    tlcAgrees: entry === null || !entry.ran ? null : fromTlc.length === 0,
    problems,
    notes,
    ok: problems.length === 0,
  };
}

/** Runs the zoo: one row per variant, protocols and variants in their registry order. */
export function runZoo(options: ZooOptions = {}): ZooRow[] {
  const golden = options.golden === null ? undefined : (options.golden ?? readZooGolden());
  const rows: ZooRow[] = [];
  for (const protocol of options.protocols ?? allProtocols) {
    for (const variant of protocol.variants) {
      if (options.variants !== undefined && !options.variants.includes(variant.name)) continue;
      rows.push(zooRow(protocol, variant, options, golden));
    }
  }
  return rows;
}
