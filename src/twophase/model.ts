/**
 * Two-Phase Commit as a {@link Model} for the checker: enumeration of enabled
 * actions, the single-step function, invariants, codec and TLA+ conversions.
 *
 * @module
 */
import { match } from "ts-pattern";
import type { Model } from "../protocol.js";
import { tlaModelValue } from "../tla/value.js";
import {
  type TwoPhaseAction,
  type TwoPhaseContext,
  type TwoPhaseRules,
  referenceRules,
  rmChooseToAbort,
  rmPrepare,
  rmRcvAbortMsg,
  rmRcvCommitMsg,
  tmAbort,
  tmCommit,
  tmRcvPrepared,
} from "./actions.js";
import { twoPhaseCodec } from "./codec.js";
import { twoPhaseInvariants } from "./invariants.js";
import { twoPhaseRefinement } from "./refinement.js";
import { twoPhaseWitnesses } from "./witnesses.js";
import { type TwoPhaseState, initialState, rmName } from "./state.js";
import { twoPhaseSymmetry } from "./symmetry.js";
import { twoPhaseFromTla, twoPhaseToTla, twoPhaseVariables } from "./tla.js";

/** A validated 2PC config. */
export interface TwoPhaseConfig {
  /** How many resource managers, 1..12. */
  readonly rmCount: number;
}

/**
 * `step`: performs one given action. Dispatch is exhaustive over the action
 * union (a new action type that is not handled here fails to compile).
 */
export function twoPhaseStep(ctx: TwoPhaseContext, s: TwoPhaseState, a: TwoPhaseAction): TwoPhaseState | undefined {
  return match(a)
    .with({ type: "TMRcvPrepared" }, ({ rm }) => tmRcvPrepared(ctx, s, rm))
    .with({ type: "TMCommit" }, () => tmCommit(ctx, s))
    .with({ type: "TMAbort" }, () => tmAbort(ctx, s))
    .with({ type: "RMPrepare" }, ({ rm }) => rmPrepare(ctx, s, rm))
    .with({ type: "RMChooseToAbort" }, ({ rm }) => rmChooseToAbort(ctx, s, rm))
    .with({ type: "RMRcvCommitMsg" }, ({ rm }) => rmRcvCommitMsg(ctx, s, rm))
    .with({ type: "RMRcvAbortMsg" }, ({ rm }) => rmRcvAbortMsg(ctx, s, rm))
    .exhaustive();
}

/**
 * Every action the spec's `Next` can take, in enumeration order. The actions
 * of 2PC have no existentials beyond the RM, so the list depends only on the
 * config and is built once; the checker reuses the same action objects.
 */
export function twoPhaseActions(rmCount: number): readonly TwoPhaseAction[] {
  const actions: TwoPhaseAction[] = [{ type: "TMCommit" }, { type: "TMAbort" }];
  for (let rm = 0; rm < rmCount; rm++) {
    actions.push(
      { type: "TMRcvPrepared", rm },
      { type: "RMPrepare", rm },
      { type: "RMChooseToAbort", rm },
      { type: "RMRcvCommitMsg", rm },
      { type: "RMRcvAbortMsg", rm },
    );
  }
  return actions;
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
  const actions = twoPhaseActions(rmCount);
  return {
    protocol: "twophase",
    configLabel: `rm=${rmCount}`,
    tlaModule: "TwoPhase",
    tlaVariables: twoPhaseVariables,
    initialStates: () => [initialState(rmCount)],
    forEachSuccessor(s, visit) {
      // Calls each action function directly, in the order of `twoPhaseActions`,
      // rather than through `step`: ts-pattern's matcher costs about 0.8 µs a
      // call (measured), more than a whole 2PC step, and even a switch on the
      // action's name costs string comparisons on every one of the 2 + 5n
      // actions tried per state. test/twophase/enumeration.test.ts checks
      // that this yields exactly `step` over `twoPhaseActions`, in order.
      let next = tmCommit(ctx, s);
      if (next !== undefined) visit(actions[0]!, next);
      next = tmAbort(ctx, s);
      if (next !== undefined) visit(actions[1]!, next);
      for (let rm = 0, at = 2; rm < rmCount; rm++, at += 5) {
        next = tmRcvPrepared(ctx, s, rm);
        if (next !== undefined) visit(actions[at]!, next);
        next = rmPrepare(ctx, s, rm);
        if (next !== undefined) visit(actions[at + 1]!, next);
        next = rmChooseToAbort(ctx, s, rm);
        if (next !== undefined) visit(actions[at + 2]!, next);
        next = rmRcvCommitMsg(ctx, s, rm);
        if (next !== undefined) visit(actions[at + 3]!, next);
        next = rmRcvAbortMsg(ctx, s, rm);
        if (next !== undefined) visit(actions[at + 4]!, next);
      }
    },
    step: (s, a) => twoPhaseStep(ctx, s, a),
    invariants: twoPhaseInvariants(rmCount),
    actionProperties: [],
    constraint: undefined,
    witnesses: twoPhaseWitnesses,
    refinement: twoPhaseRefinement(rmCount),
    codec: twoPhaseCodec(rmCount),
    symmetry: twoPhaseSymmetry(rmCount),
    toTla: (s) => twoPhaseToTla(rmCount, s),
    fromTla: (v) => twoPhaseFromTla(rmCount, v),
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
