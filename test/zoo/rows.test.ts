/**
 * The zoo's rows for 2PC and Paxos (model-check/zoo.ts): every variant
 * caught, on the property its definition names, by the first quick preset,
 * with the shortest counterexample its own tests record; and the verdicts
 * for variants that are not caught, or caught on something else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../model-check/project-root.js";
import { type ZooGolden, runZoo, zooRow } from "../../model-check/zoo.js";
import { paxos } from "../../src/paxos/index.js";
import type { AnyProtocol, VariantInfo } from "../../src/protocol.js";
import { twoPhase, twoPhaseModel } from "../../src/twophase/index.js";

/** docs/paxos.md's bug-zoo table, variant -> steps; test/paxos/variants.test.ts checks those figures against the checker. */
function paxosDocSteps(): Map<string, number> {
  const rows = readFileSync(join(projectRoot(), "docs", "paxos.md"), "utf8")
    .split("\n")
    .filter((line) => /^\| `[a-z-]+` \|/.test(line))
    .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| |`| \|$/g, "").trim()));
  return new Map(rows.map((cells) => [cells[0]!, Number(cells[3])]));
}

describe("Paxos's zoo rows", () => {
  const rows = runZoo({ protocols: [paxos], golden: null });

  // As `tla-twin zoo --protocol paxos` printed them, and TLC on spec/PaxosZoo.tla (golden/zoo.json).
  const expected: Record<string, [string, number]> = {
    "accept-below-promise": ["Msg1bConsistent", 7],
    "ignore-reported-values": ["Msg2aSafe", 9],
    "non-intersecting-quorums": ["Agreement", 8],
    "promise-not-recorded": ["Msg1bConsistent", 2],
    "two-values-per-ballot": ["OneValuePerBallot", 5],
  };

  it("has one row per variant, in the protocol's order", () => {
    expect(rows.map((r) => r.variant)).toEqual(paxos.variants.map((v) => v.name));
  });

  it.each(paxos.variants.map((v) => v.name))("%s passes: caught on what it breaks, or known to need bigger bounds", (name) => {
    const row = rows.find((r) => r.variant === name)!;
    expect(row.ok, row.problems.join("\n")).toBe(true);
  });

  it.each(Object.entries(expected))("%s is caught under a3v2b1, the first quick preset, on what it breaks", (name, [invariant, steps]) => {
    const row = rows.find((r) => r.variant === name)!;
    expect(row.breaks).toBe(invariant);
    expect(row.verdict).toBe("caught");
    expect(row.caughtBy).toBe("a3v2b1");
    // It stopped there: a3v2b2 did not run.
    expect(row.runs.map((r) => r.preset)).toEqual(["a3v2b1"]);
    expect(row.runs[0]!.violation).toEqual({ kind: "invariant", name: invariant, steps });
    expect(row.command).toBe(`tla-twin check paxos --variant ${name} --preset a3v2b1`);
    expect(row.problems).toEqual([]);
    expect(row.ok).toBe(true);
  });

  it("finds the lengths that docs/paxos.md records (and test/paxos/variants.test.ts checks)", () => {
    const documented = paxosDocSteps();
    expect(documented.size).toBeGreaterThanOrEqual(5);
    for (const row of rows.filter((r) => documented.has(r.variant))) {
      expect(row.runs[0]!.violation!.steps, row.variant).toBe(documented.get(row.variant));
    }
  });

  it("with allPresets, runs a3v2b2 too, which finds the same shortest counterexamples", () => {
    // Same figures as under a3v2b1: a higher MaxBallot adds behaviours, none shorter (the zoo run with --all-presets).
    const all = runZoo({ protocols: [paxos], golden: null, allPresets: true });
    for (const row of all.filter((r) => r.variant in expected)) {
      expect(row.runs.map((r) => r.preset)).toEqual(["a3v2b1", "a3v2b2"]);
      const [invariant, steps] = expected[row.variant]!;
      for (const run of row.runs) expect(run.violation).toEqual({ kind: "invariant", name: invariant, steps });
      expect(row.ok).toBe(true);
    }
  });
});

describe("2PC's zoo rows", () => {
  const rows = runZoo({ protocols: [twoPhase], golden: null });

  it.each(twoPhase.variants.map((v) => v.name))("%s passes: caught on what it breaks, or known to need bigger bounds", (name) => {
    const row = rows.find((r) => r.variant === name)!;
    expect(row.ok, row.problems.join("\n")).toBe(true);
  });

  it("commit-before-all-prepared is caught under rm3 on TCConsistent in 5 steps", () => {
    // 5 steps: docs/twophase.md's bug-zoo table, `tla-twin zoo --protocol twophase`, and TLC on
    // spec/TwoPhaseZoo.tla with 3 RMs (golden/zoo.json).
    const row = rows.find((r) => r.variant === "commit-before-all-prepared")!;
    expect(row.runs).toMatchObject([{ preset: "rm3", violation: { kind: "invariant", name: "TCConsistent", steps: 5 } }]);
    expect(row.caughtBy).toBe("rm3");
    expect(row.ok, row.problems.join("\n")).toBe(true);
  });
});

/** 2PC with only the rm3 preset and the given variants; "harmless" is the reference spec. */
function twoPhaseWith(variants: readonly VariantInfo[]): AnyProtocol {
  return {
    ...twoPhase,
    presets: twoPhase.presets.filter((p) => p.name === "rm3"),
    variants,
    model: (options, variant) => (variant === "harmless" ? twoPhaseModel({ rmCount: options["rm"]! }) : twoPhase.model(options, variant)),
  } as AnyProtocol;
}

describe("verdicts on variants that are not caught as they say", () => {
  const harmless = { name: "harmless", description: "the reference rules", breaks: "TCConsistent", exhibitedWith: { rm: 9 } };

  it("a variant no quick preset catches fails, and names the command with its own bounds", () => {
    const protocol = twoPhaseWith([harmless]);
    const row = zooRow(protocol, harmless);
    expect(row.verdict).toBe("uncaught");
    expect(row.caughtBy).toBeNull();
    expect(row.runs).toMatchObject([{ preset: "rm3", violation: null, distinctStates: 288 }]); // 288: TLC's count for TwoPhase_rm3.cfg (spec/manifest.json)
    expect(row.command).toBe("tla-twin check twophase --variant harmless --rm 9");
    expect(row.problems).toEqual(["no quick preset catches it (rm3), and its definition gives no uncaughtInCi reason"]);
    expect(row.ok).toBe(false);
  });

  it("is accepted when its definition says why (uncaughtInCi)", () => {
    const known = { ...harmless, uncaughtInCi: "needs 9 RMs" };
    const row = zooRow(twoPhaseWith([known]), known);
    expect(row.verdict).toBe("known-uncaught");
    expect(row.uncaughtReason).toBe("needs 9 RMs");
    expect(row.ok).toBe(true);
  });

  it("a variant marked uncaught that a quick preset catches fails: the mark is stale", () => {
    const marked = { ...twoPhase.variants[0]!, uncaughtInCi: "stale" };
    const row = zooRow(twoPhaseWith([marked]), marked);
    expect(row.problems.some((p) => /uncaughtInCi\), but rm3 does: drop uncaughtInCi/.test(p))).toBe(true);
    expect(row.ok).toBe(false);
  });

  it("a variant caught on another property than the one it names fails", () => {
    const misnamed = { ...twoPhase.variants[0]!, breaks: "TypeOK" };
    const row = zooRow(twoPhaseWith([misnamed]), misnamed);
    expect(row.verdict).toBe("wrong-property");
    expect(row.caughtBy).toBeNull();
    expect(row.problems[0]).toMatch(/^rm3 stops at .*, not at TypeOK$/);
    expect(row.ok).toBe(false);
  });
});

describe("TLC's recorded verdict beside the twin's", () => {
  const variant = paxos.variants.find((v) => v.name === "promise-not-recorded")!;
  const entry = {
    protocol: "paxos",
    variant: variant.name,
    preset: "a3v2b1",
    module: "PaxosZoo",
    overrides: variant.tlaVariant!.overrides,
    cfg: "MCPaxos_a3v2b1.cfg",
    ran: true,
    twin: { kind: "invariant", name: "Msg1bConsistent", steps: 2 },
    tlc: { kind: "invariant", name: "Msg1bConsistent", steps: 2, distinctStates: 5, statesGenerated: 6 },
    agrees: true,
    note: null,
    cfgSha256: null,
    sources: {},
  } as const;
  const golden = (e: object): ZooGolden => ({ format: "tla-twin bug-zoo TLC results, version 1", generatedBy: "test", tlcVersion: null, variants: [e as never] });

  it("passes when TLC reports the twin's violation under the twin's preset", () => {
    const row = zooRow(paxos, variant, {}, golden(entry));
    expect(row.tlc).toEqual(entry);
    expect(row.ok).toBe(true);
  });

  it("fails when TLC's steps differ, when the spec files changed since, or when the overrides are not the variant's", () => {
    const other = zooRow(paxos, variant, {}, golden({ ...entry, tlc: { ...entry.tlc, steps: 3 } }));
    expect(other.problems).toEqual([
      "TLC reports invariant Msg1bConsistent, 3 steps under a3v2b1, the twin invariant Msg1bConsistent, 2 steps",
    ]);
    const stale = zooRow(paxos, variant, {}, golden({ ...entry, sources: { "Paxos.tla": "0".repeat(64) } }));
    expect(stale.problems).toEqual(["spec/Paxos.tla changed since TLC's verdict was recorded: run npm run tlc:zoo"]);
    const overrides = zooRow(paxos, variant, {}, golden({ ...entry, overrides: ["Phase1b <- Something"] }));
    expect(overrides.problems[0]).toMatch(/other overrides than the variant's tlaVariant/);
  });

  it("notes a caught variant without a recorded verdict, without failing it", () => {
    const row = zooRow(paxos, variant, {}, golden({ ...entry, variant: "another" }));
    expect(row.tlc).toBeNull();
    expect(row.notes).toEqual(["no TLC verdict recorded: run npm run tlc:zoo"]);
    expect(row.ok).toBe(true);
  });
});
