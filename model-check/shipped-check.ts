/**
 * The check of one shipped config, as `tla-twin check --all` (and so `npm
 * run check` and CI) runs it: an exhaustive breadth-first search that must
 * find no violation, reach every witness goal the preset declares, and agree
 * with what TLC recorded for the config in spec/manifest.json (counts, and
 * the depth of each witness), where the spec files TLC read must be the
 * ones in spec/ now.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type AnyModel, type AnyProtocol, type Preset, resolveOptions } from "../src/protocol.js";
import { bfs } from "./bfs.js";
import { describeViolation, formatCount, formatSeconds } from "./format.js";
import { type Manifest, manifestEntry, witnessDifferences } from "./manifest.js";
import { specDir } from "./project-root.js";
import { unwitnessed } from "./witnesses.js";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** The verdict on one shipped config: the report row, whether it passed, and its text lines. */
export interface ShippedCheck {
  readonly ok: boolean;
  readonly row: Record<string, unknown>;
  readonly lines: readonly string[];
}

/** The command that records TLC's figures for the shipped configs. */
const recordCommand = "npm run tlc:golden";

/** Spec files whose contents differ from what TLC read for the recorded figures, one line each. */
export function staleSources(sources: Readonly<Record<string, string>>): string[] {
  const stale: string[] = [];
  for (const [file, sha] of Object.entries(sources)) {
    // tla-twin writes these wrapper modules (an EXTENDS line) into TLC's work folder; the modules they extend are listed too.
    if (file.startsWith("TwinZoo_")) continue;
    const path = join(specDir(), file);
    if (!existsSync(path)) stale.push(`spec/${file} is gone`);
    else if (createHash("sha256").update(readFileSync(path)).digest("hex") !== sha) stale.push(`spec/${file} changed`);
  }
  return stale;
}

/**
 * Checks a protocol's preset. `model` defaults to the preset's model; tests
 * pass a broken one to show that the check fails.
 */
export function checkShippedPreset(
  protocol: AnyProtocol,
  preset: Preset,
  manifest: Manifest,
  model: AnyModel = protocol.model(resolveOptions(protocol, preset.options)),
): ShippedCheck {
  // The model's refinement claim, where it makes one, is checked too: a green run covers it.
  const result = bfs(model, { checkDeadlock: true, symmetry: preset.symmetry === true, refinement: model.refinement !== undefined });
  const entry = manifestEntry(manifest, protocol.name, preset.name);
  const tlc = entry?.tlc;
  const matchesTlc =
    tlc === undefined
      ? null
      : tlc.distinctStates === result.distinctStates && tlc.statesGenerated === result.statesGenerated && tlc.depth === result.depth;
  const problems: string[] = [];
  if (entry === undefined) problems.push(`no TLC figures recorded for this shipped config in spec/manifest.json: run ${recordCommand}`);
  else if (entry.sources === undefined) problems.push(`its TLC figures were recorded without the spec files' hashes: run ${recordCommand}`);
  else for (const line of staleSources(entry.sources)) problems.push(`${line} since TLC's figures were recorded: run ${recordCommand}`);
  // A goal the preset declares must be reached, in as many steps as TLC took to break its negation.
  const missing = unwitnessed(preset.witnesses ?? [], result.witnesses);
  const witnessMismatches = witnessDifferences(entry?.witnesses, result.witnesses);
  const ok =
    result.violation === null &&
    result.complete &&
    matchesTlc !== false &&
    problems.length === 0 &&
    missing.length === 0 &&
    witnessMismatches.length === 0;

  const verdict = result.violation !== null ? describeViolation(result.violation) : "no violation";
  const tlcText = matchesTlc === null ? "no TLC figures recorded" : matchesTlc ? "= TLC" : "DIFFERS FROM TLC";
  const lines = [
    `${`${protocol.name} ${preset.name}`.padEnd(22)} ${formatCount(result.distinctStates).padStart(12)} distinct ` +
      `${formatCount(result.statesGenerated).padStart(14)} generated  depth ${String(result.depth).padStart(3)}  ` +
      `${formatSeconds(result.durationMs).padStart(9)}  ${verdict}, ${tlcText}${preset.symmetry === true ? " (orbits, symmetry)" : ""}`,
  ];
  if (matchesTlc === false) lines.push(`  TLC: ${tlc!.distinctStates} distinct, ${tlc!.statesGenerated} generated, depth ${tlc!.depth}`);
  const goals = preset.witnesses ?? [];
  if (goals.length > 0) {
    const confirmed = entry?.witnesses === undefined ? " (not confirmed by TLC)" : ", each at TLC's depth";
    if (missing.length === 0) lines.push(`  witnessed: ${goals.length} of ${goals.length} goals${confirmed}`);
    else lines.push(`  NOT WITNESSED: ${missing.join(", ")} (the preset declares ${goals.length} goals)`);
  }
  if (model.refinement !== undefined && result.violation === null) lines.push(`  refinement ${model.refinement.name}: every step maps to a step or a stutter`);
  for (const line of witnessMismatches) lines.push(`  WITNESS DIFFERS FROM TLC: ${line}`);
  for (const line of problems) lines.push(`  STALE: ${line}`);

  const row = {
    protocol: protocol.name,
    preset: preset.name,
    distinctStates: result.distinctStates,
    statesGenerated: result.statesGenerated,
    depth: result.depth,
    durationMs: result.durationMs,
    violation: result.violation === null ? null : describeViolation(result.violation),
    matchesTlc,
    witnesses: result.witnesses.map((w) => ({ name: w.name, steps: w.steps, tlcSteps: entry?.witnesses?.[w.name] ?? null })),
    unwitnessed: missing,
    witnessMismatches,
    stale: problems,
    ok,
  };
  return { ok, row, lines };
}

/**
 * The goals of a protocol's model that no quick preset declares: the quick
 * configs must between them reach every goal, or `check --all` fails.
 */
export function goalsNoQuickPresetDeclares(protocol: AnyProtocol): string[] {
  const declared = new Set(protocol.presets.filter((p) => p.quick).flatMap((p) => p.witnesses ?? []));
  const goals = protocol.model(resolveOptions(protocol, {})).witnesses ?? [];
  return goals.map((g) => g.name).filter((name) => !declared.has(name));
}
