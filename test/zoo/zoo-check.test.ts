/**
 * The TLC config of a zoo run (model-check/tlc/zoo-check.ts): the preset's
 * own config, the same constants, invariants and order, with the variant's
 * overrides added to its constant section.
 */
import { describe, expect, it } from "vitest";
import { cfgSections } from "../../model-check/tlc/cfg.js";
import { zooJob } from "../../model-check/tlc/zoo-check.js";
import { paxos } from "../../src/paxos/index.js";
import { resolveOptions, tlcModelOf } from "../../src/protocol.js";
import { twoPhase } from "../../src/twophase/index.js";

describe("zooJob", () => {
  it("adds a Paxos variant's overrides to the CONSTANTS section of the preset's MCPaxos config", () => {
    const model = paxos.model(resolveOptions(paxos, { "max-ballot": 1 }));
    const variant = paxos.variants.find((v) => v.name === "non-intersecting-quorums")!;
    const job = zooJob(model, variant);
    expect(job.module).toBe("PaxosZoo");
    const sections = cfgSections(job.cfg);
    const reference = cfgSections(tlcModelOf(model).cfg);
    expect(sections.map((s) => s.keyword)).toEqual(reference.map((s) => s.keyword));
    expect(sections[0]!.body.split(/\s*\n\s*/)).toEqual([
      ...reference[0]!.body.split(/\s*\n\s*/),
      "Phase2a <- NonIntersectingQuorums_Phase2a",
      "ChosenAt <- NonIntersectingQuorums_ChosenAt",
      "SafeAt <- NonIntersectingQuorums_SafeAt",
    ]);
    expect(sections.slice(1)).toEqual(reference.slice(1));
  });

  it("adds to 2PC's one-line CONSTANT section, and keeps TypeOK before TCConsistent", () => {
    const job = zooJob(twoPhase.model({ rm: 3 }), twoPhase.variants[0]!);
    expect(job.module).toBe("TwoPhaseZoo");
    expect(job.cfg).toContain("CONSTANT\n  RM = {r1, r2, r3}\n  TMCommit <- CommitBeforeAllPrepared_TMCommit\n");
    expect(job.cfg.indexOf("INVARIANT\n  TypeOK")).toBeLessThan(job.cfg.indexOf("INVARIANT\n  TCConsistent"));
  });

  it("refuses a variant without a TLA+ version", () => {
    const { tlaVariant: _, ...bare } = twoPhase.variants[0]!;
    expect(() => zooJob(twoPhase.model({ rm: 3 }), bare)).toThrow(/has no tlaVariant/);
  });
});
