/**
 * TCommit, the abstract transaction-commit spec (`spec/TCommit.tla`) that
 * Two-Phase Commit refines. Not a registered protocol: it is the abstract
 * side of `RefinesTCommit` (src/twophase/refinement.ts).
 *
 * @module
 */
export * from "./actions.js";
export * from "./codec.js";
export * from "./invariants.js";
export * from "./model.js";
export * from "./state.js";
export * from "./transitions.js";
