/**
 * Protocols and models from declarations: a state schema, a table of
 * actions with declared parameters, named invariants.
 *
 * @module
 */
export * from "./params.js";
export * from "./define-model.js";
export * from "./define-protocol.js";
