/**
 * The zoo against a live TLC: a Paxos variant's TLA+ version rerun under
 * its preset must give what golden/zoo.json records, and the reason the
 * non-intersecting-quorums variant overrides three operators instead of the
 * constant Quorum: with `Quorum <- SingletonQuorums` TLC stops at Paxos's
 * ASSUME QuorumAssumption and checks nothing. Skipped, with one line saying
 * why, when Java or tla2tools.jar is missing; `npm run tlc:zoo` reruns them all.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { specDir } from "../../model-check/project-root.js";
import { runTlc } from "../../model-check/tlc/tlc-run.js";
import { findTlcTools } from "../../model-check/tlc/tools.js";
import { SpecWorkdir } from "../../model-check/tlc/workdir.js";
import { checkVariantWithTlc } from "../../model-check/tlc/zoo-check.js";
import { readZooGolden } from "../../model-check/zoo.js";
import { paxos } from "../../src/paxos/index.js";
import { resolveOptions, tlcModelOf } from "../../src/protocol.js";

const lookup = findTlcTools();
if (!lookup.ok) console.log(`Live TLC zoo checks skipped: ${lookup.reason}`);

describe.skipIf(!lookup.ok)("the zoo with a live TLC", () => {
  const tools = lookup.ok ? lookup.tools : undefined!;
  const model = paxos.model(resolveOptions(paxos, paxos.presets.find((p) => p.name === "a3v2b1")!.options));

  it("TLC on ignore-reported-values under a3v2b1 reports Msg2aSafe at 9 steps, as golden/zoo.json records", async () => {
    const variant = paxos.variants.find((v) => v.name === "ignore-reported-values")!;
    const recorded = readZooGolden()!.variants.find((e) => e.protocol === "paxos" && e.variant === variant.name)!;
    const workdir = new SpecWorkdir();
    try {
      // The preset's shipped config, as npm run tlc:zoo reads it.
      const cfg = readFileSync(join(specDir(), recorded.cfg!), "utf8");
      const outcome = await checkVariantWithTlc(tools, workdir, model, variant, 120_000, cfg);
      if ("failure" in outcome) throw new Error(outcome.failure);
      // Msg2aSafe at 9 steps: the twin's figure (docs/paxos.md, test/paxos/variants.test.ts).
      expect(outcome.violation).toEqual({ kind: "invariant", name: "Msg2aSafe", steps: 9 });
      expect(recorded.preset).toBe("a3v2b1");
      expect(recorded.tlc).toEqual({ ...outcome.violation, distinctStates: outcome.distinctStates, statesGenerated: outcome.statesGenerated });
      expect([...outcome.sources, recorded.cfg].sort()).toEqual(Object.keys(recorded.sources));
      expect(outcome.cfgSha256).toBe(recorded.cfgSha256);
    } finally {
      workdir.remove();
    }
  });

  it("TLC refuses Quorum <- SingletonQuorums: Paxos's QuorumAssumption is false, so nothing is checked", async () => {
    const workdir = new SpecWorkdir();
    try {
      const cfg = tlcModelOf(model).cfg.replace("Quorum <- Majorities", "Quorum <- SingletonQuorums");
      expect(cfg).toContain("Quorum <- SingletonQuorums");
      workdir.write("Zoo_constant_quorum.cfg", cfg);
      const outcome = await runTlc(tools, workdir, { module: "PaxosZoo", cfg: "Zoo_constant_quorum.cfg", workers: 1, timeoutMs: 120_000 });
      expect(outcome.report.violation).toBeUndefined();
      expect(outcome.failure).toMatch(/Assumption line \d+, col \d+ to line \d+, col \d+ of module Paxos is false/);
    } finally {
      workdir.remove();
    }
  });
});
