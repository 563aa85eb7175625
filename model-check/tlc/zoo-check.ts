/**
 * TLC's side of the bug zoo: a variant's TLA+ version checked under a
 * preset. The config is the preset's own (the model's `tlcModel().cfg`,
 * invariants in the same order) with the variant's definition overrides
 * (`Phase2a <- IgnoreReportedValues_Phase2a`) added to its constant
 * section, and the root module is the variant's zoo module, which extends
 * the preset's root module. The protocol spec itself is untouched: TLC
 * puts the wrong operator wherever the spec uses the right one.
 *
 * TLC runs with one worker, so its breadth-first search reports a shortest
 * counterexample: its number of steps (states in the trace minus one) must
 * be the twin's.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { AnyModel, VariantInfo } from "../../src/protocol.js";
import { type ZooViolation, tlaVariantOf } from "../zoo.js";
import { specDir } from "../project-root.js";
import { cfgSections } from "./cfg.js";
import { runTlc } from "./tlc-run.js";
import type { TlcTools } from "./tools.js";
import type { SpecWorkdir } from "./workdir.js";
import { tlcModelOf } from "../../src/protocol.js";

/** The module and config text of one zoo run. */
export interface ZooJob {
  readonly module: string;
  readonly cfg: string;
  /** A wrapper module to write beside the config, when the root module is one (see {@link zooJob}). */
  readonly moduleText?: string;
}

/** Whether spec/<module>.tla names `parent` in its EXTENDS line. */
function extendsModule(module: string, parent: string): boolean {
  const text = readFileSync(join(specDir(), `${module}.tla`), "utf8");
  const line = /^EXTENDS\s+(.*)$/m.exec(text);
  return line !== null && line[1]!.split(",").some((name) => name.trim() === parent);
}

/**
 * The job for `variant` under a preset: `baseCfg` is the preset's config
 * (its shipped `.cfg` in spec/, which has `SYMMETRY` where the preset
 * searches with symmetry), by default the one `model` writes. Throws when
 * the variant has no TLA+ version; a bug, since callers pick variants that
 * have one.
 */
export function zooJob(model: AnyModel, variant: VariantInfo, baseCfg: string = tlcModelOf(model).cfg): ZooJob {
  const tla = tlaVariantOf(model.protocol, variant);
  if (tla === undefined) throw new Error(`variant ${variant.name} has no tlaVariant`);
  const sections = cfgSections(baseCfg);
  const constants = sections.findIndex((s) => s.keyword.startsWith("CONSTANT"));
  const overrides = tla.overrides.join("\n  ");
  const lines = sections.map((s, i) => `${s.keyword}\n  ${s.body}${i === constants ? `\n  ${overrides}` : ""}`);
  if (constants === -1) lines.unshift(`CONSTANTS\n  ${overrides}`);
  const header = `\\* Written by tla-twin for the bug zoo: variant ${variant.name} of ${model.configLabel}, in ${tla.module}.tla.`;
  const cfg = [header, ...lines, ""].join("\n");
  // A preset whose root module is not the one the zoo module extends (Raft's
  // figure37 starts in MCRaftFigure37) gets a module that extends both.
  const root = tlcModelOf(model).module;
  if (root === tla.module || extendsModule(tla.module, root)) return { module: tla.module, cfg };
  const module = `TwinZoo_${tla.module}_${root}`;
  const moduleText = [`---- MODULE ${module} ----`, `\\* Written by tla-twin for the bug zoo: ${tla.module} under ${root}'s config.`, `EXTENDS ${tla.module}, ${root}`, "====", ""].join("\n");
  return { module, cfg, moduleText };
}

/** What TLC said of a variant: what it stopped at (if anything), with its counts, or why the run failed. */
export type ZooTlcOutcome =
  | {
      /** What TLC stopped at, or null when it checked the whole state space and found nothing. */
      readonly violation: ZooViolation | null;
      readonly distinctStates: number | null;
      readonly statesGenerated: number | null;
      readonly version: string | null;
      /** The files of the work folder (copies of spec/) that TLC read. */
      readonly sources: readonly string[];
      readonly cfgSha256: string;
    }
  | { readonly failure: string };

/** Runs TLC (one worker) on a variant under a preset and reads the violation it reports. */
export async function checkVariantWithTlc(
  tools: TlcTools,
  workdir: SpecWorkdir,
  model: AnyModel,
  variant: VariantInfo,
  timeoutMs: number,
  baseCfg?: string,
): Promise<ZooTlcOutcome> {
  const job = zooJob(model, variant, baseCfg);
  if (job.moduleText !== undefined) workdir.write(`${job.module}.tla`, job.moduleText);
  const cfgName = workdir.write(`Zoo_${variant.name}.cfg`, job.cfg);
  const outcome = await runTlc(tools, workdir, { module: job.module, cfg: cfgName, workers: 1, timeoutMs });
  if (outcome.failure !== undefined) return { failure: outcome.failure };
  const violation = outcome.report.violation;
  if (violation === undefined && !outcome.report.noErrorFound) return { failure: "TLC reported neither a violation nor a complete search" };
  if (violation?.kind === "temporal-property") return { failure: `TLC reports a temporal property violated (${violation.name ?? "?"}), which the twin does not check` };
  const counts = outcome.report.counts;
  return {
    violation: violation === undefined ? null : { kind: violation.kind, name: violation.name, steps: violation.trace.length - 1 },
    distinctStates: counts?.distinctStates ?? null,
    statesGenerated: counts?.statesGenerated ?? null,
    version: outcome.report.version ?? null,
    sources: [...new Set(outcome.report.parsedFiles.filter((f) => workdir.holds(f)).map((f) => basename(f)))].sort(),
    cfgSha256: createHash("sha256").update(job.cfg).digest("hex"),
  };
}
