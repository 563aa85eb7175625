/**
 * Two-Phase Commit (Gray and Lamport), spec `spec/TwoPhase.tla`.
 *
 * @module
 */
import { type Protocol, findVariant } from "../protocol.js";
import type { TwoPhaseAction } from "./actions.js";
import { maxEncodedRMs } from "./codec.js";
import { twoPhaseModel } from "./model.js";
import type { TwoPhaseState } from "./state.js";
import { twoPhaseVariants } from "./variants.js";
import { twoPhaseWitnesses } from "./witnesses.js";

export * from "./actions.js";
export * from "./state.js";
export * from "./model.js";
export * from "./transitions.js";
export * from "./invariants.js";
export * from "./codec.js";
export * from "./tla.js";
export * from "./variants.js";
export * from "./symmetry.js";
export * from "./witnesses.js";

/** The protocol entry for the CLI and the registry. */
export const twoPhase: Protocol<TwoPhaseState, TwoPhaseAction> = {
  name: "twophase",
  title: "Two-Phase Commit",
  tlaModule: "TwoPhase",
  options: [{ flag: "rm", description: "number of resource managers", min: 1, max: maxEncodedRMs, default: 3 }],
  presets: [3, 4, 5, 6, 7, 8].map((n) => ({
    name: `rm${n}`,
    options: { rm: n },
    quick: n <= 7,
    witnesses: twoPhaseWitnesses.map((w) => w.name),
  })),
  variants: twoPhaseVariants,
  model(options, variant) {
    const rmCount = options["rm"] ?? 3;
    if (variant === undefined) return twoPhaseModel({ rmCount });
    return twoPhaseModel({ rmCount }, findVariant("twophase", twoPhaseVariants, variant).rules);
  },
};
