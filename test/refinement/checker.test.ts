/**
 * model-check/refinement.ts on hand-built transitions of 2PC with 3 RMs: a
 * step whose mapping is no TCommit step is refused, a stutter and a real
 * TCommit step are accepted, and only TCInit's mapping passes the initial
 * test; and a search adds the step test to its action properties only when
 * asked to check the refinement.
 */
import { describe, expect, it } from "vitest";
import { checkedActionProperties, refinementCheck } from "../../model-check/refinement.js";
import type { TwinAction } from "../../src/protocol.js";
import { type TwoPhaseAction, type TwoPhaseState, initialState, twoPhaseModel } from "../../src/twophase/index.js";
import { twoPhaseRefinement } from "../../src/twophase/refinement.js";

const check = refinementCheck<TwoPhaseState, TwoPhaseAction, unknown>(twoPhaseRefinement(3));
const init = initialState(3);
const withRMs = (s: TwoPhaseState, rmState: TwoPhaseState["rmState"]): TwoPhaseState => ({ ...s, rmState });
// The action is not read by the property: only the two states are.
const anyAction: TwoPhaseAction = { type: "TMAbort" };

describe("refinementCheck on RefinesTCommit", () => {
  it("is named after the refinement", () => {
    expect(check.name).toBe("RefinesTCommit");
    expect(check.property.name).toBe("RefinesTCommit");
  });

  it("refuses a transition whose mapping is no TCommit step: an RM goes from working to committed", () => {
    expect(check.property.holds(init, anyAction, withRMs(init, ["committed", "working", "working"]))).toBe(false);
  });

  it("refuses one that is two TCommit steps at once: two RMs prepare together", () => {
    expect(check.property.holds(init, anyAction, withRMs(init, ["prepared", "prepared", "working"]))).toBe(false);
  });

  it("refuses a commit while an RM is still working (Decide's canCommit is false)", () => {
    const from = withRMs(init, ["prepared", "prepared", "working"]);
    expect(check.property.holds(from, anyAction, withRMs(init, ["committed", "prepared", "working"]))).toBe(false);
  });

  it("accepts a stutter: the TM decides, rmState stays as it is", () => {
    const next: TwoPhaseState = { ...init, tmState: "aborted", msgs: { ...init.msgs, abort: true } };
    expect(check.property.holds(init, anyAction, next)).toBe(true);
  });

  it("accepts a TCommit step: one RM prepares", () => {
    expect(check.property.holds(init, anyAction, withRMs(init, ["working", "prepared", "working"]))).toBe(true);
  });

  it("accepts TCInit's mapping as initial, and nothing else", () => {
    expect(check.initialHolds(init)).toBe(true);
    expect(check.initialHolds(withRMs(init, ["prepared", "working", "working"]))).toBe(false);
  });
});

describe("checkedActionProperties", () => {
  const model = twoPhaseModel({ rmCount: 3 });

  it("with the refinement asked for, adds its step test after the model's own action properties", () => {
    expect(checkedActionProperties(model, true).map((p) => p.name)).toEqual([...model.actionProperties.map((p) => p.name), "RefinesTCommit"]);
  });

  it("without it (the default of every search), is the model's own action properties, though the model claims one", () => {
    expect(model.refinement?.name).toBe("RefinesTCommit");
    expect(checkedActionProperties(model, false)).toBe(model.actionProperties);
  });

  it("asked for on a model that claims no refinement, is the model's own action properties", () => {
    const without = { ...model, refinement: undefined };
    expect(checkedActionProperties<TwoPhaseState, TwinAction>(without, true)).toBe(without.actionProperties);
  });
});
