/**
 * `npm run tlc:zoo [protocol...] [--variant NAME...]`: TLC on the TLA+
 * version of every bug-zoo variant (its `tlaVariant`), under the first quick
 * preset that catches the variant in the twin, and `golden/zoo.json`
 * rewritten from the results (for the protocols named, all by default; with
 * `--variant`, repeatable, only the variants of those names; every other
 * entry is kept as it was).
 * A TLC verdict that differs from the twin's is recorded as such, with a
 * note, and printed; `tla-twin zoo` then fails on it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type AnyModel, type AnyProtocol, type Preset, type VariantInfo, resolveOptions, tlcModelOf } from "../../../src/protocol.js";
import { protocols } from "../../../src/registry.js";
import { bfs } from "../../bfs.js";
import {
  type ZooGolden,
  type ZooTlcEntry,
  type ZooViolation,
  describeZooViolation,
  readZooGolden,
  runZoo,
  tlaVariantOf,
  zooGoldenCommand,
  zooGoldenPath,
  zooViolation,
} from "../../zoo.js";
import { cfgSections, normalizedCfg } from "../cfg.js";
import { presetCfgFile } from "../crosscheck.js";
import { findTlcTools } from "../tools.js";
import { SpecWorkdir } from "../workdir.js";
import { checkVariantWithTlc } from "../zoo-check.js";

const timeoutMs = 600_000;

/** A config's sections but SYMMETRY, normalised, for comparing a shipped config with the model's. */
function withoutSymmetry(cfg: string): string {
  return normalizedCfg(
    cfgSections(cfg)
      .filter((s) => s.keyword !== "SYMMETRY")
      .map((s) => `${s.keyword} ${s.body}`)
      .join("\n"),
  );
}

/**
 * Why TLC's verdict differs from the twin's, in one sentence for the file.
 * When the twin stops at something the TLC config does not check (a
 * refinement the model claims, say), the twin is searched again checking
 * only what the config checks, and the sentence says what it then finds.
 */
function explainDifference(
  protocol: AnyProtocol,
  variant: VariantInfo,
  preset: Preset,
  cfg: string,
  twin: ZooViolation,
  tlc: ZooViolation | null,
): string {
  const checked = checkedNames(cfg);
  const tlcText = tlc === null ? "TLC finds no violation" : `TLC stops at ${describeZooViolation(tlc)}`;
  if (twin.name !== null && !checked.includes(twin.name)) {
    const model = protocol.model(resolveOptions(protocol, preset.options), variant.name);
    const asTlc: AnyModel = {
      ...model,
      actionProperties: model.actionProperties.filter((p) => checked.includes(p.name)),
      refinement: model.refinement !== undefined && checked.includes(model.refinement.name) ? model.refinement : undefined,
    };
    const result = bfs(asTlc, { checkDeadlock: true, symmetry: preset.symmetry === true });
    const same = result.violation === null ? "no violation" : describeZooViolation(zooViolation(result.violation));
    return (
      `the twin stops at ${twin.name}, which the preset's TLC config does not check (it checks ${checked.join(", ")}); ` +
      `${tlcText}, and the twin checking only those finds ${same}`
    );
  }
  if (tlc === null) return `${tlcText}, the twin ${describeZooViolation(twin)}`;
  if (tlc.steps === twin.steps) {
    return `${tlcText} and the twin at ${twin.name ?? twin.kind} on behaviours of the same length: another state of that level, or the same state with the invariants checked in another order`;
  }
  return `TLC's shortest violation has ${tlc.steps} steps, the twin's ${twin.steps}: the two disagree on the variant's behaviours`;
}

/** The invariants and properties a config checks, in order. */
function checkedNames(cfg: string): string[] {
  return cfgSections(cfg)
    .filter((s) => /^(INVARIANTS?|PROPERTY|PROPERTIES)$/.test(s.keyword))
    .flatMap((s) => s.body.split(/\s+/).filter((n) => n !== ""));
}

async function main(args: readonly string[]): Promise<number> {
  const variantNames: string[] = [];
  const argv: string[] = [];
  for (let k = 0; k < args.length; k++) {
    if (args[k] === "--variant") {
      const name = args[++k];
      if (name === undefined) {
        console.error("tla-twin: --variant needs a variant's name");
        return 2;
      }
      variantNames.push(name);
    } else argv.push(args[k]!);
  }
  const unknown = argv.find((a) => !protocols.some((p) => p.name === a));
  if (unknown !== undefined) {
    console.error(`tla-twin: unknown protocol ${unknown} (protocols: ${protocols.map((p) => p.name).join(", ")})`);
    return 2;
  }
  const lookup = findTlcTools();
  if (!lookup.ok) {
    console.error(`tla-twin: cannot check the zoo with TLC: ${lookup.reason}`);
    return 1;
  }
  const chosen = argv.length === 0 ? protocols : protocols.filter((p) => argv.includes(p.name));
  const unknownVariant = variantNames.find((n) => !chosen.some((p) => p.variants.some((v) => v.name === n)));
  if (unknownVariant !== undefined) {
    console.error(`tla-twin: no variant ${unknownVariant} in ${chosen.map((p) => p.name).join(", ")}`);
    return 2;
  }
  const rows = runZoo({ protocols: chosen, golden: null, ...(variantNames.length === 0 ? {} : { variants: variantNames }) });
  const rerun = (e: ZooTlcEntry): boolean =>
    chosen.some((p) => p.name === e.protocol) && (variantNames.length === 0 || variantNames.includes(e.variant));
  const entries: ZooTlcEntry[] = [];
  const versions = new Set<string>();
  let failed = false;
  const workdir = new SpecWorkdir();
  try {
    for (const row of rows) {
      const protocol = chosen.find((p) => p.name === row.protocol)!;
      const variant = protocol.variants.find((v) => v.name === row.variant)!;
      const name = `${row.protocol} ${row.variant}`;
      const first = row.runs.find((r) => r.violation !== null);
      const tla = tlaVariantOf(protocol.name, variant);
      const skipped = (note: string): void => {
        entries.push({
          protocol: row.protocol,
          variant: row.variant,
          preset: null,
          module: tla?.module ?? null,
          overrides: tla?.overrides ?? [],
          cfg: null,
          ran: false,
          twin: null,
          tlc: null,
          agrees: false,
          note,
          cfgSha256: null,
          sources: {},
        });
        console.log(`${name}: not run (${note})`);
      };
      if (first === undefined) {
        skipped("no quick preset catches it in the twin");
        continue;
      }
      if (tla === undefined) {
        skipped("no TLA+ version of it yet (tlaVariant)");
        continue;
      }
      if (variant.breaks === protocol.model(resolveOptions(protocol, {})).refinement?.name) {
        skipped(`breaks ${variant.breaks}: TLC confirms it with the refinement as a PROPERTY in test/refinement/tlc.test.ts`);
        continue;
      }
      const preset = protocol.presets.find((p) => p.name === first.preset)!;
      const model = protocol.model(resolveOptions(protocol, preset.options));
      // The preset's shipped config (with SYMMETRY where the preset has symmetry), else the one the model writes.
      const cfgFile = presetCfgFile(protocol, preset.name);
      const baseCfg = cfgFile === undefined ? tlcModelOf(model).cfg : readFileSync(join(workdir.path, cfgFile), "utf8");
      if (withoutSymmetry(baseCfg) !== withoutSymmetry(tlcModelOf(model).cfg)) {
        console.log(`${name} (${preset.name}): FAILED: spec/${cfgFile} is not the config the twin gives TLC for the preset (tlcModel())`);
        failed = true;
        continue;
      }
      if ((preset.symmetry === true) !== cfgSections(baseCfg).some((s) => s.keyword === "SYMMETRY")) {
        console.log(`${name} (${preset.name}): FAILED: the preset's symmetry setting and its TLC config's SYMMETRY section disagree`);
        failed = true;
        continue;
      }
      const started = Date.now();
      const outcome = await checkVariantWithTlc(lookup.tools, workdir, model, variant, timeoutMs, baseCfg);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if ("failure" in outcome) {
        console.log(`${name} (${preset.name}): FAILED: ${outcome.failure}`);
        failed = true;
        continue;
      }
      if (outcome.version !== null) versions.add(outcome.version);
      const twin = first.violation!;
      const tlc = outcome.violation;
      const agrees = tlc !== null && tlc.kind === twin.kind && tlc.name === twin.name && tlc.steps === twin.steps;
      const note = agrees ? null : explainDifference(protocol, variant, preset, baseCfg, twin, tlc);
      entries.push({
        protocol: row.protocol,
        variant: row.variant,
        preset: preset.name,
        module: tla.module,
        overrides: tla.overrides,
        cfg: cfgFile ?? "written from the twin's tlcModel",
        ran: true,
        twin,
        tlc: tlc === null ? null : { ...tlc, distinctStates: outcome.distinctStates, statesGenerated: outcome.statesGenerated },
        agrees,
        note,
        cfgSha256: outcome.cfgSha256,
        // Hashes of the copies TLC read, so that a spec file edited during the run shows as changed.
        sources: Object.fromEntries(
          [...new Set([...outcome.sources, ...(cfgFile === undefined ? [] : [cfgFile])])]
            .sort()
            .map((f) => [f, createHash("sha256").update(readFileSync(join(workdir.path, f))).digest("hex")]),
        ),
      });
      console.log(
        `${name} (${preset.name}): TLC ${tlc === null ? "no violation" : describeZooViolation(tlc)}; twin ${describeZooViolation(twin)}: ` +
          `${agrees ? "agree" : `DIFFER (${note})`}; ${seconds} s`,
      );
    }
  } finally {
    workdir.remove();
  }
  if (versions.size > 1) {
    console.log(`FAILED: the runs report different TLC versions: ${[...versions].join(", ")}`);
    failed = true;
  }
  if (failed) {
    console.log("golden/zoo.json left as it was.");
    return 1;
  }
  const old = readZooGolden();
  const kept = (old?.variants ?? []).filter((e) => !rerun(e));
  const order = (e: ZooTlcEntry) => {
    const p = protocols.findIndex((x) => x.name === e.protocol);
    return p * 1000 + (protocols[p]?.variants.findIndex((v) => v.name === e.variant) ?? 999);
  };
  const golden: ZooGolden = {
    format: "tla-twin bug-zoo TLC results, version 1",
    generatedBy: zooGoldenCommand,
    tlcVersion: [...versions][0] ?? old?.tlcVersion ?? null,
    variants: [...kept, ...entries].sort((a, b) => order(a) - order(b)),
  };
  mkdirSync(dirname(zooGoldenPath()), { recursive: true });
  writeFileSync(zooGoldenPath(), JSON.stringify(golden, null, 2) + "\n");
  const differing = entries.filter((e) => e.tlc !== null && !e.agrees).length;
  console.log(`Wrote golden/zoo.json (${golden.variants.length} variants${differing > 0 ? `, ${differing} where TLC differs from the twin` : ""}).`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
