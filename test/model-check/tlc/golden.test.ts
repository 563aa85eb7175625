/**
 * Every twin against TLC's golden results (golden/, made by
 * `npm run tlc:golden` from TLC runs of the shipped spec/*.cfg files): the
 * spec files must be the ones TLC read, the manifest must carry the same
 * counts, and the twin must agree with TLC on (a) counts, (b) reachable
 * states, (c) transitions and (d) TLC's random behaviours. Runs without Java
 * or TLC. Presets that are not part of the quick CI run are compared only
 * with TLA_TWIN_GOLDEN_ALL=1 (see README).
 */
import { describe, expect, it } from "vitest";
import { manifestEntry, readManifest } from "../../../model-check/manifest.js";
import { crossCheckCommand } from "../../../model-check/tlc/crosscheck.js";
import { checkGoldenSources, compareWithGolden, goldenCommand, readGolden } from "../../../model-check/tlc/golden.js";
import { formatChecks } from "../../../model-check/tlc/report-text.js";
import { shippedPresets } from "../../../model-check/tlc/targets.js";
import { twoPhase } from "../../../src/twophase/index.js";
import { twoPhaseWithWrongAbort } from "../../support/broken-twophase.js";

const all = process.env["TLA_TWIN_GOLDEN_ALL"] === "1";
/** Raft small's comparison (11.0 million transitions, 22.8 million generated) takes about four minutes on two cores. */
const slowPresetTimeoutMs = 30 * 60 * 1000;

for (const { target, cfg, quick, notCrossChecked } of shippedPresets()) {
  const name = `${target.protocol.name} ${target.preset}`;
  describe(`${name} against TLC's golden results`, () => {
    if (notCrossChecked !== undefined) {
      it.skip(`is not cross-checked (${notCrossChecked}), so has no golden results`, () => {});
      return;
    }
    if (cfg === undefined) {
      it.skip(`has no TLC config in spec/, so no golden results`, () => {});
      return;
    }
    if (target.protocol.presets.find((p) => p.name === target.preset)?.symmetry === true) {
      // TLC keeps the first state of each orbit it meets, the twin a canonical representative: the state
      // sets differ by design, so `npm run check` compares the recorded orbit counts and witness depths.
      it.skip("is searched with symmetry: TLC's counts and witnesses are in spec/manifest.json, compared by npm run check", () => {});
      return;
    }
    const golden = readGolden(target.protocol.name, target.preset!);

    it("has golden results", () => {
      expect(golden, `no golden/${target.protocol.name}/${target.preset}.json: run ${goldenCommand}`).toBeDefined();
    });
    if (golden === undefined) return;

    it("was made from the spec files and config as they are now", () => {
      const outcome = checkGoldenSources(golden);
      expect(outcome.ok, outcome.details.join("\n")).toBe(true);
      expect(golden.cfg).toBe(cfg);
    });

    it("agrees with spec/manifest.json", () => {
      expect(manifestEntry(readManifest(), target.protocol.name, target.preset!)?.tlc).toEqual(golden.counts);
    });

    it.skipIf(!quick && !all)(`the twin agrees with TLC: counts, states, transitions, TLC's behaviours${quick || all ? "" : " (slow preset: TLA_TWIN_GOLDEN_ALL=1)"}`, () => {
      const checks = compareWithGolden(target.model, golden, crossCheckCommand(target));
      expect(checks.map((c) => c.id)).toEqual(["a", "b", "c", "d"]);
      expect(checks.every((c) => c.ok), formatChecks(checks)).toBe(true);
    }, slowPresetTimeoutMs);
  });
}

describe("a twin with one wrong transition fails against the golden results", () => {
  const golden = readGolden("twophase", "rm3")!;
  const checks = compareWithGolden(twoPhaseWithWrongAbort(3), golden, "tla-twin crosscheck twophase --preset rm3");
  const byId = new Map(checks.map((c) => [c.id, c]));

  it("(a) the counts differ: TMAbort's state is no longer reached", () => {
    expect(byId.get("a")?.ok).toBe(false);
    expect(byId.get("a")?.details.join("\n")).toMatch(/distinct states: TLC \d+, twin \d+/);
  });

  it("(b) names the state only TLC reaches (by key) and where to see it", () => {
    const details = byId.get("b")!.details.join("\n");
    expect(byId.get("b")?.ok).toBe(false);
    expect(details).toMatch(/1 state\(s\) reached by TLC but not by the twin/);
  });

  it("(c) points at the action whose transitions differ, and at the command that shows them", () => {
    const details = byId.get("c")!.details.join("\n");
    expect(details).toMatch(/^TMAbort: TLC has \d+ transitions, the twin \d+ \(different ones\)$/m);
    expect(details).toContain("see the transitions themselves with: tla-twin crosscheck twophase --preset rm3");
  });

  it("(d) TLC's behaviours that start with TMAbort do not replay", () => {
    const d = byId.get("d")!;
    expect(d.ok).toBe(false);
    expect(d.details.join("\n")).toMatch(/step 1: TLC takes TMAbort from[\s\S]*the twin's TMAbort step\(s\) lead elsewhere/);
  });

  it("the reference twin passes the same comparisons", () => {
    const reference = compareWithGolden(twoPhase.model({ rm: 3 }), golden, "");
    expect(reference.every((c) => c.ok)).toBe(true);
  });
});

describe("golden results made from other spec files are stale", () => {
  it("a changed spec file fails the freshness check, naming the file and npm run tlc:golden", () => {
    const golden = readGolden("twophase", "rm3")!;
    const edited = { ...golden, sources: { ...golden.sources, "TwoPhase.tla": "0".repeat(64) } };
    const outcome = checkGoldenSources(edited);
    expect(outcome.ok).toBe(false);
    expect(outcome.details).toEqual([
      "spec/TwoPhase.tla changed after its golden results were made",
      "regenerate golden/twophase/rm3.json (and spec/manifest.json) with npm run tlc:golden, which needs TLC",
    ]);
  });

  it("a file TLC read that is gone fails it too", () => {
    const golden = readGolden("twophase", "rm3")!;
    const outcome = checkGoldenSources({ ...golden, sources: { ...golden.sources, "Gone.tla": "0".repeat(64) } });
    expect(outcome.details[0]).toBe("spec/Gone.tla no longer exists");
  });

  it("records every spec file TLC read for the config, and the config", () => {
    expect(Object.keys(readGolden("twophase", "rm3")!.sources)).toEqual(["TCommit.tla", "TwoPhase.tla", "TwoPhase_rm3.cfg"]);
  });
});

