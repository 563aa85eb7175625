/**
 * The config-file reading the bridge needs, and the trace-checking module it
 * writes for (e) (its TLC run is in live.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveOptions, tlcModelOf } from "../../../src/protocol.js";
import { protocols } from "../../../src/registry.js";
import { tcommitModel } from "../../../src/tcommit/index.js";
import { majorities, votingModel } from "../../../src/voting/index.js";
import { describe, expect, it } from "vitest";
import { specDir } from "../../../model-check/project-root.js";
import { cfgSections, constantSections, initAndNext, modelValueSets, normalizedCfg } from "../../../model-check/tlc/cfg.js";
import { traceCheckModule } from "../../../model-check/tlc/trace-check.js";
import { randomTwinBehaviours } from "../../../model-check/tlc/twin-behaviours.js";
import { twoPhase } from "../../../src/twophase/index.js";

describe("config files", () => {
  const cfg = "\\* a comment\nCONSTANTS RM = {r1, r2} (* block\ncomment *) Nil = Nil\n  Max = 3\nINIT MyInit NEXT MyNext\nINVARIANT TypeOK\n";

  it("splits into sections, without comments", () => {
    expect(cfgSections(cfg)).toEqual([
      { keyword: "CONSTANTS", body: "RM = {r1, r2}   Nil = Nil\n  Max = 3" },
      { keyword: "INIT", body: "MyInit" },
      { keyword: "NEXT", body: "MyNext" },
      { keyword: "INVARIANT", body: "TypeOK" },
    ]);
  });

  it("names Init and Next, and the set each model value belongs to", () => {
    expect(initAndNext(cfg)).toEqual({ init: "MyInit", next: "MyNext" });
    expect(initAndNext("SPECIFICATION Spec")).toEqual({ init: "Init", next: "Next" });
    expect(modelValueSets(cfg)).toEqual(new Map([["r1", "RM"], ["r2", "RM"], ["Nil", "Nil"]]));
    expect(constantSections(cfg)).toBe("CONSTANTS\n  RM = {r1, r2}   Nil = Nil\n  Max = 3");
  });

  it("compares configs by meaning: every shipped 2PC config is its model's tlcModel() text", () => {
    expect(normalizedCfg("\\* x\nCONSTANT  RM = {r1}\n\nSPECIFICATION Spec")).toBe("CONSTANT RM = {r1} SPECIFICATION Spec");
    for (const preset of twoPhase.presets) {
      const shipped = readFileSync(join(specDir(), `TwoPhase_${preset.name}.cfg`), "utf8");
      expect(normalizedCfg(shipped)).toBe(normalizedCfg(tlcModelOf(twoPhase.model(preset.options)).cfg));
    }
  });
});

describe("the trace-checking module for (e)", () => {
  const model = twoPhase.model({ rm: 2 });
  const behaviours = randomTwinBehaviours(model, { count: 3, depth: 4, seed: 5 });
  const { tla, cfg } = traceCheckModule(model, behaviours, "TwinTraces_1");

  it("extends the spec, declares the model values as constants and holds every behaviour", () => {
    expect(tla).toMatch(/^---- MODULE TwinTraces_1 ----\n/);
    expect(tla).toContain("EXTENDS TwoPhase, Naturals, Sequences, TLC");
    expect(tla).toContain("CONSTANTS TT_r1, TT_r2");
    expect(tla.match(/\\\* behaviour \d+/g)).toHaveLength(3);
    expect(tla).toContain("TT_StartsInInit == tt_step = 1 => Init");
    expect(tla).toContain("TT_StepsAreNext == [][Next]_<<tt_step, rmState, tmState, tmPrepared, msgs>>");
    expect(tla).toMatch(/TT_StepIsItsAction == \[\]\[\n  \\\/ TT_Labels\[tt_behaviour\]\[tt_step\] = 1 \/\\ \w+/);
  });

  it("keeps the spec's constants and checks the invariant and both action properties", () => {
    expect(cfg).toBe(
      ["CONSTANTS", "  RM = {r1, r2}", "CONSTANTS", "  TT_r1 = r1", "  TT_r2 = r2", "SPECIFICATION TT_Spec", "INVARIANT TT_StartsInInit", "PROPERTY TT_StepsAreNext", "PROPERTY TT_StepIsItsAction", "CHECK_DEADLOCK FALSE", ""].join("\n"),
    );
  });

  it("draws the same behaviours from the same seed, within the depth", () => {
    const again = randomTwinBehaviours(model, { count: 3, depth: 4, seed: 5 });
    expect(again.map((b) => b.actions)).toEqual(behaviours.map((b) => b.actions));
    expect(behaviours.every((b) => b.actions.length <= 4 && b.states.length === b.actions.length + 1)).toBe(true);
  });
});

describe("each shipped model's TLA+ binding names the model values its TLC config declares", () => {
  const models = [
    ...protocols.flatMap((p) => p.presets.filter((preset) => preset.quick).map((preset) => [`${p.name} ${preset.name}`, p.model(resolveOptions(p, preset.options))] as const)),
    ["tcommit rm3", tcommitModel({ rmCount: 3 })] as const,
    ["voting a3v2b1", votingModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1, quorums: majorities(3) })] as const,
  ];
  it.each(models)("%s", (_name, model) => {
    // The trace writers read modelValues; the config text is TLC's own account of the same constants.
    expect(new Map(model.modelValues)).toEqual(modelValueSets(tlcModelOf(model).cfg));
  });
});
