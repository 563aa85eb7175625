/**
 * The Paxos model as a whole: the model contract on small configs, the
 * checker's counts against TLC's figures in spec/manifest.json (each
 * produced by TLC on spec/MCPaxos.tla with the preset's MCPaxos_<preset>.cfg),
 * the shipped configs, action labels and the symmetry contract.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bfs } from "../../model-check/bfs.js";
import { readManifest } from "../../model-check/manifest.js";
import { projectRoot, specDir } from "../../model-check/project-root.js";
import { formatActionLabel } from "../../model-check/format.js";
import { resolveOptions, tlcModelOf } from "../../src/protocol.js";
import {
  type PaxosConfig,
  type PaxosState,
  paxos,
  paxosModel,
  permutations,
  permuteState,
} from "../../src/paxos/index.js";
import {
  type TlaValue,
  TlaShapeError,
  asFunction,
  asString,
  field,
  tlaFunction,
  tlaInt,
  tlaModelValue,
  tlaRecord,
  tlaSet,
  tlaString,
} from "../../src/tla/value.js";
import { itConformsToTheModelContract } from "../support/model-conformance.js";
import { exploreReference } from "../support/reference-explorer.js";

const configs: PaxosConfig[] = [
  { acceptorCount: 1, valueCount: 2, maxBallot: 1 },
  { acceptorCount: 2, valueCount: 2, maxBallot: 1 },
  { acceptorCount: 3, valueCount: 2, maxBallot: 1 },
];

describe.each(configs.map((c) => [c.acceptorCount, c.valueCount, c.maxBallot, c] as const))(
  "Paxos with acceptors=%i values=%i max-ballot=%i follows the model contract",
  (_a, _v, _b, config) => {
    itConformsToTheModelContract(() => paxosModel(config));
  },
);

describe("Paxos counts equal TLC's (spec/manifest.json)", () => {
  const entries = readManifest().models.filter((m) => m.protocol === "paxos");

  it("has TLC figures for every preset", () => {
    expect(entries.map((e) => e.preset).sort()).toEqual(paxos.presets.map((p) => p.name).sort());
  });

  for (const entry of entries.filter((e) => paxos.presets.find((p) => p.name === e.preset)?.quick)) {
    it(`${entry.preset}: ${entry.tlc.distinctStates} distinct, ${entry.tlc.statesGenerated} generated, depth ${entry.tlc.depth}`, () => {
      const result = bfs(paxos.model(resolveOptions(paxos, entry.options)), { checkDeadlock: true });
      expect(result.violation).toBeNull();
      expect({ distinctStates: result.distinctStates, statesGenerated: result.statesGenerated, depth: result.depth }).toEqual(
        entry.tlc,
      );
    });
  }

  it("each shipped .cfg is exactly the config the model gives TLC", () => {
    for (const entry of entries) {
      const model = paxos.model(resolveOptions(paxos, entry.options));
      expect(entry.cfg).toBe(`MCPaxos_${entry.preset}.cfg`);
      expect(readFileSync(join(specDir(), entry.cfg), "utf8")).toBe(tlcModelOf(model).cfg);
      expect(tlcModelOf(model).module).toBe(entry.module);
    }
  });

  it("docs/paxos.md states TLC's figures for every preset", () => {
    const doc = readFileSync(join(projectRoot(), "docs", "paxos.md"), "utf8");
    for (const entry of entries) {
      const row = doc.split("\n").find((line) => line.startsWith(`| \`${entry.preset}\` |`));
      const cells = row!.split(" | ").map((cell) => cell.replace(/,/g, ""));
      expect(cells.slice(2, 5).map(Number)).toEqual([entry.tlc.distinctStates, entry.tlc.statesGenerated, entry.tlc.depth]);
      const quick = paxos.presets.find((p) => p.name === entry.preset)!.quick;
      expect(row!.endsWith(quick ? "| yes |" : "| no |")).toBe(true);
    }
  });

  it("every preset's options match its manifest entry", () => {
    for (const preset of paxos.presets) {
      expect(entries.find((e) => e.preset === preset.name)?.options).toEqual(preset.options);
    }
  });
});

describe("TLC's config and labels", () => {
  const model = paxosModel({ acceptorCount: 3, valueCount: 2, maxBallot: 1 });

  it("checks every invariant of the twin, by the same names, in the same order", () => {
    const cfg = tlcModelOf(model).cfg;
    const invariants = [...cfg.matchAll(/^INVARIANT (\w+)$/gm)].map((m) => m[1]);
    expect(invariants).toEqual(model.invariants.map((i) => i.name));
    expect(cfg).toContain("Acceptor = {a1, a2, a3}");
    expect(cfg).toContain("Value = {v1, v2}");
    expect(cfg).toContain("MaxBallot = 1");
  });

  it("labels steps as TLC does, with the witnesses after", () => {
    const labels: string[] = [];
    let state = model.initialStates()[0]!;
    // Phase1a(0), then a1 and a2 join ballot 0, then a proposal.
    for (const pick of ["Phase1a(0)", "Phase1b(a1)", "Phase1b(a2)", "Phase2a(0, v2)"]) {
      let chosen: PaxosState | undefined;
      model.forEachSuccessor(state, (a, next) => {
        const text = formatActionLabel(model.actionLabel(a));
        if (chosen === undefined && text.startsWith(pick)) {
          labels.push(text);
          chosen = next;
        }
      });
      state = chosen!;
    }
    expect(labels).toEqual([
      "Phase1a(0)",
      'Phase1b(a1) with m = [bal |-> 0, type |-> "1a"]',
      'Phase1b(a2) with m = [bal |-> 0, type |-> "1a"]',
      "Phase2a(0, v2) with Q = {a1, a2}",
    ]);
  });

  it("rejects TLA+ values that are not states of the config, naming the problem", () => {
    const init = model.toTla(model.initialStates()[0]!);
    const withMsgs = (...msgs: TlaValue[]) =>
      tlaRecord({ maxBal: field(init, "maxBal"), maxVBal: field(init, "maxVBal"), maxVal: field(init, "maxVal"), msgs: tlaSet(msgs) });
    expect(model.fromTla(withMsgs(tlaRecord({ type: tlaString("1a"), bal: tlaInt(1) }))).msgs).toEqual([{ type: "1a", bal: 1 }]);
    expect(() => model.fromTla(withMsgs(tlaRecord({ type: tlaString("1a"), bal: tlaInt(2) })))).toThrow(/2 is not a ballot 0..1/);
    expect(() => model.fromTla(withMsgs(tlaRecord({ type: tlaString("2a"), bal: tlaInt(0), val: tlaModelValue("v3") })))).toThrow(
      /v3 is not one of the values v1..v2/,
    );
    expect(() => model.fromTla(withMsgs(tlaRecord({ type: tlaString("3a"), bal: tlaInt(0) })))).toThrow(/unknown message/);
    expect(() => model.fromTla(withMsgs(tlaRecord({ type: tlaString("1a"), bal: tlaInt(0), acc: tlaModelValue("a1") })))).toThrow(
      TlaShapeError,
    );
    const twoAcceptors = tlaFunction([0, 1].map((a) => [tlaModelValue(`a${a + 1}`), tlaInt(-1)] as const));
    expect(() => model.fromTla(tlaRecord({ ...Object.fromEntries(asFunction(init).map(([k, v]) => [asString(k), v])), maxBal: twoAcceptors }))).toThrow(
      /maxBal must be a function on the 3 acceptors/,
    );
  });
});

describe("symmetry over acceptors and values", () => {
  const config: PaxosConfig = { acceptorCount: 3, valueCount: 2, maxBallot: 1 };
  const model = paxosModel(config);
  const symmetry = model.symmetry!;
  const states = [...exploreReference(model).states.values()];
  const acceptorPermutations = permutations(config.acceptorCount);
  const valuePermutations = permutations(config.valueCount);
  const encode = (s: PaxosState) => {
    const out = new Int32Array(model.codec.maxWords);
    return Array.from(out.subarray(0, model.codec.encode(s, out, 0))).join(",");
  };

  it("permutes Acceptor and Value", () => {
    expect(symmetry.sets).toEqual(["Acceptor", "Value"]);
    expect(acceptorPermutations).toHaveLength(6);
    expect(new Set(acceptorPermutations.map((p) => p.join())).size).toBe(6);
  });

  it("gives the same representative for every permutation of a state, and one in its orbit", () => {
    for (const s of states.filter((_, i) => i % 20 === 0)) {
      const representative = encode(symmetry.representative(s));
      const orbit = new Set<string>();
      for (const acceptors of acceptorPermutations) {
        for (const values of valuePermutations) {
          const t = permuteState(s, acceptors, values);
          orbit.add(encode(t));
          expect(encode(symmetry.representative(t))).toBe(representative);
        }
      }
      expect(orbit.has(representative)).toBe(true);
    }
  });

  it("gives different representatives to states in different orbits", () => {
    // Orbits computed independently: a state's orbit is the set of its permutations' TLA+ texts.
    const orbitOf = new Map<string, number>();
    let orbits = 0;
    for (const s of states) {
      if (orbitOf.has(encode(s))) continue;
      for (const acceptors of acceptorPermutations) {
        for (const values of valuePermutations) orbitOf.set(encode(permuteState(s, acceptors, values)), orbits);
      }
      orbits++;
    }
    const representatives = new Set(states.map((s) => encode(symmetry.representative(s))));
    expect(representatives.size).toBe(orbits);
  });
});
