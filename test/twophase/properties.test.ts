/**
 * Property tests with fast-check over random behaviours of 2PC. The seed is
 * fixed (and shown in the titles) so CI runs are reproducible; a failure
 * prints the shrunk list of choices.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tcConsistent, twoPhaseModel } from "../../src/twophase/index.js";
import type { TwoPhaseAction, TwoPhaseState } from "../../src/twophase/index.js";
import { deepFreeze } from "../support/deep-freeze.js";

const seed = 20261123;
const model = twoPhaseModel({ rmCount: 5 });

/** Follows a random behaviour: each number picks one of the enabled actions. */
function walk(choices: readonly number[], onStep: (s: TwoPhaseState, a: TwoPhaseAction, t: TwoPhaseState) => void): void {
  let state = model.initialStates()[0]!;
  for (const choice of choices) {
    const options: [TwoPhaseAction, TwoPhaseState][] = [];
    model.forEachSuccessor(state, (a, t) => options.push([a, t]));
    if (options.length === 0) return;
    const [action, next] = options[choice % options.length]!;
    onStep(state, action, next);
    state = next;
  }
}

describe(`2PC random behaviours (fast-check seed ${seed})`, () => {
  it("never violate TCConsistent", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
        walk(choices, (_s, _a, t) => expect(tcConsistent(t)).toBe(true));
      }),
      { seed, numRuns: 500 },
    );
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
      { seed, numRuns: 300 },
    );
  });
});
