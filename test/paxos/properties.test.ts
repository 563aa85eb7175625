/**
 * Property tests with fast-check over random behaviours of Paxos, on
 * configs beyond exhaustive reach: 5 acceptors, 3 values, ballots 0..3 for
 * the invariants, and the largest config the CLI accepts for the codec.
 * The seed is fixed (and shown in the titles) so CI runs are reproducible;
 * a failure prints the shrunk list of choices.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PaxosAction, type PaxosState, agreement, chosenValues, majorities, paxosModel } from "../../src/paxos/index.js";
import { deepFreeze } from "../support/deep-freeze.js";
import type { PaxosModel } from "./support.js";

const seed = 20261123;
const config = { acceptorCount: 5, valueCount: 3, maxBallot: 3 };
const model = paxosModel(config);
const ctx = { config, quorums: majorities(config.acceptorCount) };

/** Follows a random behaviour: each number picks one of the enabled actions. */
function walk(
  choices: readonly number[],
  onStep: (s: PaxosState, a: PaxosAction, t: PaxosState) => void,
  over: PaxosModel = model,
): void {
  let state = over.initialStates()[0]!;
  for (const choice of choices) {
    const options: [PaxosAction, PaxosState][] = [];
    over.forEachSuccessor(state, (a, t) => options.push([a, t]));
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

describe(`Paxos at the largest config, 7 acceptors, 3 values, MaxBallot 4 (fast-check seed ${seed})`, () => {
  const largest = paxosModel({ acceptorCount: 7, valueCount: 3, maxBallot: 4 });
  it("encodes, decodes and converts to TLA+ and back every state of random behaviours", () => {
    const words = new Int32Array(largest.codec.maxWords);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 120 }), (choices) => {
        walk(
          choices,
          (_s, _a, t) => {
            const n = largest.codec.encode(t, words, 0);
            expect(largest.codec.decode(words, 0, n)).toEqual(t);
            expect(largest.fromTla(largest.toTla(t))).toEqual(t);
          },
          largest,
        );
      }),
      { seed, numRuns: 50 },
    );
  });
});
