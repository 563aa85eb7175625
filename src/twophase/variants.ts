/**
 * The Two-Phase Commit bug zoo: variants that change one rule of the spec.
 *
 * @module
 */
import type { VariantInfo } from "../protocol.js";
import { type TwoPhaseRules, referenceRules } from "./actions.js";

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
  },
];
