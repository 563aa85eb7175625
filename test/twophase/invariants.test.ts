/**
 * Each 2PC invariant of spec/TwoPhase.tla on hand-built states: the ones
 * that break it, named by what is wrong in them, and the ones that satisfy
 * it. The states are the fixtures of test/support/invariant-fixtures-twophase.ts,
 * whose `why` cites the spec line each case rests on; the generic suite
 * (test/model-check/invariant-fixtures.test.ts) checks the same states
 * through the model, the codec and TLA+.
 */
import { describe, expect, it } from "vitest";
import { type TwoPhaseState, tcConsistent, typeOK } from "../../src/twophase/index.js";
import type { InvariantFixture, StateCase } from "../support/invariant-fixtures.js";
import { twoPhaseFixtureRMs, twoPhaseInvariantFixtures } from "../support/invariant-fixtures-twophase.js";

const fixtures = twoPhaseInvariantFixtures();

function fixtureOf(name: string): InvariantFixture<TwoPhaseState> {
  const f = fixtures.invariants[name];
  if (f === undefined) throw new Error(`no fixtures for ${name}`);
  return f;
}

function titleOf(c: StateCase<TwoPhaseState>): string {
  return c.alsoBreaks === undefined ? c.what : `${c.what} (also breaks ${c.alsoBreaks.join(", ")})`;
}

describe("the fixtures", () => {
  it("cover exactly the model's invariants, in its order", () => {
    expect(Object.keys(fixtures.invariants)).toEqual(fixtures.model.invariants.map((i) => i.name));
  });

  it("need no action properties: 2PC declares none", () => {
    expect(fixtures.model.actionProperties).toEqual([]);
    expect(fixtures.actionProperties).toEqual({});
  });
});

describe(`TypeOK (${fixtureOf("TypeOK").spec})`, () => {
  const { breaks, holds } = fixtureOf("TypeOK");
  for (const c of breaks) {
    it(`breaks: ${titleOf(c)}`, () => {
      expect(typeOK(twoPhaseFixtureRMs, c.state)).toBe(false);
    });
  }
  for (const c of holds) {
    it(`holds: ${titleOf(c)}`, () => {
      expect(typeOK(twoPhaseFixtureRMs, c.state)).toBe(true);
    });
  }
});

describe(`TCConsistent (${fixtureOf("TCConsistent").spec})`, () => {
  const { breaks, holds } = fixtureOf("TCConsistent");
  for (const c of breaks) {
    it(`breaks: ${titleOf(c)}`, () => {
      expect(tcConsistent(c.state)).toBe(false);
    });
  }
  for (const c of holds) {
    it(`holds: ${titleOf(c)}`, () => {
      expect(tcConsistent(c.state)).toBe(true);
    });
  }
});
