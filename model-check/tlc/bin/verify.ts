/**
 * `npm run verify:tlc [protocol [preset...]]`: every live cross-check there
 * is. SANY on every spec, the cross-checks (a)-(e) on every shipped preset
 * config, and TLC on every other config in spec/ (such as the refinement
 * check TwoPhase_refines_TCommit.cfg), which must find no error. Fails when
 * TLC is missing.
 *
 * @module
 */
import { readdirSync } from "node:fs";
import { protocols } from "../../../src/registry.js";
import { specDir } from "../../project-root.js";
import { crossCheck, defaultCrossCheckSettings } from "../crosscheck.js";
import { formatReport } from "../report-text.js";
import { runSany, runTlc } from "../tlc-run.js";
import { shippedPresets } from "../targets.js";
import { findTlcTools } from "../tools.js";
import { SpecWorkdir } from "../workdir.js";

async function main(argv: readonly string[]): Promise<number> {
  const lookup = findTlcTools();
  if (!lookup.ok) {
    console.error(`verify:tlc needs TLC: ${lookup.reason}`);
    return 1;
  }
  const [protocolName, ...presetNames] = argv;
  if (protocolName !== undefined && !protocols.some((p) => p.name === protocolName)) {
    console.error(`verify:tlc: unknown protocol ${protocolName} (known: ${protocols.map((p) => p.name).join(", ")})`);
    return 2;
  }
  const tools = lookup.tools;
  const summary: string[] = [];
  let failed = false;
  const note = (ok: boolean, what: string, ms: number) => {
    failed ||= !ok;
    summary.push(`${ok ? "ok    " : "FAILED"} ${what.padEnd(48)} ${(ms / 1000).toFixed(1).padStart(7)} s`);
  };

  const workdir = new SpecWorkdir();
  try {
    const specs = readdirSync(specDir()).filter((f) => f.endsWith(".tla")).sort();
    for (const file of specs) {
      const started = Date.now();
      const problem = await runSany(tools, workdir, file, 120_000);
      if (problem !== undefined) console.log(problem);
      note(problem === undefined, `SANY ${file}`, Date.now() - started);
    }

    const presets = shippedPresets(protocolName === undefined ? protocols : protocols.filter((p) => p.name === protocolName)).filter(
      (p) => presetNames.length === 0 || presetNames.includes(p.target.preset!),
    );
    const presetCfgs = new Set(shippedPresets().flatMap((p) => (p.cfg === undefined ? [] : [p.cfg])));
    for (const { target, cfg, notCrossChecked } of presets) {
      if (notCrossChecked !== undefined) {
        console.log(`${target.protocol.name} ${target.preset}: not cross-checked (${notCrossChecked})`);
        continue;
      }
      if (cfg === undefined) {
        console.log(`${target.protocol.name} ${target.preset}: no config in spec/, not cross-checked`);
        continue;
      }
      const started = Date.now();
      const report = await crossCheck(tools, target, defaultCrossCheckSettings);
      console.log(formatReport(report) + "\n");
      note(report.ok, `cross-check ${target.protocol.name} ${target.preset}`, Date.now() - started);
    }

    if (protocolName === undefined) {
      const others = readdirSync(specDir())
        .filter((f) => f.endsWith(".cfg") && !presetCfgs.has(f))
        .sort();
      for (const cfg of others) {
        const module = cfg.replace(/\.cfg$/, "").split("_")[0]!;
        const outcome = await runTlc(tools, workdir, { module, cfg, workers: 1, timeoutMs: defaultCrossCheckSettings.timeoutMs });
        const ok = outcome.failure === undefined && outcome.report.violation === undefined && outcome.report.noErrorFound;
        const counts = outcome.report.counts;
        console.log(
          `TLC ${module}.tla with ${cfg}: ${ok ? "no error" : outcome.failure ?? `${outcome.report.violation?.kind} ${outcome.report.violation?.name ?? ""}`}` +
            (counts ? ` (${counts.distinctStates} distinct states, ${counts.statesGenerated} generated)` : ""),
        );
        note(ok, `TLC ${cfg}`, outcome.run.durationMs);
      }
    }
  } finally {
    workdir.remove();
  }
  console.log(["", "verify:tlc summary:", ...summary].join("\n"));
  console.log(failed ? "verify:tlc FAILED." : "verify:tlc passed.");
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
