/**
 * The 2PC model as a whole: the model contract on small configs, and the
 * checker's counts against TLC's figures in spec/manifest.json (each produced
 * by TLC on spec/TwoPhase.tla with the preset's TwoPhase_rm<N>.cfg).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { readManifest } from "../../model-check/manifest.js";
import { specDir } from "../../model-check/project-root.js";
import { resolveOptions, tlcModelOf } from "../../src/protocol.js";
import { twoPhase, twoPhaseModel } from "../../src/twophase/index.js";
import { itConformsToTheModelContract } from "../support/model-conformance.js";

describe.each([1, 2, 3, 4])("2PC with %i RMs follows the model contract", (rmCount) => {
  itConformsToTheModelContract(() => twoPhaseModel({ rmCount }));
});

describe("2PC counts equal TLC's (spec/manifest.json)", () => {
  const entries = readManifest().models.filter((m) => m.protocol === "twophase");

  it("has TLC figures for RM = 3..8", () => {
    expect(entries.map((e) => e.preset).sort()).toEqual(["rm3", "rm4", "rm5", "rm6", "rm7", "rm8"]);
  });

  for (const entry of entries.filter((e) => twoPhase.presets.find((p) => p.name === e.preset)?.quick)) {
    it(`${entry.preset}: ${entry.tlc.distinctStates} distinct, ${entry.tlc.statesGenerated} generated, depth ${entry.tlc.depth}`, () => {
      const result = bfs(twoPhase.model(resolveOptions(twoPhase, entry.options)), { checkDeadlock: true });
      expect(result.violation).toBeNull();
      expect({ distinctStates: result.distinctStates, statesGenerated: result.statesGenerated, depth: result.depth }).toEqual(
        entry.tlc,
      );
    });
  }

  it("each shipped .cfg is exactly the config the model gives TLC", () => {
    for (const entry of entries) {
      const model = twoPhase.model(resolveOptions(twoPhase, entry.options));
      expect(readFileSync(join(specDir(), entry.cfg), "utf8")).toBe(tlcModelOf(model).cfg);
      expect(tlcModelOf(model).module).toBe(entry.module);
    }
  });
});
