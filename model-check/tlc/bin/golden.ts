/**
 * `npm run tlc:golden [protocol...]`: runs TLC on every shipped preset
 * config and rewrites `golden/` and `spec/manifest.json` from its results.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { protocols } from "../../../src/registry.js";
import { type Manifest, type ManifestEntry, manifestEntry, readManifest } from "../../manifest.js";
import { specDir } from "../../project-root.js";
import { type CrossCheckTarget, cfgMismatch, collectTlcSide, defaultCrossCheckSettings } from "../crosscheck.js";
import { goldenCommand, readGolden, specFileSha256, writeGolden } from "../golden.js";
import { runTlc } from "../tlc-run.js";
import { confirmGoal } from "../witness-check.js";
import type { TlcTools } from "../tools.js";
import type { AnyModel, Preset } from "../../../src/protocol.js";
import type { TlcCounts } from "../../manifest.js";
import { basename } from "node:path";
import { shippedPresets } from "../targets.js";
import { findTlcTools } from "../tools.js";
import { SpecWorkdir } from "../workdir.js";
import { tlcModelOf } from "../../../src/protocol.js";

async function main(args: readonly string[]): Promise<number> {
  let argv = args;
  const lookup = findTlcTools();
  if (!lookup.ok) {
    console.error(`tla-twin: cannot make golden results without TLC: ${lookup.reason}`);
    return 1;
  }
  // --witnesses-only: confirm the presets' witness goals with TLC and record them, keeping the golden files as they are.
  const witnessesOnly = argv.includes("--witnesses-only");
  argv = argv.filter((a) => a !== "--witnesses-only");
  // Each argument is a protocol (all its presets) or protocol/preset (one preset).
  const wanted = argv.map((a) => {
    const [protocol, preset] = a.split("/");
    return { protocol: protocol!, preset };
  });
  const unknown = wanted.find(
    (w) => !protocols.some((p) => p.name === w.protocol && (w.preset === undefined || p.presets.some((x) => x.name === w.preset))),
  );
  if (unknown !== undefined) {
    console.error(
      `tla-twin: unknown protocol or preset ${unknown.preset === undefined ? unknown.protocol : `${unknown.protocol}/${unknown.preset}`} ` +
        `(give protocols or protocol/preset; protocols: ${protocols.map((p) => p.name).join(", ")})`,
    );
    return 2;
  }
  const chosen = argv.length === 0 ? protocols : protocols.filter((p) => wanted.some((w) => w.protocol === p.name));
  const isWanted = (protocol: string, preset: string | undefined) =>
    argv.length === 0 || wanted.some((w) => w.protocol === protocol && (w.preset === undefined || w.preset === preset));
  const entries: ManifestEntry[] = [];
  const versions = new Set<string>();
  let failed = false;
  let totalBytes = 0;
  for (const { target, cfg, notCrossChecked } of shippedPresets(chosen)) {
    if (!isWanted(target.protocol.name, target.preset)) continue;
    const name = `${target.protocol.name} ${target.preset}`;
    if (notCrossChecked !== undefined) {
      console.log(`${name}: not cross-checked (${notCrossChecked}); skipped`);
      continue;
    }
    if (cfg === undefined) {
      console.log(`${name}: no config in spec/ (neither a manifest entry nor ${tlcModelOf(target.model).module}_${target.preset}.cfg); skipped`);
      continue;
    }
    const mismatch = cfgMismatch(target.model, cfg, target.protocol.presets.find((p) => p.name === target.preset)?.symmetry === true);
    if (mismatch !== undefined) {
      console.log(`${name}: FAILED: ${mismatch}`);
      failed = true;
      continue;
    }
    const workdir = new SpecWorkdir();
    const timings: Record<string, number> = {};
    const preset = target.protocol.presets.find((p) => p.name === target.preset)!;
    try {
      const goals = await confirmPresetGoals(lookup.tools, workdir, target.model, preset.witnesses ?? [], timings);
      if ("failure" in goals) {
        console.log(`${name}: FAILED: ${goals.failure}`);
        failed = true;
        continue;
      }
      if (witnessesOnly) {
        const old = manifestEntry(readManifest(), target.protocol.name, target.preset!);
        if (old === undefined) {
          console.log(`${name}: FAILED: no manifest entry to add witnesses to (run without --witnesses-only)`);
          failed = true;
          continue;
        }
        const golden = readGolden(target.protocol.name, target.preset!);
        const recorded = Object.keys(old.sources ?? golden?.sources ?? {}).filter((f) => !f.endsWith("Goals.tla"));
        entries.push({
          ...old,
          ...(goals.steps === undefined ? {} : { witnesses: goals.steps }),
          sources: sourceHashes([...recorded, cfg, ...goalFiles(target.model, preset)]),
        });
        console.log(`${name}: witnesses ${JSON.stringify(goals.steps ?? {})}; ${describeTimes(timings)}`);
        continue;
      }
      if (preset.symmetry === true) {
        // TLC keeps the first state of each orbit it meets, the twin a canonical one: only counts and witnesses compare.
        const counted = await countOnly(lookup.tools, workdir, tlcModelOf(target.model).module, cfg, timings);
        if ("failure" in counted) {
          console.log(`${name}: FAILED: ${counted.failure}`);
          failed = true;
          continue;
        }
        if (counted.version !== undefined) versions.add(counted.version);
        entries.push(recordedEntry(target, cfg, preset, counted.counts, counted.sources, goals.steps));
        console.log(
          `${name}: ${counted.counts.distinctStates} distinct, ${counted.counts.statesGenerated} generated, depth ${counted.counts.depth} ` +
            `(orbits, TLC SYMMETRY: counts and witnesses only, no golden files); ${describeTimes(timings)}`,
        );
        continue;
      }
      const { side, failures } = await collectTlcSide(lookup.tools, workdir, target.model, cfg, defaultCrossCheckSettings, timings);
      if (side === undefined) {
        console.log(`${name}: FAILED: ${(failures.graph ?? failures.dump ?? failures.simulation)?.message}`);
        failed = true;
        continue;
      }
      if (side.version !== null) versions.add(side.version);
      const written = writeGolden(
        { protocol: target.protocol.name, preset: target.preset!, options: target.options, module: tlcModelOf(target.model).module },
        side,
        defaultCrossCheckSettings,
      );
      const bytes = written.reduce((n, w) => n + w.bytes, 0);
      totalBytes += bytes;
      entries.push(recordedEntry(target, cfg, preset, side.counts, side.sources, goals.steps));
      const times = describeTimes(timings);
      console.log(
        `${name}: ${side.counts.distinctStates} distinct, ${side.counts.statesGenerated} generated, depth ${side.counts.depth}; ` +
          `golden ${(bytes / 1024).toFixed(1)} KiB in ${written.length} files; ${times}`,
      );
    } finally {
      workdir.remove();
    }
  }
  if (versions.size > 1) {
    console.log(`FAILED: the runs report different TLC versions: ${[...versions].join(", ")}`);
    failed = true;
  }
  if (failed && entries.length === 0) {
    console.log("No golden results made; spec/manifest.json left as it was.");
    return 1;
  }
  const old = readManifest();
  const regenerated = new Set(entries.map((e) => `${e.protocol}/${e.preset}`));
  // Presets the bridge does not cross-check keep whatever TLC figures were recorded for them by hand.
  const keepAsIs = (m: ManifestEntry) => chosen.find((p) => p.name === m.protocol)?.presets.find((x) => x.name === m.preset)?.notCrossChecked !== undefined;
  const kept = old.models.filter(
    (m) => !regenerated.has(`${m.protocol}/${m.preset}`) && (!isWanted(m.protocol, m.preset) || keepAsIs(m)),
  );
  const order = (e: ManifestEntry) => {
    const p = protocols.findIndex((x) => x.name === e.protocol);
    return p * 1000 + (protocols[p]?.presets.findIndex((x) => x.name === e.preset) ?? 999);
  };
  const manifest: Manifest = {
    tlcVersion: witnessesOnly ? old.tlcVersion : ([...versions][0] ?? old.tlcVersion),
    generatedBy: goldenCommand,
    models: [...kept, ...entries].sort((a, b) => order(a) - order(b)),
  };
  writeFileSync(join(specDir(), "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log(`Wrote golden/ (${(totalBytes / 1024).toFixed(1)} KiB) and spec/manifest.json (${manifest.models.length} configs).`);
  if (failed) {
    // What succeeded is kept, so that one failed config does not cost the runs of the others.
    console.log(`Golden results not complete: ${entries.length} configs recorded, the failed ones keep their old entries (see FAILED above).`);
    return 1;
  }
  return 0;
}

/** The manifest entry for a preset: TLC's counts and witnesses, and the hashes of what TLC read for them. */
function recordedEntry(
  target: CrossCheckTarget,
  cfg: string,
  preset: Preset,
  counts: TlcCounts,
  sources: readonly string[],
  witnesses: Record<string, number> | undefined,
): ManifestEntry {
  return {
    protocol: target.protocol.name,
    preset: target.preset!,
    options: target.options,
    module: tlcModelOf(target.model).module,
    cfg,
    tlc: { distinctStates: counts.distinctStates, statesGenerated: counts.statesGenerated, depth: counts.depth },
    ...(witnesses === undefined ? {} : { witnesses }),
    sources: sourceHashes([...sources, cfg, ...goalFiles(target.model, preset)]),
  };
}

/** The goals module, when the preset's witnesses were confirmed with it. */
function goalFiles(model: AnyModel, preset: Preset): string[] {
  const goals = tlcModelOf(model).goalsModule;
  return (preset.witnesses ?? []).length > 0 && goals !== undefined ? [`${goals}.tla`] : [];
}

function describeTimes(timings: Record<string, number>): string {
  return Object.entries(timings)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(", ");
}

/** SHA-256 of each named file of spec/, by name. */
function sourceHashes(files: readonly string[]): Record<string, string> {
  return Object.fromEntries([...new Set(files)].sort().map((f) => [f, specFileSha256(f)]));
}

/** TLC's confirmation of each goal a preset declares: the steps of its shortest witness, by goal. */
async function confirmPresetGoals(
  tools: TlcTools,
  workdir: SpecWorkdir,
  model: AnyModel,
  names: readonly string[],
  timings: Record<string, number>,
): Promise<{ readonly steps: Record<string, number> | undefined } | { readonly failure: string }> {
  if (names.length === 0) return { steps: undefined };
  const steps: Record<string, number> = {};
  const started = Date.now();
  for (const name of names) {
    const goal = (model.witnesses ?? []).find((w) => w.name === name);
    if (goal === undefined) return { failure: `the preset declares the goal ${name}, which the model does not have` };
    const outcome = await confirmGoal(tools, workdir, model, goal, defaultCrossCheckSettings.timeoutMs);
    if ("failure" in outcome) return { failure: `witness ${name}: ${outcome.failure}` };
    steps[name] = outcome.steps;
  }
  timings[`tlc: ${names.length} witness goals`] = Date.now() - started;
  return { steps };
}

/** One plain TLC run of a config: its counts, the spec files it read and its version. */
async function countOnly(
  tools: TlcTools,
  workdir: SpecWorkdir,
  module: string,
  cfg: string,
  timings: Record<string, number>,
): Promise<{ counts: TlcCounts; sources: string[]; version: string | undefined } | { failure: string }> {
  const run = await runTlc(tools, workdir, { module, cfg, workers: 1, timeoutMs: defaultCrossCheckSettings.timeoutMs });
  timings["tlc: counts (-workers 1)"] = run.run.durationMs;
  if (run.failure !== undefined) return { failure: run.failure };
  if (run.report.violation !== undefined) return { failure: `TLC reports ${run.report.violation.kind} ${run.report.violation.name ?? ""} violated` };
  const { counts, depth } = run.report;
  if (counts === undefined || depth === undefined) return { failure: "TLC printed no final counts" };
  const sources = run.report.parsedFiles.filter((f) => workdir.holds(f)).map((f) => basename(f));
  return { counts: { distinctStates: counts.distinctStates, statesGenerated: counts.statesGenerated, depth }, sources, version: run.report.version };
}

process.exitCode = await main(process.argv.slice(2));
