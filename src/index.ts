/**
 * tla-twin's public API: the protocol contract, the TLA+ value model, the
 * registry, and each protocol's twin.
 *
 * @module
 */
export * from "./protocol.js";
export * from "./action-table.js";
export * from "./tla/value.js";
export * from "./tla/parse.js";
export * from "./registry.js";
export * as twophase from "./twophase/index.js";
export * as paxos from "./paxos/index.js";
export * as raft from "./raft/index.js";
