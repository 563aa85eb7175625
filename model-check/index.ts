/**
 * The explicit-state model checker: breadth-first search with TLC's counting
 * rules, the visited set, traces, and result formatting.
 *
 * @module
 */
export * from "./bfs.js";
export * from "./result.js";
export * from "./replay.js";
export * from "./fingerprint.js";
export * from "./fingerprint-set.js";
export * from "./predecessor-log.js";
export * from "./state-buffer.js";
export * from "./format.js";
export * from "./manifest.js";
export * from "./trace-formats/itf.js";
export * from "./trace-formats/tla.js";
export * as tlc from "./tlc/index.js";
