/**
 * Each Paxos invariant of spec/Paxos.tla on hand-built states of the preset
 * a3v2b2: the ones that break it, named by what is wrong in them, and the
 * ones that satisfy it. The states are the fixtures of
 * test/support/invariant-fixtures-paxos.ts, whose `why` cites the spec line
 * each case rests on; several sit at a loop's last index (the highest
 * ballot, the ballot just below, the last acceptor), where a bound
 * weakened by one would miss them. The generic suite
 * (test/model-check/invariant-fixtures.test.ts) checks the same states
 * through the model, the codec and TLA+, and moves those bounds by one.
 */
import { describe, expect, it } from "vitest";
import {
  type InvariantContext,
  type PaxosState,
  acceptorConsistent,
  agreement,
  msg1bConsistent,
  msg2aSafe,
  msg2bConsistent,
  oneValuePerBallot,
  typeOK,
} from "../../src/paxos/index.js";
import type { InvariantFixture, StateCase } from "../support/invariant-fixtures.js";
import { paxosFixtureContext, paxosInvariantFixtures } from "../support/invariant-fixtures-paxos.js";

const fixtures = paxosInvariantFixtures();
const ctx = paxosFixtureContext;

function fixtureOf(name: string): InvariantFixture<PaxosState> {
  const f = fixtures.invariants[name];
  if (f === undefined) throw new Error(`no fixtures for ${name}`);
  return f;
}

function titleOf(c: StateCase<PaxosState>): string {
  return c.alsoBreaks === undefined ? c.what : `${c.what} (also breaks ${c.alsoBreaks.join(", ")})`;
}

/** The invariants in the spec's order, each with the twin's function for it. */
const invariants: readonly (readonly [string, (ctx: InvariantContext, s: PaxosState) => boolean])[] = [
  ["TypeOK", (c, s) => typeOK(c.config, s)],
  ["Agreement", agreement],
  ["AcceptorConsistent", acceptorConsistent],
  ["Msg1bConsistent", msg1bConsistent],
  ["OneValuePerBallot", oneValuePerBallot],
  ["Msg2aSafe", msg2aSafe],
  ["Msg2bConsistent", msg2bConsistent],
];

describe("the fixtures", () => {
  it("cover exactly the model's invariants, in its order", () => {
    expect(Object.keys(fixtures.invariants)).toEqual(fixtures.model.invariants.map((i) => i.name));
    expect(invariants.map(([name]) => name)).toEqual(fixtures.model.invariants.map((i) => i.name));
  });

  it("need no action properties: Paxos declares none", () => {
    expect(fixtures.model.actionProperties).toEqual([]);
    expect(fixtures.actionProperties).toEqual({});
  });

  it("use the preset a3v2b2, whose ballots 0..2 give the loops a last index apart from the first", () => {
    expect(fixtures.model.configLabel).toBe("acceptors=3 values=2 max-ballot=2");
  });
});

for (const [name, holds] of invariants) {
  describe(`${name} (${fixtureOf(name).spec})`, () => {
    const { breaks, holds: holding } = fixtureOf(name);
    for (const c of breaks) {
      it(`breaks: ${titleOf(c)}`, () => {
        expect(holds(ctx, c.state)).toBe(false);
      });
    }
    for (const c of holding) {
      it(`holds: ${titleOf(c)}`, () => {
        expect(holds(ctx, c.state)).toBe(true);
      });
    }
  });
}
