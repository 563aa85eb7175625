/**
 * The contract of the invariant fixtures (test/support/invariant-fixtures.ts),
 * for every protocol that has them: every invariant and action property of
 * the model has a state (or transition) that breaks it and one that
 * satisfies it, each verdict is the expected one, each case breaks exactly
 * the other properties it lists, and every fixture state is a state of the
 * config's type (codec and TLA+ round trips). Then the mutants of
 * test/support/mutate-invariants.ts: replacing any property by a constant,
 * or moving one of its bounds by one, makes some check fail. No searches:
 * everything here evaluates predicates on a few dozen states.
 */
import { describe, expect, it } from "vitest";
import type { ActionProperty } from "../../src/protocol.js";
import type { TwoPhaseAction, TwoPhaseState } from "../../src/twophase/index.js";
import {
  type AnyInvariantFixtures,
  type FixtureCheckKind,
  type InvariantFixtures,
  allInvariantFixtures,
  checkInvariantFixtures,
  failures,
} from "../support/invariant-fixtures.js";
import { boundMutants, constantMutants, runBoundMutant } from "../support/mutate-invariants.js";

const registry = allInvariantFixtures();

function countCases(fixtures: AnyInvariantFixtures, kind: "breaks" | "holds"): number {
  const cases = [...Object.values(fixtures.invariants), ...Object.values(fixtures.actionProperties)];
  return cases.reduce((n, f) => n + f[kind].length, 0);
}

describe("the registry of invariant fixtures", () => {
  it("has fixtures for 2PC and Paxos, one set per protocol", () => {
    const names = registry.map((f) => f.protocol);
    expect(names).toEqual(expect.arrayContaining(["twophase", "paxos"]));
    expect(new Set(names).size).toBe(names.length);
  });
});

for (const fixtures of registry) {
  const { model, protocol } = fixtures;
  describe(`${protocol} (${model.configLabel}): invariant fixtures`, () => {
    const checks = checkInvariantFixtures(fixtures);
    const failed = (...kinds: FixtureCheckKind[]) => failures(checks.filter((c) => kinds.includes(c.kind)));
    const count = (kind: FixtureCheckKind) => checks.filter((c) => c.kind === kind).length;

    it("every invariant and action property of the model has a breaking and a holding case, and every fixture names one of them", () => {
      expect(failed("coverage")).toEqual([]);
      expect(count("coverage")).toBeGreaterThanOrEqual(model.invariants.length + model.actionProperties.length);
    });

    it("a model with an invariant the fixtures do not know fails the coverage check", () => {
      const extended = { ...model, invariants: [...model.invariants, { name: "Unfixtured", description: "", holds: () => true }] };
      expect(failures(checkInvariantFixtures(fixtures, extended).filter((c) => c.kind === "coverage"))).toEqual([
        `${protocol} Unfixtured [coverage] : invariant Unfixtured has no fixtures`,
      ]);
    });

    it("each fixture cites the spec line that defines its property", () => {
      expect(failed("spec")).toEqual([]);
      expect(count("spec")).toBe(Object.keys(fixtures.invariants).length + Object.keys(fixtures.actionProperties).length);
    });

    it("each breaking case makes its property false, each holding case makes it true", () => {
      expect(failed("breaks", "holds")).toEqual([]);
      expect(count("breaks")).toBe(countCases(fixtures, "breaks"));
      expect(count("holds")).toBe(countCases(fixtures, "holds"));
    });

    it("each case breaks exactly the other properties it lists in alsoBreaks", () => {
      expect(failed("others")).toEqual([]);
      expect(count("others")).toBe(countCases(fixtures, "breaks") + countCases(fixtures, "holds"));
    });

    it("each fixture state round-trips through the codec and through TLA+; states outside the type are refused by TLA+", () => {
      expect(failed("codec", "tla")).toEqual([]);
      expect(count("tla")).toBeGreaterThanOrEqual(countCases(fixtures, "breaks") + countCases(fixtures, "holds"));
      expect(count("codec")).toBeGreaterThan(0);
    });

    it("replacing any invariant's or action property's holds by () => true, or by () => false, makes a check fail", () => {
      const results = constantMutants(fixtures);
      expect(results.length).toBe(2 * (model.invariants.length + model.actionProperties.length));
      expect(results.filter((r) => r.failing === 0).map((r) => r.line)).toEqual([]);
    });
  });
}

describe("bounds moved by one in src/<protocol>/invariants.ts are caught by a case at the boundary", () => {
  const byProtocol = new Map(registry.map((f) => [f.protocol, f]));
  it("there is a mutant for every protocol with loops over indexes (2PC's RMs, Paxos's ballots and acceptors)", () => {
    expect([...new Set(boundMutants.map((m) => m.protocol))]).toEqual(expect.arrayContaining(["twophase", "paxos"]));
  });
  for (const mutant of boundMutants) {
    const title = `${mutant.protocol} ${mutant.invariant}: ${mutant.within} \`${mutant.from}\` -> \`${mutant.to}\` (${mutant.makes})`;
    it(`${title} is caught by ${mutant.caughtBy}`, async () => {
      const fixtures = byProtocol.get(mutant.protocol);
      expect(fixtures, `no fixtures for ${mutant.protocol}`).toBeDefined();
      const result = await runBoundMutant(fixtures!, mutant);
      expect(result.failing, result.line).toBeGreaterThan(0);
    });
  }
});

describe("the action-property checks, on a property made up for this test (2PC declares none)", () => {
  const fixtures = registry.find((f) => f.protocol === "twophase") as unknown as InvariantFixtures<TwoPhaseState, TwoPhaseAction>;
  /** Made up: the TM never takes back a decision (every TM action of spec/TwoPhase.tla:42-58 needs tmState = "init"). */
  const decidesOnce: ActionProperty<TwoPhaseState, TwoPhaseAction> = {
    name: "TMState",
    description: "made up for this test",
    holds: (s, _a, t) => s.tmState === "init" || t.tmState === s.tmState,
  };
  const model = { ...fixtures.model, actionProperties: [decidesOnce] };
  const init = model.initialStates()[0]!;
  const aborted = model.step(init, { type: "TMAbort" })!;
  const withProperty: InvariantFixtures<TwoPhaseState, TwoPhaseAction> = {
    ...fixtures,
    model,
    actionProperties: {
      TMState: {
        // No spec defines this made-up property: the cited line (TypeOK's part on tmState) shows the spec check failing.
        spec: "spec/TwoPhase.tla:29",
        breaks: [
          {
            what: "the aborted TM commits",
            why: "made up",
            transition: [aborted, { type: "TMCommit" }, { ...aborted, tmState: "committed", msgs: { ...aborted.msgs, commit: true } }],
          },
        ],
        holds: [{ what: "the TM aborts", why: "made up", transition: [init, { type: "TMAbort" }, aborted] }],
      },
    },
  };

  it("pass for right fixtures, apart from a spec line that defines no such property", () => {
    expect(failures(checkInvariantFixtures(withProperty))).toEqual([
      'twophase TMState [spec] : spec/TwoPhase.tla:29 reads "/\\ tmState \\in {"init", "committed", "aborted"}", not the definition of TMState',
    ]);
  });

  it("count the breaking transition and both states of each step", () => {
    const checks = checkInvariantFixtures(withProperty).filter((c) => c.property === "TMState");
    expect(checks.map((c) => c.kind).sort()).toEqual(
      ["breaks", "codec", "codec", "codec", "codec", "coverage", "holds", "others", "others", "spec", "tla", "tla", "tla", "tla"].sort(),
    );
  });

  it("fail anew when the property is replaced by () => true or () => false", () => {
    const results = constantMutants(withProperty).filter((r) => r.line.startsWith("twophase TMState"));
    expect(results.map((r) => r.failing)).toEqual([1, 1]);
  });
});
