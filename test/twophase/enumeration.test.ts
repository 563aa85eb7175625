/**
 * 2PC's enumeration (its fixed candidates' functions looked up in the
 * action table once, for speed) yields exactly what `step` yields over the
 * list of every action, in that list's order, on every reachable state of
 * small configs.
 */
import { describe, expect, it } from "vitest";
import { twoPhaseActions, twoPhaseModel } from "../../src/twophase/index.js";
import { twoPhaseVariants } from "../../src/twophase/variants.js";
import { exploreReference } from "../support/reference-explorer.js";

describe.each([1, 2, 3, 4])("2PC with %i RMs", (rmCount) => {
  for (const variant of [undefined, ...twoPhaseVariants]) {
    it(`enumerates step over every action, in order (${variant?.name ?? "reference"})`, () => {
      const model = twoPhaseModel({ rmCount }, variant?.rules);
      for (const s of exploreReference(model).states.values()) {
        const enumerated: unknown[] = [];
        model.forEachSuccessor(s, (a, t) => enumerated.push([a, t]));
        const expected = twoPhaseActions(rmCount).flatMap((a) => {
          const t = model.step(s, a);
          return t === undefined ? [] : [[a, t]];
        });
        expect(enumerated).toEqual(expected);
      }
    });
  }
});
