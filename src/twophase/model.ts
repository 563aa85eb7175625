/**
 * Two-Phase Commit as a {@link Model} for the checker: its transitions
 * (src/twophase/transitions.ts), invariants, codec and TLA+ conversions.
 *
 * @module
 */
import { transitionsOf } from "../action-table.js";
import type { Model } from "../protocol.js";
import { modelValueSetsOf, namesOf } from "../protocol.js";
import { tlaModelValue } from "../tla/value.js";
import { type TwoPhaseAction, type TwoPhaseContext, type TwoPhaseRules, referenceRules } from "./actions.js";
import { twoPhaseCodec } from "./codec.js";
import { twoPhaseInvariants } from "./invariants.js";
import { twoPhaseRefinement } from "./refinement.js";
import { twoPhaseWitnesses } from "./witnesses.js";
import { type TwoPhaseState, initialState, rmName } from "./state.js";
import { twoPhaseSymmetry } from "./symmetry.js";
import { twoPhaseTransitions } from "./transitions.js";
import { twoPhaseFromTla, twoPhaseToTla, twoPhaseVariables } from "./tla.js";

/** A validated 2PC config. */
export interface TwoPhaseConfig {
  /** How many resource managers, 1..12. */
  readonly rmCount: number;
}

/**
 * The model of the spec with `config`, under the given rules (the spec's
 * unless a bug-zoo variant replaces one).
 */
export function twoPhaseModel(
  config: TwoPhaseConfig,
  rules: TwoPhaseRules = referenceRules,
): Model<TwoPhaseState, TwoPhaseAction> {
  const { rmCount } = config;
  const ctx: TwoPhaseContext = { rmCount, rules };
  return {
    protocol: "twophase",
    configLabel: `rm=${rmCount}`,
    tlaModule: "TwoPhase",
    tlaVariables: twoPhaseVariables,
    initialStates: () => [initialState(rmCount)],
    ...transitionsOf(twoPhaseTransitions(ctx)),
    invariants: twoPhaseInvariants(rmCount),
    actionProperties: [],
    constraint: undefined,
    witnesses: twoPhaseWitnesses,
    refinement: twoPhaseRefinement(rmCount),
    codec: twoPhaseCodec(rmCount),
    symmetry: twoPhaseSymmetry(rmCount),
    toTla: (s) => twoPhaseToTla(rmCount, s),
    fromTla: (v) => twoPhaseFromTla(rmCount, v),
    modelValues: modelValueSetsOf({ RM: namesOf(rmCount, rmName) }),
    tlcModel: () => ({ module: "TwoPhase", cfg: twoPhaseTlcConfig(rmCount), goalsModule: "TwoPhaseGoals" }),
    actionLabel: (a) => ({
      name: a.type,
      params: "rm" in a ? [["r", tlaModelValue(rmName(a.rm))] as const] : [],
      witnesses: [],
    }),
  };
}

/** The TLC config for `rmCount` RMs; the shipped `spec/TwoPhase_rm<N>.cfg` files are exactly this text. */
export function twoPhaseTlcConfig(rmCount: number): string {
  const rms = Array.from({ length: rmCount }, (_, rm) => rmName(rm)).join(", ");
  return [
    `\\* Two-Phase Commit with ${rmCount} resource managers (model values).`,
    `CONSTANT RM = {${rms}}`,
    "SPECIFICATION Spec",
    "INVARIANT TypeOK",
    "INVARIANT TCConsistent",
    "",
  ].join("\n");
}
