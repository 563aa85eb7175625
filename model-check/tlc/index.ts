/**
 * The TLC bridge: finding and running TLC, reading what it prints and
 * writes, the twin's own graph explorer, the cross-checks (a)-(e) and the
 * golden results. See docs/tlc-bridge.md.
 *
 * @module
 */
export * from "./tools.js";
export * from "./java.js";
export * from "./workdir.js";
export * from "./tlc-output.js";
export * from "./tlc-run.js";
export * from "./tlc-files.js";
export * from "./tlc-graph.js";
export * from "./line-reader.js";
export * from "./digest.js";
export * from "./fingerprint-index.js";
export * from "./twin-graph.js";
export * from "./compare.js";
export * from "./cfg.js";
export * from "./twin-behaviours.js";
export * from "./trace-check.js";
export * from "./crosscheck.js";
export * from "./golden.js";
export * from "./targets.js";
export * from "./report-text.js";
