/**
 * Voting, the abstract consensus algorithm (`spec/Voting.tla`) that Paxos
 * refines. Not a registered protocol: it is the abstract side of
 * `RefinesVoting` (src/paxos/refinement.ts).
 *
 * @module
 */
export * from "./actions.js";
export * from "./codec.js";
export * from "./config.js";
export * from "./invariants.js";
export * from "./model.js";
export * from "./state.js";
export * from "./transitions.js";
