/**
 * The TLC configs that confirm the refinement checks: the shipped
 * `spec/PaxosRefinesVoting_a3v2b1.cfg`, and for each variant the same
 * constants with the variant's definition override (its `tlaVariant`) put
 * in, so that TLC checks the variant's TLA+ version against the refinement
 * property. Variant configs are written into a copy of spec/ only: a `.cfg`
 * in spec/ must pass (`npm run verify:tlc` runs every one).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { specDir } from "../../model-check/project-root.js";
import type { VariantInfo } from "../../src/protocol.js";
import { twoPhaseTlcConfig } from "../../src/twophase/index.js";

/** A config with the variant's overrides added at the end of its CONSTANT(S) section. */
function withOverrides(cfg: string, overrides: readonly string[]): string {
  const lines = cfg.split("\n");
  let at = lines.findIndex((l) => /^CONSTANTS?\b/.test(l));
  if (at === -1) throw new Error("config has no CONSTANT section");
  while (at + 1 < lines.length && /^(\s+\S|CONSTANTS?\b)/.test(lines[at + 1]!)) at++;
  lines.splice(at + 1, 0, ...overrides.map((o) => `CONSTANT ${o}`));
  return lines.join("\n");
}

/** 2PC with `rmCount` RMs, its invariants, and PROPERTY RefinesTCommit (unless `property` is false). */
export function twoPhaseRefinementCfg(rmCount: number, variant?: VariantInfo, property = true): string {
  const base = twoPhaseTlcConfig(rmCount) + (property ? "PROPERTY RefinesTCommit\n" : "");
  return variant === undefined ? base : withOverrides(base, variant.tlaVariant!.overrides);
}

/** The shipped PaxosRefinesVoting_a3v2b1.cfg, with the variant's overrides. */
export function paxosRefinementCfg(variant?: VariantInfo): string {
  const base = readFileSync(join(specDir(), "PaxosRefinesVoting_a3v2b1.cfg"), "utf8");
  return variant === undefined ? base : withOverrides(base, variant.tlaVariant!.overrides);
}

/** MCPaxos_a3v2b1.cfg (invariants, no refinement property), with the variant's overrides. */
export function paxosInvariantsCfg(variant: VariantInfo): string {
  return withOverrides(readFileSync(join(specDir(), "MCPaxos_a3v2b1.cfg"), "utf8"), variant.tlaVariant!.overrides);
}
