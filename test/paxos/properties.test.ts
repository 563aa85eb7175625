/**
 * Property tests with fast-check over random behaviours of Paxos, on a
 * config beyond exhaustive reach (5 acceptors, 3 values, ballots 0..3).
 * The seed is fixed (and shown in the titles) so CI runs are reproducible;
 * a failure prints the shrunk list of choices.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PaxosAction, type PaxosState, agreement, chosenValues, majorities, paxosModel } from "../../src/paxos/index.js";
import { deepFreeze } from "../support/deep-freeze.js";

const seed = 20261123;
const config = { acceptorCount: 5, valueCount: 3, maxBallot: 3 };
const model = paxosModel(config);
const ctx = { config, quorums: majorities(config.acceptorCount) };

/** Follows a random behaviour: each number picks one of the enabled actions. */
function walk(choices: readonly number[], onStep: (s: PaxosState, a: PaxosAction, t: PaxosState) => void): void {
  let state = model.initialStates()[0]!;
  for (const choice of choices) {
    const options: [PaxosAction, PaxosState][] = [];
    model.forEachSuccessor(state, (a, t) => options.push([a, t]));
    const [action, next] = options[choice % options.length]!;
    onStep(state, action, next);
    state = next;
  }
}

describe(`Paxos random behaviours, 5 acceptors, 3 values, MaxBallot 3 (fast-check seed ${seed})`, () => {
  it("never violate Agreement, nor any other invariant", () => {
    let behavioursThatChose = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 80 }), (choices) => {
        let chose = false;
        walk(choices, (_s, _a, t) => {
          expect(agreement(ctx, t)).toBe(true);
          for (const invariant of model.invariants) expect(invariant.holds(t), invariant.name).toBe(true);
          chose ||= chosenValues(ctx, t) !== 0;
        });
        if (chose) behavioursThatChose++;
      }),
      { seed, numRuns: 200 },
    );
    // Not vacuous: some random behaviours do choose a value.
    expect(behavioursThatChose).toBeGreaterThan(0);
  });

  it("step never mutates its (deep-frozen) input and is repeatable", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
        walk(choices, (s, a, t) => {
          const frozen = deepFreeze(structuredClone(s));
          expect(model.step(frozen, a)).toEqual(t);
          expect(model.step(frozen, a)).toEqual(t);
          expect(frozen).toEqual(s);
        });
      }),
      { seed, numRuns: 100 },
    );
  });
});
