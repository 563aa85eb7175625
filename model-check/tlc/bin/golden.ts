/**
 * `npm run tlc:golden [protocol...]`: runs TLC on every shipped preset
 * config and rewrites `golden/` and `spec/manifest.json` from its results.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { protocols } from "../../../src/registry.js";
import { type Manifest, type ManifestEntry, readManifest } from "../../manifest.js";
import { specDir } from "../../project-root.js";
import { cfgMismatch, collectTlcSide, defaultCrossCheckSettings } from "../crosscheck.js";
import { goldenCommand, writeGolden } from "../golden.js";
import { shippedPresets } from "../targets.js";
import { findTlcTools } from "../tools.js";
import { SpecWorkdir } from "../workdir.js";

function main(argv: readonly string[]): number {
  const lookup = findTlcTools();
  if (!lookup.ok) {
    console.error(`tla-twin: cannot make golden results without TLC: ${lookup.reason}`);
    return 1;
  }
  const unknown = argv.filter((a) => !protocols.some((p) => p.name === a));
  if (unknown.length > 0) {
    console.error(`tla-twin: unknown protocol ${unknown[0]} (known: ${protocols.map((p) => p.name).join(", ")})`);
    return 2;
  }
  const chosen = argv.length === 0 ? protocols : protocols.filter((p) => argv.includes(p.name));
  const entries: ManifestEntry[] = [];
  const versions = new Set<string>();
  let failed = false;
  let totalBytes = 0;
  for (const { target, cfg, notCrossChecked } of shippedPresets(chosen)) {
    const name = `${target.protocol.name} ${target.preset}`;
    if (notCrossChecked !== undefined) {
      console.log(`${name}: not cross-checked (${notCrossChecked}); skipped`);
      continue;
    }
    if (cfg === undefined) {
      console.log(`${name}: no config in spec/ (neither a manifest entry nor ${target.model.tlcModel().module}_${target.preset}.cfg); skipped`);
      continue;
    }
    const mismatch = cfgMismatch(target.model, cfg);
    if (mismatch !== undefined) {
      console.log(`${name}: FAILED: ${mismatch}`);
      failed = true;
      continue;
    }
    const workdir = new SpecWorkdir();
    const timings: Record<string, number> = {};
    try {
      const { side, failures } = collectTlcSide(lookup.tools, workdir, target.model, cfg, defaultCrossCheckSettings, timings);
      if (side === undefined) {
        console.log(`${name}: FAILED: ${failures.graph ?? failures.dump ?? failures.simulation}`);
        failed = true;
        continue;
      }
      if (side.version !== null) versions.add(side.version);
      const written = writeGolden(
        { protocol: target.protocol.name, preset: target.preset!, options: target.options, module: target.model.tlcModel().module },
        side,
        defaultCrossCheckSettings,
      );
      const bytes = written.reduce((n, w) => n + w.bytes, 0);
      totalBytes += bytes;
      entries.push({
        protocol: target.protocol.name,
        preset: target.preset!,
        options: target.options,
        module: target.model.tlcModel().module,
        cfg,
        tlc: side.counts,
      });
      const times = Object.entries(timings)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(", ");
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
  if (failed) {
    console.log("Golden results not complete; spec/manifest.json left as it was.");
    return 1;
  }
  const old = readManifest();
  const regenerated = new Set(entries.map((e) => `${e.protocol}/${e.preset}`));
  // Presets the bridge does not cross-check keep whatever TLC figures were recorded for them by hand.
  const keepAsIs = (m: ManifestEntry) => chosen.find((p) => p.name === m.protocol)?.presets.find((x) => x.name === m.preset)?.notCrossChecked !== undefined;
  const kept = old.models.filter((m) => !regenerated.has(`${m.protocol}/${m.preset}`) && (!chosen.some((p) => p.name === m.protocol) || keepAsIs(m)));
  const order = (e: ManifestEntry) => {
    const p = protocols.findIndex((x) => x.name === e.protocol);
    return p * 1000 + (protocols[p]?.presets.findIndex((x) => x.name === e.preset) ?? 999);
  };
  const manifest: Manifest = {
    tlcVersion: [...versions][0] ?? old.tlcVersion,
    generatedBy: goldenCommand,
    models: [...kept, ...entries].sort((a, b) => order(a) - order(b)),
  };
  writeFileSync(join(specDir(), "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  console.log(`Wrote golden/ (${(totalBytes / 1024).toFixed(1)} KiB) and spec/manifest.json (${manifest.models.length} configs).`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
