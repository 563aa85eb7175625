/**
 * The Two-Phase Commit bug zoo: variants that change one rule of the spec.
 *
 * @module
 */
import type { VariantInfo } from "../protocol.js";
import { type TwoPhaseRules, referenceRules } from "./actions.js";
import type { RMSet } from "./state.js";

/** `Cardinality(set)`. */
function rmCount(set: RMSet): number {
  let n = 0;
  for (let rest = set; rest !== 0; rest &= rest - 1) n++;
  return n;
}

/** A bug-zoo variant: its description and the rules it runs under. */
export interface TwoPhaseVariant extends VariantInfo {
  readonly rules: TwoPhaseRules;
}

export const twoPhaseVariants: readonly TwoPhaseVariant[] = [
  {
    name: "commit-before-all-prepared",
    description: "the TM commits as soon as one RM has prepared, without waiting for the others",
    breaks: "TCConsistent",
    rules: { ...referenceRules, tmMayCommit: (_ctx, s) => s.tmPrepared !== 0 },
    tlaVariant: { module: "TwoPhaseZoo", overrides: ["TMCommit <- CommitBeforeAllPrepared_TMCommit"] },
  },
  {
    name: "commit-one-short",
    description:
      "the TM commits once all RMs but one have prepared (an off-by-one count of tmPrepared), so an RM commits while another is still working, which TCommit forbids",
    breaks: "RefinesTCommit",
    rules: { ...referenceRules, tmMayCommit: (ctx, s) => rmCount(s.tmPrepared) >= ctx.rmCount - 1 },
    tlaVariant: { module: "TwoPhase_CommitOneShort", overrides: ["TMCommit <- CommitOneShort_TMCommit"] },
  },
];
