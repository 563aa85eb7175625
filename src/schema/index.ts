/**
 * Schemas: describe a state once, and get its codec, TLA+ form and symmetry.
 *
 * @module
 */
export * from "./schema.js";
export * from "./scalars.js";
export * from "./compound.js";
export * from "./derive.js";
