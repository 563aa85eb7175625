/**
 * The explicit-state model checker: breadth-first search with TLC's counting
 * rules (in one thread or on worker threads), depth-first search, random
 * simulation, symmetry reduction, the visited set, traces, checkpoints of
 * breadth-first searches, and result formatting.
 *
 * @module
 */
export * from "./bfs.js";
export * from "./dfs.js";
export * from "./simulate.js";
export * from "./random.js";
export * from "./depth-table.js";
export * from "./model-source.js";
export * from "./parallel/parallel-bfs.js";
export * from "./checkpoint/checkpointing.js";
export * from "./checkpoint/snapshot.js";
export * from "./checkpoint/identity.js";
export * from "./checkpoint/code-version.js";
export * from "./checkpoint/binary-files.js";
export * from "./result.js";
export * from "./stop.js";
export * from "./contract-check.js";
export * from "./replay.js";
export * from "./fingerprint.js";
export * from "./fingerprint-set.js";
export * from "./fingerprint-table.js";
export * from "./fingerprint-slots.js";
export * from "./predecessor-log.js";
export * from "./frontier.js";
export * from "./expander.js";
export * from "./found.js";
export * from "./shared-fingerprint-table.js";
export * from "./format.js";
export * from "./manifest.js";
export * from "./spec-map.js";
export * from "./witnesses.js";
export * from "./refinement.js";
export * from "./shipped-check.js";
export * from "./trace-formats/itf.js";
export * from "./trace-formats/tla.js";
export * from "./trace-formats/tla-expression.js";
export * as tlc from "./tlc/index.js";
